/**
 * The evidence rules of layout reading, one at a time, on small sheets built in memory (the
 * metamorphic suite in tests/layout renders whole plans; these pin each rule down). The last
 * block reads the snapshot fields they rely on through the file reader users use.
 */
import ExcelJS from 'exceljs';
import { checkWorkbook, type Finding } from '../../src/core';
import { parseGrade } from '../../src/core/scale';
import { classifyLabel } from '../../src/core/layout/columns';
import { SettingsSchema } from '../../src/core/settings';
import { detectRegions } from '../../src/core/layout/detect';
import { detectSummaryTables } from '../../src/core/layout/summary-table';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';
import { normalizeHeader } from '../../src/core/text';
import { readWorkbook } from '../../src/xlsx/read';
import { describe as describeFinding } from '../../src/render/describe';

type Grid = (CellValue | undefined)[][];

function sheet(name: string, grid: Grid, extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return { name, visibility: 'visible', rows: grid.map((r) => (r.length ? r.map((v) => v ?? null) : undefined)), merges: [], ...extra };
}

function check(sheets: SheetSnapshot[], options: Parameters<typeof checkWorkbook>[1] = {}): ReturnType<typeof checkWorkbook> {
  const snapshot: WorkbookSnapshot = { sheets };
  return checkWorkbook(snapshot, options);
}

const brief = (f: Finding): string => `${f.severity} ${f.rule} ${f.cell ?? '-'}`;
const roles = (sheetLayout: { columns: { col: number; role: string; year?: number }[] }): string[] =>
  sheetLayout.columns.filter((c) => c.role !== 'text' && c.role !== 'ignore').map((c) => `${c.col}:${c.role}${c.year ?? ''}`);

/** A small clean evaluation table: title, header, four programs with departments and grades. */
function table(header: string[], rows: CellValue[][], title = '令和5年度 事業評価シート'): Grid {
  return [[title], [], header, ...rows];
}

