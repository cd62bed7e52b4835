import { conflictingYears } from '../plan/long';
import { formatFiscalYear } from '../years';
import { defineRule, grid, type RuleContext } from './rule';

/**
 * Years as rows (one record per program × year): two records of the same program (and
 * department) for the same year that give different grades. Which one counts cannot be told;
 * pointed at the later record's grade cell.
 */
export const recordConflict = defineRule<RuleContext, { conflict: { program: string; department: string | null; year: number; grades: string[]; rows: number[] } }>({
  id: 'record-conflict',
  kind: 'check',
  title: { ja: '同じ年度の記録の食い違い', en: 'Conflicting records for one year' },
  severity: 'error',
  description: {
    ja: '1年度1行の表で、同じ事業・同じ年度の行が複数あり、評価が食い違っています。',
    en: 'In a table of one row per program and year, two rows for the same program and year give different grades.',
  },
  messages: {
    conflict: {
      ja: (p) =>
        `「${p.program}」${p.department ? `（${p.department}）` : ''}の${formatFiscalYear(p.year, 'ja')}の行が${p.rows.length}行（${p.rows.join('・')}行目）あり、評価が「${p.grades.join('」「')}」と食い違っています。正しい1行を残してください。`,
      en: (p) =>
        `"${p.program}"${p.department ? ` (${p.department})` : ''} has ${p.rows.length} rows for ${formatFiscalYear(p.year, 'en')} (rows ${p.rows.join(', ')}) with different grades: ${p.grades.map((g) => `"${g}"`).join(', ')}. Keep the one right row.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      const records = plan.records;
      if (!records || records.gradeCol === null) continue;
      for (const program of records.programs) {
        for (const { year, records: rows, grades } of conflictingYears(program, plan.scale)) {
          const at = rows[rows.length - 1].row;
          report({
            messageId: 'conflict',
            at: grid({ sheet: plan.sheet, row: at, col: records.gradeCol, year, department: program.department, program: program.name, ...(program.node ? { node: program.node } : {}) }),
            params: { program: program.name, department: program.department, year, grades, rows: rows.map((r) => r.row + 1) },
          });
        }
      }
    }
  },
});
