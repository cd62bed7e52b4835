import { runPairTests } from '../compare/pair-tester';
import { koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

const now: YearSpec = { year: 2020, rows: koganeiThisYear(), template: 'koganei' };

runPairTests('year-not-consecutive', {
  valid: [{ name: 'FY2019 then FY2020', previous: { year: 2019, rows: koganeiLastYear(), template: 'koganei' }, current: now }],
  invalid: [
    {
      name: 'FY2018 given as last year’s',
      previous: { year: 2018, rows: koganeiLastYear(), template: 'koganei' },
      current: now,
      errors: [{ sheet: null, cell: null, params: { previousYear: 2018, currentYear: 2020 }, message: { ja: ['2018年度', '2019年度のはず'], en: ['FY2018', 'FY2019'] } }],
    },
    {
      name: 'this year’s file given as last year’s',
      previous: { year: 2020, rows: koganeiLastYear(), template: 'flat' },
      current: now,
      errors: [{ sheet: null, cell: null, params: { previousYear: 2020, currentYear: 2020 }, message: { ja: ['2020年度'], en: ['FY2020'] } }],
    },
  ],
});