describe('header words: every synonym of the issue names its role', () => {
  const cases: [string, string][] = [
    ...['評価', '自己評価', '評価結果', '総合評価', '担当課評価', '事業評価', '評価（A～D）', '今年度評価', 'Check', 'Check(評価)'].map((w): [string, string] => [w, 'grade']),
    ...['前年度評価', '昨年度評価', '前年度事業評価'].map((w): [string, string] => [w, 'previousGrade']),
    ...['達成度', '達成率', '進捗状況', '進捗率'].map((w): [string, string] => [w, 'achievement']),
    ...['次年度方針', '今後の方向性', '今後の方針'].map((w): [string, string] => [w, 'nextPolicy']),
    ...['担当課', '所管課', '担当', '担当部署'].map((w): [string, string] => [w, 'department']),
    ...['事業名', '取組', '個別事業', '具体的な取り組み', '実施内容'].map((w): [string, string] => [w, 'name']),
  ];
  test.each(cases)('%s → %s', (word, role) => {
    expect(classifyLabel(normalizeHeader(word), { multiYear: false }).role).toBe(role);
  });

  test('a header split over rows: 前年度 over 評価, and a group label over 前年度 | 今年度', () => {
    expect(classifyLabel('前年度\n評価', { multiYear: false }).role).toBe('previousGrade');
    expect(classifyLabel('事業評価\n前年度', { multiYear: false }).role).toBe('previousGrade');
    expect(classifyLabel('事業評価\n今年度', { multiYear: false }).role).toBe('grade');
    expect(classifyLabel('事業の進捗状況と評価\n担当課', { multiYear: false }).role).toBe('department');
  });

  test('a two-row header with merged cells is read as one band', () => {
    const grid: Grid = [
      ['令和5年度 事業評価'],
      [],
      ['事業名', '担当課', '事業評価', null, '次年度方針'],
      [null, null, '前年度', '今年度', null],
      ['見守り活動', '高齢福祉課', 'A', 'B', '継続'],
      ['配食サービス', '高齢福祉課', 'B', 'B', '継続'],
      ['相談窓口', '福祉政策課', 'C', 'D', '改善'],
    ];
    const s = sheet('評価', grid, {
      merges: [
        { top: 2, left: 0, bottom: 3, right: 0 },
        { top: 2, left: 1, bottom: 3, right: 1 },
        { top: 2, left: 2, bottom: 2, right: 3 },
        { top: 2, left: 4, bottom: 3, right: 4 },
      ],
    });
    const [layout] = detectRegions(s);
    expect(layout.headerRows).toEqual([2, 3]);
    expect(roles(layout)).toEqual(['0:name', '1:department', '2:previousGrade', '3:grade', '4:nextPolicy']);
  });

  test('a three-row header whose last row holds one sub-label, the other header cells merged down into it, is all header', () => {
    // A caption over the columns, a group (事業内容) over 取組 in the third row; 自己評価, 担当課
    // and 次年度方針 are merged down over the second and third rows.
    const grid: Grid = [
      ['令和5年度 事業評価'],
      [],
      ['施策', '事業の進捗状況と評価', null, null, null],
      [null, '自己評価', '事業内容', '担当課', '次年度方針'],
      [null, null, '取組', null, null],
      ['1 地域づくり', 'A', '見守り活動', '高齢福祉課', '継続'],
      [null, 'B', '配食サービス', '高齢福祉課', '継続'],
      [null, 'C', '相談窓口', '福祉政策課', '改善'],
      [null, 'A', '地域サロン', '福祉政策課', '充実'],
    ];
    const s = sheet('評価', grid, {
      merges: [
        { top: 2, left: 0, bottom: 4, right: 0 },
        { top: 2, left: 1, bottom: 2, right: 4 },
        { top: 3, left: 1, bottom: 4, right: 1 },
        { top: 3, left: 3, bottom: 4, right: 3 },
        { top: 3, left: 4, bottom: 4, right: 4 },
      ],
    });
    const [layout] = detectRegions(s);
    expect(layout.headerRows).toEqual([2, 3, 4]);
    expect(layout.firstDataRow).toBe(5);
    expect(check([s]).report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
  });
});

describe('grades named by their year', () => {
  const rows: CellValue[][] = [
    ['見守り活動', '高齢福祉課', 'A', 'D'],
    ['配食サービス', '高齢福祉課', 'B', 'B'],
    ['相談窓口', '福祉政策課', 'C', 'C'],
  ];
  test.each([
    ['R4評価', 'R5評価'],
    ['令和4年度評価', '令和5年度評価'],
    ['2022年度 評価', '2023年度 評価'],
  ])('%s | %s: the report year’s is the grade, the year before’s the previous grade', (previous, current) => {
    const result = check([sheet('評価', table(['事業名', '担当課', previous, current], rows))]);
    const layout = result.layouts[0];
    expect(roles(layout)).toEqual(['0:name', '1:department', '2:previousGrade2022', '3:grade2023']);
    expect(result.report.findings.map(brief)).toEqual(['warning grade-jump D4']);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 0, B: 1, C: 1, D: 1 });
  });

  test('beside a year-named record column, last year’s marks show the scale this year’s column holds only one level of', () => {
    // 事業実績(令和2年度) makes the header name several years: both grade columns start as year columns.
    const marks: CellValue[][] = [
      ['見守り活動', '高齢福祉課', '訪問を実施した。', '×', '○'],
      ['配食サービス', '高齢福祉課', '配食を継続した。', '○', '○'],
      ['相談窓口', '福祉政策課', '窓口を開設した。', '△', '○'],
      ['居場所づくり', '地域福祉課', '2か所で開催した。', '○', '○'],
    ];
    const result = check([sheet('評価', table(['事業名', '担当課', '事業実績(令和2年度)', 'R元評価', 'R2評価'], marks, '令和2年度 事業評価'))]);
    expect(roles(result.layouts[0])).toEqual(['0:name', '1:department', '2:yearStatus2020', '3:previousGrade2019', '4:grade2020']);
    expect(result.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual(['warning grade-jump E4']);
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ '○': 4 });
  });

  test('stacked blocks whose heading lines stand in the grade columns (grade first): the headings are not the columns’ values', () => {
    const header: CellValue[] = ['施策', 'R5評価', 'R4評価', '事業名', '担当課', '事業実績(令和5年度)'];
    const block = (n: number, programs: [string, string, string][]): Grid => [
      ['基本目標', `${n} 福祉のまちづくり`],
      ['基本施策', `福祉を支える基盤の整備${n}`],
      ['施策(1)', `暮らしやすいまちづくり${n}`],
      header,
      ...programs.map(([name, now, before], i): CellValue[] => [i === 0 ? '(1)' : null, now, before, name, '地域福祉課', `${name}を実施した。`]),
    ];
    const grid: Grid = [['令和5年度 評価表'], [], ...block(1, [['見守り活動', 'A', 'B'], ['配食サービス', 'B', 'B']]), [], ...block(2, [['相談窓口', 'A', 'A'], ['居場所づくり', 'C', 'A']])];
    const result = check([sheet('評価', grid)]);
    expect(roles(result.layouts[0]).filter((r) => /rade/.test(r))).toEqual(['1:grade2023', '2:previousGrade2022']);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 1, D: 0 });
  });

  test('the grade column may stand left of the previous one; R元 is 2019', () => {
    const result = check([sheet('評価', table(['事業名', '担当課', 'R2評価', 'R元評価'], rows, '令和2年度 事業評価'))]);
    expect(roles(result.layouts[0])).toEqual(['0:name', '1:department', '2:grade2020', '3:previousGrade2019']);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 1, B: 1, C: 1, D: 0 });
  });

  test('a year block (実施状況 / 評価 as prose / 達成度) is not a grade of that year', () => {
    const grid: Grid = [
      ['自殺対策計画 進捗管理表'],
      [],
      ['実施内容', '担当課', '令和4年度', null, null, '令和5年度', null, null],
      [null, null, '実施状況', '評価', '達成度', '実施状況', '評価', '達成度'],
      ['庁内連絡会', '健康推進課', '年1回開催', '情報共有を図ることができた', '100%', '年1回開催', '継続して情報を共有した', '100%'],
      ['ゲートキーパー養成', '健康推進課', '2回実施', '受講者が増えた', '50%', '3回実施', '目標の人数に達した', '100%'],
    ];
    const s = sheet('進捗', grid, { merges: [{ top: 2, left: 2, bottom: 2, right: 4 }, { top: 2, left: 5, bottom: 2, right: 7 }] });
    const [layout] = detectRegions(s);
    expect(roles(layout)).toEqual(['0:name', '1:department', '2:yearStatus2022', '3:yearEvaluation2022', '4:yearAchievement2022', '5:yearStatus2023', '6:yearEvaluation2023', '7:yearAchievement2023']);
  });

  test('a caption over the year groups (事業の進捗状況と評価) names no column: 実施状況 stays the status, 進捗率 the achievement, and the checks run', () => {
    const grid: Grid = [
      ['自殺対策計画 進捗管理表（令和5年度）'],
      [],
      ['実施内容', '担当課', '事業の進捗状況と評価', null, null, null, null, null],
      [null, null, '令和4年度', null, null, '令和5年度', null, null],
      [null, null, '実施状況', '担当課の評価', '進捗率', '実施状況', '担当課の評価', '進捗率'],
      ['庁内連絡会', '健康推進課', '年1回開催', '情報共有を図ることができた', '100%', '未実施', '開催できなかった', '100%'],
      ['ゲートキーパー養成', '健康推進課', '2回実施', '受講者が増えた', '50%', '3回実施', '目標の人数に達した', '100%'],
    ];
    const merges = [
      { top: 2, left: 0, bottom: 4, right: 0 },
      { top: 2, left: 1, bottom: 4, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 7 },
      { top: 3, left: 2, bottom: 3, right: 4 },
      { top: 3, left: 5, bottom: 3, right: 7 },
    ];
    const s = sheet('進捗', grid, { merges });
    const [layout] = detectRegions(s);
    expect(layout.headerRows).toEqual([2, 3, 4]);
    expect(roles(layout)).toEqual(['0:name', '1:department', '2:yearStatus2022', '3:yearEvaluation2022', '4:yearAchievement2022', '5:yearStatus2023', '6:yearEvaluation2023', '7:yearAchievement2023']);
    // 未実施 beside 100 %: the per-year check sees the status it compares.
    expect(check([s]).report.findings.map((f) => f.rule)).toContain('achievement-grade-mismatch');
    // Nothing but the year under a group word: the group word is all the column has.
    expect(classifyLabel('評価\n令和5年度', { multiYear: true })).toEqual({ role: 'yearEvaluation', year: 2023 });
  });
});

