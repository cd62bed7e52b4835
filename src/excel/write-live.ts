/// <reference types="office-js" />
import { sheetRef } from '../core/a1';
import type { DocCell, DocChart, DocSheet, DocTable, SummaryDocument } from '../core';
import { hasOutputMarker, namesLoad, queueOutputMarker, queueSaveWorkbookState, queueStateLoad, queueStateXml, resolveState } from './workbook-state';
import { StateTooLargeError } from '../core';
import { jsonBytes, REQUEST_BUDGET_BYTES } from './payload';
import { setValuesAsJson, type Capabilities } from './capability';

export interface WriteOptions {
  /**
   * What this Excel and the loaded Office.js can do. Where `valuesAsJson` is usable (host
   * ExcelApi 1.16 and a library that defines it) text is written as a StringCellValue, which is
   * documented to store a string. Otherwise — and when absent — text goes through `values`
   * after the `@` (text) format; that this keeps "=x" text is not documented, 設定 › 診断 checks
   * it in the running Excel.
   */
  caps?: Capabilities;
  /** Estimated request bytes per sync (Excel on the web rejects a request above 5 MB). */
  requestBudget?: number;
}

export interface WrittenSheets {
  sheets: string[];
  /** A sheet of the wanted name belonged to the user: Hyoka wrote `name (2)` beside it. */
  renamed: { wanted: string; written: string }[];
}

/**
 * Renders a SummaryDocument (評価集計, 点検結果 of a check; 取りまとめ, 評価集計, 点検結果, 提出状況
 * of a consolidation; 前年度比較) into the open workbook: (1) which of the sheets exist, their
 * charts and the sheets Hyoka wrote before, (2) clear-and-write everything — more syncs only
 * when the request would pass the payload budget (row blocks).
 * Only a sheet Hyoka recorded as its own (workbook settings) is cleared and rewritten, in place,
 * never deleted (deleting a sheet clears the user's undo stack). A user's own sheet with the
 * same name is never touched: the output goes to `評価集計 (2)` and the caller says so.
 * Every text cell gets the text number format and is written as a string (see WriteOptions),
 * so `=SUM(A1)`, `+1`, `-1` or `@x` are stored as text, never evaluated.
 */
export async function writeSummaryLive(context: Excel.RequestContext, doc: SummaryDocument, options: WriteOptions = {}): Promise<WrittenSheets> {
  const caps = options.caps;
  const worksheets = context.workbook.worksheets;
  worksheets.load({ $all: false, name: true, charts: { $all: false, name: true }, ...namesLoad(caps) });
  const pendingState = queueStateLoad(context, caps);
  await context.sync(); // 1
  if (queueStateXml(pendingState)) await context.sync(); // only when a state part exists
  const stored = resolveState(pendingState);

  const existing = new Map(worksheets.items.map((ws) => [ws.name, ws] as const));
  // Ours: recorded in the state part, or carrying Hyoka's marker (the record may be lost).
  const marked = new Set(worksheets.items.filter((ws) => hasOutputMarker(caps, ws)).map((ws) => ws.name));
  const ours = new Set([...stored.state.outputSheets.filter((n) => existing.has(n)), ...marked]);
  const taken = new Set(existing.keys());
  const renamed: WrittenSheets['renamed'] = [];
  const names = new Map<string, string>();
  for (const sheet of doc.sheets) {
    let name = sheet.name;
    if (existing.has(name) && !ours.has(name)) {
      // The `(n)` sheet an earlier run wrote beside the user's is ours to replace.
      const used = new Set(names.values());
      const earlier = [...ours].find((n) => existing.has(n) && !used.has(n) && isNumberedCopy(n, sheet.name));
      name = earlier ?? freeName(sheet.name, taken);
      renamed.push({ wanted: sheet.name, written: name });
    }
    taken.add(name);
    names.set(sheet.name, name);
  }

  const batch = new RequestBatch(context, options.requestBudget ?? REQUEST_BUDGET_BYTES);
  const writer: TextWriter = { caps: options.caps, batch };
  let first: Excel.Worksheet | null = null;
  for (const sheet of doc.sheets) {
    const name = names.get(sheet.name)!;
    let ws = ours.has(name) ? existing.get(name) : undefined;
    if (ws) {
      ws.getRange().clear();
      for (const chart of ws.charts.items) chart.delete();
    } else {
      ws = worksheets.add(name);
    }
    if (!marked.has(name)) queueOutputMarker(caps, ws);
    await renderSheet(ws, sheet, writer, names);
    first ??= ws;
  }
  first?.activate();
  // Remembered as a union: 集計 writes two sheets, 取りまとめ four, and a later check must skip them all.
  try {
    queueSaveWorkbookState(context, caps, stored, { ...stored.state, outputSheets: [...new Set([...ours, ...names.values()])] });
  } catch (e) {
    // Settings too large to store again: the record stays as it was; each sheet still has its marker.
    if (!(e instanceof StateTooLargeError)) throw e;
  }
  await context.sync(); // 2
  return { sheets: [...names.values()], renamed };
}

