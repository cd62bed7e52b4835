import { defineComparisonRule, lastYearWords, previousCell, subject, type PreviousCell, type ComparisonLocation } from './rule';

type Params = { program: string; lastYear: number | null } & PreviousCell;

/** Marked 【新規】 this year, though the program existed last year without the mark. */
export const newMarkStale = defineComparisonRule<{ stale: Params }>({
  id: 'new-mark-stale',
  kind: 'compare',
  title: { ja: '【新規】の付け残し', en: '【新規】 mark left on' },
  severity: 'warning',
  description: {
    ja: '【新規】の事業が、前年度にも【新規】なしで報告されています。',
    en: 'A program marked 【新規】 was already reported last year without the mark.',
  },
  messages: {
    stale: {
      ja: (p) =>
        `${subject('ja', p.program, null)}に【新規】が付いていますが、${lastYearWords('ja', p.lastYear)}にも報告されています（${p.previousSheet} ${p.previousCell}）。【新規】を外してください。`,
      en: (p) =>
        `${subject('en', p.program, null)} is marked 【新規】 but was already reported ${lastYearWords('en', p.lastYear)} (${p.previousSheet} ${p.previousCell}). Remove the mark.`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'stale', at, params });
    for (const m of context.match.matches) {
      // A city that keeps 【新規】 for the whole plan period marks it in both years: that is consistent.
      if (!m.current.isNew || m.previous.isNew) continue;
      emit(
        { file: m.current.file, sheet: m.current.sheet, node: m.current.node.key, row: m.current.nameCell.row, col: m.current.nameCell.col, program: m.current.name },
        { program: m.current.name, lastYear: context.previous.reportYear, ...previousCell(m.previous) },
      );
    }
  },
});
