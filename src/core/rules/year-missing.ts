import { formatFiscalYear } from '../years';
import type { SheetPlan } from '../plan/types';
import { defineRule, grid, type Report, type RuleContext } from './rule';

/**
 * 年度の欠落: a year column missing between the first year and the report year (the sheet
 * lacks the year), or a program whose block for a year is blank. `-`, `—`, `未実施` and
 * `該当なし` are entries, not blanks.
 */
type YearMissingMessages = {
  noColumn: { year: number };
  blank: { year: number; program: string; department: string | null };
  noRecord: { year: number; program: string; department: string | null };
};

export const yearMissing = defineRule<RuleContext, YearMissingMessages>({
  id: 'year-missing',
  kind: 'check',
  title: { ja: '年度の記入漏れ', en: 'Year missing' },
  severity: 'error',
  description: {
    ja: '初年度から報告年度までの年度の列（1年度1行の表では年度の行）がない、または事業の年度欄が空欄です。',
    en: 'A year column (in a table of one row per year, a row for the year) between the first year and the report year is absent, or a program left a year blank.',
  },
  messages: {
    noColumn: {
      ja: (p) => `${formatFiscalYear(p.year, 'ja')}の列がありません。初年度から報告年度までの各年度の欄を設けてください。`,
      en: (p) => `There is no column for ${formatFiscalYear(p.year, 'en')}. Every year from the first to the report year needs its columns.`,
    },
    noRecord: {
      ja: (p) =>
        `「${p.program}」${p.department ? `（${p.department}）` : ''}の${formatFiscalYear(p.year, 'ja')}の記録（行）がありません。この年度の行を追加してください。`,
      en: (p) =>
        `"${p.program}"${p.department ? ` (${p.department})` : ''} has no record (row) for ${formatFiscalYear(p.year, 'en')}. Add the year's row.`,
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
      if (plan.records) noRecords(plan, context.reportYear, report);
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

/**
 * Years as rows: a program with records from some year on lacks a record for a year between
 * its first one and the report year (a new program's earlier years are not asked for). Pointed
 * at the year cell of its latest record before the gap.
 */
function noRecords(plan: SheetPlan, reportYear: number | null, report: Report<YearMissingMessages>): void {
  const records = plan.records;
  if (!records) return;
  const last = reportYear ?? records.year;
  for (const program of records.programs) {
    if (program.years.length === 0) continue;
    const present = new Set([...program.years.map((y) => y.year), ...(program.hiddenYears ?? [])]);
    for (let y = program.years[0].year; y <= last; y++) {
      if (present.has(y)) continue;
      const before = [...program.years].reverse().find((e) => e.year < y);
      const row = before ? before.records[before.records.length - 1].row : null;
      report({
        messageId: 'noRecord',
        at: grid({ sheet: plan.sheet, row, col: row !== null ? records.yearCol : null, year: y, department: program.department, program: program.name, ...(program.node ? { node: program.node } : {}) }),
        params: { year: y, program: program.name, department: program.department },
      });
    }
  }
}
