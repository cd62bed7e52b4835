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

  test('a record in a hidden row is there, outside the check: its year is not missing', () => {
    // Row 6 (0-based) is 相談窓口's 令和4年度 record, hidden (as a row hidden for the table beside it is).
    const rows = exportRows(YEARS.reiwa, { '2-1': ['C', 'X', 'B'] });
    expect(rows[6]).toEqual(['令和4年度', '2-1', '相談窓口', '福祉政策課', 'X']);
    const s: SheetSnapshot = { ...sheet('データ', rows), hiddenRows: [6] };
    const result = checkWorkbook({ sheets: [s] });
    expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
    // Shown, the same record is last year's: its grade is read (no year-missing either way).
    expect(checkWorkbook({ sheets: [sheet('データ', rows)] }).report.findings.filter((f) => f.rule === 'year-missing')).toEqual([]);
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
