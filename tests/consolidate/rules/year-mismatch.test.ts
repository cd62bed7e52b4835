import { yearMismatch } from '../../../src/core/consolidate/rules/year-mismatch';
import { context, file, problems, results } from './context';

describe('year-mismatch', () => {
  it.each([
    ['same year', [file('a.xlsx')], 2020, []],
    ['last year’s file', [file('a.xlsx', { status: 'wrong-year', reportYear: 2019 })], 2020, ['a.xlsx -!-']],
    ['run year unknown', [file('a.xlsx', { status: 'wrong-year', reportYear: 2019 })], null, []],
    ['no year is not a mismatch', [file('a.xlsx', { reportYear: null })], 2020, []],
  ])('%s', (_, files, reportYear, expected) => {
    expect(results(yearMismatch, context({ files, reportYear }))).toEqual(expected);
  });

  it('names both years', () => {
    const [r] = problems(yearMismatch, context({ files: [file('a.xlsx', { status: 'wrong-year', reportYear: 2019 })] }));
    expect(r.ja).toContain('令和元年度');
    expect(r.ja).toContain('令和2年度');
    expect(r).toMatchObject({ messageId: 'mismatch', params: { fileYear: 2019, runYear: 2020 } });
    expect(r.at.year).toBe(2019);
  });
});