describe('grade notations with an explanation', () => {
  test.each([
    ['A：ほぼ達成', 'A', 'colon'],
    ['B:ある程度達成', 'B', 'colon'],
    ['A（達成）', 'A', 'paren'],
    ['Ａ評価', 'A', 'suffix'],
    ['A 目標を達成', 'A', 'space'],
    ['D　未実施', 'D', 'space'],
  ])('%s counts as %s (%s)', (text, grade, notation) => {
    expect(parseGrade(text)).toMatchObject({ kind: 'grade', grade, notation });
  });

  test.each(['就労継続支援A型', 'Bコース', '対象者数A：120人', 'A1', 'C 就労継続支援', 'A型事業所'])('%s is not a grade', (text) => {
    expect(parseGrade(text).kind).toBe('invalid');
  });

  const explained: CellValue[][] = [
    ['見守り活動', '高齢福祉課', 'A：ほぼ達成'],
    ['配食サービス', '高齢福祉課', 'B：ある程度達成'],
    ['相談窓口', '福祉政策課', 'C：大きな課題'],
    ['居場所づくり', '地域福祉課', 'A：ほぼ達成'],
  ];
  test('a column written throughout in one explained notation is the sheet’s standard: counted, no warning', () => {
    const result = check([sheet('評価', table(['事業名', '担当課', '評価'], explained))]);
    expect(result.report.findings).toEqual([]);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 1, D: 0 });
  });

  test('one explained grade among bare letters is counted and flagged as non-standard', () => {
    const rows = explained.map((r, i) => (i === 2 ? r : [r[0], r[1], String(r[2]).slice(0, 1)]));
    const result = check([sheet('評価', table(['事業名', '担当課', '評価'], rows))]);
    expect(result.report.findings.map(brief)).toEqual(['warning grade-nonstandard C6']);
  });

  test('a prose column with capital letters is never the grade column, and its letters are not slipped grades', () => {
    const rows: CellValue[][] = [
      ['就労支援', '障害福祉課', 'A', '就労継続支援A型の利用者が増えた'],
      ['学習支援', '子育て支援課', 'B', 'Bコースを新設した'],
      ['相談窓口', '福祉政策課', 'C', '対象者数A：120人'],
    ];
    const result = check([sheet('評価', table(['事業名', '担当課', '評価', '備考'], rows))]);
    expect(roles(result.layouts[0])).toEqual(['0:name', '1:department', '2:grade']);
    expect(result.report.findings).toEqual([]);
  });
});

