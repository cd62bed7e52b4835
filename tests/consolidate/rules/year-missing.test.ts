import { yearMissing } from '../../../src/core/consolidate/rules/year-missing';
import { context, file, results } from './context';

describe('year-missing (workbook level)', () => {
  it.each([
    ['a stated year', [file('a.xlsx')], []],
    ['no year anywhere', [file('指導室.xlsx', { reportYear: null })], ['指導室.xlsx -!-']],
    ['an unreadable file is file-unreadable, not this', [file('b.xlsx', { status: 'unreadable', reportYear: null })], []],
  ])('%s', (_, files, expected) => {
    expect(results(yearMissing, context({ files }))).toEqual(expected);
  });

  it('says which year the rows were merged as', () => {
    expect(yearMissing.run(context({ files: [file('a.xlsx', { reportYear: null })] }), 'ja')[0].message).toContain('令和2年度の報告として扱いました');
    expect(yearMissing.run(context({ files: [file('a.xlsx', { reportYear: null })], reportYear: null }), 'ja')[0].message).not.toContain('扱いました');
  });
});
