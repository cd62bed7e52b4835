/// <reference types="office-js" />
import type { CellRange, CellValue, NoteKind, SheetSnapshot, SheetVisibility, ValidationList, WorkbookSnapshot } from '../core';
import { cellNote, MAX_NOTES } from '../core/cells';
import { columnIndex } from '../core/a1';
import { toCellValue } from './cell-values';
import { DIAGNOSTICS_SHEET_KEY } from './workbook-keys';
import { hasOutputMarker, namesLoad, queueStateLoad, queueStateXml, resolveState } from './workbook-state';
import { isPayloadLimitError, RESPONSE_BUDGET_BYTES } from './payload';
import type { ReadProgressOptions } from './port';
import { countAnnotations, dataValidationOf, mergedAreasOf, queueAnnotations, type AnnotationCount, type Capabilities, type QueuedAnnotation } from './capability';

/**
 * Reads the open workbook into the core's snapshot in a constant number of context.sync()
 * calls: (1) the sheet list, (2) each visible sheet's used-range size and whether it has hidden
 * rows or columns, (3) every sheet's values, number formats, value types, merged areas, hidden
 * rows, validation lists and cell notes and comments at once (their counts ride along with (2)).
 * Only a workbook above the byte budget is split into
 * further syncs (one per chunk), each estimated under it; a chunk Excel still refuses
 * (ResponsePayloadSizeLimitExceeded) is halved and asked again. One more sync reads validation
 * lists that cover only part of a column, when there are any.
 */
export interface ReadLimits {
  /** Estimated response bytes per sync: values + numberFormat + valueTypes (docs: 5 MB on the web). */
  maxBytesPerSync: number;
  /** Cells per sync: desktop Excel may return null values above ~5 million cells in one read. */
  maxCellsPerSync: number;
  /** getMergedAreas fails above 512 areas per call; a band of ≤ 512 cells cannot hold more top-left cells. */
  mergeBandCells: number;
}

/**
 * A cell's estimated share of a response: ~20 bytes empty (docs), a short Japanese text
 * 3 bytes a character, plus its format ("General") and type ("String"). Underestimates are
 * caught by the halve-and-retry; overestimates only cost a sync.
 */
export const ESTIMATED_BYTES_PER_CELL = 80;

export const DESKTOP_LIMITS: ReadLimits = { maxBytesPerSync: 256 * 1024 * 1024, maxCellsPerSync: 4_000_000, mergeBandCells: 512 };
export const WEB_LIMITS: ReadLimits = { maxBytesPerSync: RESPONSE_BUDGET_BYTES, maxCellsPerSync: 4_000_000, mergeBandCells: 512 };

/** Validation lists covering only part of a column are read cell by cell, up to this many cells. */
export const MAX_VALIDATION_CELLS = 20_000;

export interface ReadOptions extends ReadProgressOptions {
  limits?: ReadLimits;
  /**
   * What this Excel and the loaded Office.js can do (src/excel/capability.ts): merged areas
   * (ExcelApi 1.13) are read only where usable, else as none; validation lists (ExcelApi 1.8)
   * likewise, else `validations` stays absent. Absent: neither is read.
   */
  caps?: Capabilities;
  /** Sheets not to read, besides the ones Hyoka wrote itself (remembered in the workbook). */
  exclude?: ReadonlySet<string>;
  /** Read only these sheets, hidden or not (設定 › 診断 reads its scratch sheet). */
  only?: ReadonlySet<string>;
  /** What could not be read (the snapshot field is left absent), in plain English. */
  onUnread?: (what: string) => void;
}

interface Pending {
  ws: Excel.Worksheet;
  sheet: SheetSnapshot;
  top: number;
  left: number;
  rows: number;
  cols: number;
  used: Excel.Range;
  /** Notes and threaded comments counted in sync 2, where this Excel can read them. */
  annotations: AnnotationCount[];
}

interface Chunk {
  p: Pending;
  top: number;
  rows: number;
}

interface Extras {
  merges: { p: Pending; areas: Excel.RangeAreas }[];
  hiddenRows: { p: Pending; r: number; range: Excel.Range }[];
  hiddenCols: { p: Pending; c: number; range: Excel.Range }[];
  validations: { p: Pending; c: number; dv: Excel.DataValidation }[];
  notes: { p: Pending; items: QueuedAnnotation[]; total: number }[];
}

