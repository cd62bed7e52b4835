/**
 * Several tables on one sheet (issue #20 item 4): side by side and stacked tables are regions
 * of their own, each with its own plan; stacked blocks of one table (the same header repeated)
 * stay one region.
 */
import { checkWorkbook, type Finding } from '../../src/core';
import { detectRegions } from '../../src/core/layout/detect';
import { defaultSettings } from '../../src/core/settings';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';

type Grid = (CellValue | undefined)[][];

function sheet(name: string, grid: Grid, extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return { name, visibility: 'visible', rows: grid.map((r) => (r.length ? r.map((v) => v ?? null) : undefined)), merges: [], ...extra };
}

const brief = (f: Finding): string => `${f.severity} ${f.rule} ${f.cell ?? '-'}`;
const evaluation = (layouts: ReturnType<typeof detectRegions>) => layouts.filter((l) => l.kind === 'evaluation');

/** Two plans' tables, the second starting at column `gap` + 5 (after `gap` blank columns). */
function sideBySide(gap: number, left: CellValue[][], right: CellValue[][]): Grid {
  const pad = (row: CellValue[], n: number): CellValue[] => [...row, ...new Array<CellValue>(n - row.length).fill(null)];
  const blank = new Array<CellValue>(gap).fill(null);
  const lines: Grid = [
    [...pad(['令和5年度 地域福祉計画 評価表'], 4), ...blank, '令和5年度 自殺対策計画 評価表'],
    [],
    [...pad(['施策', '事業名', '担当課', '評価'], 4), ...blank, '番号', '取組', '担当課', '評価', '達成度'],
  ];
  for (let i = 0; i < Math.max(left.length, right.length); i++) lines.push([...pad(left[i] ?? [], 4), ...blank, ...(right[i] ?? [])]);
  return lines;
}

const LEFT: CellValue[][] = [
  ['1', '見守り活動', '高齢福祉課', 'A'],
  [null, '配食サービス', '高齢福祉課', 'B'],
  ['2', '相談窓口', '福祉政策課', 'E'],
  [null, '居場所づくり', '地域福祉課', 'C'],
];
const RIGHT: CellValue[][] = [
  ['1', 'ゲートキーパー養成', '健康推進課', 'A', '100%'],
  ['2', '庁内連絡会', '健康推進課', null, '50%'],
  ['3', '相談窓口の周知', '福祉政策課', 'B', '80%'],
];

