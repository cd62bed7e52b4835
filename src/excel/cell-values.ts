import type { CellValue } from '../core';
import { normaliseCell } from '../core/cells';

export { isDateFormat, isPercentFormat } from '../core/cells';

/**
 * Office.js gives each cell a raw value, a number format and a value type; the snapshot wants
 * one CellValue. The conversion itself is the core's (src/core/cells.ts), the same the file
 * reader uses, so a workbook reads alike open in Excel and as a file.
 */
export function toCellValue(value: unknown, numberFormat: unknown, valueType: unknown): CellValue {
  if (valueType === 'Error') return { error: String(value) };
  if (valueType === 'Empty' || value === null || value === undefined) return null;
  const nf = typeof numberFormat === 'string' ? numberFormat : undefined;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return normaliseCell(value, nf);
  return normaliseCell(String(value), nf);
}