/** `評価集計` → `評価集計 (2)`, `(3)`, … the first name no sheet has (Excel: ≤ 31 characters). */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = name.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** `評価集計 (2)` is a numbered copy of `評価集計` (as freeName makes them, truncated to 31 characters). */
function isNumberedCopy(name: string, of: string): boolean {
  const m = / \((\d+)\)$/.exec(name);
  return m !== null && name === of.slice(0, 31 - m[0].length) + m[0];
}

/** Queued writes are flushed with a sync before the estimated request passes the budget. */
class RequestBatch {
  private bytes = 0;
  syncs = 0;
  constructor(
    private context: Excel.RequestContext,
    readonly budget: number,
  ) {}
  async spend(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.budget) {
      await this.context.sync();
      this.syncs++;
      this.bytes = 0;
    }
    this.bytes += bytes;
  }
}

interface TextWriter {
  caps: Capabilities | undefined;
  batch: RequestBatch;
}

/** Per-cell overhead of a queued write besides its JSON (operation ids, format): a guess kept generous. */
const WRITE_OVERHEAD_BYTES = 40;

const EMPHASIS_COLOURS = { error: '#C50F1F', warning: '#8A5A00', info: '#0F6CBD', total: '#000000' } as const;
const HEADER_FILL = '#E8EEF7';
/** Column width in points for one character (Japanese text is about two). */
const POINTS_PER_CHAR = 7;

async function renderSheet(ws: Excel.Worksheet, sheet: DocSheet, w: TextWriter, names: ReadonlyMap<string, string>): Promise<void> {
  let row = 0;
  const widths: number[] = [];
  for (const block of sheet.blocks) {
    if (block.kind === 'table') {
      row = await renderTable(ws, block, row, widths, w, names);
    } else {
      row = await renderChart(ws, block, row, w);
    }
    row += 1; // a blank row between blocks
  }
  widths.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.max(40, Math.min(400, w * POINTS_PER_CHAR));
  });
}

async function renderTable(ws: Excel.Worksheet, table: DocTable, top: number, widths: number[], w: TextWriter, names: ReadonlyMap<string, string>): Promise<number> {
  const cols = Math.max(1, table.columns.length);
  (await writeTextRow(ws, top, [table.title], w)).format.font.bold = true;
  const header = await writeTextRow(ws, top + 1, table.columns.map((c) => c.header), w);
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  table.columns.forEach((c, i) => {
    widths[i] = Math.max(widths[i] ?? 0, c.width);
  });
  const first = top + 2;
  if (table.rows.length > 0) {
    // Row blocks, each under the request budget: a 取りまとめ of a whole city can be megabytes.
    let start = 0;
    while (start < table.rows.length) {
      let end = start;
      let bytes = 0;
      while (end < table.rows.length) {
        const rowBytes = jsonBytes(padRow(table.rows[end], cols).map(cellValue)) * 2 + cols * WRITE_OVERHEAD_BYTES;
        if (end > start && bytes + rowBytes > w.batch.budget / 2) break;
        bytes += rowBytes;
        end++;
      }
      await w.batch.spend(bytes);
      const rows = table.rows.slice(start, end).map((r) => padRow(r, cols));
      writeCells(ws.getRangeByIndexes(first + start, 0, rows.length, cols), rows, w);
      start = end;
    }
    table.columns.forEach((c, i) => {
      if (c.align) {
        ws.getRangeByIndexes(first, i, table.rows.length, 1).format.horizontalAlignment =
          c.align === 'center' ? 'Center' : c.align === 'right' ? 'Right' : 'Left';
      }
    });
    for (let ri = 0; ri < table.rows.length; ri++) {
      const r = table.rows[ri];
      for (let ci = 0; ci < r.length; ci++) {
        const cell = r[ci];
        if (cell === null || typeof cell !== 'object') continue;
        await w.batch.spend(jsonBytes(cell) + WRITE_OVERHEAD_BYTES * 2);
        const target = ws.getRangeByIndexes(first + ri, ci, 1, 1);
        if ('link' in cell) {
          // A link to an output sheet that had to be renamed follows it.
          const sheet = names.get(cell.link.sheet) ?? cell.link.sheet;
          target.hyperlink = { documentReference: sheetRef(sheet, cell.link.cell), textToDisplay: cell.text };
        } else {
          target.format.font.color = EMPHASIS_COLOURS[cell.emphasis];
          target.format.font.bold = cell.emphasis === 'total' || cell.emphasis === 'error';
        }
      }
    }
  }
  return first + table.rows.length;
}

