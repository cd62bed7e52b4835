/// <reference types="office-js" />
import type { CellRange, CellValue, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from '../core';
import { columnIndex } from '../core/a1';
import { toCellValue } from './cell-values';
import { OUTPUT_SHEETS_KEY } from './workbook-keys';

/**
 * Reads the open workbook into the core's snapshot in a constant number of context.sync()
 * calls: (1) the sheet list, (2) each visible sheet's used-range size, (3) every sheet's values,
 * number formats, value types and merged areas at once. Only a workbook above Excel's request
 * limits is split into further syncs, each under the limit.
 */
export interface ReadLimits {
  /** Cells loaded per sync (values + numberFormat + valueTypes). Excel on the web caps a
   *  response at 5 MB; desktop at 5 million cells per read. */
  maxCellsPerSync: number;
  /** getMergedAreas fails above 512 areas per call; a band of ≤ 512 cells cannot intersect more. */
  mergeBandCells: number;
}

export const DESKTOP_LIMITS: ReadLimits = { maxCellsPerSync: 4_000_000, mergeBandCells: 512 };
/** About 30 bytes per cell for value, format and type keeps a response well under 5 MB. */
export const WEB_LIMITS: ReadLimits = { maxCellsPerSync: 150_000, mergeBandCells: 512 };

export interface ReadOptions {
  limits?: ReadLimits;
  /** ExcelApi 1.13 (getMergedAreasOrNullObject); without it merges are read as none. */
  mergesSupported?: boolean;
  /** Sheets not to read, besides the ones Hyoka wrote itself (remembered in the workbook). */
  exclude?: ReadonlySet<string>;
}

interface Pending {
  sheet: SheetSnapshot;
  top: number;
  left: number;
  chunks: { top: number; range: Excel.Range; cells: number }[];
  merges: Excel.RangeAreas[];
}

export async function readLiveSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const limits = options.limits ?? DESKTOP_LIMITS;
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  // 評価集計 / 点検結果 from an earlier run are Hyoka's output, not the user's data.
  const written = context.workbook.settings.getItemOrNullObject(OUTPUT_SHEETS_KEY);
  written.load('value');
  await context.sync(); // 1
  const exclude = new Set<string>(options.exclude ?? []);
  if (!written.isNullObject && Array.isArray(written.value)) {
    for (const name of written.value as unknown[]) if (typeof name === 'string') exclude.add(name);
  }

  const snapshots: SheetSnapshot[] = [];
  const used: { ws: Excel.Worksheet; sheet: SheetSnapshot; range: Excel.Range }[] = [];
  for (const ws of worksheets.items) {
    if (exclude.has(ws.name)) continue;
    const sheet: SheetSnapshot = { name: ws.name, visibility: visibilityOf(ws.visibility), rows: [], merges: [] };
    snapshots.push(sheet);
    if (sheet.visibility !== 'visible') continue;
    const range = ws.getUsedRangeOrNullObject(true);
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    used.push({ ws, sheet, range });
  }
  await context.sync(); // 2

  const pending: Pending[] = [];
  for (const { ws, sheet, range } of used) {
    if (range.isNullObject) continue;
    const top = range.rowIndex;
    const left = range.columnIndex;
    const rows = range.rowCount;
    const cols = range.columnCount;
    const p: Pending = { sheet, top, left, chunks: [], merges: [] };
    const rowsPerChunk = Math.max(1, Math.floor(limits.maxCellsPerSync / cols));
    for (let r = 0; r < rows; r += rowsPerChunk) {
      const n = Math.min(rowsPerChunk, rows - r);
      p.chunks.push({ top: top + r, range: ws.getRangeByIndexes(top + r, left, n, cols), cells: n * cols });
    }
    if (options.mergesSupported) {
      const rowsPerBand = Math.max(1, Math.floor(limits.mergeBandCells / cols));
      // A single row wider than the band is split by columns too.
      const colsPerBand = Math.min(cols, limits.mergeBandCells);
      for (let r = 0; r < rows; r += rowsPerBand) {
        for (let c = 0; c < cols; c += colsPerBand) {
          const areas = ws
            .getRangeByIndexes(top + r, left + c, Math.min(rowsPerBand, rows - r), Math.min(colsPerBand, cols - c))
            .getMergedAreasOrNullObject();
          areas.load('areas/items/address');
          p.merges.push(areas);
        }
      }
    }
    pending.push(p);
  }

  // Group chunk loads into syncs under the cell budget; one sync when the workbook fits.
  const batches: { range: Excel.Range; top: number; p: Pending }[][] = [[]];
  let budget = 0;
  for (const p of pending) {
    for (const chunk of p.chunks) {
      if (budget + chunk.cells > limits.maxCellsPerSync && batches[batches.length - 1].length > 0) {
        batches.push([]);
        budget = 0;
      }
      batches[batches.length - 1].push({ range: chunk.range, top: chunk.top, p });
      budget += chunk.cells;
    }
  }
  for (const batch of batches) {
    for (const { range } of batch) range.load('values,numberFormat,valueTypes');
    await context.sync(); // 3 (more only above the limits)
    for (const { range, top, p } of batch) {
      const values = range.values;
      const formats = range.numberFormat;
      const types = range.valueTypes;
      for (let r = 0; r < values.length; r++) {
        const row: CellValue[] = new Array<CellValue>(p.left).fill(null);
        let last = -1;
        for (let c = 0; c < values[r].length; c++) {
          const v = toCellValue(values[r][c], formats[r]?.[c], types[r]?.[c]);
          row.push(v);
          if (v !== null) last = p.left + c;
        }
        if (last >= 0) p.sheet.rows[top + r] = row.slice(0, last + 1);
      }
      // Free the proxies' data early on big workbooks.
      range.untrack?.();
    }
  }

  for (const p of pending) {
    const seen = new Set<string>();
    for (const areas of p.merges) {
      if (areas.isNullObject) continue;
      for (const area of areas.areas.items) {
        const rect = parseRangeAddress(area.address);
        if (!rect) continue;
        const key = `${rect.top},${rect.left},${rect.bottom},${rect.right}`;
        if (seen.has(key)) continue;
        seen.add(key);
        p.sheet.merges.push(rect);
        clearMergedFollowers(p.sheet, rect);
      }
    }
  }
  return { sheets: snapshots };
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
