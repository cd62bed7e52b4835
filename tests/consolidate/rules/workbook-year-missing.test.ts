import { workbookYearMissing } from '../../../src/core/consolidate/rules/workbook-year-missing';
import { context, file, problems, results } from './context';

describe('workbook-year-missing', () => {
  it.each([
    ['a stated year', [file('a.xlsx')], []],
    ['no year anywhere', [file('指導室.xlsx', { reportYear: null })], ['指導室.xlsx -!-']],
    ['an unreadable file is file-unreadable, not this', [file('b.xlsx', { status: 'unreadable', reportYear: null })], []],
  ])('%s', (_, files, expected) => {
    expect(results(workbookYearMissing, context({ files }))).toEqual(expected);
  });

  it('says which year the rows were merged as', () => {
    expect(problems(workbookYearMissing, context({ files: [file('a.xlsx', { reportYear: null })] }))[0].ja).toContain('令和2年度の報告として扱いました');
    expect(problems(workbookYearMissing, context({ files: [file('a.xlsx', { reportYear: null })], reportYear: null }))[0].ja).not.toContain('扱いました');
  });
});
