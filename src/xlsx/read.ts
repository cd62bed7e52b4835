import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseA1 } from '../core/a1';
import { cellText, type CellRange, type CellValue, type SheetSnapshot, type SheetVisibility, type ValidationList, type WorkbookSnapshot } from '../core/snapshot';
import { isUnreadable, UnreadableWorkbookError } from './errors';

/**
 * File → WorkbookSnapshot through ExcelJS. Works in Node and in the browser (the pane's
 * browser mode). The bytes are only read: nothing here can write to the user's file.
 */
export async function readWorkbook(data: Uint8Array | ArrayBuffer, fileName?: string): Promise<WorkbookSnapshot> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  sniff(bytes, fileName ?? '');
  let prepared: Prepared;
  try {
    prepared = await prepare(bytes);
  } catch (e) {
    if (isUnreadable(e)) throw e;
    throw new UnreadableWorkbookError('corrupt', e instanceof Error ? e.message.slice(0, 200) : String(e));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // Merges and data validations are not handed to ExcelJS: it expands both cell by cell (a
    // list on column F:F is a million entries; 10,000 merges are checked pairwise, minutes).
    // `prepare` read the merges from the XML instead; validations are not needed.
    const input = prepared.bytes;
    await workbook.xlsx.load(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer, {
      ignoreNodes: ['mergeCells', 'dataValidations'],
    });
  } catch (e) {
    throw new UnreadableWorkbookError('corrupt', e instanceof Error ? e.message.slice(0, 200) : String(e));
  }
  const sheets: SheetSnapshot[] = [];
  workbook.eachSheet((ws) => {
    const name = prepared.realNames.get(ws.name) ?? ws.name;
    const sheet = sheetSnapshot(ws, name, prepared.merges.get(name) ?? []);
    const extras = prepared.extras.get(name);
    if (extras) Object.assign(sheet, { hiddenRows: extras.hiddenRows, hiddenCols: extras.hiddenCols, validations: extras.validations });
    sheets.push(sheet);
  });
  if (sheets.length === 0) throw new UnreadableWorkbookError('no-sheets');
  resolveValidationRefs(sheets, prepared.extras);
  return { sheets };
}

interface Prepared {
  /** The file as ExcelJS should read it (renamed sheets, when some names would make it throw). */
  bytes: Uint8Array;
  /** Placeholder name → the sheet's real name. */
  realNames: Map<string, string>;
  /** Real sheet name → its merged ranges. */
  merges: Map<string, CellRange[]>;
  /** Real sheet name → hidden rows and columns, validation lists. */
  extras: Map<string, SheetExtras>;
}

/**
 * Reads what ExcelJS would mishandle straight from the package: the merged ranges of each
 * sheet, and sheet names ExcelJS refuses or truncates (brackets, a leading quote, over 31
 * characters, "History" — a hand-edited or generated file can have them), which get a
 * stand-in name for ExcelJS and their real name back in the snapshot.
 */
async function prepare(bytes: Uint8Array): Promise<Prepared> {
  const zip = await JSZip.loadAsync(bytes);
  const workbookXml = await zip.file('xl/workbook.xml')?.async('string');
  const relsXml = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  const merges = new Map<string, CellRange[]>();
  const extras = new Map<string, SheetExtras>();
  // A zip without a workbook part: a .docx, .pptx or plain .zip with an .xlsx name.
  if (workbookXml === undefined) throw new UnreadableWorkbookError('not-xlsx', 'no xl/workbook.xml');
  const plan = planSheets(workbookXml, relsXml);
  for (const sheet of plan.sheets) {
    if (!sheet.part) continue;
    const xml = await zip.file(sheet.part)?.async('string');
    if (xml) {
      merges.set(sheet.name, mergesIn(xml));
      extras.set(sheet.name, sheetExtrasIn(xml));
    }
  }
  const { realNames } = plan;
  if (realNames.size === 0) return { bytes, realNames, merges, extras };
  zip.file('xl/workbook.xml', plan.workbookXml);
  return { bytes: await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }), realNames, merges, extras };
}

/** What the snapshot carries besides cells: hidden rows and columns, data-validation lists. */
export interface SheetExtras {
  hiddenRows: number[];
  hiddenCols: number[];
  validations: ValidationList[];
  /** Lists that point at cells (`$H$1:$H$4`, `リスト!$A$1:$A$4`), resolved once every sheet is read. */
  listRefs: { index: number; sheet: string | null; range: CellRange }[];
}