describe('tables side by side', () => {
  test('two tables separated by a blank column are two regions with their own header and plan', () => {
    const s = sheet('評価', sideBySide(1, LEFT, RIGHT));
    const regions = evaluation(detectRegions(s));
    expect(regions.map((r) => [r.tableKey, r.firstCol, r.lastCol])).toEqual([
      ['A3', 0, 3],
      ['F3', 5, 9],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    expect(result.plans.map((p) => p.nodes.length)).toEqual([4, 3]);
    // The second table's nodes carry its key; the first keeps the sheet's.
    expect(result.plans[0].nodes[0].key).toBe('評価/1');
    expect(result.plans[1].nodes[0].key).toBe('評価!F3/1');
    const findings = result.report.findings.map(brief);
    expect(findings).toContain('error grade-invalid D6');
    expect(findings).toContain('error grade-missing I5');
    // No comparison across the two plans: 達成度 of the right beside the left's grades.
    expect(result.report.findings.filter((f) => f.rule === 'achievement-grade-mismatch')).toEqual([]);
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 2, B: 2, C: 1 });
  });

  test('several blank columns between them read the same', () => {
    const s = sheet('評価', sideBySide(3, LEFT, RIGHT));
    expect(evaluation(detectRegions(s)).map((r) => r.tableKey)).toEqual(['A3', 'H3']);
  });

  test('a blank spacer column inside one table (no program column on its right) keeps one table', () => {
    const grid: Grid = [
      ['令和5年度 事業評価シート'],
      [],
      ['事業名', '担当課', null, '評価', '次年度方針', '備考'],
      ['見守り活動', '高齢福祉課', null, 'A', '継続', null],
      ['配食サービス', '高齢福祉課', null, 'B', '継続', null],
      ['相談窓口', '福祉政策課', null, 'C', '改善', null],
    ];
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions).toHaveLength(1);
    expect(regions[0].area).toBeUndefined();
  });

  test('spacer columns inside each of two tables: the wider gap between the tables splits them', () => {
    // 施策 | 事業名 | (spacer) | 担当課 | 評価 ‖ two blank columns ‖ the same again: no piece between
    // two spacers is a table alone, the two halves at the wider gap are.
    const half = (rows: CellValue[][]): CellValue[][] => rows.map((r) => [r[0], r[1], null, r[2], r[3]]);
    const head = ['施策', '事業名', null, '担当課', '評価'];
    const left = half(LEFT);
    const right = half(RIGHT.map((r) => r.slice(0, 4)));
    const grid: Grid = [['令和5年度 地域福祉計画 評価表', null, null, null, null, null, null, '令和5年度 地域福祉計画 評価表'], [], [...head, null, null, ...head]];
    for (let i = 0; i < left.length; i++) grid.push([...left[i], null, null, ...(right[i] ?? [])]);
    const s = sheet('評価', grid);
    const regions = evaluation(detectRegions(s));
    expect(regions.map((r) => [r.tableKey, r.firstCol, r.lastCol])).toEqual([
      ['A3', 0, 4],
      ['H3', 7, 11],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    expect(result.plans.map((p) => p.nodes.length)).toEqual([4, 3]);
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 2, B: 2, C: 1 });
  });

  test('a spacer after each table’s 施策 column as wide as the gap between the tables: the 施策 column begins the table on its right', () => {
    const head = ['施策', null, '事業名', '担当課', '評価'];
    const piece = (r: CellValue[]): CellValue[] => [r[0], null, r[1], r[2], r[3]];
    const grid: Grid = [['令和5年度 地域福祉計画 評価表'], [], [...head, null, ...head]];
    for (let i = 0; i < LEFT.length; i++) grid.push([...piece(LEFT[i]), null, ...(RIGHT[i] ? piece(RIGHT[i]) : [])]);
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions.map((r) => [r.tableKey, r.firstCol, r.lastCol])).toEqual([
      ['A3', 0, 4],
      ['G3', 6, 10],
    ]);
  });

  test('three tables with gaps of unequal width are three regions', () => {
    const table = (rows: CellValue[][]): CellValue[][] => [['施策', '事業名', '担当課', '評価'], ...rows.map((r) => r.slice(0, 4))];
    const parts = [table(LEFT), table(RIGHT), table(LEFT)];
    const grid: Grid = [['令和5年度 評価表'], []];
    for (let i = 0; i < 5; i++) grid.push([...(parts[0][i] ?? [null, null, null, null]), null, null, ...(parts[1][i] ?? [null, null, null, null]), null, ...(parts[2][i] ?? [])]);
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions.map((r) => [r.firstCol, r.lastCol])).toEqual([
      [0, 3],
      [6, 9],
      [11, 14],
    ]);
  });

  test('a year in the tables’ rows is no title year (titles without one, the year in the sheet name)', () => {
    const grid = sideBySide(1, LEFT, RIGHT);
    grid[0][0] = '地域福祉計画 評価表';
    grid[0][5] = '自殺対策計画 評価表';
    grid[4][1] = '令和6年度から対象を拡大した配食サービス';
    const s = sheet('R5_評価', grid);
    expect(evaluation(detectRegions(s)).map((r) => r.statedYear)).toEqual([null, null]);
    expect(checkWorkbook({ sheets: [s] }).report.reportYear).toBe(2023);
  });

  test('each table carries its own title year', () => {
    const grid = sideBySide(1, LEFT, RIGHT);
    grid[0][5] = '令和4年度 自殺対策計画 評価表';
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions.map((r) => r.statedYear)).toEqual([2023, 2022]);
  });
});

