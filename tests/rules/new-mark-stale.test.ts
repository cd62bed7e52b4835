import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

const last: YearSpec = { year: 2019, rows: koganeiLastYear(), template: 'koganei' };
const marked = koganeiThisYear();
findRow(marked, 'CoCoバスの利便性向上').name = '【新規】CoCoバスの利便性向上';
const stale: YearSpec = { year: 2020, rows: marked, template: 'koganei' };

runPairTests('new-mark-stale', {
  valid: [
    // Koganei keeps 【新規】 on four programs for the whole plan period: marked in both years.
    { name: 'Koganei’s 【新規】 kept for the plan period, in both years', previous: last, current: { year: 2020, rows: koganeiThisYear(), template: 'flat' } },
  ],
  invalid: [
    {
      name: '【新規】 on a program that was reported last year without it',
      previous: last,
      current: stale,
      errors: [{
        ...cellOf(stale, findRow(marked, '【新規】CoCoバスの利便性向上'), 'name'),
        params: { lastYear: 2019, previousSheet: 'シート1' },
        message: { ja: ['【新規】が付いていますが', '前年度（令和元年度）にも'], en: ['marked 【新規】', 'FY2019'] },
      }],
    },
  ],
});
