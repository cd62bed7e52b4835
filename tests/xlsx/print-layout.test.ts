/**
 * The print layout, without LibreOffice (tests/xlsx/print-pdf.test.ts prints it): footers
 * within Excel's 255 characters, a table that continues over pages on a sheet of its own with
 * its print titles, the tables that fit a page sharing a sheet with a page break before each
 * that would not fit what is left, a chart drawn whole on one page.
 */
import type { DocSheet, DocTable, SummaryDocument } from '../../src/core/summary-document';
import { footerText, MAX_HEADER_FOOTER, planSheet, printedDocument } from '../../src/xlsx/write';

const table = (title: string, rows: number, cols = 4): DocTable => ({
  kind: 'table',
  title,
  columns: Array.from({ length: cols }, (_, i) => ({ header: `見出し${i + 1}`, width: i === 1 ? 40 : 8 })),
  rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, i) => (i === 1 ? `名称${r}` : r))),
});

test('the footer names the file within 255 characters, & doubled', () => {
  const long = `ファイル: ${'長い名前&'.repeat(100)}.xlsx　報告年度: 令和5年度`;
  const f = footerText(long);
  expect(f.length).toBeLessThanOrEqual(MAX_HEADER_FOOTER);
  expect(f).toMatch(/^&L&A&Cファイル: 長い名前&&/);
  expect(f).toMatch(/…&R&P \/ &N$/);
  expect(footerText('a & b')).toBe('&L&A&Ca && b&R&P / &N');
  expect(footerText(undefined)).toBe('&L&A&R&P / &N');
});

test('a table longer than a page gets a sheet of its own with print titles; the rest follows on the next sheet', () => {
  const chart = { kind: 'chart' as const, title: 'グラフ', categories: ['一', '二', '三'], series: [{ name: 'A', values: [1, 2, 3] }] };
  const doc: SummaryDocument = { sheets: [{ name: '評価集計', blocks: [table('長い表', 120), table('短い表1', 5), table('短い表2', 5), chart] }] };
  const printed = printedDocument(doc);
  expect(printed.sheets.map((s) => s.name)).toEqual(['評価集計', '評価集計（2）']);
  const [first, rest] = printed.sheets.map((s) => planSheet(s));
  expect(first.printTitles).toEqual({ firstRow: 1, lastRow: 2 });
  expect(rest.printTitles).toBeNull();
  expect(rest.tables.map((t) => t.table.title)).toEqual(['短い表1', '短い表2', 'グラフ']);
});

test('short tables share a sheet without print titles; one that would not fit what is left starts a page', () => {
  const sheet: DocSheet = { name: 'S', blocks: [table('一', 15), table('二', 15), table('三', 3)] };
  expect(printedDocument({ sheets: [sheet] }).sheets).toHaveLength(1);
  const plan = planSheet(sheet);
  expect(plan.printTitles).toBeNull();
  // The second table does not fit under the first: a break on the blank row before it.
  expect(plan.rowBreaks).toContain(plan.tables[1].startRow - 1);
  // A sheet of several tables lays them over one grid: a short table does not widen the long one's columns.
  const wide = table('広い', 3, 3);
  wide.columns[2] = { header: '該当する施策', width: 80 };
  const mixed = planSheet({ name: 'M', blocks: [table('一', 5), wide] });
  const span = (t: (typeof mixed.tables)[number], i: number): number => mixed.widths.slice(t.cols[i] - 1, t.ends[i]).reduce((s, w) => s + w, 0);
  expect(span(mixed.tables[1], 2)).toBeGreaterThanOrEqual(60);
  expect(span(mixed.tables[0], 0)).toBeLessThan(20);
});

test('a chart is drawn within one page, after a break when its numbers leave too little room', () => {
  const categories = Array.from({ length: 12 }, (_, i) => `目標${i + 1}`);
  const chart = { kind: 'chart' as const, title: 'グラフ', categories, series: ['A', 'B'].map((name) => ({ name, values: categories.map((_, i) => i) })) };
  const plan = planSheet({ name: 'S', blocks: [table('表', 12), chart] });
  const c = plan.charts[0];
  const chartRows = c.to.row - c.from.row;
  expect(chartRows).toBeGreaterThanOrEqual(8);
  // The chart never spans a break.
  for (const b of plan.rowBreaks) expect(b <= c.from.row || b >= c.to.row + 1).toBe(true);
});