describe('validation lists', () => {
  const rows: CellValue[][] = [
    ['見守り活動', '高齢福祉課', 'A'],
    ['配食サービス', '高齢福祉課', 'B'],
    ['相談窓口', '福祉政策課', null],
  ];
  test('a list of A–D on a column with no grade word makes it the grade column, and its blank is a missing grade', () => {
    const s = sheet('評価', table(['事業名', '担当課', '判定'], rows), {
      validations: [{ ranges: [{ top: 3, left: 2, bottom: 40, right: 2 }], items: ['A：ほぼ達成', 'B：ある程度達成', 'C：大きな課題', 'D：未実施'] }],
    });
    const result = check([s]);
    const grade = result.layouts[0].columns.find((c) => c.col === 2);
    expect(grade).toMatchObject({ role: 'grade', notation: 'colon' });
    expect(grade?.evidence).toContainEqual({ kind: 'validation', items: ['A：ほぼ達成', 'B：ある程度達成', 'C：大きな課題', 'D：未実施'] });
    expect(result.report.findings.map(brief)).toEqual(['error grade-missing C6']);
  });
});

describe('regions of one sheet', () => {
  const evaluation: Grid = table(
    ['事業名', '担当課', '評価'],
    [
      ['見守り活動', '高齢福祉課', 'A'],
      ['配食サービス', '高齢福祉課', 'B'],
      ['相談窓口', '福祉政策課', 'A'],
      ['居場所づくり', '地域福祉課', 'C'],
    ],
  );
  const summary = (a: number): Grid => [['評価総括表'], ['目標を達成・・・A', a], ['一定の成果・・・B', 1], ['十分な成果が出ていない・・・C', 1], ['未実施・・・D', 0], ['合計', a + 2]];

  test('a 評価総括表 below the table is its own region, and its counts are checked against the table', () => {
    const grid: Grid = [...evaluation, [], [], ...summary(3)];
    const result = check([sheet('評価', grid)]);
    expect(result.layouts.map((l) => `${l.kind} ${l.firstDataRow}-${l.lastDataRow}`)).toEqual(['evaluation 3-6', 'summary-table 9-14']);
    expect(result.report.findings.map(brief)).toEqual(['error summary-count-mismatch B11', 'error summary-count-mismatch B15']);
    expect(check([sheet('評価', [...evaluation, [], [], ...summary(2)])]).report.findings).toEqual([]);
  });

  test('a 評価総括表 beside the table', () => {
    const grid: Grid = evaluation.map((r) => [...r]);
    summary(2).forEach((line, i) => {
      const row = (grid[2 + i] ??= []);
      while (row.length < 5) row.push(null);
      row.push(...line);
    });
    const result = check([sheet('評価', grid)]);
    expect(result.layouts.map((l) => `${l.kind} cols ${l.firstCol}-${l.lastCol}`)).toEqual(['evaluation cols 0-2', 'summary-table cols 5-6']);
    expect(result.report.findings).toEqual([]);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 1, D: 0 });
  });

  test('a 評価総括表 beside the table under a long title (the plan’s full name, the year, then 評価総括表)', () => {
    const grid: Grid = evaluation.map((r) => [...r]);
    const title = 'あいとぴあレインボープラン狛江市第4次地域福祉計画進捗管理 令和5年度報告書 評価総括表';
    expect(title.length).toBeGreaterThan(40);
    [[title], ...summary(2).slice(1)].forEach((line, i) => {
      const row = (grid[2 + i] ??= []);
      while (row.length < 5) row.push(null);
      row.push(...line);
    });
    const result = check([sheet('評価', grid)]);
    expect(result.layouts.map((l) => `${l.kind} cols ${l.firstCol}-${l.lastCol}`)).toEqual(['evaluation cols 0-2', 'summary-table cols 5-6']);
    expect(result.report.findings).toEqual([]);
  });

  test('two 評価総括表 side by side, each under its title: each ends where the next title starts', () => {
    const grid: Grid = [['評価総括表（計画A）', null, null, null, '評価総括表（計画B）'], ['目標を達成・・・A', 2, '1－(1)', null, '目標を達成・・・A', 7, '1 普及啓発']];
    for (const [label, a, b] of [['一定の成果・・・B', 1, 0], ['十分な成果が出ていない・・・C', 1, 1], ['未実施・・・D', 0, 0], ['合計', 4, 8]] as const) grid.push([label, a, null, null, label, b]);
    const found = detectSummaryTables(sheet('総括', grid.map((r) => [null, null, ...r])));
    expect(found.map((t) => [t.left, t.right, t.gradeRows.map((g) => g.count).join(','), t.gradeRows.flatMap((g) => g.policyIds).join(',')])).toEqual([
      [2, 4, '2,1,1,0', '1－(1)'],
      [6, 8, '7,0,1,0', '1 普及啓発'],
    ]);
  });

  test('stacked blocks: each heading line and repeated header is hierarchy, never a program', () => {
    const grid: Grid = [
      ['令和5年度 事業評価シート'],
      [],
      ['基本目標1 支え合うまち'],
      ['事業名', '担当課', '評価'],
      ['見守り活動', '高齢福祉課', 'A'],
      ['配食サービス', '高齢福祉課', 'B'],
      [],
      ['基本目標2 安心して暮らせるまち'],
      ['事業名', '担当課', '評価'],
      ['相談窓口', '福祉政策課', 'A'],
      ['居場所づくり', '地域福祉課', 'C'],
    ];
    const result = check([sheet('評価', grid)]);
    expect(result.report.findings).toEqual([]);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 1, D: 0 });
    expect(result.plans[0].nodes.filter((n) => n.entries.length > 0).map((n) => n.name)).toEqual(['見守り活動', '配食サービス', '相談窓口', '居場所づくり']);
  });

  test('a count that is a formula without a cached result is not a zero: no mismatch, an info says it could not be verified', () => {
    const grid: Grid = [...evaluation, [], [], ['評価総括表'], ['目標を達成・・・A', 2], ['一定の成果・・・B', 1], ['十分な成果が出ていない・・・C', 1], ['未実施・・・D'], ['合計', 4]];
    const result = check([sheet('評価', grid, { uncachedFormulas: [{ row: 13, col: 1 }] })]);
    expect(result.report.findings.map(brief)).toEqual(['info layout-uncertain B14']);
    expect(describeFinding(result.report.findings[0], 'ja')).toContain('照合できませんでした');
  });
});

