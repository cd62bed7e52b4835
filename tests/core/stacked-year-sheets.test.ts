/**
 * Tables one below the other and last year's sheet, where the report year comes from
 * elsewhere (the file name, the sheet names): which lines state a table's year, where one
 * table ends and the next begins, and how a program listed straight under a heading sits in
 * the outline. Small hand-built sheets, one layout feature each (issue #20).
 */
import { checkWorkbook } from '../../src/core';
import { detectRegions } from '../../src/core/layout/detect';
import type { PlanNode } from '../../src/core/plan/types';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';

type Grid = (CellValue | undefined)[][];

function sheet(name: string, grid: Grid): SheetSnapshot {
  return { name, visibility: 'visible', rows: grid.map((r) => (r.length ? r.map((v) => v ?? null) : undefined)), merges: [] };
}

const evaluation = (s: SheetSnapshot) => detectRegions(s).filter((l) => l.kind === 'evaluation');

describe('tables one below the other, the year stated elsewhere', () => {
  // A program's own text names years (令和6年度から…): that is no title, whatever the row.
  const grid: Grid = [
    ['地域福祉計画 評価表'],
    [],
    ['施策', '事業名', '実績', '担当課', '評価'],
    ['1', '見守り活動', '令和6年度から全地区で実施', '高齢福祉課', 'A'],
    [null, '配食サービス', '令和6年度に対象を拡大', '高齢福祉課', 'B'],
    ['2', '相談窓口', '令和3年度開設', '福祉政策課', 'C'],
    [],
    ['重層的支援体制整備事業 実施計画'],
    ['番号', '取組', '実績', '担当課', '前年度評価', '今年度評価'],
    ['1', '包括的相談支援', '令和6年度に窓口を統合', '福祉政策課', 'A', 'B'],
    ['2', '参加支援', '実施', '地域福祉課', 'B', 'B'],
  ];

  test('no table takes a year from the programs’ texts below the first header', () => {
    const regions = evaluation(sheet('評価', grid));
    expect(regions.map((r) => [r.tableKey, r.statedYear])).toEqual([
      ['A3', null],
      ['A9', null],
    ]);
  });

  test('the file name’s year is the report year, and both tables are this year’s', () => {
    const result = checkWorkbook({ sheets: [sheet('評価', grid)] }, { fileName: 'R5_事業評価_福祉政策課.xlsx' });
    expect([result.report.reportYear, result.report.reportYearSource]).toEqual([2023, 'file-name']);
    expect(result.plans).toHaveLength(2);
    expect(result.previousYearPlans).toEqual([]);
  });

  test('a title over the first header still states the year of every table below it', () => {
    const titled = grid.map((r, i) => (i === 0 ? ['令和5年度 地域福祉計画 評価表'] : r));
    expect(evaluation(sheet('評価', titled)).map((r) => r.statedYear)).toEqual([2023, 2023]);
  });
});

describe('where one stacked table ends', () => {
  const first: Grid = [
    ['1 地域福祉計画 進捗管理'],
    [],
    ['施策', '地域福祉計画 事業名', '担当課', '頁', '評価'],
    ['1', '見守り活動', '高齢福祉課', '12', 'A'],
    ['2', '相談窓口', '福祉政策課', '13', 'B'],
  ];

  test('a caption over a header that names its program column otherwise starts another table', () => {
    const grid: Grid = [
      ...first,
      [],
      ['2 重層的支援体制整備事業実施計画'],
      ['施策', '重層的支援体制整備事業 事業名', '担当課', '頁', '評価'],
      ['1', '包括的相談支援', '福祉政策課', '21', 'A'],
      ['2', '参加支援', '地域福祉課', '22', 'B'],
    ];
    const regions = evaluation(sheet('評価', grid));
    expect(regions.map((r) => [r.tableKey, r.headerRows, r.lastDataRow])).toEqual([
      ['A3', [2], 4],
      ['A8', [7], 9],
    ]);
  });

  test('a block caption over the same header, a note beside only one of them, is one table', () => {
    const grid: Grid = [
      ...first.slice(0, 2),
      [...(first[2] as CellValue[]), null, '※ 頁は計画書の頁'],
      ...first.slice(3),
      [],
      ['【基本目標2】地域で支え合う'],
      ['施策', '地域福祉計画 事業名', '担当課', '頁', '評価'],
      ['3', '居場所づくり', '地域福祉課', '14', 'A'],
    ];
    const regions = evaluation(sheet('評価', grid));
    expect(regions).toHaveLength(1);
    expect(regions[0].repeatedHeaderRows).toContain(7);
  });
});