describe('tables one below the other', () => {
  const first: Grid = [
    ['令和5年度 地域福祉計画 評価表'],
    [],
    ['施策', '事業名', '担当課', '評価'],
    ['1', '見守り活動', '高齢福祉課', 'A'],
    [null, '配食サービス', '高齢福祉課', 'B'],
    ['2', '相談窓口', '福祉政策課', 'C'],
  ];

  test('a new header naming other columns after a blank gap is a table of its own', () => {
    const grid: Grid = [
      ...first,
      [],
      ['令和5年度 重層的支援体制整備事業 進捗管理表'],
      ['番号', '取組', '担当課', '前年度評価', '今年度評価'],
      ['1', '包括的相談支援', '福祉政策課', 'A', 'D'],
      ['2', '参加支援', '地域福祉課', 'B', 'B'],
    ];
    const s = sheet('評価', grid);
    const regions = evaluation(detectRegions(s));
    expect(regions.map((r) => [r.tableKey, r.headerRows, r.lastDataRow])).toEqual([
      ['A3', [2], 5],
      ['A9', [8], 10],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    expect(result.plans).toHaveLength(2);
    expect(result.report.findings.map(brief)).toEqual(['warning grade-jump E10']);
  });

  test('the same header repeated after a block title is one table (stacked blocks)', () => {
    const grid: Grid = [
      ...first,
      [],
      ['【基本目標2】地域で支え合う（再）'],
      ['施策', '事業名', '担当課', '評価'],
      ['3', '居場所づくり', '地域福祉課', 'A'],
      ['4', 'ボランティア育成', '社会福祉協議会', 'B'],
    ];
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions).toHaveLength(1);
    expect(regions[0].repeatedHeaderRows).toContain(8);
  });

  test('two exports with the same reported columns (年度, 担当課, 評価) but their own program columns are two tables, though no title word or year says so', () => {
    // One row per program × year: number, name, department, grade.
    const exportOf = (title: string, outline: [string, string], programs: CellValue[][]): Grid => [
      [title],
      [],
      ['年度', ...outline, '担当課', '評価', '備考'],
      ...['令和4年度', '令和5年度'].flatMap((y) => programs.map((p) => [y, ...p, null])),
    ];
    const grid: Grid = [
      ...exportOf('1 地域福祉計画', ['基本目標', '事業名'], [['1', '見守り活動', '福祉政策課', 'A'], ['2', '相談窓口', '福祉政策課', 'B']]),
      [],
      ...exportOf('2 重層的支援体制整備事業', ['実施計画', '主な事業内容'], [['1', '包括的相談支援', '地域福祉課', 'A'], ['2', '参加支援', '地域福祉課', 'C']]),
    ];
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions.map((r) => [r.tableKey, r.orientation, r.lastDataRow])).toEqual([
      ['A3', 'long', 6],
      ['A11', 'long', 14],
    ]);
  });

  test('the same header under a new document title with its own year is a new table', () => {
    const grid: Grid = [
      ...first,
      [],
      ['令和4年度 地域福祉計画 評価表'],
      ['施策', '事業名', '担当課', '評価'],
      ['1', '見守り活動', '高齢福祉課', 'B'],
      ['2', '相談窓口', '福祉政策課', 'C'],
    ];
    const regions = evaluation(detectRegions(sheet('評価', grid)));
    expect(regions.map((r) => [r.tableKey, r.statedYear])).toEqual([
      ['A3', 2023],
      ['A9', 2022],
    ]);
  });
});