/** Hidden rows from `<row r hidden="1">`, hidden columns from `<col min max hidden="1">`. */
export function hiddenRowsIn(xml: string, into: Set<number>): void {
  if (xml.indexOf('hidden=') < 0) return;
  for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*>/g)) {
    const tag = m[0];
    if (!/\shidden="(1|true)"/.test(tag)) continue;
    const r = Number(attr(tag, 'r'));
    if (Number.isInteger(r) && r >= 1) into.add(r - 1);
  }
}

export function hiddenColsIn(xml: string, into: Set<number>): void {
  if (xml.indexOf('hidden=') < 0) return;
  for (const m of xml.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
    const tag = m[0];
    if (!/\shidden="(1|true)"/.test(tag)) continue;
    const min = Number(attr(tag, 'min'));
    const max = Number(attr(tag, 'max'));
    // A hidden range reaching the sheet's last column hides the unused rest, not helper columns.
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max - min > 200) continue;
    for (let c = min; c <= max; c++) into.add(c - 1);
  }
}

/**
 * `<dataValidation type="list" sqref="F5:F40"><formula1>"A,B,C,D"</formula1>` and Excel's
 * extension form (`<x14:dataValidation>` with `<xm:f>` and `<xm:sqref>`, used when the list
 * is on another sheet).
 */
export function validationsIn(xml: string): { validations: ValidationList[]; listRefs: SheetExtras['listRefs'] } {
  const validations: ValidationList[] = [];
  const listRefs: SheetExtras['listRefs'] = [];
  if (xml.indexOf('dataValidation') < 0) return { validations, listRefs };
  for (const m of xml.matchAll(/<((?:\w+:)?dataValidation)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const open = m[2];
    const body = m[3];
    if (attr(` ${open}`, 'type') !== 'list') continue;
    const sqref = attr(` ${open}`, 'sqref') ?? /<(?:\w+:)?sqref>([^<]*)</.exec(body)?.[1] ?? '';
    const ranges: CellRange[] = [];
    for (const ref of sqref.trim().split(/\s+/)) {
      const [from, to = from] = ref.split(':');
      const a = parseA1(from);
      const b = parseA1(to);
      if (a && b) ranges.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
    }
    if (ranges.length === 0) continue;
    const formula = xmlUnescape((/<(?:\w+:)?formula1>(?:<(?:\w+:)?f>)?([^<]*)</.exec(body)?.[1] ?? '').trim());
    const items: string[] = [];
    const literal = /^"([\s\S]*)"$/.exec(formula);
    if (literal) for (const item of literal[1].replace(/""/g, '"').split(',')) items.push(item.trim());
    else {
      const ref = /^(?:'?((?:[^'!]|'')+)'?!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(formula);
      if (ref) {
        const a = parseA1(`${ref[2]}${ref[3]}`);
        const b = parseA1(`${ref[4] ?? ref[2]}${ref[5] ?? ref[3]}`);
        if (a && b && Math.abs(b.row - a.row) < 200) {
          listRefs.push({ index: validations.length, sheet: ref[1] ? ref[1].replace(/''/g, "'") : null, range: { top: a.row, left: a.col, bottom: b.row, right: b.col } });
        }
      }
    }
    validations.push({ ranges, items });
  }
  return { validations, listRefs };
}

export function sheetExtrasIn(xml: string): SheetExtras {
  const rows = new Set<number>();
  const cols = new Set<number>();
  hiddenRowsIn(xml, rows);
  hiddenColsIn(xml, cols);
  return { hiddenRows: [...rows].sort((a, b) => a - b), hiddenCols: [...cols].sort((a, b) => a - b), ...validationsIn(xml) };
}

/** A list pointing at cells gets those cells' texts, where the sheet was read. */
export function resolveValidationRefs(sheets: SheetSnapshot[], extras: Map<string, SheetExtras>): void {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  for (const sheet of sheets) {
    const e = extras.get(sheet.name);
    if (!e || !sheet.validations) continue;
    for (const ref of e.listRefs) {
      const source = ref.sheet === null ? sheet : byName.get(ref.sheet);
      if (!source) continue;
      const items: string[] = [];
      for (let r = ref.range.top; r <= ref.range.bottom; r++) {
        for (let c = ref.range.left; c <= ref.range.right; c++) {
          const t = cellText(source.rows[r]?.[c] ?? null).trim();
          if (t !== '') items.push(t);
        }
      }
      sheet.validations[ref.index].items = items;
    }
  }
}

/** What `prepare` reads from xl/workbook.xml and its rels, without touching the sheets. */
export interface SheetPlan {
  /** Sheets in workbook order, real names, each with its part from the rels (if any). */
  sheets: { name: string; part: string | undefined }[];
  /** Placeholder name → the sheet's real name. */
  realNames: Map<string, string>;
  /** xl/workbook.xml with the stand-in names (the original text when nothing was renamed). */
  workbookXml: string;
}

