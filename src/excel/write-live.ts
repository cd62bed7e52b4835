/// <reference types="office-js" />
import { sheetRef } from '../core/a1';
import type { DocCell, DocChart, DocSheet, DocTable, SummaryDocument } from '../core';
import { OUTPUT_SHEETS_KEY } from './workbook-keys';

/**
 * Renders a SummaryDocument (評価集計, 点検結果 of a check; 取りまとめ, 評価集計, 点検結果, 提出状況
 * of a consolidation) into the open workbook in two syncs: (1) which of the sheets exist, their
 * charts and the sheets Hyoka wrote before, (2) clear-and-write everything.
 * Existing sheets are cleared and rewritten in place, never deleted (deleting a sheet clears
 * the user's undo stack). Every text cell gets the text number format before its value, so
 * `=SUM(A1)`, `+1`, `-1` or `@x` are stored as text, never evaluated.
 */
export async function writeSummaryLive(context: Excel.RequestContext, doc: SummaryDocument): Promise<string[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load({ $all: false, name: true, charts: { $all: false, name: true } });
  const written = context.workbook.settings.getItemOrNullObject(OUTPUT_SHEETS_KEY);
  written.load('value');
  await context.sync(); // 1

  const existing = new Map(worksheets.items.map((ws) => [ws.name, ws] as const));
  let first: Excel.Worksheet | null = null;
  for (const sheet of doc.sheets) {
    let ws = existing.get(sheet.name);
    if (ws) {
      ws.getRange().clear();
      for (const chart of ws.charts.items) chart.delete();
    } else {
      ws = worksheets.add(sheet.name);
    }
    renderSheet(ws, sheet);
    first ??= ws;
  }
  first?.activate();
  // Remembered as a union: 集計 writes two sheets, 取りまとめ four, and a later check must skip them all.
  const before = !written.isNullObject && Array.isArray(written.value) ? (written.value as unknown[]).filter((n): n is string => typeof n === 'string') : [];
  context.workbook.settings.add(OUTPUT_SHEETS_KEY, [...new Set([...before, ...doc.sheets.map((s) => s.name)])]);
  await context.sync(); // 2
  return doc.sheets.map((s) => s.name);
}

const EMPHASIS_COLOURS = { error: '#C50F1F', warning: '#8A5A00', info: '#0F6CBD', total: '#000000' } as const;
const HEADER_FILL = '#E8EEF7';
/** Column width in points for one character (Japanese text is about two). */
const POINTS_PER_CHAR = 7;

function renderSheet(ws: Excel.Worksheet, sheet: DocSheet): void {
  let row = 0;
  const widths: number[] = [];
  for (const block of sheet.blocks) {
    if (block.kind === 'table') {
      row = renderTable(ws, block, row, widths);
    } else {
      row = renderChart(ws, sheet.name, block, row);
    }
    row += 1; // a blank row between blocks
  }
  widths.forEach((w, c) => {
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = Math.max(40, Math.min(400, w * POINTS_PER_CHAR));
  });
}

function renderTable(ws: Excel.Worksheet, table: DocTable, top: number, widths: number[]): number {
  const cols = Math.max(1, table.columns.length);
  writeTextRow(ws, top, [table.title]).format.font.bold = true;
  const header = writeTextRow(ws, top + 1, table.columns.map((c) => c.header));
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  table.columns.forEach((c, i) => {
    widths[i] = Math.max(widths[i] ?? 0, c.width);
  });
  const first = top + 2;
  if (table.rows.length > 0) {
    const values = table.rows.map((r) => padRow(r, cols).map(cellValue));
    const formats = table.rows.map((r) => padRow(r, cols).map(cellFormat));
    const body = ws.getRangeByIndexes(first, 0, table.rows.length, cols);
    body.numberFormat = formats;
    body.values = values;
    table.columns.forEach((c, i) => {
      if (c.align) {
        ws.getRangeByIndexes(first, i, table.rows.length, 1).format.horizontalAlignment =
          c.align === 'center' ? 'Center' : c.align === 'right' ? 'Right' : 'Left';
      }
    });
    table.rows.forEach((r, ri) => {
      r.forEach((cell, ci) => {
        if (cell === null || typeof cell !== 'object') return;
        const target = ws.getRangeByIndexes(first + ri, ci, 1, 1);
        if ('link' in cell) {
          target.hyperlink = { documentReference: sheetRef(cell.link.sheet, cell.link.cell), textToDisplay: cell.text };
        } else {
          target.format.font.color = EMPHASIS_COLOURS[cell.emphasis];
          target.format.font.bold = cell.emphasis === 'total' || cell.emphasis === 'error';
        }
      });
    });
  }
  return first + table.rows.length;
}

/** The chart's numbers go in cells (a chart needs a source range); the chart sits beside them. */
function renderChart(ws: Excel.Worksheet, _sheetName: string, chart: DocChart, top: number): number {
  writeTextRow(ws, top, [chart.title]).format.font.bold = true;
  const header = ['', ...chart.series.map((s) => s.name)];
  const headerRange = writeTextRow(ws, top + 1, header);
  headerRange.format.font.bold = true;
  headerRange.format.fill.color = HEADER_FILL;
  const n = chart.categories.length;
  if (n > 0) {
    const body = ws.getRangeByIndexes(top + 2, 0, n, header.length);
    body.numberFormat = chart.categories.map(() => header.map((_h, i) => (i === 0 ? '@' : 'General')));
    body.values = chart.categories.map((cat, r) => [cat, ...chart.series.map((s) => s.values[r] ?? 0)]);
    const source = ws.getRangeByIndexes(top + 1, 0, n + 1, header.length);
    const excelChart = ws.charts.add('ColumnStacked', source, 'Columns');
    excelChart.title.text = chart.title;
    excelChart.setPosition(ws.getRangeByIndexes(top, header.length + 1, 1, 1), ws.getRangeByIndexes(top + Math.max(14, n + 2), header.length + 9, 1, 1));
  }
  return top + 2 + Math.max(n, 14);
}

function writeTextRow(ws: Excel.Worksheet, row: number, texts: string[]): Excel.Range {
  const range = ws.getRangeByIndexes(row, 0, 1, Math.max(1, texts.length));
  const cells = texts.length > 0 ? texts : [''];
  range.numberFormat = [cells.map(() => '@')];
  range.values = [cells];
  return range;
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