describe('two department columns', () => {
  const rows: CellValue[][] = [
    ['健康推進課', '見守り活動', '福祉部', 'A'],
    ['高齢福祉課', '配食サービス', '福祉部', 'B'],
    ['市民協働課', '地域サロン', '地域振興部', 'B'],
    ['福祉政策課', '相談窓口', '福祉部', 'C'],
  ];
  test('担当 naming sections beside 担当部署 naming their 部: the sections are the department, wherever they stand', () => {
    const [layout] = detectRegions(sheet('評価', table(['担当', '事業名', '担当部署', '評価'], rows)));
    expect(roles(layout)).toEqual(['0:department', '1:name', '3:grade']);
    expect(layout.columns[0].evidence?.map((e) => e.kind)).toEqual(['header', 'content']);
  });

  test('a header that says 課 decides by itself', () => {
    const swapped = rows.map((r) => [r[2], r[1], r[0], r[3]]);
    const [layout] = detectRegions(sheet('評価', table(['担当課', '事業名', '担当部署', '評価'], swapped)));
    expect(roles(layout)).toEqual(['0:department', '1:name', '3:grade']);
  });
});

describe('merged cells', () => {
  test('a grade merged over a program’s department rows applies to each row', () => {
    const grid: Grid = table(
      ['事業名', '担当課', '評価'],
      [
        ['見守り活動', '高齢福祉課', 'A'],
        [null, '福祉政策課', null],
        ['配食サービス', '高齢福祉課', 'B'],
      ],
    );
    const s = sheet('評価', grid, { merges: [{ top: 3, left: 0, bottom: 4, right: 0 }, { top: 3, left: 2, bottom: 4, right: 2 }] });
    const result = check([s]);
    expect(result.report.findings).toEqual([]);
    expect(result.report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 0, D: 0 });
    const program = result.plans[0].nodes.find((n) => n.name === '見守り活動');
    expect(program?.entries.map((e) => e.department)).toEqual(['高齢福祉課', '福祉政策課']);
  });
});