const NOTE_KINDS: readonly NoteKind[] = ['notes', 'comments'];

export async function readLiveSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const limits = options.limits ?? DESKTOP_LIMITS;
  const validationsSupported = options.caps?.usable('dataValidation') ?? false;
  const worksheets = context.workbook.worksheets;
  worksheets.load({ $all: false, name: true, visibility: true, ...namesLoad(options.caps) });
  // 評価集計 / 点検結果 from an earlier run are Hyoka's output, not the user's data: recorded in
  // Hyoka's state part, or marked with a sheet-scoped name (the record may be lost).
  const state = queueStateLoad(context, options.caps);
  const scratch = context.workbook.settings.getItemOrNullObject(DIAGNOSTICS_SHEET_KEY);
  scratch.load('value');
  await context.sync(); // 1
  checkAbort(options.signal);
  const exclude = new Set<string>(options.exclude ?? []);
  if (!scratch.isNullObject && typeof scratch.value === 'string' && !options.only) exclude.add(scratch.value);
  const outputs = new Set(worksheets.items.filter((ws) => hasOutputMarker(options.caps, ws)).map((ws) => ws.name));
  // The state part's text rides along with sync 2; its record is applied after it.
  queueStateXml(state);

  const snapshots: SheetSnapshot[] = [];
  const used: { ws: Excel.Worksheet; sheet: SheetSnapshot; range: Excel.Range; annotations: AnnotationCount[] }[] = [];
  // Notes (ExcelApi 1.18) and threaded comments (1.10) only where this Excel and the loaded
  // Office.js have them; the kinds that cannot be read are said in the report (notesUnread).
  const caps = options.caps;
  const readableKinds = NOTE_KINDS.filter((k) => caps?.usable(k) ?? false);
  for (const ws of worksheets.items) {
    if (options.only ? !options.only.has(ws.name) : exclude.has(ws.name)) continue;
    const sheet: SheetSnapshot = { name: ws.name, visibility: visibilityOf(ws.visibility), rows: [], merges: [] };
    snapshots.push(sheet);
    // Hyoka's own output: in the snapshot, flagged, never read (interfaces §5).
    if (outputs.has(ws.name) && !options.only) {
      sheet.hyokaOutput = true;
      continue;
    }
    if (sheet.visibility !== 'visible' && !options.only) continue;
    const range = ws.getUsedRangeOrNullObject(true);
    // rowHidden/columnHidden of the whole used range: false = none hidden, true = all, null = some.
    range.load('rowIndex,columnIndex,rowCount,columnCount,rowHidden,columnHidden');
    const annotations = caps ? readableKinds.map((k) => countAnnotations(caps, ws, k)).filter((a): a is AnnotationCount => a !== null) : [];
    used.push({ ws, sheet, range, annotations });
  }
  await context.sync(); // 2
  checkAbort(options.signal);
  for (const name of resolveState(state).state.outputSheets) outputs.add(name);

  const pending: Pending[] = [];
  for (const { ws, sheet, range, annotations } of used) {
    if (outputs.has(sheet.name) && !options.only) {
      sheet.hyokaOutput = true;
      continue;
    }
    if (range.isNullObject) {
      sheet.hiddenRows = [];
      sheet.hiddenCols = [];
      if (validationsSupported) sheet.validations = [];
      continue;
    }
    pending.push({ ws, sheet, top: range.rowIndex, left: range.columnIndex, rows: range.rowCount, cols: range.columnCount, used: range, annotations });
  }

  // Chunks of whole rows, each estimated under the byte budget and the cell cap.
  const queue: Chunk[] = [];
  for (const p of pending) {
    const perRow = p.cols * ESTIMATED_BYTES_PER_CELL;
    const rowsPerChunk = Math.max(1, Math.min(Math.floor(limits.maxBytesPerSync / perRow), Math.floor(limits.maxCellsPerSync / p.cols)));
    for (let r = 0; r < p.rows; r += rowsPerChunk) queue.push({ p, top: p.top + r, rows: Math.min(rowsPerChunk, p.rows - r) });
  }
  const total = queue.reduce((n, c) => n + c.rows * c.p.cols, 0);
  let done = 0;
  let cap = limits.maxBytesPerSync;
  let extras: Extras | null = null;
  let extrasRead = pending.length === 0;
  const estimate = (c: Chunk) => c.rows * c.p.cols * ESTIMATED_BYTES_PER_CELL;

  while (queue.length > 0 || !extrasRead) {
    checkAbort(options.signal);
    const batch: Chunk[] = [];
    let bytes = 0;
    let cells = 0;
    while (queue.length > 0) {
      const next = queue[0];
      const cellsNext = next.rows * next.p.cols;
      if (batch.length > 0 && (bytes + estimate(next) > cap || cells + cellsNext > limits.maxCellsPerSync)) break;
      batch.push(queue.shift()!);
      bytes += estimate(next);
      cells += cellsNext;
    }
    const ranges = batch.map((c) => {
      const range = c.p.ws.getRangeByIndexes(c.top, c.p.left, c.rows, c.p.cols);
      range.load('values,numberFormat,valueTypes');
      return { c, range };
    });
    // Merges, hidden rows and validations ride along with the first values sync.
    if (!extrasRead) extras = queueExtras(pending, limits, options);
    try {
      await context.sync(); // 3 (more only above the budget)
    } catch (e) {
      if (!isPayloadLimitError(e)) throw e;
      // Too big after all: ask again in halves.
      if (batch.length > 1) {
        cap = Math.max(ESTIMATED_BYTES_PER_CELL, Math.floor(bytes / 2));
        queue.unshift(...batch);
      } else if (batch.length === 1 && batch[0].rows > 1) {
        const c = batch[0];
        const half = Math.ceil(c.rows / 2);
        cap = Math.max(ESTIMATED_BYTES_PER_CELL, Math.floor(bytes / 2));
        queue.unshift({ p: c.p, top: c.top, rows: half }, { p: c.p, top: c.top + half, rows: c.rows - half });
      } else {
        throw e; // one row over 5 MB: nothing smaller to ask for
      }
      continue;
    }
    for (const { c, range } of ranges) {
      storeRows(c, range);
      done += c.rows * c.p.cols;
      // Free the proxies' data early on big workbooks.
      range.untrack?.();
    }
    if (!extrasRead && extras) {
      extrasRead = true;
      await readExtras(context, extras, pending, options);
    }
    options.onProgress?.(done, total);
  }
  if (validationsSupported) resolveListReferences(snapshots);
  const notesUnread = NOTE_KINDS.filter((k) => !readableKinds.includes(k));
  return { sheets: snapshots, ...(notesUnread.length > 0 ? { notesUnread } : {}) };
}

