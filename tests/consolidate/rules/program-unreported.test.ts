import { programUnreported } from '../../../src/core/consolidate/rules/program-unreported';
import { context, file, master, problems, results, row } from './context';

const plan = master([
  { name: '事業X', departments: ['甲課'] },
  { name: '事業Y', departments: ['乙課', '丙課'] },
]);

describe('program-unreported', () => {
  it.each([
    ['every program reported', [file('甲課.xlsx'), file('乙課.xlsx')], [row('甲課.xlsx', '事業X', { masterIndex: 0 }), row('乙課.xlsx', '事業Y', { masterIndex: 1 })], []],
    ['one reported by either of its departments', [file('甲課.xlsx'), file('丙課.xlsx')], [row('甲課.xlsx', '事業X', { masterIndex: 0 }), row('丙課.xlsx', '事業Y', { masterIndex: 1 })], []],
    ['a program nobody reports', [file('甲課.xlsx')], [row('甲課.xlsx', '事業X', { masterIndex: 0 })], ['計画体系.xlsx 計画体系!D5']],
    ['reported only in a wrong-year file', [file('甲課.xlsx', { status: 'wrong-year', reportYear: 2019 }), file('乙課.xlsx')], [row('甲課.xlsx', '事業X', { masterIndex: 0 }), row('乙課.xlsx', '事業Y', { masterIndex: 1 })], ['計画体系.xlsx 計画体系!D4']],
  ])('%s', (_, files, rows, expected) => {
    expect(results(programUnreported, context({ files, rows, master: plan }))).toEqual(expected);
  });

  it('says, per department, why the report is absent', () => {
    const files = [file('乙課.xlsx'), file('丙課.xlsx', { status: 'unreadable' })];
    const [x, y] = problems(programUnreported, context({ files, rows: [], master: plan }));
    expect(x.ja).toContain('甲課: ファイルが届いていません');
    expect(y.ja).toContain('乙課: ファイルにこの事業の行がありません');
    expect(y.ja).toContain('丙課: ファイルが読み込めません');
    expect(y.params).toEqual({
      program: '2 事業Y',
      year: 2020,
      absences: [
        { department: '乙課', reason: 'not-in-file' },
        { department: '丙課', reason: 'unreadable' },
      ],
    });
    expect(y.at.node).toBe('計画体系/2');
  });
});
