import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

const lastRows = koganeiLastYear();
const last: YearSpec = { year: 2019, rows: lastRows, template: 'koganei' };
const lastFlat: YearSpec = { ...last, template: 'flat' };

/** This year's texts of CoCoバス set by `edit`. */
function edited(edit: (row: ReturnType<typeof koganeiThisYear>[number]) => void, template: 'koganei' | 'flat' = 'flat'): YearSpec {
  const rows = koganeiThisYear();
  edit(findRow(rows, 'CoCoバスの利便性向上'));
  return { year: 2020, rows, template };
}
const lastCoco = findRow(lastRows, 'CoCoバスの利便性向上');
// Copied forward, with a line break and full-width spaces that do not make it new.
const copied = edited((r) => { r.result = lastCoco.result.replace('、', '、\n').replace('において', 'において　'); });
const copiedReason = edited((r) => { r.reason = lastCoco.reason; });

runPairTests('text-unchanged', {
  valid: [
    { name: 'every text rewritten for the year', previous: last, current: { year: 2020, rows: koganeiThisYear(), template: 'flat' } },
    { name: 'a short entry repeats honestly (under 20 characters)', previous: (() => {
      const rows = koganeiLastYear();
      findRow(rows, 'CoCoバスの利便性向上').result = '計画どおり実施した。';
      return { year: 2019, rows, template: 'koganei' as const };
    })(), current: edited((r) => { r.result = '計画どおり実施した。'; }) },
    { name: 'a dash both years', previous: (() => {
      const rows = koganeiLastYear();
      findRow(rows, 'CoCoバスの利便性向上').result = '―';
      return { year: 2019, rows, template: 'koganei' as const };
    })(), current: edited((r) => { r.result = '―'; }) },
  ],
  invalid: [
    {
      name: '実績 copied from last year (across a change of template)',
      previous: last,
      current: copied,
      errors: [{
        ...cellOf(copied, findRow(copied.rows, 'CoCoバスの利便性向上'), 'result'),
        department: '交通対策課',
        params: { column: 'result', lastYear: 2019, previousSheet: 'シート1' },
        message: { ja: ['の実績「令和元年度はCoCoバス再編事業において', '前年度（令和元年度）と同じ文章'], en: ['The results of "CoCoバスの利便性向上"'] },
      }],
    },
    {
      name: '評価の理由 copied from last year',
      previous: lastFlat,
      current: copiedReason,
      errors: [{
        ...cellOf(copiedReason, findRow(copiedReason.rows, 'CoCoバスの利便性向上'), 'reason'),
        params: { column: 'reason', previousSheet: '評価表', previousCell: cellOf(lastFlat, lastCoco, 'reason').cell },
        message: { ja: ['の評価の理由「前年度：'], en: ['The reason for the grade of'] },
      }],
    },
  ],
});
