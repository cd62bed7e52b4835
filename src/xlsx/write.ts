import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { sheetRef } from '../core/a1';
import { docCellText, type DocBlock, type DocCell, type DocChart, type DocSheet, type DocTable, type SummaryDocument } from '../core/summary-document';
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
  const plans = printedDocument(doc).sheets.map((sheet) => planSheet(sheet));
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
/** Every row's height when it holds one line (points); set on every row, so Excel and LibreOffice paginate alike. */
export const ROW_HEIGHT = 18;
/** The grid column's width (Excel units) under a sheet of several tables, and the longest table laid on a grid (merges per cell). */
const GRID = 3;
const GRID_MAX_ROWS = 500;
const TITLE_HEIGHT = 22;
/**
 * The printed page, A4 landscape (points), inside the margins planSheet sets, with room kept
 * for the header, the footer and a viewer's own rounding: what one page holds.
 */
const PAGE = { width: 842 - 72 * 0.8, height: (595 - 72 * 1.1) * 0.88 };
/** Columns widths (Excel character units) are kept between these. */
const MIN_WIDTH = 4;
const MAX_WIDTH = 60;

function renderSheet(workbook: ExcelJS.Workbook, plan: WrittenSheetLayout): void {
  const ws = workbook.addWorksheet(plan.name, { views: plan.views, pageSetup: plan.pageSetup, headerFooter: plan.headerFooter, properties: { defaultRowHeight: ROW_HEIGHT } });
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
  /** 1-based last column of each (a column laid over several of the sheet's is merged across them). */
  ends: number[];
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
  /** Rows repeated on every printed page: the first table's title and header, only when it continues over pages. */
  printTitles: { firstRow: number; lastRow: number } | null;
  /** Rows after which a new page starts: before a table, or a chart, that would not fit on the page. */
  rowBreaks: number[];
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
  const tables: PlacedTable[] = [];
  const charts: ChartPlacement[] = [];
  let row = 1;
  // One table: the sheet's columns are its own. Several (評価集計's summaries, a chart's
  // numbers): a grid of narrow columns under all of them, each table's column merged across
  // as many as it needs — no table widens another's columns, so the page prints at a readable size.
  const asTable = (block: DocBlock): DocTable =>
      block.kind === 'table'
        ? block
        : {
            kind: 'table',
            title: block.dataTitle ?? block.title,
            columns: [{ header: '', width: Math.min(40, Math.max(10, ...block.categories.map((c) => stringWidth(c) + 2))) }, ...block.series.map((s) => ({ header: s.name, width: 6, align: 'right' as const }))],
            rows: block.categories.map((c, i) => [c, ...block.series.map((s) => s.values[i] ?? 0)]),
          };
  const grid = sheet.blocks.length > 1 && sheet.blocks.every((b) => b.kind === 'chart' || b.rows.length <= GRID_MAX_ROWS);
  const needs = sheet.blocks.map((b) => tableNeeds(asTable(b)).map((w) => (grid ? Math.ceil(w / GRID) : w)));
  const widths: number[] = grid ? new Array<number>(Math.max(1, ...needs.map((n) => n.reduce((s, w) => s + w, 0)))).fill(1) : [];
  const laid = sheet.blocks.map((block, k) => ({ block, table: asTable(block), ...layColumns(widths, needs[k]) }));
  // The grid's columns counted in cells: back to Excel's width units.
  if (grid) widths.forEach((w, i) => (widths[i] = w * GRID));
  const spanCols = Math.max(1, widths.length);
  const page = pageHeight(widths);
  // A chart is drawn over this many rows: enough for its bars, never more than a page holds.
  const pageRows = Math.floor(page / ROW_HEIGHT) - 3;
  for (const { block, table, cols, ends } of laid) {
    if (block.kind === 'table') {
      tables.push({ table, cols, ends, startRow: row, reserve: 0 });
      row += tableRows(table) + 1;
      continue;
    }
    // A chart: its numbers as a small table, the chart drawn below them.
    const chartRows = Math.max(8, Math.min(24, pageRows, block.categories.length * 2 + 5));
    tables.push({ table, cols, ends, startRow: row, reserve: chartRows + 1 });
    const headerRow = row + 1;
    const dataEnd = headerRow + block.categories.length;
    charts.push({
      chart: block,
      headerRow,
      catCol: cols[0],
      seriesCols: cols.slice(1),
      from: { col: 0, row: dataEnd + 1 },
      to: { col: Math.max(widths.length, ends[ends.length - 1]), row: dataEnd + 1 + chartRows },
    });
    row = dataEnd + 1 + chartRows + 1;
  }
  const heights = rowHeights(tables, widths, spanCols);
  // Each table is one unit, a chart with its numbers too: a unit that does not fit on what is
  // left of the page starts a new one; a table taller than a page continues over pages; a
  // chart whose numbers leave it too little room starts a page of its own — never split.
  const rowBreaks: number[] = [];
  let used = 0;
  let firstSpans = false;
  const advance = (h: number): void => {
    used = h > page ? (used + h) % page : used + h;
  };
  tables.forEach((t, k) => {
    const rowsHeight = unitHeight({ ...t, reserve: 0 }, heights);
    const chartHeight = t.reserve * ROW_HEIGHT;
    if (used > 0 && used + rowsHeight + chartHeight > page) {
      rowBreaks.push(t.startRow - 1);
      used = 0;
    }
    if (k === 0 && rowsHeight > page) firstSpans = true;
    advance(rowsHeight);
    if (chartHeight > 0) {
      if (used > 0 && used + chartHeight > page) {
        // The blank row under the chart's numbers ends the page; the chart starts the next.
        rowBreaks.push(t.startRow + tableRows(t.table));
        used = 0;
        // Drawn from the new page's second row: a chart touching the break would be drawn, clipped, on both pages.
        const chart = charts.find((c) => c.headerRow === t.startRow + 1);
        if (chart) {
          chart.from = { ...chart.from, row: chart.from.row + 1 };
          chart.to = { ...chart.to, row: chart.to.row + 1 };
        }
      }
      advance(chartHeight);
    }
    advance(ROW_HEIGHT);
  });
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
  const headerFooter: Partial<ExcelJS.HeaderFooter> = { oddFooter: footerText(sheet.footer) };
  // Print titles only for a table that continues over pages; printedDocument gives such a table a sheet of its own.
  const printTitles = firstSpans ? { firstRow: 1, lastRow: headerRow } : null;
  return { name: sheet.name, tables, widths, views, pageSetup, headerFooter, filter, charts, printTitles, rowBreaks, heights };
}

