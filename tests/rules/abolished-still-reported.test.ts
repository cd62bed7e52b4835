import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

function withPolicy(policy: string): YearSpec {
  const rows = koganeiLastYear();
  findRow(rows, '福祉マップの見直し').nextPolicy = policy;
  return { year: 2019, rows, template: 'flat' };
}
const now: YearSpec = { year: 2020, rows: koganeiThisYear(), template: 'koganei' };

runPairTests('abolished-still-reported', {
  valid: [
    { name: 'last year planned to continue it', previous: withPolicy('継続'), current: now },
    { name: '縮小 (reduce) is not an end', previous: withPolicy('縮小'), current: now },
  ],
  invalid: [
    {
      name: 'last year said 廃止, this year it is reported again',
      previous: withPolicy('廃止'),
      current: now,
      errors: [{
        ...cellOf(now, findRow(now.rows, '福祉マップの見直し'), 'name'),
        program: '福祉マップの見直し',
        params: { lastYearNextPolicy: '廃止', lastYear: 2019, previousSheet: '評価表' },
        message: { ja: ['「福祉マップの見直し」', '「廃止」'], en: ['"福祉マップの見直し"', '"廃止"'] },
      }],
    },
  ],
});
