import type { CellNote, CellValue } from './snapshot';

/**
 * The one place a cell's raw value and number format become a snapshot CellValue, for both
 * adapters: the file reader (src/xlsx/read.ts) and the live workbook (src/excel/cell-values.ts).
 *
 * - A number with a date or time format becomes its date: `2023-04-01`, or
 *   `2023-04-01 12:30:00` when it has a time of day (seconds rounded). The space rather than
 *   ISO's `T` because these strings are quoted to people in messages.
 * - A number with a percent format becomes `{ percent }`. A `%` that is quoted (`"%"`), escaped
 *   (`\%`) or inside brackets is literal text in Excel, not a percent format.
 * - Empty text is a blank cell (null): Office.js reports an empty cell as `''`.
 * - An error stays an error; booleans and other text stay as they are.
 */
export type RawCell = number | string | boolean | null | undefined | { error: string };

export function normaliseCell(raw: RawCell, numberFormat?: string, date1904 = false): CellValue {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null;
    if (numberFormat) {
      const kind = formatKind(numberFormat);
      if (kind === DATE) return serialToDate(raw, date1904) ?? raw;
      if (kind === PERCENT) return { percent: raw };
    }
    return raw;
  }
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  return { error: String(raw.error) };
}

const PLAIN = 0;
const DATE = 1;
const PERCENT = 2;
/** Formats seen so far → their kind: a workbook has a few dozen formats and up to millions of cells. */
const kinds = new Map<string, number>();

function formatKind(nf: string): number {
  let kind = kinds.get(nf);
  if (kind === undefined) {
    kind = isDateFormat(nf) ? DATE : isPercentFormat(nf) ? PERCENT : PLAIN;
    if (kinds.size > 10_000) kinds.clear();
    kinds.set(nf, kind);
  }
  return kind;
}

/** The format's codes with everything Excel shows literally removed: quoted text, `\x` escapes, `[…]` sections, `_x` spaces and `*x` fills. */
function formatCodes(nf: string): string {
  return nf.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/[_*]./g, '');
}

export function isPercentFormat(nf: string): boolean {
  return formatCodes(nf).includes('%');
}

/** Date or time codes (y m d h s, Japanese era g e, Buddhist b) and no digit placeholders other than fractional seconds. */
export function isDateFormat(nf: string): boolean {
  const trimmed = nf.trim();
  if (trimmed === '' || /^general$/i.test(trimmed) || trimmed === '@') return false;
  // Elapsed time ([h]:mm) is a time format: keep what the bracket held before dropping sections.
  const codes = formatCodes(nf.replace(/\[(h+|m+|s+)\]/gi, '$1')).replace(/(s+)\.0+/gi, '$1');
  if (/[0#?]/.test(codes)) return false;
  return /[ymdhsgeb]/i.test(codes.replace(/general/gi, ''));
}

/** Serial 0 in the 1900 system is 1899-12-30 (Excel's phantom 1900-02-29 included). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An Excel serial → `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`; null outside JavaScript's date range. */
export function serialToDate(serial: number, date1904 = false): string | null {
  const ms = Math.round(serial * 86_400) * 1000;
  const d = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + ms);
  if (Number.isNaN(d.getTime())) return null;
  return formatDate(d);
}

/** A `t="d"` cell's ISO 8601 text (`2023-04-01T12:30:00Z`, `2023-04-01`) → the snapshot's date text; the text itself when it is not a date. */
export function isoTextToDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return text;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  return h === '00' && mi === '00' && s === '00' ? `${y}-${mo}-${d}` : `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

function formatDate(d: Date): string {
  const iso = d.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** Notes kept per sheet, and characters per note: a legend is short; a sheet of thousands of notes is not read whole. */
export const MAX_NOTES = 2000;
export const MAX_NOTE_CHARS = 2000;

/**
 * The one place a cell note (メモ) or comment becomes a snapshot CellNote, for both adapters: its
 * text cut at MAX_NOTE_CHARS and trimmed; null when nothing is left (an empty note is no legend).
 */
export function cellNote(row: number, col: number, text: string): CellNote | null {
  const t = text.slice(0, MAX_NOTE_CHARS).trim();
  return t === '' ? null : { row, col, text: t };
}