/** Every written row's height: one line, or as many as its wrapped text needs. */
function rowHeights(tables: readonly PlacedTable[], widths: readonly number[], spanCols: number): Map<number, number> {
  const heights = new Map<number, number>();
  const lineHeight = (lines: number): number => (lines > 1 ? lines * LINE_HEIGHT + 4 : ROW_HEIGHT);
  for (const t of tables) {
    heights.set(t.startRow, TITLE_HEIGHT);
    t.table.rows.forEach((cells, r) => {
      const lines = Math.max(1, ...cells.map((c, i) => linesFor(docCellText(c), rangeWidth(widths, t, i))));
      heights.set(t.startRow + 2 + r, lineHeight(lines));
    });
    const headerLines = Math.max(1, ...t.table.columns.map((c, i) => linesFor(c.header, rangeWidth(widths, t, i))));
    heights.set(t.startRow + 1, lineHeight(headerLines));
    const span = widths.slice(0, Math.max(t.cols.length, spanCols)).reduce((s, w) => s + w, 0);
    (t.table.notes ?? []).forEach((note, k) => {
      heights.set(t.startRow + 2 + t.table.rows.length + k, lineHeight(linesFor(note, span)));
    });
  }
  return heights;
}

/** A table's printed height (points): its rows, and the chart drawn under it. */
function unitHeight(t: PlacedTable, heights: ReadonlyMap<number, number>): number {
  let h = 0;
  for (let r = t.startRow; r < t.startRow + tableRows(t.table); r++) h += heights.get(r) ?? ROW_HEIGHT;
  return h + t.reserve * ROW_HEIGHT;
}