function storeRows(c: Chunk, range: Excel.Range): void {
  const values = range.values;
  const formats = range.numberFormat;
  const types = range.valueTypes;
  for (let r = 0; r < values.length; r++) {
    const row: CellValue[] = new Array<CellValue>(c.p.left).fill(null);
    let last = -1;
    for (let col = 0; col < values[r].length; col++) {
      const v = toCellValue(values[r][col], formats[r]?.[col], types[r]?.[col]);
      row.push(v);
      if (v !== null) last = c.p.left + col;
    }
    if (last >= 0) c.p.sheet.rows[c.top + r] = row.slice(0, last + 1);
  }
}

function queueExtras(pending: Pending[], limits: ReadLimits, options: ReadOptions): Extras {
  const extras: Extras = { merges: [], hiddenRows: [], hiddenCols: [], validations: [], notes: [] };
  const caps = options.caps;
  for (const p of pending) {
    // Notes and comments by index, bounded as the file reader bounds them (MAX_NOTES a sheet).
    let room = MAX_NOTES;
    for (const counted of p.annotations) {
      const items = queueAnnotations(counted, room);
      for (const item of items) item.location.load('address');
      room -= items.length;
      extras.notes.push({ p, items, total: counted.count.value });
    }
    if (caps?.usable('mergedAreas')) {
      // Real Excel returns only merged areas whose top-left cell is inside the range asked for
      // (office-js #3611). Asking from A1 down to the used range's bottom-right in bands covers
      // every top-left cell that can reach the used range, so no merge is lost, and each merge
      // is reported by exactly one band.
      const rows = p.top + p.rows;
      const cols = p.left + p.cols;
      const rowsPerBand = Math.max(1, Math.floor(limits.mergeBandCells / cols));
      const colsPerBand = Math.min(cols, limits.mergeBandCells);
      for (let r = 0; r < rows; r += rowsPerBand) {
        for (let c = 0; c < cols; c += colsPerBand) {
          const areas = mergedAreasOf(caps, p.ws.getRangeByIndexes(r, c, Math.min(rowsPerBand, rows - r), Math.min(colsPerBand, cols - c)));
          if (!areas) continue;
          areas.load('areas/items/address');
          extras.merges.push({ p, areas });
        }
      }
    }
    // Only a used range with some (not all, not none) hidden rows is asked row by row, in this same sync.
    const rowHidden = p.used.rowHidden as boolean | null;
    const colHidden = p.used.columnHidden as boolean | null;
    p.sheet.hiddenRows = rowHidden === true ? range(p.top, p.rows) : [];
    p.sheet.hiddenCols = colHidden === true ? range(p.left, p.cols) : [];
    if (rowHidden === null) {
      for (let r = 0; r < p.rows; r++) {
        const cell = p.ws.getRangeByIndexes(p.top + r, p.left, 1, 1);
        cell.load('rowHidden');
        extras.hiddenRows.push({ p, r: p.top + r, range: cell });
      }
    }
    if (colHidden === null) {
      for (let c = 0; c < p.cols; c++) {
        const cell = p.ws.getRangeByIndexes(p.top, p.left + c, 1, 1);
        cell.load('columnHidden');
        extras.hiddenCols.push({ p, c: p.left + c, range: cell });
      }
    }
    if (caps?.usable('dataValidation')) {
      for (let c = 0; c < p.cols; c++) {
        const dv = dataValidationOf(caps, p.ws.getRangeByIndexes(p.top, p.left + c, p.rows, 1));
        if (!dv) continue;
        dv.load('type,rule');
        extras.validations.push({ p, c: p.left + c, dv });
      }
    }
  }
  return extras;
}