/**
 * The sheet tags of xl/workbook.xml: real names, parts, and a stand-in name for each name
 * ExcelJS refuses or truncates. Shared by `readWorkbook` and the CLI's streaming reader.
 */
export function planSheets(workbookXml: string, relsXml: string | undefined): SheetPlan {
  const realNames = new Map<string, string>();
  const sheets: SheetPlan['sheets'] = [];
  const targets = new Map<string, string>();
  for (const rel of (relsXml ?? '').match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attr(rel, 'Id');
    const target = attr(rel, 'Target');
    if (id !== null && target !== null) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  let renamed = workbookXml;
  let n = 0;
  const seen = new Set<string>();
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const raw = attr(tag, 'name');
    if (raw === null) continue;
    const name = xmlUnescape(raw);
    const id = /\b(?:\w+:)?id="([^"]*)"/.exec(tag.replace(/\bsheetId="[^"]*"/, ''))?.[1];
    sheets.push({ name, part: id !== undefined ? targets.get(id) : undefined });
    const lower = name.toLowerCase();
    if (/[*?:/\\[\]]|^'|'$/.test(name) || name.length > 31 || name === 'History' || name === '' || seen.has(lower)) {
      const standIn = `hyoka-sheet-${++n}`;
      realNames.set(standIn, name);
      renamed = renamed.replace(tag, tag.replace(/\bname="[^"]*"/, `name="${standIn}"`));
    }
    seen.add(lower);
  }
  return { sheets, realNames, workbookXml: renamed };
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    if (e === 'amp') return '&';
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

/** `<mergeCell ref="B3:D4"/>` → 0-based ranges; malformed refs are skipped. */
export function mergesIn(sheetXml: string): CellRange[] {
  const tail = sheetXml.slice(Math.max(0, sheetXml.lastIndexOf('sheetData>')));
  const out: CellRange[] = [];
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([^"]+)"/g)) {
    const [from, to = from] = m[1].split(':');
    const a = parseA1(from);
    const b = parseA1(to);
    if (!a || !b) continue;
    out.push({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) });
  }
  return out;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Tell the common wrong files apart before ExcelJS gives a cryptic zip error. */
export function sniff(bytes: Uint8Array, fileName: string): void {
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

/** A formula the file holds without a cached result: not a zero, just not known. */
export function isUncachedFormula(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (!('formula' in value) && !('sharedFormula' in value)) return false;
  const result = (value as { result?: unknown }).result;
  return result === undefined || result === null || result === '';
}

function sheetSnapshot(ws: ExcelJS.Worksheet, name: string, merges: CellRange[]): SheetSnapshot {
  const rows: (CellValue[] | undefined)[] = [];
  const uncached: { row: number; col: number }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const v = toCellValue(cell.value, cell.numFmt);
      if (v !== null) values[colNumber - 1] = v;
      else if (isUncachedFormula(cell.value)) uncached.push({ row: rowNumber - 1, col: colNumber - 1 });
    });
    if (values.length > 0) {
      for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
      rows[rowNumber - 1] = values;
    }
  });
  clearMergedSlaves(rows, merges);
  const sheet: SheetSnapshot = { name, visibility: visibilityOf(ws.state), rows, merges };
  if (uncached.length > 0) sheet.uncachedFormulas = uncached;
  return sheet;
}

/**
 * In a merged block only the master (top-left) cell holds the value, as Excel shows it.
 * Walks only the rows that exist, so a merge over a whole column costs nothing.
 */
export function clearMergedSlaves(rows: (CellValue[] | undefined)[], merges: readonly CellRange[]): void {
  if (merges.length === 0) return;
  const present: number[] = [];
  rows.forEach((_, r) => present.push(r)); // forEach skips the holes of a sparse array
  for (const m of merges) {
    let lo = 0;
    let hi = present.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (present[mid] < m.top) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < present.length && present[k] <= m.bottom; k++) {
      const r = present[k];
      const row = rows[r]!;
      for (let c = m.left; c <= m.right && c < row.length; c++) if (r !== m.top || c !== m.left) row[c] = null;
    }
  }
  // Trailing nulls trimmed and empty rows dropped, as if the slave cells had never been read.
  for (const r of present) {
    const row = rows[r]!;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    if (row.length === 0) delete rows[r];
  }
}

export function visibilityOf(state: string | undefined): SheetVisibility {
  return state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible';
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
