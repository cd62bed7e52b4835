import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { sheetRef } from '../core/a1';
import { docCellText, type DocCell, type DocChart, type DocSheet, type DocTable, type SummaryDocument } from '../core/summary-document';
import { addExtras, type Extras, type PlacedChart, type PrintTitles } from './chart-parts';
import { ooxmlEscape, xmlSafeDocument } from './xml-safe';

/**
 * SummaryDocument → a new .xlsx (評価集計, 点検結果). Text is always stored as a string
 * value, so a name starting with `=`, `+`, `-` or `@` stays text; ExcelJS writes a formula
 * only for `{ formula }` values, which this writer never creates. Every string goes through
 * `escapeCellText` so that it reads back exactly as it was (see there).
 */
export async function writeSummaryWorkbook(given: SummaryDocument): Promise<Uint8Array> {
  const doc = xmlSafeDocument(given);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hyoka';
  // Fixed dates keep the output byte-stable for the same input.
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = new Date(Date.UTC(2000, 0, 1));
  const plans = doc.sheets.map((sheet) => planSheet(sheet));
  for (const plan of plans) renderSheet(workbook, plan);
  const buffer = await workbook.xlsx.writeBuffer();
  // Charts and print titles: parts ExcelJS cannot write (chart-parts.ts), added to its zip.
  return addExtras(new Uint8Array(buffer as ArrayBuffer), extrasOf(plans, workbook.worksheets.map((w) => w.name)));
}

const FILL = {
  header: 'FFD9E2F3',
  error: 'FFFDE2E1',
  warning: 'FFFFF1D6',
};
const FONT_COLOR = { error: 'FFB10E1C', warning: 'FF8A5300', info: 'FF605E5C' };
/** One font for every cell, links included, so Japanese text looks the same throughout. */
const FONT = { name: '游ゴシック', size: 10, charset: 128 } as const;
/** Points per printed line at FONT's size (a wrapped cell gets this many points per line). */
const LINE_HEIGHT = 14;
/** Columns widths (Excel character units) are kept between these. */
const MIN_WIDTH = 4;
const MAX_WIDTH = 60;

function renderSheet(workbook: ExcelJS.Workbook, plan: WrittenSheetLayout): void {
  const ws = workbook.addWorksheet(plan.name, { views: plan.views, pageSetup: plan.pageSetup, headerFooter: plan.headerFooter });
  plan.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const row of renderBlocks(ws, plan)) void row;
}

/** Where a chart's numbers are written and where the chart is drawn. */
export interface ChartPlacement {
  chart: DocChart;
  /** 1-based header row of the chart's data table; data follows. */
  headerRow: number;
  catCol: number;
  seriesCols: number[];
  from: { col: number; row: number };
  to: { col: number; row: number };
}

/** One table as laid out: its first row, its rows' heights, merged notes. */
interface PlacedTable {
  table: DocTable;
  /** 1-based first column of each of the table's columns. */
  cols: number[];
  startRow: number;
  /** Extra blank rows left after the table (the chart is drawn there). */
  reserve: number;
}

/** One sheet as both writers lay it out (this one and the CLI's streaming writer, write-stream.ts). */
export interface WrittenSheetLayout {
  name: string;
  tables: PlacedTable[];
  /** Column widths in Excel character units, wide enough for the Japanese they hold. */
  widths: number[];
  views: Partial<ExcelJS.WorksheetView>[];
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter>;
  /** A sheet with one table gets a filter and a frozen header. */
  filter: boolean;
  charts: ChartPlacement[];
  /** Rows repeated on every printed page (the first table's title and header). */
  printTitles: { firstRow: number; lastRow: number };
  /** Heights (points) of rows whose wrapped text needs more than one line. */
  heights: Map<number, number>;
}

/**
 * Everything a writer must know before the first row: a streaming writer writes widths,
 * views and page setup first. Rows are laid out here once (titles row 1, header row 2 for
 * the first table — the consolidation's links rely on it), so both writers place the same
 * cells and charts in the same rows.
 */
