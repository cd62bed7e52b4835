import { conflicts } from '../resubmission';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/** What every conflict says: the program, both grades, the file whose grade is counted. */
interface Conflict {
  program: string;
  department: string;
  grade: string;
  usedGrade: string;
  usedFile: string;
}

const head = {
  ja: (p: Conflict) => `「${p.program}」（${p.department}）は「${p.usedFile}」でも報告されていて、評価が異なります（このファイル ${p.grade}、「${p.usedFile}」 ${p.usedGrade}）。集計には「${p.usedFile}」の評価を使っています`,
  en: (p: Conflict) => `"${p.program}" (${p.department}) is also reported in "${p.usedFile}" with another grade (${p.grade} here, ${p.usedGrade} there). The summary uses "${p.usedFile}"`,
};

/**
 * Two files report the same program for the same department with different grades: only one
 * can be right. The summary counts the preferred file's (a resubmission, the newer by its name,
 * else the first read — resubmission.ts); the finding sits on the row that was not counted and
 * says which file was used and why (one messageId per reason). Same grade twice is not a conflict.
 */
export const duplicateProgram = defineRule<
  ConsolidationContext,
  { resubmission: Conflict & { marker: string }; newer: Conflict & { marker: string }; first: Conflict }
>({
  id: 'duplicate-program',
  kind: 'consolidate',
  title: { ja: '事業の重複', en: 'Program reported twice' },
  severity: 'error',
  description: {
    ja: '同じ事業・同じ担当課の報告が複数のファイルにあり、評価が異なります。',
    en: 'Two files report the same program for the same department with different grades.',
  },
  messages: {
    resubmission: {
      ja: (p) => `${head.ja(p)}（ファイル名に「${p.marker}」とあり、再提出されたものとみなしました）。違っていれば担当課に確認してください。`,
      en: (p) => `${head.en(p)} (its name says "${p.marker}": taken as the resubmission); confirm with the department if that is wrong.`,
    },
    newer: {
      ja: (p) => `${head.ja(p)}（ファイル名の「${p.marker}」から新しい版とみなしました）。違っていれば担当課に確認してください。`,
      en: (p) => `${head.en(p)} ("${p.marker}" in its name marks the newer version); confirm with the department if that is wrong.`,
    },
    first: {
      ja: (p) => `${head.ja(p)}（先に読み込んだファイルです。再提出なら、ファイル名に「再提出」「修正版」などを付けてください）。どちらが正しいか担当課に確認してください。`,
      en: (p) => `${head.en(p)} (it was read first; name a resubmission with 再提出 or 修正版). Confirm which is right.`,
    },
  },
  check(context, report) {
    for (const c of conflicts(context.rows, context.files)) {
      const used = c.rows.find((r) => r.file === c.used.file && r.gradeKey !== '');
      if (!used) continue;
      for (const row of c.rows) {
        if (row.file === used.file || row.gradeKey === '' || row.gradeKey === used.gradeKey) continue;
        const at = { file: row.file, sheet: row.sheet, cell: row.cell, row: row.row, department: row.department, program: row.name, node: row.node };
        const params: Conflict = {
          program: row.name || row.path,
          department: row.department ?? '',
          grade: row.grade.trim() || '（空欄）',
          usedGrade: used.grade.trim() || '（空欄）',
          usedFile: used.file,
        };
        if (c.why.kind === 'first') report({ messageId: 'first', at, params });
        else report({ messageId: c.why.kind, at, params: { ...params, marker: c.why.marker } });
      }
    }
  },
});
