import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

/** Last year in a flat table with a 次年度方針 column; this year without 福祉マップの見直し. */
function dropped(policy: string, lastTemplate: 'flat' | 'koganei'): { previous: YearSpec; current: YearSpec } {
  const lastRows = koganeiLastYear();
  findRow(lastRows, '福祉マップの見直し').nextPolicy = policy;
  const rows = koganeiThisYear().filter((r) => r.name !== '福祉マップの見直し');
  return { previous: { year: 2019, rows: lastRows, template: lastTemplate, nextPolicy: lastTemplate === 'flat' }, current: { year: 2020, rows, template: 'koganei' } };
}

const continued = dropped('継続', 'flat');
const unplanned = dropped('継続', 'koganei');
// The sibling under the same 施策 is where the gap shows this year.
const sibling = (spec: YearSpec): { sheet: string; cell: string } => cellOf(spec, findRow(spec.rows, '情報提供のユニバーサルデザインの推進'), 'name');

runPairTests('program-vanished', {
  valid: [
    { name: 'every program of last year is there this year', previous: { year: 2019, rows: koganeiLastYear(), template: 'flat' }, current: { year: 2020, rows: koganeiThisYear(), template: 'koganei' } },
    { name: 'last year’s 次年度方針 was 廃止', ...dropped('廃止', 'flat') },
    { name: 'last year’s 次年度方針 was 終了', ...dropped('終了', 'flat') },
    { name: 'last year’s 次年度方針 was 統合', ...dropped('統合', 'flat') },
  ],
  invalid: [
    {
      name: 'gone though last year planned to continue it',
      ...continued,
      errors: [{
        ...sibling(continued.current),
        program: '福祉マップの見直し',
        messageId: 'vanished',
        params: { lastYearNextPolicy: '継続', departments: ['自立生活支援課'], previousSheet: '評価表' },
        message: { ja: ['「福祉マップの見直し」（自立生活支援課）', '「継続」'], en: ['"福祉マップの見直し" (自立生活支援課)', '"継続"'] },
      }],
    },
    {
      name: 'gone, and last year’s sheets have no 次年度方針 column: info',
      ...unplanned,
      errors: [{
        ...sibling(unplanned.current),
        severity: 'info',
        messageId: 'unplanned',
        params: { lastYearNextPolicy: null },
        message: { ja: ['次年度方針の列がない'], en: ['no next-year policy column'] },
      }],
    },
  ],
});