export function planSheet(sheet: DocSheet): WrittenSheetLayout {
  const filter = sheet.blocks.length === 1 && sheet.blocks[0].kind === 'table' && sheet.blocks[0].rows.length > 0;
  const firstTable = sheet.blocks.find((b): b is DocTable => b.kind === 'table');
  const tables: PlacedTable[] = [];
  const charts: ChartPlacement[] = [];
  let row = 1;
  const spanCols = Math.max(1, ...sheet.blocks.map((b) => (b.kind === 'table' ? b.columns.length : b.series.length + 1)));
  for (const block of sheet.blocks) {
    if (block.kind === 'table') {
      const placed: PlacedTable = { table: block, cols: block.columns.map((_, i) => i + 1), startRow: row, reserve: 0 };
      tables.push(placed);
      row += tableRows(block) + 1;
      continue;
    }
    // A chart: its numbers as a small table under the widest column of the first table (the
    // names fit there without widening the sheet's first column), then the chart below them.
    const catCol = firstTable ? widestColumn(firstTable) + 1 : 1;
    const seriesCols = block.series.map((_, i) => catCol + 1 + i);
    const table: DocTable = {
      kind: 'table',
      title: block.title,
      columns: block.series.map((s) => ({ header: s.name, width: 5, align: 'right' as const })),
      rows: block.categories.map((_, i) => block.series.map((s) => s.values[i] ?? 0)),
    };
    const dataTable: DocTable = {
      ...table,
      columns: [{ header: '', width: 10 }, ...table.columns],
      rows: block.categories.map((c, i) => [c, ...table.rows[i]]),
    };
    const chartRows = Math.max(14, block.categories.length * 2 + 5);
    const placed: PlacedTable = { table: dataTable, cols: [catCol, ...seriesCols], startRow: row, reserve: chartRows + 1 };
    tables.push(placed);
    const headerRow = row + 1;
    const dataEnd = headerRow + block.categories.length;
    charts.push({
      chart: block,
      headerRow,
      catCol,
      seriesCols,
      from: { col: 0, row: dataEnd + 1 },
      to: { col: Math.max(spanCols, catCol + block.series.length), row: dataEnd + 1 + chartRows },
    });
    row = dataEnd + 1 + chartRows + 1;
  }
  const widths = measureWidths(tables);
  const heights = new Map<number, number>();
  for (const t of tables) {
    t.table.rows.forEach((cells, r) => {
      const lines = Math.max(1, ...cells.map((c, i) => linesFor(docCellText(c), widths[t.cols[i] - 1] ?? MIN_WIDTH)));
      if (lines > 1) heights.set(t.startRow + 2 + r, lines * LINE_HEIGHT + 2);
    });
    const headerLines = Math.max(1, ...t.table.columns.map((c, i) => linesFor(c.header, widths[t.cols[i] - 1] ?? MIN_WIDTH)));
    if (headerLines > 1) heights.set(t.startRow + 1, headerLines * LINE_HEIGHT + 2);
    const span = widths.slice(0, Math.max(t.cols.length, spanCols)).reduce((s, w) => s + w, 0);
    (t.table.notes ?? []).forEach((note, k) => {
      const lines = linesFor(note, span);
      if (lines > 1) heights.set(t.startRow + 2 + t.table.rows.length + k, lines * LINE_HEIGHT + 2);
    });
  }
  const headerRow = 2;
  const views: Partial<ExcelJS.WorksheetView>[] = filter ? [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] : [{ state: 'normal', zoomScale: 100 }];
  const pageSetup: Partial<ExcelJS.PageSetup> = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages down as it takes, never more than one across
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  const footer = sheet.footer ? `&C${headerFooterText(sheet.footer)}` : '';
  const headerFooter: Partial<ExcelJS.HeaderFooter> = { oddFooter: `&L&A${footer}&R&P / &N` };
  return { name: sheet.name, tables, widths, views, pageSetup, headerFooter, filter, charts, printTitles: { firstRow: 1, lastRow: headerRow }, heights };
}

/** `&` starts a code in a header or footer: a literal one is written twice. */
function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}

function tableRows(table: DocTable): number {
  return 2 + table.rows.length + (table.notes?.length ?? 0);
}

function widestColumn(table: DocTable): number {
  let best = 0;
  table.columns.forEach((c, i) => {
    if (c.width > table.columns[best].width) best = i;
  });
  return best;
}

/**
 * Column widths from what the cells hold, measured in display width (a kanji is two units,
 * as Excel's width unit is one half-width character): at least the declared width, at most
 * MAX_WIDTH (longer text wraps), the header's longest word never cut.
 */
function measureWidths(tables: readonly PlacedTable[]): number[] {
  const widths: number[] = [];
  const fit = (col: number, w: number): void => {
    widths[col - 1] = Math.min(MAX_WIDTH, Math.max(widths[col - 1] ?? MIN_WIDTH, Math.ceil(w)));
  };
  for (const t of tables) {
    t.table.columns.forEach((c, i) => {
      fit(t.cols[i], c.width);
      fit(t.cols[i], stringWidth(c.header) + 2);
    });
    for (const cells of t.table.rows) {
      cells.forEach((cell, i) => {
        if (t.cols[i] === undefined) return; // beyond the header: no declared width to measure against
        const text = docCellText(cell);
        // A short cell fits on one line; a long one (a message) takes its declared width and wraps.
        const w = Math.max(...text.split('\n').map((line) => stringWidth(line))) + 2;
        if (w <= Math.max(t.table.columns[i]?.width ?? 0, 24)) fit(t.cols[i], w);
      });
    }
  }
  for (let i = 0; i < widths.length; i++) widths[i] ??= MIN_WIDTH;
  return widths;
}