describe('a program listed straight under a heading', () => {
  test('the numbered 施策 in the column to its left is its sibling, not its child', () => {
    const s = sheet('進捗管理表', [
      ['令和5年度 自殺対策計画 進捗管理表'],
      [],
      ['計画における項目', '実施内容', '担当課', '評価'],
      ['基本施策1 地域におけるネットワークの強化'],
      ['1-1. 地域のネットワークの構築', '自治会との連携', '市民協働課', 'A'],
      ['基本施策2 自殺対策を支える人材の育成'],
      [null, '研修体系の見直し', '健康推進課', 'B'],
      ['2-1. 様々な職種を対象とする研修の実施', 'ゲートキーパー養成', '健康推進課', 'A'],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    const nodes = result.plans[0].nodes;
    const named = (text: string): PlanNode => nodes.find((n) => n.name.includes(text)) as PlanNode;
    expect(named('様々な職種').parent).toBe(named('人材の育成'));
    expect(named('研修体系の見直し').parent).toBe(named('人材の育成'));
    expect(named('研修体系の見直し').children).toEqual([]);
    expect(named('ゲートキーパー養成').parent).toBe(named('様々な職種'));
  });
});

describe('last year’s sheet named for last year without its number', () => {
  const yearSheet = (name: string, grades: CellValue[]): SheetSnapshot =>
    sheet(name, [
      ['事業評価シート'],
      [],
      ['施策', '事業名', '担当課', '評価'],
      ['1', '見守り活動', '高齢福祉課', grades[0]],
      ['2', '配食サービス', '高齢福祉課', grades[1]],
      ['3', '相談窓口', '福祉政策課', grades[2]],
    ]);
  const brief = (f: { severity: string; rule: string; cell: string | null }): string => `${f.severity} ${f.rule} ${f.cell ?? '-'}`;

  test.each([['評価調書（前年度）'], ['前年度'], ['前年度分_評価'], ['評価 昨年度']])('%s is the year before the report year, not checked, and gives the previous grades', (name) => {
    const current = yearSheet('評価調書', ['A', 'D', 'B']);
    const previous = yearSheet(name, ['A', 'B', 'X']); // X: last year's fault, not this year's
    const result = checkWorkbook({ sheets: [current, previous] }, { fileName: 'R5_事業評価_高齢福祉課.xlsx' });
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.sheets.map((s) => [s.role ?? 'current', s.year ?? null])).toEqual([['current', null], ['previous-year', 2022]]);
    expect(result.report.findings.map(brief)).toEqual(['warning grade-jump D5']);
  });

  test('a word inside another name (前年度比較) is no year, and a lone 前年度 sheet is still checked', () => {
    const current = yearSheet('評価調書', ['A', 'D', 'B']);
    const comparison = yearSheet('前年度比較', ['A', 'B', 'C']);
    const both = checkWorkbook({ sheets: [current, comparison] }, { fileName: 'R5_事業評価.xlsx' });
    expect(both.report.sheets.map((s) => s.role ?? 'current')).toEqual(['current', 'current']);
    const lone = checkWorkbook({ sheets: [yearSheet('前年度', ['A', 'B', 'X'])] }, { fileName: 'R5_事業評価.xlsx' });
    expect(lone.report.sheets[0].role).toBeUndefined();
    expect(lone.report.findings.map(brief)).toContain('error grade-invalid D6');
  });
});

describe('only last year’s copy of the sheet states a year', () => {
  const programs = ['見守り活動', '配食サービス', '相談窓口', '居場所づくり'];
  const table = (name: string, title: string, grades: CellValue[], names = programs): SheetSnapshot =>
    sheet(name, [[title], [], ['施策', '事業名', '担当課', '評価'], ...names.map((p, i) => [String(i + 1), p, '福祉政策課', grades[i]])]);

  test('this year is the year after it, said by a warning; last year’s sheet gives the previous grades', () => {
    const current = table('評価調書', '事業評価シート', ['A', 'D', 'B', 'B']);
    const previous = table('評価調書（R4）', '令和4年度 事業評価シート', ['A', 'B', 'X', 'B']);
    for (const sheets of [[current, previous], [previous, current]]) {
      const result = checkWorkbook({ sheets }, { fileName: '事業評価.xlsx' });
      expect([result.report.reportYear, result.report.reportYearSource]).toEqual([2023, 'previous-sheet']);
      expect(result.plans.map((p) => p.sheet)).toEqual(['評価調書']);
      expect(result.report.findings.filter((f) => f.rule === 'grade-jump').map((f) => f.cell)).toEqual(['D5']);
      expect(result.report.findings.some((f) => f.rule === 'layout-uncertain' && f.messageId === 'report-year-after-previous')).toBe(true);
    }
  });

  test('a sheet of the plan under a stale title (an earlier year, other programs) is still this year’s', () => {
    const first = table('基本目標1', '令和5年度 事業評価シート', ['A', 'B', 'C', 'B']);
    const stale = table('基本目標2', '令和4年度 事業評価シート', ['A', 'X', 'B', 'A'], ['防災訓練', '避難支援', '見守りネットワーク', '権利擁護']);
    const copy = table('基本目標1（R4）', '令和4年度 事業評価シート', ['A', 'B', 'B', 'B']);
    const result = checkWorkbook({ sheets: [first, stale, copy] });
    expect(result.report.reportYear).toBe(2023);
    expect(result.report.sheets.map((s) => [s.name, s.role ?? 'current'])).toEqual([
      ['基本目標1', 'current'],
      ['基本目標2', 'current'],
      ['基本目標1（R4）', 'previous-year'],
    ]);
    expect(result.report.findings.filter((f) => f.rule === 'grade-invalid').map((f) => `${f.sheet}!${f.cell}`)).toEqual(['基本目標2!D5']);
  });

  test('sheets of one plan with other programs are no copy: the one title’s year is the report year', () => {
    const first = table('基本目標1', '令和5年度 事業評価シート', ['A', 'B', 'C', 'B']);
    const second = table('基本目標2', '事業評価シート', ['A', 'B', 'B', 'A'], ['防災訓練', '避難支援', '見守りネットワーク', '権利擁護']);
    const result = checkWorkbook({ sheets: [first, second] }, { fileName: '事業評価.xlsx' });
    expect([result.report.reportYear, result.report.reportYearSource]).toEqual([2023, 'title']);
    expect(result.plans.map((p) => p.sheet)).toEqual(['基本目標1', '基本目標2']);
  });
});

describe('last year’s table stacked below this year’s on one sheet', () => {
  test('it is last year’s: not checked, not counted, and it gives the previous grades', () => {
    const s = sheet('評価', [
      ['令和5年度 事業評価表'],
      [],
      ['施策', '事業名', '担当課', '評価'],
      ['1', '見守り活動', '高齢福祉課', 'A'],
      ['2', '配食サービス', '高齢福祉課', 'D'],
      ['3', '相談窓口', '福祉政策課', 'B'],
      [],
      ['令和4年度 事業評価表'],
      ['施策', '事業名', '担当課', '評価'],
      ['1', '見守り活動', '高齢福祉課', 'A'],
      ['2', '配食サービス', '高齢福祉課', 'B'],
      ['3', '相談窓口', '福祉政策課', 'X'],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    expect(result.report.reportYear).toBe(2023);
    expect(result.plans).toHaveLength(1);
    expect(result.previousYearPlans).toHaveLength(1);
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 1, B: 1, D: 1 });
    expect(result.report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.cell}`)).toEqual(['grade-jump D5']);
  });
});

describe('a 評価総括表 below the table, under a caption of its own', () => {
  test('the caption is the summary’s, not a program of the table above', () => {
    const s = sheet('評価', [
      ['令和5年度 重層的支援体制整備事業 進捗管理'],
      [],
      ['取組', '担当課', '評価'],
      ['1 普及啓発', '福祉政策課', 'A'],
      ['2 相談支援包括化推進体制の構築', '福祉相談課', 'B'],
      ['3 情報共有システムの構築', '福祉政策課', 'C'],
      [],
      [],
      ['重層的支援体制整備事業実施計画 進捗管理 令和5年度報告書 評価総括表（施策の進捗状況）'],
      [],
      ['施策の進捗状況', '件数'],
      ['目標を達成・・・A', 1],
      ['一定の成果・・・B', 1],
      ['十分な成果が出ていない・・・C', 1],
      ['未実施・・・D', 0],
      ['合計', 3],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    expect(result.layouts.map((l) => `${l.kind} ${l.firstDataRow}-${l.lastDataRow}`)).toEqual(['evaluation 3-5', 'summary-table 10-15']);
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('stacked tables under a header of two rows', () => {
  test('the title above the second table’s caption row starts a new table', () => {
    const block = (top: number, title: string, rows: CellValue[][]): { grid: Grid; merges: SheetSnapshot['merges'] } => ({
      grid: [
        [title],
        [],
        ['凡例　A：達成　B：一部達成　C：未達成　D：未実施'],
        [],
        ['基本目標', '1 福祉のまちづくり'],
        [],
        ['施策', '【個別事業・取り組み】', '事業の進捗状況と評価'],
        [null, null, '担当課', '事業実績(令和2年度)', '令和2年度評価', '令和元年度評価', '今後の事業計画・展望'],
        ...rows,
      ],
      merges: [
        { top: top + 6, left: 0, bottom: top + 7, right: 0 },
        { top: top + 6, left: 1, bottom: top + 7, right: 1 },
        { top: top + 6, left: 2, bottom: top + 6, right: 6 },
      ],
    });
    const first = block(0, '地域福祉計画の進捗状況及び評価表(令和2年度実績報告)', [
      ['(1)', '① ユニバーサルデザインの推進', '地域福祉課', '緊急推進事業を実施', 'A', 'A', '引き続き実施'],
      [null, '② 施設のバリアフリー化', '地域福祉課', '事前協議で指導', 'B', 'A', '引き続き実施'],
      ['(2)', '① 移送サービスへの支援', '自立生活支援課', 'NPO法人を支援', 'A', 'A', '引き続き実施'],
    ]);
    const second = block(15, '地域福祉計画の進捗状況及び評価表(令和2年度実績報告)', [
      ['(1)', '① 自主防災組織の育成', '地域安全課', '講演は中止', 'B', 'B', '引き続き実施'],
      [null, '② 防犯体制の推進', '地域安全課', '防犯講習会を開催', 'C', 'C', '引き続き実施'],
    ]);
    const s: SheetSnapshot = { ...sheet('シート1', [...first.grid, [], [], [], [], ...second.grid]), merges: [...first.merges, ...second.merges] };
    const regions = evaluation(s);
    expect(regions.map((r) => [r.area?.top, r.lastDataRow])).toEqual([
      [0, 10],
      [15, 24],
    ]);
    const result = checkWorkbook({ sheets: [s] });
    expect(result.report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result.report.sheets[0].gradeCounts).toMatchObject({ A: 2, B: 2, C: 1 });
  });
});
