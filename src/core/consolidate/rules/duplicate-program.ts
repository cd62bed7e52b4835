import { programIdentity } from '../rows';
import type { MergedRow } from '../types';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/**
 * Two files report the same program for the same department with different grades: only one
 * can be right, and the summary counts the first file's. Same grade twice is not a conflict.
 */
export const duplicateProgram = defineRule<ConsolidationContext, { conflict: { program: string; department: string; grade: string; otherGrade: string; otherFile: string } }>({
  id: 'duplicate-program',
  severity: 'error',
  description: {
    ja: '同じ事業・同じ担当課の報告が複数のファイルにあり、評価が異なります。',
    en: 'Two files report the same program for the same department with different grades.',
  },
  messages: {
    conflict: {
      ja: (p) =>
        `「${p.program}」（${p.department}）は「${p.otherFile}」でも報告されていて、評価が異なります（こちら ${p.grade}、向こう ${p.otherGrade}）。どちらが正しいか担当課に確認してください。集計には「${p.otherFile}」の評価を使っています。`,
      en: (p) =>
        `"${p.program}" (${p.department}) is also reported in "${p.otherFile}" with another grade (${p.grade} here, ${p.otherGrade} there). Confirm which is right; the summary uses "${p.otherFile}".`,
    },
  },
  check(context, report) {
    const first = new Map<string, MergedRow>();
    const current = new Set(context.files.filter((f) => f.status === 'ok').map((f) => f.file));
    for (const row of context.rows) {
      if (!current.has(row.file) || row.departmentKey === '') continue;
      const key = `${programIdentity(row)}|${row.departmentKey}`;
      const original = first.get(key);
      if (!original) {
        first.set(key, row);
        continue;
      }
      if (original.file === row.file || row.gradeKey === '' || original.gradeKey === '' || row.gradeKey === original.gradeKey) continue;
      report({ messageId: 'conflict', at: { file: row.file, sheet: row.sheet, cell: row.cell, row: row.row, department: row.department, program: row.name, node: row.node }, params: { program: row.name || row.path, department: row.department ?? '', grade: row.grade.trim() || '（空欄）', otherGrade: original.grade.trim() || '（空欄）', otherFile: original.file } });
    }
  },
});
