/**
 * Orientation (issue #20 item 3): years as rows — one record per program × year, as evaluation
 * systems export — are read as a year series per program: the latest year is the report year,
 * the year before's record the previous grade, a missing record a missing year.
 */
import { checkWorkbook, type Finding } from '../../src/core';
import { detectRegions } from '../../src/core/layout/detect';
import { defaultSettings } from '../../src/core/settings';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';

function sheet(name: string, grid: CellValue[][]): SheetSnapshot {
  return { name, visibility: 'visible', rows: grid.map((r) => (r.length ? r : undefined)), merges: [] };
}
const brief = (f: Finding): string => `${f.severity} ${f.rule}${f.messageId ? `/${f.messageId}` : ''} ${f.cell ?? '-'}`;

const YEARS: Record<string, CellValue[]> = {
  reiwa: ['令和3年度', '令和4年度', '令和5年度'],
  western: [2021, 2022, 2023],
  short: ['R3', 'R4', 'R5'],
  'both calendars': ['令和3(2021)年度', '令和4(2022)年度', '令和5(2023)年度'],
};

/** Three programs × three years, grades per program by year. */
function exportRows(years: CellValue[], grades: Record<string, string[]> = {}): CellValue[][] {
  const g: Record<string, string[]> = { '1-1': ['B', 'B', 'A'], '1-2': ['A', 'A', 'A'], '2-1': ['C', 'B', 'B'], ...grades };
  const names: Record<string, [string, string]> = { '1-1': ['見守り活動', '高齢福祉課'], '1-2': ['配食サービス', '高齢福祉課'], '2-1': ['相談窓口', '福祉政策課'] };
  const rows: CellValue[][] = [['年度', '事業番号', '事業名', '担当課', '評価']];
  years.forEach((y, i) => {
    for (const id of Object.keys(names)) rows.push([y, id, names[id][0], names[id][1], g[id][i]]);
  });
  return rows;
}

