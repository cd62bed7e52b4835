import { totalCount, type GradeLabel } from '../scale';
import { countGrades, sheetUnits } from '../plan/units';
import { defineRule, grid, type RuleContext } from './rule';

/** An existing 評価総括表 whose counts do not match the grades in the sheet it summarises. */
export const summaryCountMismatch = defineRule<
  RuleContext,
  { grade: { grade: GradeLabel; stated: number | null; actual: number; source: string }; total: { stated: number | null; actual: number; source: string } }
>({
  id: 'summary-count-mismatch',
  kind: 'check',
  title: { ja: '評価総括表の件数の不一致', en: 'Summary table count differs' },
  severity: 'error',
  description: {
    ja: '評価総括表の件数が、評価シートの評価の数と一致しません（再掲は1件として数えます）。',
    en: 'A 評価総括表 count differs from the grades in the sheet it summarises (再掲 counted once).',
  },
  messages: {
    grade: {
      ja: (p) => `評価総括表の${p.grade}の件数${p.stated ?? '（空欄）'}件が、「${p.source}」で${p.grade}と評価された${p.actual}件と一致しません（再掲は1件として数えています）。`,
      en: (p) => `The 評価総括表 says ${p.stated ?? '(blank)'} for grade ${p.grade}, but "${p.source}" has ${p.actual} graded ${p.grade} (再掲 counted once).`,
    },
    total: {
      ja: (p) => `評価総括表の合計${p.stated ?? '（空欄）'}件が、「${p.source}」の評価済み施策数${p.actual}件と一致しません。`,
      en: (p) => `The 評価総括表 total says ${p.stated ?? '(blank)'}, but "${p.source}" has ${p.actual} graded items.`,
    },
  },
  check(context, report) {
    for (const layout of context.layouts) {
      const table = layout.summaryTable;
      if (!table) continue;
      const plan = context.summarySources.get(table) ?? null;
      if (!plan) continue; // layout-uncertain says so
      const counts = countGrades(sheetUnits(plan), plan.scale);
      for (const g of table.gradeRows) {
        if (g.unverified) continue; // a formula without a result: layout-uncertain says it could not be verified
        if (g.count !== (counts[g.grade] ?? 0)) {
          report({ messageId: 'grade', at: grid({ sheet: table.sheet, row: g.row, col: g.countCol }), params: { grade: g.grade, stated: g.count, actual: counts[g.grade] ?? 0, source: plan.sheet } });
        }
      }
      if (table.total && !table.total.unverified) {
        const actual = totalCount(counts);
        if (table.total.count !== actual) {
          report({ messageId: 'total', at: grid({ sheet: table.sheet, row: table.total.row, col: table.total.countCol }), params: { stated: table.total.count, actual, source: plan.sheet } });
        }
      }
    }
  },
});