async function readExtras(context: Excel.RequestContext, extras: Extras, pending: Pending[], options: ReadOptions): Promise<void> {
  const seen = new Map<SheetSnapshot, Set<string>>();
  for (const { p, areas } of extras.merges) {
    if (areas.isNullObject) continue;
    const keys = seen.get(p.sheet) ?? new Set<string>();
    seen.set(p.sheet, keys);
    for (const area of areas.areas.items) {
      const rect = parseRangeAddress(area.address);
      if (!rect) continue;
      const key = `${rect.top},${rect.left},${rect.bottom},${rect.right}`;
      if (keys.has(key)) continue;
      keys.add(key);
      p.sheet.merges.push(rect);
      clearMergedFollowers(p.sheet, rect);
    }
  }
  for (const { p, r, range } of extras.hiddenRows) if (range.rowHidden) p.sheet.hiddenRows!.push(r);
  readNotes(extras, options);
  for (const { p, c, range } of extras.hiddenCols) if (range.columnHidden) p.sheet.hiddenCols!.push(c);
  const caps = options.caps;
  if (!caps?.usable('dataValidation')) return;

  // Whole columns with one list rule are done; a column with several rules (a header without the
  // rule above rows with it is the usual case) is read cell by cell in one more sync, if small enough.
  const lists = new Map<SheetSnapshot, Map<string, CellRange[]>>();
  const add = (sheet: SheetSnapshot, source: string, rect: CellRange) => {
    const bySource = lists.get(sheet) ?? new Map<string, CellRange[]>();
    lists.set(sheet, bySource);
    const ranges = bySource.get(source) ?? [];
    bySource.set(source, ranges);
    const prev = ranges[ranges.length - 1];
    if (prev && prev.left === rect.left && prev.right === rect.right && prev.bottom + 1 === rect.top) prev.bottom = rect.bottom;
    else ranges.push({ ...rect });
  };
  const mixed = extras.validations.filter((v) => v.dv.type === 'Inconsistent');
  const mixedCells = mixed.reduce((n, v) => n + v.p.rows, 0);
  const unreadable = new Set<SheetSnapshot>();
  for (const { p, c, dv } of extras.validations) {
    if (dv.type === 'List') add(p.sheet, listSource(dv.rule), { top: p.top, left: c, bottom: p.top + p.rows - 1, right: c });
  }
  if (mixed.length > 0 && mixedCells <= MAX_VALIDATION_CELLS) {
    const cells = mixed.flatMap(({ p, c }) =>
      Array.from({ length: p.rows }, (_x, i) => {
        const dv = dataValidationOf(caps, p.ws.getRangeByIndexes(p.top + i, c, 1, 1))!;
        dv.load('type,rule');
        return { p, r: p.top + i, c, dv };
      }),
    );
    await context.sync(); // only when a list covers part of a column
    for (const { p, r, c, dv } of cells) if (dv.type === 'List') add(p.sheet, listSource(dv.rule), { top: r, left: c, bottom: r, right: c });
  } else if (mixed.length > 0) {
    for (const v of mixed) unreadable.add(v.p.sheet);
  }
  for (const p of pending) {
    if (unreadable.has(p.sheet)) {
      options.onUnread?.(`validation lists of sheet "${p.sheet.name}" (more than ${MAX_VALIDATION_CELLS} cells with mixed rules)`);
      continue;
    }
    const bySource = lists.get(p.sheet);
    p.sheet.validations = bySource ? [...bySource].map(([source, ranges]) => ({ ranges, items: listItems(source), source })) as ValidationList[] : [];
  }
}

