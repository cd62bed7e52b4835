import { formatFiscalYear } from '../years';
import { defineRule, grid, type RuleContext } from './rule';

/**
 * 年度の欠落: a year column missing between the first year and the report year (the sheet
 * lacks the year), or a program whose block for a year is blank. `-`, `—`, `未実施` and
 * `該当なし` are entries, not blanks.
 */
export const yearMissing = defineRule<RuleContext, { noColumn: { year: number }; blank: { year: number; program: string; department: string | null } }>({
  id: 'year-missing',
  kind: 'check',
  title: { ja: '年度の記入漏れ', en: 'Year missing' },
  severity: 'error',
  description: {
    ja: '初年度から報告年度までの年度の列がない、または事業の年度欄が空欄です。',
    en: 'A year column between the first year and the report year is absent, or a program left a year blank.',
  },
  messages: {
    noColumn: {
      ja: (p) => `${formatFiscalYear(p.year, 'ja')}の列がありません。初年度から報告年度までの各年度の欄を設けてください。`,
      en: (p) => `There is no column for ${formatFiscalYear(p.year, 'en')}. Every year from the first to the report year needs its columns.`,
    },
    blank: {
      ja: (p) =>
        `「${p.program}」${p.department ? `（${p.department}）` : ''}の${formatFiscalYear(p.year, 'ja')}の欄が空欄です。実施状況を記入してください（該当しない場合は「-」）。`,
      en: (p) =>
        `"${p.program}"${p.department ? ` (${p.department})` : ''} has nothing entered for ${formatFiscalYear(p.year, 'en')}. Fill it in ("-" if it does not apply).`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      if (plan.years.length === 0) continue;
      const first = plan.years[0];
      const last = Math.max(context.reportYear ?? plan.years[plan.years.length - 1], first);
      const present = new Set(plan.years);
      const headerRow = plan.layout.headerRows[plan.layout.headerRows.length - 1] ?? null;
      for (let y = first; y <= last; y++) {
        if (!present.has(y)) report({ messageId: 'noColumn', at: grid({ sheet: plan.sheet, row: headerRow, col: null, year: y }), params: { year: y } });
      }
      for (const node of plan.nodes) {
        if (node.children.length > 0 || node.repostOf) continue;
        for (const entry of node.entries) {
          if (entry.repost) continue;
          for (const block of entry.years) {
            if (!block.blank || block.year > last) continue;
            report({
              messageId: 'blank',
              at: grid({ sheet: plan.sheet, row: block.first.row, col: block.first.col, year: block.year, department: entry.department, program: node.name, node: node.key }),
              params: { year: block.year, program: node.name || node.path, department: entry.department },
            });
          }
        }
      }
    }
  },
});
