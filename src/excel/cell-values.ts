import type { CellValue } from '../core';

/**
 * Office.js gives each cell a raw value, a number format and a value type; the snapshot wants
 * one CellValue. Percent-formatted numbers become {percent}, date-formatted serials become ISO
 * strings, errors become {error} — the same as the ExcelJS reader does for files.
 */
export function toCellValue(value: unknown, numberFormat: unknown, valueType: unknown): CellValue {
  if (valueType === 'Error') return { error: String(value) };
  if (valueType === 'Empty' || value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    const nf = typeof numberFormat === 'string' ? numberFormat : 'General';
    if (isPercentFormat(nf)) return { percent: value };
    if (isDateFormat(nf)) return serialToIso(value);
    return value;
  }
  return String(value);
}

/** The format's literal parts (quoted text, escapes, [colour]/[$-locale] sections) removed. */
function formatCodes(nf: string): string {
  return nf.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_./g, '');
}

export function isPercentFormat(nf: string): boolean {
  return formatCodes(nf).includes('%');
}

export function isDateFormat(nf: string): boolean {
  if (/^general$/i.test(nf.trim()) || nf === '@') return false;
  const codes = formatCodes(nf);
  if (/[0#?]/.test(codes)) return false;
  return /[ymdhsge]/i.test(codes);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function serialToIso(serial: number): string {
  const ms = Math.round(serial * 86400000);
  const d = new Date(EXCEL_EPOCH_MS + ms);
  const iso = d.toISOString();
  return ms % 86400000 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}
