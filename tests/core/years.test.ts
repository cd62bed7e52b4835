import { findYears, formatFiscalYear, parseFiscalYear } from '../../src/core/years';

describe('parseFiscalYear', () => {
  test.each([
    ['2023', 2023],
    ['2023年度', 2023],
    ['２０２３', 2023],
    ['R5', 2023],
    ['r5', 2023],
    ['Ｒ５', 2023],
    ['令和5', 2023],
    ['令和５年度', 2023],
    ['令和元年度', 2019],
    ['令和元', 2019],
    ['H30', 2018],
    ['平成30年度', 2018],
    ['平成31年度', 2019],
    [2020, 2020],
  ] as const)('%j → %d', (input, year) => {
    expect(parseFiscalYear(input)).toBe(year);
  });

  test.each(['', 'R', '令和', '5', '1800', 'X5', '令和五年度', 2020.5, 'H40'])('%j is not a year', (input) => {
    expect(parseFiscalYear(input)).toBeNull();
  });
});

describe('findYears', () => {
  test('titles name the report year', () => {
    expect(findYears('令和2年度 地域福祉計画 目標事業評価調書').map((y) => y.year)).toEqual([2020]);
    expect(findYears('地域福祉計画の進捗状況及び評価表(令和2年度実績報告)').map((y) => y.year)).toEqual([2020]);
    expect(findYears('あいとぴあレインボープラン 令和5年度報告書').map((y) => y.year)).toEqual([2023]);
  });

  test('header labels, full-width digits and 元年', () => {
    expect(findYears('令和元年度実施状況')[0].year).toBe(2019);
    expect(findYears('令和２年度実施状況に関する担当課の評価')[0].year).toBe(2020);
    expect(findYears('令和5(2023)年度の年次目標')[0].year).toBe(2023);
    expect(findYears('R3年度')[0].year).toBe(2021);
    expect(findYears('2020年度')[0].year).toBe(2020);
  });

  test('a future plan column is marked, a plan period gives both ends', () => {
    const future = findYears('今後(令和5年度以降)の実施計画');
    expect(future).toHaveLength(1);
    expect(future[0]).toMatchObject({ year: 2023, future: true });
    expect(findYears('計画の期間(2018年度～2026年度)').map((y) => y.year)).toEqual([2018, 2026]);
  });

  test('words containing R or H are not years', () => {
    expect(findYears('CHR5 PHR')).toEqual([]);
    expect(findYears('CoCoバス')).toEqual([]);
  });
});

test('formatFiscalYear', () => {
  expect(formatFiscalYear(2019, 'ja')).toBe('令和元年度');
  expect(formatFiscalYear(2023, 'ja')).toBe('令和5年度');
  expect(formatFiscalYear(2018, 'ja')).toBe('平成30年度');
  expect(formatFiscalYear(2023, 'en')).toBe('FY2023');
});
