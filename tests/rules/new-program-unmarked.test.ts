import { runPairTests } from '../compare/pair-tester';
import { cellOf, findRow, koganeiLastYear, koganeiThisYear, type ProgramRow, type YearSpec } from '../compare/pairs';

const last: YearSpec = { year: 2019, rows: koganeiLastYear(), template: 'koganei' };

/** This year adds a third program under CoCoバス's 施策. */
function added(name: string): YearSpec {
  const rows = koganeiThisYear();
  const after = findRow(rows, '移送サービスへの支援');
  const extra: ProgramRow = { ...after, mark: 3, name, department: '交通対策課', previousGrade: '—', grade: 'B', result: 'デマンド型交通の実証実験に向けて、運行区域と車両の検討を行った。' };
  rows.splice(rows.indexOf(after) + 1, 0, extra);
  return { year: 2020, rows, template: 'flat' };
}
const unmarked = added('デマンド型交通の導入検討');
// Renamed beyond recognition: no longer the same program as far as anyone can tell.
const renamed = koganeiThisYear();
findRow(renamed, '福祉マップの見直し').name = 'バリアフリー情報サイトの構築';
const renamedSpec: YearSpec = { year: 2020, rows: renamed, template: 'koganei' };

runPairTests('new-program-unmarked', {
  valid: [
    { name: 'the same programs both years (the city changed template)', previous: last, current: { year: 2020, rows: koganeiThisYear(), template: 'flat' } },
    { name: 'a new program marked 【新規】', previous: last, current: added('【新規】デマンド型交通の導入検討') },
    { name: 'a small rename is the same program', previous: last, current: (() => {
      const rows = koganeiThisYear();
      findRow(rows, '福祉マップの見直し').name = '福祉マップの見直し・更新';
      return { year: 2020, rows, template: 'koganei' as const };
    })() },
  ],
  invalid: [
    {
      name: 'a program last year did not have, without 【新規】',
      previous: last,
      current: unmarked,
      errors: [{
        ...cellOf(unmarked, findRow(unmarked.rows, 'デマンド型交通の導入検討'), 'name'),
        program: 'デマンド型交通の導入検討',
        message: { ja: ['「デマンド型交通の導入検討」', '【新規】'], en: ['"デマンド型交通の導入検討"', '【新規】'] },
      }],
    },
    {
      name: 'a program renamed beyond recognition reads as new',
      previous: last,
      current: renamedSpec,
      errors: [{
        ...cellOf(renamedSpec, findRow(renamed, 'バリアフリー情報サイトの構築'), 'name'),
        message: { ja: ['「バリアフリー情報サイトの構築」'], en: ['"バリアフリー情報サイトの構築"'] },
      }],
    },
  ],
});
