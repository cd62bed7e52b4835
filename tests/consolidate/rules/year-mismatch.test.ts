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

describe('year-mismatch: a stated year no file carries (#23)', () => {
  const two = [file('a.xlsx', { years: [2019, 2020] }), file('b.xlsx', { years: [2020] })];
  it.each([
    ['the stated year is one the files carry', two, true, 2020, []],
    ['a voted year is never questioned', two, false, 2021, []],
    ['files naming no year cannot contradict it', [file('a.xlsx', { reportYear: null, years: [] })], true, 2021, []],
    ['an unreadable file carries nothing', [file('a.xlsx', { status: 'unreadable', years: [2019] })], true, 2021, []],
    ['no file carries it: one finding for the run', two, true, 2022, ['- -!-']],
  ] as const)('%s', (_, files, reportYearGiven, reportYear, expected) => {
    expect(results(yearMismatch, context({ files: [...files], reportYear, reportYearGiven }))).toEqual(expected);
  });

  it('is a warning that names the stated year and every year the files carry', () => {
    const [r] = problems(yearMismatch, context({ files: two, reportYear: 2022, reportYearGiven: true }));
    expect(r).toMatchObject({ messageId: 'givenNotCarried', params: { given: 2022, found: [2019, 2020] } });
    expect(yearMismatch.severityOf('givenNotCarried')).toBe('warning');
    expect(r.ja).toContain('令和4年度が指定されました');
    expect(r.ja).toContain('令和元年度、令和2年度');
    expect(r.en).toContain('FY2019, FY2020');
  });
});
