import { departmentMissing } from '../../../src/core/consolidate/rules/department-missing';
import { context, file, master, problems, results } from './context';

const plan = master([
  { name: '事業X', departments: ['甲課'] },
  { name: '事業Y', departments: ['乙課', '甲課'] },
]);

describe('department-missing', () => {
  it.each([
    ['everyone sent a file', [file('甲課.xlsx'), file('乙課.xlsx')], []],
    ['an unreadable file still counts as sent', [file('甲課.xlsx'), file('乙課.xlsx', { status: 'unreadable' })], []],
    ['a department inside another’s file is not missing', [file('甲課.xlsx', { departmentKeys: ['甲課', '乙課'] })], []],
    ['one department sent nothing', [file('甲課.xlsx')], ['計画体系.xlsx 計画体系!E5']],
    ['department names compared normalised', [file('甲課 .xlsx', { department: '甲課　', departmentKeys: ['甲課'] }), file('乙課.xlsx')], []],
  ])('%s', (_, files, expected) => {
    expect(results(departmentMissing, context({ files, master: plan }))).toEqual(expected);
  });

  it('counts the programs it is responsible for', () => {
    expect(problems(departmentMissing, context({ files: [], master: plan }))[0].ja).toBe('甲課からファイルが届いていません（計画体系で2件の事業を担当）。提出を依頼してください。');
  });
});
