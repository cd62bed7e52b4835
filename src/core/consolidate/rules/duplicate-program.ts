import { conflicts, type Preference } from '../resubmission';
import { defineConsolidationRule } from './rule';

/**
 * Two files report the same program for the same department with different grades: only one
 * can be right. The summary counts the preferred file's (a resubmission, the newer by its name,
 * else the first read — resubmission.ts); the finding sits on the row that was not counted and
 * says which file was used and why. Same grade twice is not a conflict.
 */
export const duplicateProgram = defineConsolidationRule<{
  program: string;
  department: string;
  grade: string;
  usedGrade: string;
  file: string;
  usedFile: string;
  why: Preference;
}>({
  id: 'duplicate-program',
  severity: 'error',
  description: {
    ja: '同じ事業・同じ担当課の報告が複数のファイルにあり、評価が異なります。',
    en: 'Two files report the same program for the same department with different grades.',
  },
  message: {
    ja: (p) =>
      `「${p.program}」（${p.department}）は「${p.usedFile}」でも報告されていて、評価が異なります（このファイル ${p.grade}、「${p.usedFile}」 ${p.usedGrade}）。集計には「${p.usedFile}」の評価を使っています（${whyJa(p.why)}）。違っていれば担当課に確認してください。`,
    en: (p) =>
      `"${p.program}" (${p.department}) is also reported in "${p.usedFile}" with another grade (${p.grade} here, ${p.usedGrade} there). The summary uses "${p.usedFile}" (${whyEn(p.why)}); confirm with the department if that is wrong.`,
  },
  check(context, emit) {
    for (const c of conflicts(context.rows, context.files)) {
      const used = c.rows.find((r) => r.file === c.used.file && r.gradeKey !== '');
      if (!used) continue;
      for (const row of c.rows) {
        if (row.file === used.file || row.gradeKey === '' || row.gradeKey === used.gradeKey) continue;
        emit(
          { file: row.file, sheet: row.sheet, cell: row.cell, row: row.row, department: row.department, program: row.name },
          {
            program: row.name || row.path,
            department: row.department ?? '',
            grade: row.grade.trim() || '（空欄）',
            usedGrade: used.grade.trim() || '（空欄）',
            file: row.file,
            usedFile: used.file,
            why: c.why,
          },
        );
      }
    }
  },
});

function whyJa(why: Preference): string {
  if (why.kind === 'resubmission') return `ファイル名に「${why.marker}」とあり、再提出されたものとみなしました`;
  if (why.kind === 'newer') return `ファイル名の「${why.marker}」から新しい版とみなしました`;
  return '先に読み込んだファイルです。再提出なら、ファイル名に「再提出」「修正版」などを付けてください';
}

function whyEn(why: Preference): string {
  if (why.kind === 'resubmission') return `its name says "${why.marker}": taken as the resubmission`;
  if (why.kind === 'newer') return `"${why.marker}" in its name marks the newer version`;
  return 'it was read first; name a resubmission with 再提出 or 修正版';
}