describe('hidden rows and columns', () => {
  const grid: Grid = table(
    ['事業名', '担当課', '評価', '点数'],
    [
      ['見守り活動', '高齢福祉課', 'A', 4],
      ['廃止した事業', '高齢福祉課', null, 0],
      ['相談窓口', '福祉政策課', 'B', 3],
    ],
  );
  test('a hidden row is outside the check and counted; a hidden helper column never becomes a role', () => {
    const result = check([sheet('評価', grid, { hiddenRows: [4], hiddenCols: [3] })]);
    expect(result.report.findings).toEqual([]);
    expect(result.layouts[0].hiddenRowsSkipped).toBe(1);
    expect(result.report.sheets[0].hiddenRowsSkipped).toBe(1);
    expect(result.layouts[0].columns.find((c) => c.col === 3)).toMatchObject({ role: 'ignore', hidden: true });
    expect(check([sheet('評価', grid)]).report.findings.map(brief)).toEqual(['error grade-missing C5']);
  });

  test('a 再掲 whose original row is hidden is matched to it: the original is in the workbook, neither is checked or counted', () => {
    const g: Grid = table(
      ['番号', '事業名', '担当課', '評価'],
      [
        ['1-1', '市民相談', '市民協働課', 'A'],
        ['1-2', '見守り活動', '高齢福祉課', 'B'],
        ['2-1', '相談窓口', '福祉政策課', 'B'],
        ['2-2', '市民相談', '市民協働課', 'A(再掲)'],
      ],
    );
    const hidden = check([sheet('評価', g, { hiddenRows: [3] })]);
    expect(hidden.report.findings.filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
    expect(hidden.report.sheets[0].gradeCounts).toEqual({ A: 0, B: 2, C: 0, D: 0 });
    // Nowhere in the workbook, hidden or not: still unmatched.
    const renamed = g.map((r) => r.map((v) => (v === '市民相談' && r[3] === 'A' ? '法律相談' : v)));
    expect(check([sheet('評価', renamed, { hiddenRows: [3] })]).report.findings.map((f) => f.rule)).toContain('repost-unmatched');
  });

  test('a visible department line under a hidden program row belongs to that program, not to the heading above', () => {
    const g: Grid = table(
      ['番号', '事業名', '担当課', '評価'],
      [
        ['(1)', '情報発信の強化', null, null],
        [null, '① 情報提供の充実', '自立生活支援課', 'B'],
        [null, null, '介護福祉課', 'B'],
        [null, '② 手当制度の周知', '自立生活支援課', 'A'],
        ['(2)', '情報バリアフリー', null, null],
        [null, '① 福祉マップ', '広報課', 'D'],
      ],
    );
    // Row 4 (0-based) is the hidden program ①; row 5 is another department's line for it.
    const visible = check([sheet('評価', g)]);
    const hidden = check([sheet('評価', g, { hiddenRows: [4] })]);
    const policy = (r: ReturnType<typeof check>, id: string) => r.report.policies.find((p) => p.id === id)!;
    expect(policy(visible, '(1)').counts).toEqual({ A: 1, B: 2, C: 0, D: 0 });
    // Only the hidden row's own grade leaves the count; (1) does not turn into a graded node.
    expect(policy(hidden, '(1)').counts).toEqual({ A: 1, B: 1, C: 0, D: 0 });
    expect(policy(hidden, '(1)').declaredGrade).toBeNull();
    const program = hidden.plans[0].nodes.find((n) => n.name.includes('情報提供の充実'))!;
    expect(program.entries.map((e) => e.department)).toEqual(['介護福祉課']);
    expect(hidden.report.sheets[0].gradeCounts).toEqual({ A: 1, B: 1, C: 0, D: 1 });
    expect(hidden.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('a numbered level after a hidden program named without a number is not placed under that program', () => {
    const g: Grid = table(
      ['施策', '事業名', '担当課', '評価'],
      [
        ['基本施策1 見守り', null, null, null],
        ['1-1. 見守りの充実', '見守り活動', '高齢福祉課', 'A'],
        [null, '配食サービス', '高齢福祉課', 'B'],
        ['基本施策2 相談', null, null, null],
        [null, '（廃止）旧・電話訪問事業', '福祉総務課', '廃止'],
        ['2-1. 相談体制の充実', '相談窓口', '福祉政策課', 'B'],
        [null, '居場所づくり', '地域福祉課', 'C'],
      ],
    );
    // Row 7 (0-based) is the hidden program, right under 基本施策2 and above its first 施策 2-1.
    const result = check([sheet('評価', g, { hiddenRows: [7] })]);
    const policy = result.plans[0].nodes.find((n) => n.id === '2-1')!;
    expect(policy.parent?.name).toBe('相談');
    expect(result.report.policies.find((p) => p.id === '2-1')?.counts).toEqual({ A: 0, B: 1, C: 1, D: 0 });
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('a program whose rows are all hidden is not a program of the plan', () => {
    const g: Grid = table(
      ['事業名', '担当課', '評価'],
      [
        ['見守り活動', '高齢福祉課', 'A'],
        ['廃止した事業', '高齢福祉課', null],
        ['相談窓口', '福祉政策課', 'B'],
      ],
    );
    const result = check([sheet('評価', g, { hiddenRows: [4] })]);
    expect(result.plans[0].nodes.map((n) => n.name)).toEqual(['見守り活動', '相談窓口']);
  });

  test('a hidden column headed 評価 is not a second grade column', () => {
    const g = grid.map((r, i) => (i === 2 ? ['事業名', '担当課', '評価', '評価'] : r));
    const result = check([sheet('評価', g, { hiddenRows: [4], hiddenCols: [3] })]);
    expect(roles(result.layouts[0])).toEqual(['0:name', '1:department', '2:grade']);
    expect(result.report.findings).toEqual([]);
  });
});

describe('report year and its source', () => {
  const rows: CellValue[][] = [
    ['見守り活動', '高齢福祉課', 'A', 'A'],
    ['相談窓口', '福祉政策課', 'B', 'B'],
  ];
  const header = ['事業名', '担当課', '前年度評価', '評価'];
  const cases: [string, Grid, string, { year?: string; fileName?: string }, number][] = [
    ['setting', table(header, rows, '令和4年度 事業評価'), '評価', { year: 'R3' }, 2021],
    ['title', table(header, rows, '令和4年度 事業評価'), '評価', {}, 2022],
    ['sheet-name', table(header, rows, '事業評価（計画期間 令和3～7年度）'), 'R5 評価', {}, 2023],
    ['file-name', table(header, rows, '事業評価'), '評価', { fileName: 'R5_事業評価_高齢福祉課.xlsx' }, 2023],
  ];
  test.each(cases)('%s', (source, grid, name, opts, year) => {
    const result = check([sheet(name, grid)], {
      fileName: opts.fileName ?? null,
      settings: opts.year ? SettingsSchema.parse({ reportYear: opts.year }) : undefined,
    });
    expect(result.report.reportYear).toBe(year);
    expect(result.report.reportYearSource).toBe(source);
  });

  test('year-columns: the latest year column holding entries; a future plan column and a plan period are not it', () => {
    const grid: Grid = [
      ['事業評価（計画期間 令和3～7年度）'],
      [],
      ['事業名', '担当課', '令和3年度評価', '令和4年度評価', '令和5年度評価', '今後（令和7年度以降）の方針'],
      ['見守り活動', '高齢福祉課', 'A', 'B', null, '継続'],
      ['相談窓口', '福祉政策課', 'B', 'B', null, '継続'],
    ];
    const result = check([sheet('評価', grid)]);
    expect(result.report.reportYear).toBe(2022);
    expect(result.report.reportYearSource).toBe('year-columns');
    expect(roles(result.layouts[0])).toEqual(['0:name', '1:department', '2:previousGrade2021', '3:grade2022']);
    expect(result.report.findings.map(brief)).toEqual(['info layout-uncertain -']);
  });
});

describe('never confidently wrong', () => {
  test('two grade columns with nothing to tell them apart: no errors from that table (its Xs), one info says why', () => {
    const grid: Grid = table(
      ['事業名', '担当課', '評価', '評価'],
      [
        ['見守り活動', '高齢福祉課', 'A', 'B'],
        ['相談窓口', '福祉政策課', 'B', 'X'],
        ['居場所づくり', '地域福祉課', 'X', 'C'],
      ],
    );
    const result = check([sheet('評価', grid)]);
    expect(result.layouts[0].uncertain).toBe(true);
    expect(result.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.report.findings.map(brief)).toEqual(['info layout-uncertain -']);
  });

  test('achievement cells holding prose are achievement-invalid; per-department values are not', () => {
    const grid: Grid = table(
      ['事業名', '担当課', '評価', '達成度'],
      [
        ['見守り活動', '高齢福祉課', 'A', '100%'],
        ['相談窓口', '福祉政策課', 'B', '概ね順調'],
        ['居場所づくり', '地域福祉課', 'B', '企画課 80% 福祉総務課 実施'],
        ['配食サービス', '高齢福祉課', 'D', '未実施'],
      ],
    );
    expect(check([sheet('評価', grid)]).report.findings.map(brief)).toEqual(['warning achievement-invalid D5']);
  });
});

describe('the reader fills the snapshot fields the evidence rules use', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('評価');
    ws.addRows([['令和5年度 事業評価'], [], ['事業名', '担当課', '評価', '点数'], ['見守り活動', '高齢福祉課', 'A', 4], ['廃止', '高齢福祉課', null, 0]]);
    ws.getRow(5).hidden = true;
    ws.getColumn(4).hidden = true;
    ws.getCell('H1').value = 'A';
    ws.getCell('H2').value = 'B';
    (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add('C4:C40', { type: 'list', allowBlank: true, formulae: ['"A：ほぼ達成,B：ある程度達成,C：大きな課題,D：未実施"'] });
    (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add('E4:E40', { type: 'list', allowBlank: true, formulae: ['$H$1:$H$2'] });
    ws.getCell('F4').value = { formula: 'COUNTIF(C4:C5,"A")' } as ExcelJS.CellFormulaValue;
    bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  });

  test('readWorkbook', async () => {
    const s = (await readWorkbook(bytes)).sheets[0];
    expect(s.hiddenRows).toEqual([4]);
    expect(s.hiddenCols).toEqual([3]);
    expect(s.validations).toEqual([
      { ranges: [{ top: 3, left: 2, bottom: 39, right: 2 }], items: ['A：ほぼ達成', 'B：ある程度達成', 'C：大きな課題', 'D：未実施'] },
      { ranges: [{ top: 3, left: 4, bottom: 39, right: 4 }], items: ['A', 'B'] },
    ]);
    expect(s.uncachedFormulas).toEqual([{ row: 3, col: 5 }]);
  });
});