/** Excel's column width unit in points (7 px per character at the default font, padding included in the width; 0.75 pt per px). */
const widthPoints = (w: number): number => w * 7 * 0.75;

/** What one printed page holds, in the sheet's points: fitted to one page wide, a wide sheet prints smaller and holds more. */
function pageHeight(widths: readonly number[]): number {
  const sheetWidth = widths.reduce((s, w) => s + widthPoints(w), 0);
  const scale = Math.min(1, PAGE.width / Math.max(1, sheetWidth));
  return PAGE.height / scale;
}

/**
 * The document as it prints: a table that continues over pages gets a sheet of its own (its
 * title and header repeat on each of its pages as print titles, which would otherwise print
 * over the tables after it); the blocks after it go on a next sheet (`評価集計（2）`). Blocks
 * that fit a page share a sheet, a page break before any that would not fit what is left.
 */
export function printedDocument(doc: SummaryDocument): SummaryDocument {
  const sheets: DocSheet[] = [];
  const taken = new Set(doc.sheets.map((s) => s.name));
  for (const sheet of doc.sheets) {
    const plan = planSheet(sheet);
    if (plan.tables.length <= 1) {
      sheets.push(sheet);
      continue;
    }
    const page = pageHeight(plan.widths);
    // Which blocks are taller than a page (a chart's unit is its numbers and the chart).
    const tall = blockUnits(sheet, plan).map((h) => h > page);
    const groups: DocBlock[][] = [];
    let current: DocBlock[] = [];
    sheet.blocks.forEach((block, i) => {
      if (tall[i] && current.length > 0) {
        groups.push(current);
        current = [];
      }
      current.push(block);
      if (tall[i]) {
        groups.push(current);
        current = [];
      }
    });
    if (current.length > 0) groups.push(current);
    groups.forEach((blocks, k) => {
      let name = sheet.name;
      for (let n = k + 1; k > 0 && (name === sheet.name || taken.has(name)); n++) name = `${[...sheet.name].slice(0, 26).join('')}（${n}）`;
      taken.add(name);
      sheets.push({ ...sheet, name, blocks });
    });
  }
  return { ...doc, sheets };
}

/** Each block's printed height on the planned sheet, in block order. */
function blockUnits(sheet: DocSheet, plan: WrittenSheetLayout): number[] {
  const heights = plan.heights;
  // planSheet places one PlacedTable per block, in order.
  // A chart's unit is its numbers: the chart itself is given a page of its own where needed.
  return sheet.blocks.map((_, i) => (plan.tables[i] ? unitHeight({ ...plan.tables[i], reserve: 0 }, heights) : 0));
}

/** Excel refuses a header or footer longer than this (codes included). */
export const MAX_HEADER_FOOTER = 255;

/**
 * The footer: the sheet's name, the document's footer line and the page number, within
 * Excel's 255 characters (the footer line is cut with `…` where it would not fit). `&` starts
 * a code in a header or footer: a literal one is written twice.
 */
export function footerText(line: string | undefined): string {
  const head = '&L&A';
  const tail = '&R&P / &N';
  if (!line) return `${head}${tail}`;
  const room = MAX_HEADER_FOOTER - head.length - tail.length - 2;
  const chars = [...line.replace(/[\r\n]+/g, ' ')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] === '&' ? '&&' : chars[i];
    if (out.length + c.length > room - (i < chars.length - 1 ? 1 : 0)) {
      out += '…';
      break;
    }
    out += c;
  }
  return `${head}&C${out}${tail}`;
}

function tableRows(table: DocTable): number {
  return 2 + table.rows.length + (table.notes?.length ?? 0);
}

/**
 * The width each of a table's columns needs, from what its cells hold, measured in display
 * width (a kanji is two units, as Excel's width unit is one half-width character): at least
 * the declared width, the header's longest line never cut, short cells on one line; a long
 * cell (a message) takes the declared width and wraps.
 */
function tableNeeds(table: DocTable): number[] {
  return table.columns.map((c, i) => {
    let w = Math.max(MIN_WIDTH, c.width, ...c.header.split('\n').map((l) => stringWidth(l) + 2));
    for (const cells of table.rows) {
      if (i >= cells.length) continue;
      const text = docCellText(cells[i]);
      const cw = Math.max(...text.split('\n').map((line) => stringWidth(line))) + 2;
      if (cw <= Math.max(c.width, 24)) w = Math.max(w, cw);
    }
    return Math.min(MAX_WIDTH, Math.ceil(w));
  });
}

