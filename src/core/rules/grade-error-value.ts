import { defineRule, grid, type RuleContext } from './rule';
import { gradeCells } from './grade-cells';

/**
 * An Excel error value (`#N/A`, `#REF!`, `#DIV/0!`) where a grade should be: a broken formula
 * or reference, not a grade a person typed wrongly — its own finding, pointing at the cell.
 */
export const gradeErrorValue = defineRule<RuleContext, { error: { value: string; program: string; department: string | null; previous: boolean } }>({
  id: 'grade-error-value',
  kind: 'check',
  title: { ja: '評価欄のエラー値', en: 'Error value in a grade cell' },
  severity: 'error',
  description: {
    ja: '評価欄にExcelのエラー値（#N/A、#REF! など）が表示されています。',
    en: 'A grade cell shows an Excel error value (#N/A, #REF! …).',
  },
  messages: {
    error: {
      ja: (p) =>
        `「${p.program}」${p.department ? `（${p.department}）` : ''}の${p.previous ? '前年度評価' : '評価'}欄がエラー値「${p.value}」を表示しています。数式や参照先（削除された行・シートなど）を確認してください。`,
      en: (p) =>
        `The ${p.previous ? 'previous-year grade' : 'grade'} cell of "${p.program}"${p.department ? ` (${p.department})` : ''} shows the error value ${p.value}. Check its formula and what it refers to (a deleted row or sheet).`,
    },
  },
  check(context, report) {
    for (const { plan, node, entry, cell, previous } of gradeCells(context)) {
      if (cell.parsed.kind !== 'error') continue;
      report({ messageId: 'error', at: grid({ sheet: plan.sheet, row: cell.row, col: cell.col, department: entry.department, program: node.name, node: node.key }), params: { value: cell.parsed.text, program: node.name || node.path, department: entry.department, previous } });
    }
  },
});
