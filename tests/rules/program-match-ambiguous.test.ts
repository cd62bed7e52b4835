import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type YearSpec } from '../compare/pairs';

const last: YearSpec = { year: 2019, rows: koganeiLastYear(), template: 'koganei' };
const TWIN = '災害時における避難行動要支援者への支援体制の充実';

/** Koganei reports one name twice under 施策(2) of シート2: ① 地域福祉課 and ② 健康課. */
function twins(edit: (rows: ReturnType<typeof koganeiThisYear>) => void): YearSpec {
  const rows = koganeiThisYear();
  edit(rows);
  return { year: 2020, rows, template: 'koganei' };
}
// This year one program of that name, under a third number and a department neither had.
const merged = twins((rows) => {
  const a = findRow(rows, TWIN, '地域福祉課');
  rows.splice(rows.indexOf(findRow(rows, TWIN, '健康課')), 1);
  a.mark = 3;
  a.department = '危機管理課';
});

runPairTests('program-match-ambiguous', {
  valid: [
    { name: 'the real twins are told apart by number and department', previous: last, current: twins(() => undefined) },
    { name: 'renumbered twins are told apart by department', previous: last, current: twins((rows) => {
      findRow(rows, TWIN, '地域福祉課').mark = 2;
      findRow(rows, TWIN, '健康課').mark = 1;
    }) },
  ],
  invalid: [
    {
      name: 'one program that fits both twins equally: reported, not guessed',
      previous: last,
      current: merged,
      errors: [{
        ...cellOf(merged, findRow(merged.rows, TWIN), 'name'),
        program: TWIN,
        params: { candidates: [{ sheet: 'シート2', cell: 'B12', name: TWIN }, { sheet: 'シート2', cell: 'B13', name: TWIN }] },
        message: { ja: [`「${TWIN}」（シート2 B12）`, '比較をしていません'], en: ['(シート2 B13)', 'not compared'] },
      }],
    },
  ],
});
