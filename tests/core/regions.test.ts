/**
 * Several tables on one sheet (issue #20 item 4): side by side and stacked tables are regions
 * of their own, each with its own plan; stacked blocks of one table (the same header repeated)
 * stay one region.
 */
import { checkWorkbook, type Finding } from '../../src/core';
import { detectRegions } from '../../src/core/layout/detect';
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