/** The chart's numbers go in cells (a chart needs a source range); the chart sits beside them. */
async function renderChart(ws: Excel.Worksheet, chart: DocChart, top: number, w: TextWriter): Promise<number> {
  (await writeTextRow(ws, top, [chart.title], w)).format.font.bold = true;
  const header = ['', ...chart.series.map((s) => s.name)];
  const headerRange = await writeTextRow(ws, top + 1, header, w);
  headerRange.format.font.bold = true;
  headerRange.format.fill.color = HEADER_FILL;
  const n = chart.categories.length;
  if (n > 0) {
    const rows: DocCell[][] = chart.categories.map((cat, r) => [cat, ...chart.series.map((s) => s.values[r] ?? 0)]);
    await w.batch.spend(jsonBytes(rows) * 2 + n * header.length * WRITE_OVERHEAD_BYTES);
    writeCells(ws.getRangeByIndexes(top + 2, 0, n, header.length), rows, w);
    const source = ws.getRangeByIndexes(top + 1, 0, n + 1, header.length);
    const excelChart = ws.charts.add('ColumnStacked', source, 'Columns');
    excelChart.title.text = chart.title;
    excelChart.setPosition(ws.getRangeByIndexes(top, header.length + 1, 1, 1), ws.getRangeByIndexes(top + Math.max(14, n + 2), header.length + 9, 1, 1));
  }
  return top + 2 + Math.max(n, 14);
}

async function writeTextRow(ws: Excel.Worksheet, row: number, texts: string[], w: TextWriter): Promise<Excel.Range> {
  const range = ws.getRangeByIndexes(row, 0, 1, Math.max(1, texts.length));
  const cells = texts.length > 0 ? texts : [''];
  await w.batch.spend(jsonBytes(cells) * 2 + cells.length * WRITE_OVERHEAD_BYTES);
  writeCells(range, [cells], w);
  return range;
}

/** Text cells get the text format first, then their value as a string; numbers stay numbers. */
function writeCells(range: Excel.Range, rows: DocCell[][], w: TextWriter): void {
  writeTextCells(range, rows, w.caps);
}

/**
 * The one way Hyoka puts cells into a workbook (also what 診断 checks); says which way it wrote.
 * `valuesAsJson` only through the capability check: on a library without it the assignment
 * would be a plain JS property and the cells would stay empty.
 */
export function writeTextCells(range: Excel.Range, rows: DocCell[][], caps: Capabilities | undefined): 'valuesAsJson' | 'values' {
  range.numberFormat = rows.map((r) => r.map(cellFormat));
  if (caps && setValuesAsJson(caps, range, rows.map((r) => r.map(cellJson)))) return 'valuesAsJson';
  range.values = rows.map((r) => r.map(cellValue));
  return 'values';
}

function cellJson(cell: DocCell): Excel.CellValue {
  if (cell === null) return { type: 'Empty', basicValue: '' } as Excel.EmptyCellValue;
  if (typeof cell === 'number') return { type: 'Double', basicValue: cell } as Excel.DoubleCellValue;
  return { type: 'String', basicValue: typeof cell === 'string' ? cell : cell.text } as Excel.StringCellValue;
}

function padRow(row: DocCell[], cols: number): DocCell[] {
  return row.length >= cols ? row.slice(0, cols) : [...row, ...new Array<DocCell>(cols - row.length).fill(null)];
}

function cellValue(cell: DocCell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string') return cell;
  return cell.text;
}

function cellFormat(cell: DocCell): string {
  return typeof cell === 'number' || cell === null ? 'General' : '@';
}