/** The notes and comments read, through the one cell-note normaliser the file reader uses too. */
function readNotes(extras: Extras, options: ReadOptions): void {
  const beyond = new Map<SheetSnapshot, number>();
  for (const { p, items, total } of extras.notes) {
    for (const item of items) {
      const at = parseRangeAddress(item.location.address);
      const note = at ? cellNote(at.top, at.left, item.text()) : null;
      if (note) (p.sheet.notes ??= []).push(note);
    }
    if (total > items.length) beyond.set(p.sheet, (beyond.get(p.sheet) ?? 0) + total - items.length);
  }
  // In reading order, as the file's comments part lists them.
  for (const { p } of extras.notes) p.sheet.notes?.sort((a, b) => a.row - b.row || a.col - b.col);
  for (const [sheet, n] of beyond) options.onUnread?.(`${n} notes or comments of sheet "${sheet.name}" beyond the first ${MAX_NOTES}`);
}

function listSource(rule: Excel.DataValidationRule): string {
  const source = rule.list?.source;
  return typeof source === 'string' ? source : '';
}

/** `A,B,C,D` → items; a reference (`=$H$1:$H$4`) is resolved from the read cells afterwards. */
function listItems(source: string): string[] {
  if (source.startsWith('=')) return [];
  return source.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

/** A list that points at cells gives those cells' texts where the snapshot holds them. */
function resolveListReferences(sheets: SheetSnapshot[]): void {
  for (const sheet of sheets) {
    for (const v of sheet.validations ?? []) {
      const source = (v as ValidationList & { source?: string }).source;
      delete (v as ValidationList & { source?: string }).source;
      if (!source?.startsWith('=')) continue;
      const ref = source.slice(1);
      const bang = ref.lastIndexOf('!');
      const name = bang >= 0 ? ref.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'") : sheet.name;
      const rect = parseRangeAddress(ref);
      const target = sheets.find((s) => s.name === name);
      if (!rect || !target) continue;
      const items: string[] = [];
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++) {
          const value = target.rows[r]?.[c];
          if (value !== null && value !== undefined && typeof value !== 'object') items.push(String(value));
        }
      v.items = items;
    }
  }
}

function range(start: number, n: number): number[] {
  return Array.from({ length: n }, (_x, i) => start + i);
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw Object.assign(new Error('The read was stopped (中止).'), { name: 'AbortError' });
}

function visibilityOf(v: Excel.SheetVisibility | string): SheetVisibility {
  if (v === 'Hidden') return 'hidden';
  if (v === 'VeryHidden') return 'veryHidden';
  return 'visible';
}

/** Only the master (top-left) cell of a merged block keeps the value. */
function clearMergedFollowers(sheet: SheetSnapshot, rect: CellRange): void {
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = rect.left; c <= rect.right; c++) {
      if ((r !== rect.top || c !== rect.left) && c < row.length) row[c] = null;
    }
  }
}

/** `'Sheet 1'!B2:C4` or `Sheet1!B2` → 0-based rectangle. */
export function parseRangeAddress(address: string): CellRange | null {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(local);
  if (!m) return null;
  const left = columnIndex(m[1]);
  const top = Number(m[2]) - 1;
  const right = m[3] ? columnIndex(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  return { top, left, bottom, right };
}
