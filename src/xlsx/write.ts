import ExcelJS from 'exceljs';
import { sheetRef } from '../core/a1';
import type { DocCell, DocChart, DocSheet, DocTable, SummaryDocument } from '../core/summary-document';

/**
 * SummaryDocument → a new .xlsx (評価集計, 点検結果). Text is always stored as a string
 * value, so a name starting with `=`, `+`, `-` or `@` stays text; ExcelJS writes a formula
 * only for `{ formula }` values, which this writer never creates. Every string goes through
 * `escapeCellText` so that it reads back exactly as it was (see there).
 */
export async function writeSummaryWorkbook(doc: SummaryDocument): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hyoka';
  // Fixed dates keep the output byte-stable for the same input.
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = new Date(Date.UTC(2000, 0, 1));
  for (const sheet of doc.sheets) renderSheet(workbook, sheet);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

const FILL = {
  header: 'FFD9E2F3',
  error: 'FFFDE2E1',
  warning: 'FFFFF1D6',
};
const FONT_COLOR = { error: 'FFB10E1C', warning: 'FF8A5300', info: 'FF605E5C' };

function renderSheet(workbook: ExcelJS.Workbook, sheet: DocSheet): void {
  const plan = planSheet(sheet);
  const ws = workbook.addWorksheet(sheet.name, { views: plan.views });
  plan.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const row of renderBlocks(ws, plan)) void row;
}

/** One sheet as both writers lay it out (this one and the CLI's streaming writer, write-stream.ts). */
export interface WrittenSheetLayout {
  tables: DocTable[];
  /** Column widths, the widest over all tables. */
  widths: number[];
  views: Partial<ExcelJS.WorksheetView>[];
  /** A sheet with one table gets a filter and a frozen header. */
  filter: boolean;
}

/** Everything a writer must know before the first row: a streaming writer writes widths and views first. */
export function planSheet(sheet: DocSheet): WrittenSheetLayout {
  const tables = sheet.blocks.map((b) => (b.kind === 'table' ? b : chartAsTable(b)));
  const filter = sheet.blocks.length === 1 && sheet.blocks[0].kind === 'table' && sheet.blocks[0].rows.length > 0;
  const widths: number[] = [];
  for (const table of tables) table.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width)));
  const headerRow = 2;
  const views: Partial<ExcelJS.WorksheetView>[] = filter ? [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] : [{ state: 'normal', zoomScale: 100 }];
  return { tables, widths, views, filter };
}

/** What rendering needs of a worksheet: ExcelJS's Worksheet and its streaming writer's both have it. */
export type SheetTarget = Pick<ExcelJS.Worksheet, 'getCell' | 'autoFilter'>;

/**
 * Writes the plan's tables, one blank row between them, yielding each row's number once the
 * row is complete (the streaming writer commits it there); a table's filter is set after its
 * last row. The in-memory writer just runs it to the end.
 */
export function* renderBlocks(ws: SheetTarget, plan: WrittenSheetLayout): Generator<number, void, void> {
  let row = 1;
  for (const table of plan.tables) {
    row = yield* renderTable(ws, table, row, plan.filter);
    row += 1;
  }
}

function* renderTable(ws: SheetTarget, table: DocTable, startRow: number, filter: boolean): Generator<number, number, void> {
  let row = startRow;
  const title = ws.getCell(row, 1);
  title.value = escapeCellText(table.title);
  title.font = { bold: true, size: 12 };
  yield row;
  row++;
  const headerRow = row;
  table.columns.forEach((c, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = escapeCellText(c.header);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL.header } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  yield row;
  row++;
  for (const cells of table.rows) {
    cells.forEach((value, i) => writeCell(ws.getCell(row, i + 1), value, table.columns[i]?.align));
    yield row;
    row++;
  }
  if (filter && table.rows.length > 0) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: row - 1, column: table.columns.length } };
  }
  return row;
}

function writeCell(cell: ExcelJS.Cell, value: DocCell, align: 'left' | 'center' | 'right' | undefined): void {
  cell.alignment = { vertical: 'top', wrapText: true, horizontal: align ?? 'left' };
  if (value === null) return;
  if (typeof value === 'number') {
    cell.value = value;
    return;
  }
  if (typeof value === 'string') {
    cell.value = escapeCellText(value);
    return;
  }
  if ('link' in value) {
    // Same workbook: `#'Sheet'!B12`. Another file (the CLI's input): `input.xlsx#'Sheet'!B12`.
    cell.value = { text: escapeCellText(value.text), hyperlink: `${value.link.file ?? ''}#${sheetRef(value.link.sheet, value.link.cell)}` };
    cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    return;
  }
  cell.value = escapeCellText(value.text);
  if (value.emphasis === 'total') cell.font = { bold: true };
  else {
    cell.font = { bold: value.emphasis === 'error', color: { argb: FONT_COLOR[value.emphasis] } };
    if (value.emphasis !== 'info') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[value.emphasis] } };
  }
}

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

/**
 * Text as it must be stored so that Excel shows exactly this text:
 * - a CR or a control character cannot stand in XML (ExcelJS drops controls, and XML turns a
 *   CR into a line feed): it is stored as the OOXML escape `_x000D_`;
 * - text that already looks like such an escape (`_x0041_`) gets its underscore escaped
 *   (`_x005F_`), or Excel would decode it;
 * - over 32,767 characters Excel refuses the cell (it "repairs" the file): the text is cut
 *   and ends with `…`.
 */
export function escapeCellText(text: string): string {
  let t = text;
  if (t.length > MAX_CELL_CHARS) {
    let cut = MAX_CELL_CHARS - 1;
    if (/[\ud800-\udbff]/.test(t[cut - 1])) cut--; // do not split a surrogate pair
    t = `${t.slice(0, cut)}…`;
  }
  return t
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** ExcelJS cannot draw charts: a file gets the chart's data with a bar drawn in text. */
function chartAsTable(chart: DocChart): DocTable {
  const max = Math.max(1, ...chart.categories.map((_, i) => chart.series.reduce((s, x) => s + x.values[i], 0)));
  return {
    kind: 'table',
    title: chart.title,
    columns: [
      { header: '', width: 30 },
      ...chart.series.map((s) => ({ header: s.name, width: 5, align: 'right' as const })),
      { header: '', width: 24 },
    ],
    rows: chart.categories.map((c, i) => {
      const counts = chart.series.map((s) => s.values[i]);
      const bar = chart.series.map((s, k) => s.name.repeat(Math.round((counts[k] / max) * 20))).join('');
      return [c, ...counts, bar];
    }),
  };
}
