import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseA1 } from '../../src/core/a1';
import { isPercentFormat } from '../../src/core/cells';
import type { CellRange, CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';
import { isUnreadable, UnreadableWorkbookError } from '../../src/xlsx/errors';
// Checks both readers share, not what the oracle is there to compare.
import { clearMergedSlaves, sniff, visibilityOf } from '../../src/xlsx/read';

/**
 * THE ORACLE, for tests only: the reader Hyoka had before src/xlsx/read.ts (ExcelJS's
 * whole-workbook model, plus a regex pass for merges and odd sheet names), kept verbatim except
 * for the corrections the one reader makes on purpose, each marked `CORRECTION` below:
 *  1. a quoted or escaped `%` (`0.0\%`) is literal text, not a percent format (src/core/cells.ts);
 *  2. empty text is a blank cell (null), as Office.js reports it;
 *  3. a date's time of day is rounded to the second, not truncated;
 *  4. a hyperlink on a number or date keeps its value (the old conversion dropped it);
 *  5. a formula whose cached result is 0 (or FALSE, or empty text) is that result, not blank
 *     (ExcelJS's formula value drops falsy results).
 * Differences it does not model (the new reader is right, the old one was not): `t="d"` cells,
 * Excel's built-in Japanese date formats 27–36 and 50–58, `_xHHHH_` escapes in inline strings,
 * cells that point into a missing shared-strings part, sheet parts ExcelJS does not look for.
 * tests/xlsx/read.test.ts compares the two on every sample, seed fixture and hostile file.
 */
export async function oracleReadWorkbook(data: Uint8Array | ArrayBuffer, fileName?: string): Promise<WorkbookSnapshot> {
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
    sheets.push(sheetSnapshot(ws, name, prepared.merges.get(name) ?? []));
  });
  if (sheets.length === 0) throw new UnreadableWorkbookError('no-sheets');
  return { sheets };
}

interface Prepared {
  /** The file as ExcelJS should read it (renamed sheets, when some names would make it throw). */
  bytes: Uint8Array;
  /** Placeholder name → the sheet's real name. */
  realNames: Map<string, string>;
  /** Real sheet name → its merged ranges. */
  merges: Map<string, CellRange[]>;
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
  // A zip without a workbook part: a .docx, .pptx or plain .zip with an .xlsx name.
  if (workbookXml === undefined) throw new UnreadableWorkbookError('not-xlsx', 'no xl/workbook.xml');
  const plan = planSheets(workbookXml, relsXml);
  for (const sheet of plan.sheets) {
    if (!sheet.part) continue;
    const xml = await zip.file(sheet.part)?.async('string');
    if (xml) merges.set(sheet.name, mergesIn(xml));
  }
  const { realNames } = plan;
  if (realNames.size === 0) return { bytes, realNames, merges };
  zip.file('xl/workbook.xml', plan.workbookXml);
  return { bytes: await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }), realNames, merges };
}

/** What `prepare` reads from xl/workbook.xml and its rels, without touching the sheets. */
export interface SheetDirectory {
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
export function planSheets(workbookXml: string, relsXml: string | undefined): SheetDirectory {
  const realNames = new Map<string, string>();
  const sheets: SheetDirectory['sheets'] = [];
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

function sheetSnapshot(ws: ExcelJS.Worksheet, name: string, merges: CellRange[]): SheetSnapshot {
  const rows: (CellValue[] | undefined)[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // CORRECTION 5
      const raw = cell.type === ExcelJS.ValueType.Formula ? ({ formula: '', result: cell.result } as ExcelJS.CellValue) : cell.value;
      const v = toCellValue(raw, cell.numFmt);
      if (v !== null) values[colNumber - 1] = v;
    });
    if (values.length > 0) {
      for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
      rows[rowNumber - 1] = values;
    }
  });
  clearMergedSlaves(rows, merges);
  return { name, visibility: visibilityOf(ws.state), rows, merges };
}


type RawValue = ExcelJS.CellValue | undefined;

/** ExcelJS's many value shapes → the snapshot's few. */
export function toCellValue(value: RawValue, numFmt?: string): CellValue {
  if (value === null || value === undefined) return null;
  // CORRECTION 1
  if (typeof value === 'number') return numFmt && isPercentFormat(numFmt) ? { percent: value } : value;
  // CORRECTION 2
  if (typeof value === 'string') return value === '' ? null : value;
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
    // CORRECTION 4
    if ('text' in value && ['object', 'number', 'boolean'].includes(typeof (value as { text: unknown }).text)) {
      return toCellValue((value as { text: RawValue }).text, numFmt);
    }
  }
  return null;
}

function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // CORRECTION 3
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}
