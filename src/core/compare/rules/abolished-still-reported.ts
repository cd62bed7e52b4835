import { normalizeForMatch } from '../../text';
import { defineComparisonRule, lastYearWords, previousCell, subject, type PreviousCell, type ComparisonLocation } from './rule';

type Params = { program: string; department: string | null; lastYearNextPolicy: string; lastYear: number | null } & PreviousCell;

/** Last year's 次年度方針 was 廃止 but the program is reported again this year. */
export const abolishedStillReported = defineComparisonRule<{ abolished: Params }>({
  id: 'abolished-still-reported',
  kind: 'compare',
  title: { ja: '廃止した事業の報告', en: 'Abolished program still reported' },
  severity: 'warning',
  description: {
    ja: '前年度の次年度方針が「廃止」だった事業が、今年度も報告されています。',
    en: 'A program whose next-year policy last year was 廃止 (abolish) is reported again.',
  },
  messages: {
    abolished: {
      ja: (p) =>
        `${subject('ja', p.program, p.department)}は${lastYearWords('ja', p.lastYear)}の次年度方針が「${p.lastYearNextPolicy}」でした（${p.previousSheet} ${p.previousCell}）が、今年度も報告されています。方針が変わったのか確認してください。`,
      en: (p) =>
        `${subject('en', p.program, p.department)} had "${p.lastYearNextPolicy}" (abolish) as its next-year policy ${lastYearWords('en', p.lastYear)} (${p.previousSheet} ${p.previousCell}), yet it is reported again. Check whether the plan changed.`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'abolished', at, params });
    for (const m of context.match.matches) {
      const abolished = m.previous.entries.find((e) => e.entry.nextPolicy && normalizeForMatch(e.entry.nextPolicy.text).includes('廃止'));
      if (!abolished?.entry.nextPolicy) continue;
      emit(
        { file: m.current.file, sheet: m.current.sheet, node: m.current.node.key, row: m.current.nameCell.row, col: m.current.nameCell.col, program: m.current.name, department: abolished.entry.department },
        {
          program: m.current.name,
          department: abolished.entry.department,
          lastYearNextPolicy: abolished.entry.nextPolicy.text.trim(),
          lastYear: context.previous.reportYear,
          ...previousCell({ ...m.previous, file: abolished.file, sheet: abolished.sheet }, abolished.entry.nextPolicy),
        },
      );
    }
  },
});