/** Lines a text takes in a column of this width (wrapping by display width, as Excel does roughly). */
function linesFor(text: string, width: number): number {
  if (text === '') return 1;
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(stringWidth(line) / usable)), 0);
}

/** The chart parts and print titles of a planned workbook, for chart-parts.ts. */
export function extrasOf(plans: readonly WrittenSheetLayout[], names: readonly string[]): Extras {
  const charts: PlacedChart[] = [];
  const printTitles: PrintTitles[] = [];
  plans.forEach((plan, k) => {
    const sheet = names[k] ?? plan.name;
    if (plan.tables.length > 0) printTitles.push({ sheet, ...plan.printTitles });
    for (const c of plan.charts) {
      if (c.chart.categories.length === 0) continue;
      charts.push({
        sheet,
        title: c.chart.title,
        categories: c.chart.categories,
        series: c.chart.series,
        headerRow: c.headerRow,
        firstRow: c.headerRow + 1,
        catCol: c.catCol,
        seriesCols: c.seriesCols,
        from: c.from,
        to: c.to,
      });
    }
  });
  return { charts, printTitles };
}

/** What rendering needs of a worksheet: ExcelJS's Worksheet and its streaming writer's both have it. */
export type SheetTarget = Pick<ExcelJS.Worksheet, 'getCell' | 'getRow' | 'autoFilter' | 'mergeCells'>;

/**
 * Writes the plan's tables, one blank row between them, yielding each row's number once the
 * row is complete (the streaming writer commits it there); a table's filter is set after its
 * last row. The in-memory writer just runs it to the end.
 */
export function* renderBlocks(ws: SheetTarget, plan: WrittenSheetLayout): Generator<number, void, void> {
  const span = Math.max(1, ...plan.tables.map((t) => Math.max(...t.cols)));
  for (const placed of plan.tables) {
    yield* renderTable(ws, placed, plan, span);
  }
}

function* renderTable(ws: SheetTarget, placed: PlacedTable, plan: WrittenSheetLayout, span: number): Generator<number, void, void> {
  const { table, cols } = placed;
  let row = placed.startRow;
  const title = ws.getCell(row, cols[0]);
  title.value = escapeCellText(table.title);
  title.font = { ...FONT, bold: true, size: 12 };
  yield row;
  row++;
  const headerRow = row;
  const height = (r: number): void => {
    const h = plan.heights.get(r);
    if (h !== undefined) ws.getRow(r).height = h;
  };
  table.columns.forEach((c, i) => {
    const cell = ws.getCell(row, cols[i]);
    cell.value = escapeCellText(c.header);
    cell.font = { ...FONT, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL.header } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  height(row);
  yield row;
  row++;
  for (const cells of table.rows) {
    // A row longer than the header still gets every cell written (in the columns after it).
    cells.forEach((value, i) => writeCell(ws.getCell(row, cols[i] ?? cols[0] + i), value, table.columns[i]?.align));
    height(row);
    yield row;
    row++;
  }
  if (plan.filter && table.rows.length > 0) {
    ws.autoFilter = { from: { row: headerRow, column: cols[0] }, to: { row: row - 1, column: cols[cols.length - 1] } };
  }
  for (const note of table.notes ?? []) {
    // A note spans the sheet's width and wraps there, so it prints inside the page.
    ws.mergeCells(row, 1, row, span);
    const cell = ws.getCell(row, 1);
    cell.value = escapeCellText(note);
    cell.font = { ...FONT, size: 9 };
    cell.alignment = { vertical: 'top', wrapText: true };
    height(row);
    yield row;
    row++;
  }
}

function writeCell(cell: ExcelJS.Cell, value: DocCell, align: 'left' | 'center' | 'right' | undefined): void {
  // An indent keeps a right-aligned number off the text of the cell beside it.
  cell.alignment = { vertical: 'top', wrapText: true, horizontal: align ?? 'left', indent: align === 'center' ? 0 : 1 };
  cell.font = { ...FONT };
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
    cell.font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
    return;
  }
  cell.value = escapeCellText(value.text);
  if (value.emphasis === 'total') cell.font = { ...FONT, bold: true };
  else {
    cell.font = { ...FONT, bold: value.emphasis === 'error', color: { argb: FONT_COLOR[value.emphasis] } };
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
  // CR and DEL too: XML turns a CR into a line feed, and ExcelJS drops DEL.
  return ooxmlEscape(t).replace(/[\r\u007f]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}