describe('years as rows', () => {
  test.each(Object.entries(YEARS))('a 年度 column of %s values over recurring programs is a long table', (_form, years) => {
    const [layout] = detectRegions(sheet('データ', exportRows(years)));
    expect(layout.kind).toBe('evaluation');
    expect(layout.orientation).toBe('long');
    expect(layout.columns[0].role).toBe('recordYear');
    expect(layout.columns[0].evidence).toContainEqual({ kind: 'records-per-year', years: [2021, 2022, 2023], programs: 3, recurring: 3 });
    const result = checkWorkbook({ sheets: [sheet('データ', exportRows(years))] });
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.findings.map(brief)).toEqual([]);
    // Only the report year's records are this year's programs; counted once each.
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 2, B: 1, C: 0, D: 0 });
    // Each program's previous grade is its record of the year before.
    const prev = result.plans[0].nodes.flatMap((n) => n.entries.map((e) => e.previousGrade?.row));
    expect(prev).toEqual([4, 5, 6]);
  });

  test('a jump from last year’s record is found (grade-jump), on this year’s row', () => {
    const result = checkWorkbook({ sheets: [sheet('データ', exportRows(YEARS.reiwa, { '2-1': ['A', 'A', 'D'] }))] });
    expect(result.report.findings.map(brief)).toEqual(['warning grade-jump/jump E10']);
  });

  test('a program with no record for a year between its first and the report year: year-missing', () => {
    const rows = exportRows(YEARS.reiwa).filter((r) => !(r[0] === '令和4年度' && r[1] === '2-1'));
    const result = checkWorkbook({ sheets: [sheet('データ', rows)] });
    expect(result.report.findings.map(brief)).toEqual(['error year-missing/noRecord A4']);
    expect(result.report.findings[0]).toMatchObject({ year: 2022, program: '相談窓口', department: '福祉政策課' });
  });

  test('a record in a hidden row is there: its year is not missing (the row is skipped like any hidden row)', () => {
    const rows = exportRows(YEARS.reiwa);
    const hiddenAt = rows.findIndex((r) => r[0] === '令和4年度' && r[1] === '2-1');
    const s: SheetSnapshot = { ...sheet('データ', rows), hiddenRows: [hiddenAt] };
    const result = checkWorkbook({ sheets: [s] });
    expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
    expect(result.report.sheets[0]).toMatchObject({ hiddenRowsSkipped: 1, gradeCounts: { A: 2, B: 1 } });
    // This year's record hidden too: the program is not read this year, and not accused of a gap.
    const thisYear = rows.findIndex((r) => r[0] === '令和5年度' && r[1] === '2-1');
    const both = checkWorkbook({ sheets: [{ ...s, hiddenRows: [hiddenAt, thisYear] }] });
    expect(both.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
    expect(both.report.sheets[0].gradeCounts).toMatchObject({ A: 2, B: 0 });
  });

  test('a program without the report year’s record is missing that year; a new program is not asked for earlier years', () => {
    const rows = exportRows(YEARS.reiwa).filter((r) => !(r[0] === '令和5年度' && r[1] === '1-2'));
    rows.push(['令和5年度', '3-1', '居場所づくり', '地域福祉課', 'B']);
    const result = checkWorkbook({ sheets: [sheet('データ', rows)] });
    expect(result.report.findings.map(brief)).toEqual(['error year-missing/noRecord A6']);
    expect(result.report.findings[0]).toMatchObject({ year: 2023, program: '配食サービス' });
  });

  test('the report year set by --year picks that year’s records', () => {
    const result = checkWorkbook({ sheets: [sheet('データ', exportRows(YEARS.reiwa))] }, { settings: { ...defaultSettings(), reportYear: 2022 } });
    expect(result.plans[0].nodes.map((n) => n.entries[0].row)).toEqual([4, 5, 6]);
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 1, B: 2 });
  });

  test('two exports stacked on one sheet, no year in their titles: the records’ latest year is the report year, not a year their first rows’ prose names', () => {
    const table = (title: string): CellValue[][] => {
      const rows = exportRows(YEARS.reiwa).map((r) => [...r, null]);
      rows[0][5] = '今後の方針';
      // The first record's plan mentions next year (a person writes it after the year ends).
      rows[1][5] = '令和6年度に対象を拡大予定';
      return [[title], [], ...rows];
    };
    const grid = [...table('地域福祉計画 事業評価表'), [], [], ...table('自殺対策計画 事業評価表')];
    const result = checkWorkbook({ sheets: [sheet('データ', grid)] });
    const regions = result.layouts.filter((l) => l.kind === 'evaluation');
    expect(regions.map((l) => [l.orientation, l.statedYear])).toEqual([['long', null], ['long', null]]);
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.reportYearSource).toBe('year-columns');
    expect(result.report.findings.map(brief)).toEqual([]);
    expect(result.plans.map((p) => p.nodes.length)).toEqual([3, 3]);
  });

  test('this year’s export beside last year’s, no year in titles or sheet names: the one whose records end a year earlier is last year’s', () => {
    const lastYears = exportRows(['令和2年度', '令和3年度', '令和4年度']);
    const result = checkWorkbook({ sheets: [sheet('データ', exportRows(YEARS.reiwa)), sheet('データ (2)', lastYears)] });
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.reportYearSource).toBe('year-columns');
    expect(result.layouts.map((l) => l.yearRole)).toEqual(['current', 'previous-year']);
    expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
    expect(result.report.sheets.map((s) => s.gradeCounts ?? null)).toEqual([expect.objectContaining({ A: 2, B: 1 }), null]);
  });

  describe('sorted by program: the name on its first year’s row only', () => {
    // 見守り活動 B B A, 配食サービス A A D (a jump), 相談窓口 C B B; under two 基本目標.
    const grid = (): CellValue[][] => [
      ['令和5年度 事業評価'],
      [],
      ['基本目標', '事業名', '担当課', '年度', '評価'],
      ['1 見守る', '見守り活動', '高齢福祉課', '令和3年度', 'B'],
      [null, null, null, '令和4年度', 'B'],
      [null, null, null, '令和5年度', 'A'],
      [null, '配食サービス', '高齢福祉課', '令和3年度', 'A'],
      [null, null, null, '令和4年度', 'A'],
      [null, null, null, '令和5年度', 'D'],
      ['2 支える', '相談窓口', '福祉政策課', '令和3年度', 'C'],
      [null, null, null, '令和4年度', 'B'],
      [null, null, null, '令和5年度', 'B'],
    ];
    const expectRead = (s: SheetSnapshot): void => {
      const result = checkWorkbook({ sheets: [s] });
      expect(result.layouts[0].orientation).toBe('long');
      expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual(['warning grade-jump/jump E9']);
      expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 1, B: 1, C: 0, D: 1 });
      expect(result.plans[0].nodes.filter((n) => n.entries.length > 0).map((n) => [n.name, n.entries.map((e) => e.row)])).toEqual([
        ['見守り活動', [5]],
        ['配食サービス', [8]],
        ['相談窓口', [11]],
      ]);
      // Each program under its own 基本目標 in every year (its records are one series).
      expect(result.plans[0].records?.programs.map((p) => [p.name, p.years.map((y) => y.year)])).toEqual([
        ['見守り活動', [2021, 2022, 2023]],
        ['配食サービス', [2021, 2022, 2023]],
        ['相談窓口', [2021, 2022, 2023]],
      ]);
    };

    test('left blank below', () => expectRead(sheet('データ', grid())));

    test('its department written on every year’s row (a department alone names no program)', () => {
      const g = grid();
      for (const r of [4, 5, 7, 8, 10, 11]) g[r][2] = g[r - 1][2];
      expectRead(sheet('データ', g));
    });

    test('merged over its years’ rows', () => {
      const merges = [3, 6, 9].flatMap((top) => [1, 2].map((left) => ({ top, bottom: top + 2, left, right: left })));
      merges.push({ top: 3, bottom: 8, left: 0, right: 0 }, { top: 9, bottom: 11, left: 0, right: 0 });
      expectRead({ ...sheet('データ', grid()), merges });
    });

    test('a heading over its programs written once, without a year, heads them in every year', () => {
      const rows: CellValue[][] = [
        ['令和5年度 事業評価'],
        [],
        ['施策', '事業名', '担当課', '年度', '評価'],
        ['(1) 見守りの充実', null, null, null, null],
        [null, '見守り活動', '高齢福祉課', '令和3年度', 'B'],
        [null, null, null, '令和4年度', 'B'],
        [null, null, null, '令和5年度', 'A'],
        [null, '配食サービス', '高齢福祉課', '令和3年度', 'A'],
        [null, null, null, '令和4年度', 'A'],
        [null, null, null, '令和5年度', 'D'],
        ['(2) 相談体制', null, null, null, null],
        [null, '相談窓口', '福祉政策課', '令和3年度', 'C'],
        [null, null, null, '令和4年度', 'B'],
        [null, null, null, '令和5年度', 'B'],
      ];
      const result = checkWorkbook({ sheets: [sheet('データ', rows)] });
      expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual(['warning grade-jump/jump E10']);
      expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 1, B: 1, C: 0, D: 1 });
      expect(result.plans[0].roots.map((n) => [n.name, n.children.map((c) => c.name)])).toEqual([
        ['見守りの充実', ['見守り活動', '配食サービス']],
        ['相談体制', ['相談窓口']],
      ]);
      // Every node, headings too, has each year: none is missing a year.
      expect(result.plans[0].records?.programs.map((p) => [p.name, p.years.length])).toEqual([
        ['見守りの充実', 3],
        ['見守り活動', 3],
        ['配食サービス', 3],
        ['相談体制', 3],
        ['相談窓口', 3],
      ]);
    });

    test('a grade kept over the years, merged over their rows, is each year’s grade', () => {
      const g = grid();
      g[4][4] = null;
      g[5][4] = null;
      g[3][4] = 'B';
      const result = checkWorkbook({ sheets: [{ ...sheet('データ', g), merges: [{ top: 3, bottom: 5, left: 4, right: 4 }] }] });
      expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual(['warning grade-jump/jump E9']);
      expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 0, B: 2, C: 0, D: 1 });
    });
  });

  test('a wide table with a 開始年度 column (one row per program) stays wide', () => {
    const grid: CellValue[][] = [
      ['令和5年度 事業評価シート'],
      [],
      ['開始年度', '事業名', '担当課', '評価'],
      ['令和3年度', '見守り活動', '高齢福祉課', 'A'],
      ['令和4年度', '配食サービス', '高齢福祉課', 'B'],
      ['令和5年度', '相談窓口', '福祉政策課', 'C'],
    ];
    const [layout] = detectRegions(sheet('評価', grid));
    expect(layout.orientation).toBe('wide');
    expect(layout.columns.some((c) => c.role === 'recordYear')).toBe(false);
  });

  test('years in a column whose programs never recur (an unlabelled year column) stay wide', () => {
    const grid: CellValue[][] = [
      ['令和5年度 事業評価シート'],
      [],
      ['区分', '事業名', '担当課', '評価'],
      ['令和3年度', '見守り活動', '高齢福祉課', 'A'],
      ['令和4年度', '配食サービス', '高齢福祉課', 'B'],
      ['令和5年度', '相談窓口', '福祉政策課', 'C'],
    ];
    expect(detectRegions(sheet('評価', grid))[0].orientation).toBe('wide');
  });
});
