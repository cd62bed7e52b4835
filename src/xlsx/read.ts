import ExcelJS from 'exceljs';
import type { CellRange, CellValue, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from '../core/snapshot';
import { UnreadableWorkbookError } from './errors';

/**
 * File → WorkbookSnapshot through ExcelJS. Works in Node and in the browser (the pane's
 * browser mode). The bytes are only read: nothing here can write to the user's file.
 */
export async function readWorkbook(data: Uint8Array | ArrayBuffer, fileName?: string): Promise<WorkbookSnapshot> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  sniff(bytes, fileName ?? '');
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS accepts an ArrayBuffer-like in both Node and browsers.
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new UnreadableWorkbookError('corrupt', e instanceof Error ? e.message.slice(0, 200) : String(e));
  }
  const sheets: SheetSnapshot[] = [];
  workbook.eachSheet((ws) => sheets.push(sheetSnapshot(ws)));
  if (sheets.length === 0) throw new UnreadableWorkbookError('no-sheets');
  return { sheets };
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Tell the common wrong files apart before ExcelJS gives a cryptic zip error. */
function sniff(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw new UnreadableWorkbookError('empty-file');
  if (OLE2.every((b, i) => bytes[i] === b)) {
    // An encrypted .xlsx is an OLE2 container holding an "EncryptedPackage" stream.
    throw new UnreadableWorkbookError(containsUtf16(bytes, 'EncryptedPackage') ? 'encrypted' : 'legacy-xls');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return; // PK: a zip
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 2048));
  const lines = head.split(/\r?\n/).filter((l) => l.length > 0);
  // eslint-disable-next-line no-control-regex -- binary bytes are exactly what we look for
  const printable = !/[\u0000-\u0008\u000e-\u001f]/.test(head);
  const csvLike = lines.length > 0 && lines.slice(0, 3).every((l) => /[,\t]/.test(l));
  if (printable && (csvLike || /\.(csv|tsv|txt)$/i.test(fileName))) throw new UnreadableWorkbookError('csv');
  throw new UnreadableWorkbookError('not-xlsx');
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern: number[] = [];
  for (const ch of text) pattern.push(ch.charCodeAt(0), 0);
  const limit = Math.min(bytes.length, 1 << 20) - pattern.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows: (CellValue[] | undefined)[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // slave of a merged block: the master holds the value
      const v = toCellValue(cell.value, cell.numFmt);
      if (v !== null) values[colNumber - 1] = v;
    });
    if (values.length > 0) {
      for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
      rows[rowNumber - 1] = values;
    }
  });
  return { name: ws.name, visibility: visibilityOf(ws.state), rows, merges: mergesOf(ws) };
}

function visibilityOf(state: string | undefined): SheetVisibility {
  return state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible';
}

/** ExcelJS keeps merges on a private map keyed by master; read it without `any`. */
function mergesOf(ws: ExcelJS.Worksheet): CellRange[] {
  const raw = (ws as unknown as { _merges?: Record<string, { model?: { top: number; left: number; bottom: number; right: number } }> })._merges;
  if (!raw) return [];
  const out: CellRange[] = [];
  for (const range of Object.values(raw)) {
    const m = range?.model;
    if (m) out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  return out;
}

type RawValue = ExcelJS.CellValue | undefined;

/** ExcelJS's many value shapes → the snapshot's few. */
export function toCellValue(value: RawValue, numFmt?: string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return numFmt && /%/.test(numFmt.replace(/"[^"]*"/g, '')) ? { percent: value } : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return isoDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('error' in value && typeof value.error === 'string') return { error: value.error };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      return toCellValue(result as RawValue, numFmt);
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') {
      const text = (value as { text: unknown }).text as string;
      return text;
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'object') {
      return toCellValue((value as { text: RawValue }).text, numFmt);
    }
  }
  return null;
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