/**
 * Lays a table's columns over the sheet's (widths, changed in place): left to right, each
 * takes as few of the sheet's columns as give it the width it needs (merged across them),
 * leaving one for each column still to come; past the sheet's last column new ones are made.
 * A column that still falls short widens the last sheet column it takes.
 */
function layColumns(widths: number[], needs: readonly number[]): { cols: number[]; ends: number[] } {
  const existing = widths.length;
  const cols: number[] = [];
  const ends: number[] = [];
  let c = 1;
  needs.forEach((need, i) => {
    const later = needs.length - 1 - i;
    if (c > widths.length) {
      widths.push(need);
      cols.push(c);
      ends.push(c);
      c++;
      return;
    }
    let e = c;
    let have = widths[c - 1];
    const last = Math.max(c, existing - later);
    while (have < need && e < last) {
      e++;
      have += widths[e - 1];
    }
    if (have < need) widths[e - 1] += need - have;
    cols.push(c);
    ends.push(e);
    c = e + 1;
  });
  return { cols, ends };
}

/** The width of a table's column `i` laid over the sheet's columns. */
function rangeWidth(widths: readonly number[], t: PlacedTable, i: number): number {
  if (t.cols[i] === undefined) return MIN_WIDTH;
  let w = 0;
  for (let c = t.cols[i]; c <= t.ends[i]; c++) w += widths[c - 1] ?? MIN_WIDTH;
  return w;
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
    if (plan.tables.length > 0 && plan.printTitles) printTitles.push({ sheet, ...plan.printTitles });
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
  // Every sheet Hyoka writes carries its output marker (src/xlsx/chart-parts.ts).
  return { charts, printTitles, outputMarkers: plans.map((plan, k) => names[k] ?? plan.name) };
}

/** What rendering needs of a worksheet: ExcelJS's Worksheet and its streaming writer's both have it. */
export type SheetTarget = Pick<ExcelJS.Worksheet, 'getCell' | 'getRow' | 'autoFilter' | 'mergeCells'>;

/**
 * Writes the plan's tables, one blank row between them, yielding each row's number once the
 * row is complete (the streaming writer commits it there); a table's filter is set after its
 * last row. The in-memory writer just runs it to the end.
 */
export function* renderBlocks(ws: SheetTarget, plan: WrittenSheetLayout): Generator<number, void, void> {
  const span = Math.max(1, plan.widths.length, ...plan.tables.map((t) => Math.max(...t.ends)));
  // A page break is set on a blank row between tables before any later row is written (the
  // streaming writer cannot go back to a row it has committed).
  const breaks = [...plan.rowBreaks].sort((x, y) => x - y);
  let next = 0;
  for (const placed of plan.tables) {
    while (next < breaks.length && breaks[next] < placed.startRow) ws.getRow(breaks[next++]).addPageBreak();
    yield* renderTable(ws, placed, plan, span);
  }
  while (next < breaks.length) ws.getRow(breaks[next++]).addPageBreak();
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
  const merge = (r: number, i: number): void => {
    if (placed.ends[i] !== undefined && placed.ends[i] > cols[i]) ws.mergeCells(r, cols[i], r, placed.ends[i]);
  };
  table.columns.forEach((c, i) => {
    merge(row, i);
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
    cells.forEach((value, i) => {
      // An empty cell is not merged: readers (ExcelJS among them) fail on a merge whose first cell has no value.
      if (cols[i] !== undefined && value !== null) merge(row, i);
      writeCell(ws.getCell(row, cols[i] ?? placed.ends[placed.ends.length - 1] + i - cols.length + 1), value, table.columns[i]?.align);
    });
    height(row);
    yield row;
    row++;
  }
  if (plan.filter && table.rows.length > 0) {
    ws.autoFilter = { from: { row: headerRow, column: cols[0] }, to: { row: row - 1, column: placed.ends[placed.ends.length - 1] } };
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