describe('sheets per year: last year’s sheet kept beside this year’s', () => {
  const yearSheet = (name: string, title: string, grades: CellValue[]): SheetSnapshot =>
    sheet(name, [
      [title],
      [],
      ['施策', '事業名', '担当課', '評価'],
      ['1', '見守り活動', '高齢福祉課', grades[0]],
      ['2', '配食サービス', '高齢福祉課', grades[1]],
      ['3', '相談窓口', '福祉政策課', grades[2]],
    ]);

  test('the latest year is this year; the earlier sheet is not checked and gives the previous grades', () => {
    const current = yearSheet('R5', '令和5年度 事業評価シート', ['A', 'D', 'B']);
    const previous = yearSheet('R4', '令和4年度 事業評価シート', ['A', 'B', 'X']); // X: last year's fault, not this year's
    for (const sheets of [[current, previous], [previous, current]]) {
      const result = checkWorkbook({ sheets });
      expect(result.report.reportYear).toBe(2023);
      expect(result.report.sheets.map((s) => [s.name, s.role ?? 'current', s.year])).toEqual(
        sheets.map((s) => [s.name, s.name === 'R4' ? 'previous-year' : 'current', s.name === 'R4' ? 2022 : 2023]),
      );
      expect(result.plans.map((p) => p.sheet)).toEqual(['R5']);
      expect(result.previousYearPlans.map((p) => p.sheet)).toEqual(['R4']);
      // B → D over one year is a jump of two steps, read from last year's sheet; no error on R4's X.
      expect(result.report.findings.map(brief)).toEqual(['warning grade-jump D5']);
      const entry = result.plans[0].nodes[1].entries[0];
      expect(entry.previousGrade).toMatchObject({ sheet: 'R4', row: 4, col: 3 });
    }
  });

  test('years stated only by the sheet names classify the same way', () => {
    const current = yearSheet('令和5年度', '事業評価シート', ['A', 'D', 'B']);
    const previous = yearSheet('令和4年度', '事業評価シート', ['A', 'B', 'X']);
    const result = checkWorkbook({ sheets: [previous, current] });
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.reportYearSource).toBe('sheet-name');
    expect(result.report.sheets.map((s) => s.role ?? 'current')).toEqual(['previous-year', 'current']);
  });

  test('a lone sheet stating an earlier year than --year is still checked as this year', () => {
    const only = yearSheet('評価', '令和4年度 事業評価シート', ['A', 'B', 'X']);
    const result = checkWorkbook({ sheets: [only] }, { settings: { ...defaultSettings(), reportYear: 2023 } });
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.sheets[0].role).toBeUndefined();
    expect(result.report.findings.map(brief)).toContain('error grade-invalid D6');
  });

  test('only last year’s sheet states its year: the later year of the file name is this year’s', () => {
    const current = yearSheet('評価', '事業評価シート', ['A', 'D', 'B']);
    const previous = yearSheet('前年度', '令和4年度 事業評価シート', ['A', 'B', 'X']);
    const result = checkWorkbook({ sheets: [current, previous] }, { fileName: 'R5_事業評価_高齢福祉課.xlsx' });
    expect([result.report.reportYear, result.report.reportYearSource]).toEqual([2023, 'file-name']);
    expect(result.report.sheets.map((s) => s.role ?? 'current')).toEqual(['current', 'previous-year']);
    expect(result.report.findings.map(brief)).toEqual(['warning grade-jump D5']);
  });

  test('this year’s own 前年度評価 column is kept over last year’s sheet', () => {
    const current = sheet('R5', [
      ['令和5年度 事業評価シート'],
      [],
      ['事業名', '担当課', '前年度評価', '評価'],
      ['見守り活動', '高齢福祉課', 'A', 'A'],
      ['配食サービス', '高齢福祉課', 'C', 'D'],
    ]);
    const previous = yearSheet('R4', '令和4年度 事業評価シート', ['A', 'A', 'A']);
    const result = checkWorkbook({ sheets: [current, previous] });
    expect(result.plans[0].nodes[1].entries[0].previousGrade).toMatchObject({ row: 4, col: 2 });
    expect(result.plans[0].nodes[1].entries[0].previousGrade?.sheet).toBeUndefined();
  });
});
