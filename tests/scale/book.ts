/** Small in-memory workbooks for the scale and encoding tests: a title, a header, program rows. */
import type { CellRange, CellValue, SheetSnapshot, ValidationList, WorkbookSnapshot } from '../../src/core/snapshot';

export interface BookOptions {
  title?: string;
  header?: CellValue[];
  /** Rows below the header. */
  rows: CellValue[][];
  /** Rows above the header (after the title), e.g. a legend. */
  above?: CellValue[][];
  /** Rows below the table, e.g. a legend or footnote. */
  below?: CellValue[][];
  merges?: CellRange[];
  validations?: ValidationList[];
  notes?: SheetSnapshot['notes'];
  uncachedFormulas?: SheetSnapshot['uncachedFormulas'];
  /** Extra header rows under `header` (level sub-headers). */
  subHeader?: CellValue[];
  name?: string;
}

export const HEADER = ['番号', '事業名', '担当課', '評価'];

/** The header row's 0-based index and the sheet. */
export function sheetOf(o: BookOptions): { sheet: SheetSnapshot; headerRow: number } {
  const rows: CellValue[][] = [[o.title ?? '令和5年度 事業評価シート'], []];
  for (const r of o.above ?? []) rows.push(r);
  const headerRow = rows.length;
  rows.push(o.header ?? HEADER);
  if (o.subHeader) rows.push(o.subHeader);
  for (const r of o.rows) rows.push(r);
  if (o.below) {
    rows.push([]);
    for (const r of o.below) rows.push(r);
  }
  const sheet: SheetSnapshot = { name: o.name ?? '評価', visibility: 'visible', rows, merges: o.merges ?? [] };
  if (o.validations) sheet.validations = o.validations;
  if (o.notes) sheet.notes = o.notes;
  if (o.uncachedFormulas) sheet.uncachedFormulas = o.uncachedFormulas;
  return { sheet, headerRow };
}

export function bookOf(o: BookOptions): WorkbookSnapshot {
  return { sheets: [sheetOf(o).sheet] };
}

/** Program rows `1 | 事業1 | 福祉課 | <grade>` for the given grades. */
export function programRows(grades: CellValue[]): CellValue[][] {
  return grades.map((g, i) => [String(i + 1), `事業${i + 1}`, '福祉課', g]);
}
