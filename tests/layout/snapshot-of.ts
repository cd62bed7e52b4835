/**
 * A rendered ExcelJS workbook as the core sees it, without writing and reading an .xlsx: the
 * generator's many variants are checked in memory, and a fixed sample goes the whole way
 * through the writer and the reader users use (metamorphic.test.ts proves, on that sample,
 * that this conversion gives the snapshot the reader gives).
 *
 * It does what src/xlsx/read.ts does with the same parts: formula → its cached result (none:
 * null and listed as uncached), rich text → its text, a number under a date or percent format
 * → an ISO date or a percent (core's normaliseCell), merged slaves empty, hidden rows and
 * columns, list validations.
 */
import type ExcelJS from 'exceljs';

import { normaliseCell, type RawCell } from '../../src/core/cells';
import type { CellRange, CellValue, SheetSnapshot, ValidationList, WorkbookSnapshot } from '../../src/core/snapshot';

export function snapshotOf(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: wb.worksheets.map(sheetOf) };
}

function sheetOf(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows: (CellValue[] | undefined)[] = [];
  const hiddenRows: number[] = [];
  const uncached: { row: number; col: number }[] = [];
  const notes: { row: number; col: number; text: string }[] = [];
  const rowStyles: { row: number; italic?: true; grey?: true }[] = [];
  const merges: CellRange[] = Object.values((ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges)
    .map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
  ws.eachRow({ includeEmpty: true }, (row, r1) => {
    const r = r1 - 1;
    if (row.hidden) hiddenRows.push(r);
    const values: CellValue[] = [];
    let cells = 0;
    let italic = 0;
    let grey = 0;
    row.eachCell({ includeEmpty: false }, (cell, c1) => {
      if (cell.isMerged && cell.master !== cell) return;
      // A note (メモ), as the reader gives it: its plain text.
      const note = cell.note as string | { texts?: { text: string }[] } | undefined;
      if (note) notes.push({ row: r, col: c1 - 1, text: (typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('')).trim() });
      if (cell.value !== null && cell.value !== undefined && cell.value !== '') {
        cells++;
        if (cell.font?.italic) italic++;
        if (isGrey(cell.font?.color?.argb) || (cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' && isGrey(cell.fill.fgColor?.argb))) grey++;
      }
      // ExcelJS's value of a formula whose result is 0 leaves the result out: ask the cell.
      const value = cell.formula ? ({ formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue) : cell.value;
      const { raw, isUncached } = rawOf(value);
      if (isUncached) uncached.push({ row: r, col: c1 - 1 });
      const v = normaliseCell(raw, typeof cell.numFmt === 'string' ? cell.numFmt : undefined);
      if (v !== null) values[c1 - 1] = v;
    });
    if (cells > 0 && (italic === cells || grey === cells)) {
      const style: { row: number; italic?: true; grey?: true } = { row: r };
      if (italic === cells) style.italic = true;
      if (grey === cells) style.grey = true;
      rowStyles.push(style);
    }
    let end = values.length;
    while (end > 0 && (values[end - 1] === null || values[end - 1] === undefined)) end--;
    if (end > 0) {
      const out = values.slice(0, end);
      for (let i = 0; i < end; i++) if (out[i] === undefined) out[i] = null;
      rows[r] = out;
    }
  });
  const hiddenCols: number[] = [];
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hiddenCols.push(c - 1);
  const sheet: SheetSnapshot = {
    name: ws.name,
    visibility: ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible',
    rows,
    merges,
    hiddenRows,
    hiddenCols,
    validations: validationsOf(ws),
  };
  if (uncached.length > 0) sheet.uncachedFormulas = uncached;
  if (notes.length > 0) sheet.notes = notes;
  if (rowStyles.length > 0) sheet.rowStyles = rowStyles;
  return sheet;
}

/** The reader's grey (src/xlsx/read.ts isGrey), for ARGB colours as the renderer writes them. */
function isGrey(argb: string | undefined): boolean {
  if (!argb || !/^[0-9A-Fa-f]{8}$/.test(argb)) return false;
  const [r, g, b] = [2, 4, 6].map((i) => parseInt(argb.slice(i, i + 2), 16));
  return Math.max(r, g, b) - Math.min(r, g, b) <= 8 && r >= 0x60 && r <= 0xe0;
}

function rawOf(value: ExcelJS.CellValue): { raw: RawCell; isUncached: boolean } {
  if (value === null || value === undefined) return { raw: null, isUncached: false };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { raw: value, isUncached: false };
  if (value instanceof Date) return { raw: excelSerial(value), isUncached: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null || result === '') return { raw: null, isUncached: true };
    if (typeof result === 'object' && 'error' in result) return { raw: { error: String(result.error) }, isUncached: false };
    return { raw: result instanceof Date ? excelSerial(result) : (result as string | number | boolean), isUncached: false };
  }
  if ('richText' in value) return { raw: value.richText.map((t) => t.text).join(''), isUncached: false };
  if ('error' in value) return { raw: { error: String(value.error) }, isUncached: false };
  if ('text' in value) return { raw: String((value as { text: unknown }).text), isUncached: false };
  return { raw: null, isUncached: false };
}

/** ExcelJS writes a Date as its serial under the cell's date format. */
function excelSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

function validationsOf(ws: ExcelJS.Worksheet): ValidationList[] {
  const model = (ws as unknown as { dataValidations: { model: Record<string, { type?: string; formulae?: string[] }> } }).dataValidations.model;
  // One list per distinct formula, its cells gathered (the reader gets one per <dataValidation>).
  const byFormula = new Map<string, ValidationList>();
  for (const [address, dv] of Object.entries(model)) {
    if (!dv || dv.type !== 'list' || !dv.formulae?.length) continue;
    const f = dv.formulae[0];
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) continue;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    const row = Number(m[2]) - 1;
    let list = byFormula.get(f);
    if (!list) {
      list = { ranges: [], items: f.startsWith('"') ? f.slice(1, -1).split(',') : [] };
      byFormula.set(f, list);
    }
    list.ranges.push({ top: row, left: col - 1, bottom: row, right: col - 1 });
  }
  return [...byFormula.values()];
}
