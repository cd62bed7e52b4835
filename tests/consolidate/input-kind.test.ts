/**
 * Which file is a department's report (issue #22), on hand-built sheets: a tracking workbook
 * is known by its cells (departments listed once each beside statuses or dates, no grades),
 * not by its name; a department's own report with a ○ column is not one; Hyoka's outputs are
 * known by their marker or their sheets; the department is read from `担当課：…` above the
 * table, and a file name names a department only when it plainly does.
 */
import { checkWorkbook, type WorkbookSnapshot } from '../../src/core';
import { departmentInFileName, departmentOnSheets } from '../../src/core/consolidate/department';
import { isHyokaOutput, isTrackingWorkbook } from '../../src/core/consolidate/input-kind';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';

function sheet(name: string, rows: CellValue[][], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return { name, visibility: 'visible', rows, merges: [], ...extra };
}
const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets });
const tracking = (b: WorkbookSnapshot): boolean => {
  const r = checkWorkbook(b);
  return isTrackingWorkbook(b, r.plans, r.layouts);
};

const DEPARTMENTS = ['地域福祉課', '健康課', '介護福祉課', '広報秘書課', '生涯学習課', '指導室'];

describe('a tracking workbook', () => {
  it.each([
    ['状況 column of 済 / 未', (d: string, i: number) => [i + 1, d, i % 2 ? '済' : '未提出']],
    ['提出日 column of dates', (d: string, i: number) => [d, `2021-05-${10 + i}`, null]],
    ['○ / × column', (d: string, i: number) => [d, i % 3 ? '○' : '×', '']],
  ])('departments listed once each with %s: tracking', (_, row) => {
    const rows: CellValue[][] = [['令和2年度 評価調書 提出状況'], [], ['No.', '担当課', '状況'], ...DEPARTMENTS.map((d, i) => row(d, i) as CellValue[])];
    expect(tracking(book(sheet('一覧', rows)))).toBe(true);
  });

  it('a department’s report with a ○ column (再掲) beside its department is not a tracking sheet', () => {
    const rows: CellValue[][] = [
      ['令和2年度 地域福祉計画 評価調書'],
      ['番号', '事業名', '担当課', '再掲', '評価'],
      ...['見守り', '配食', '相談', '居場所', 'サロン', '講座'].map((p, i): CellValue[] => [`${i + 1}`, `${p}事業の推進`, '地域福祉課', i % 2 ? '○' : null, 'B']),
    ];
    expect(tracking(book(sheet('評価', rows)))).toBe(false);
  });

  it('a list of departments without statuses (a directory) is not a tracking sheet', () => {
    const rows: CellValue[][] = [['担当課', '電話'], ...DEPARTMENTS.map((d, i): CellValue[] => [d, `042-000-00${10 + i}`])];
    expect(tracking(book(sheet('名簿', rows)))).toBe(false);
  });
});

describe("Hyoka's own outputs", () => {
  const findings = sheet('点検結果', [['点検結果（全ファイル）'], ['重大度', 'ファイル', 'シート', 'セル', '規則', '内容', '担当課', '事業名', '年度', '規則ID']]);
  it.each([
    ['Hyoka’s sheet names with its column headers', book(findings), 'x.xlsx', true],
    ['a per-department file name, sheet names only', book(sheet('点検結果', [['x']])), '福祉課_点検結果.xlsx', true],
    ['the marker on every sheet, whatever the names', book(sheet('評価', [['x']], { hyokaOutput: true } as Partial<SheetSnapshot>)), 'a.xlsx', true],
    ['a department’s sheet named 評価集計 without Hyoka’s headers', book(sheet('評価集計', [['番号', '事業名', '評価'], ['1', '見守り', 'A']])), '福祉課.xlsx', false],
    ['Hyoka’s sheet beside a department’s own', book(findings, sheet('シート1', [['x']])), 'x.xlsx', false],
  ])('%s', (_, b, name, expected) => {
    expect(isHyokaOutput(b, name)).toBe(expected);
  });
});

describe('the department named on the sheets', () => {
  const table: CellValue[][] = [['番号', '事業名', '評価'], ['1', '見守り事業の推進', 'A'], ['2', '配食サービス', 'B']];
  it.each([
    [[['令和2年度 評価調書'], ['担当課：広報秘書課'], [], ...table], '広報秘書課'],
    [[['令和2年度 評価調書'], ['担当課: 地域福祉課(社会福祉協議会)'], ...table], '地域福祉課(社会福祉協議会)'],
    [[['令和2年度 評価調書', null, '所管課', '健康課'], ...table], '健康課'],
    [[['令和2年度 評価調書\n担当課　生涯学習課'], ...table], '生涯学習課'],
    [[['令和2年度 評価調書'], ['担当者：山田'], ...table], null],
    [[['令和2年度 評価調書'], ...table], null],
  ] as [CellValue[][], string | null][])('%#: %s', (rows, expected) => {
    const b = book(sheet('評価', rows));
    expect(departmentOnSheets(b, checkWorkbook(b).layouts)).toBe(expected);
  });

  it.each([
    ['03_健康課_R2.xlsx', [], '健康課'],
    ['提出_0825.xlsx', [], null],
    ['令和2年度評価調書.xlsx', [], null],
    ['福祉政策課提出分.xlsx', ['福祉政策課'], '福祉政策課'],
    ['部/02_介護福祉課_修正.xlsx', [], '介護福祉課'],
  ] as [string, string[], string | null][])('file name %s (known %j) names %s', (file, known, expected) => {
    expect(departmentInFileName(file, known)).toBe(expected);
  });
});
