/**
 * The workbook as the core sees it. Both adapters (src/xlsx/read.ts, the one reader of .xlsx
 * files, and src/excel/read-live.ts for the open workbook through Office.js) produce exactly
 * this shape, so everything downstream is host-agnostic.
 */

/** A formula or cell error such as `#N/A` or `#REF!`. */
export interface CellError {
  error: string;
}

/** A number shown as a percentage: Excel stores 100 % as `1` with a percent format. */
export interface Percent {
  percent: number;
}

/**
 * One cell's value, with formula results and percentages already resolved.
 * Dates arrive as ISO dates (`2023-04-01`, `2023-04-01 12:30:00`; see src/core/cells.ts);
 * rich text as its plain text.
 * In a merged block only the master (top-left) cell holds the value; the others are null.
 */
export type CellValue = string | number | boolean | null | CellError | Percent;

/** 0-based, inclusive rectangle. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

/**
 * A data-validation list (入力規則のリスト) on some cells: a dropdown of `A,B,C,D` or
 * `A：達成,B：…` is strong evidence that those cells are a grade column.
 */
export interface ValidationList {
  /** The cells it applies to (0-based, inclusive); one rule may name several ranges. */
  ranges: CellRange[];
  /** The list's items as shown in the dropdown, in order. A list that points at cells gives those cells' texts where they can be read, else []. */
  items: string[];
}

export interface SheetSnapshot {
  name: string;
  visibility: SheetVisibility;
  /**
   * Hyoka's own output sheet (評価集計, 点検結果, …): marked by the sheet-scoped name
   * `_hyoka_output` or recorded in Hyoka's state part. Its cells are not read; `check` never
   * reads it as evaluation data (interfaces §5). Absent: not Hyoka's.
   */
  hyokaOutput?: boolean;
  /** rows[r][c] is the cell at 0-based row r, column c, counted from A1. Rows may be sparse. */
  rows: (CellValue[] | undefined)[];
  merges: CellRange[];
  /** 0-based rows hidden in the sheet, ascending (a department hides an abolished program's row). Absent: the adapter could not tell. */
  hiddenRows?: number[];
  /** 0-based columns hidden in the sheet, ascending (helper columns with formulas or scores). Absent: the adapter could not tell. */
  hiddenCols?: number[];
  /** Data-validation lists of the sheet. Absent: the adapter could not read them. */
  validations?: ValidationList[];
  /**
   * Formula cells the file holds without a cached result (saved by a tool that never
   * calculated): their cell is null in `rows` — not a zero — and listed here, 0-based,
   * in reading order. Absent: none, or the adapter always has results (Office.js).
   */
  uncachedFormulas?: { row: number; col: number }[];
  /**
   * Formula cells whose cached result the file holds (the value in `rows` is that result), as
   * vertical runs, 0-based, at most 10,000 per sheet: how a grade computed from the achievement
   * rate is told apart from a typed one. Absent: none, or the adapter cannot tell (Office.js).
   */
  formulaCells?: CellRange[];
  /**
   * Cell notes and comments (メモ・コメント), 0-based, as plain text: a legend (凡例) often
   * stands in one. Absent: the adapter could not read them (Office.js below ExtensionApi notes support).
   */
  notes?: CellNote[];
  /**
   * Rows (0-based, ascending) whose every cell with a value is italic, or grey (a grey font or
   * a grey fill): how 記入例 rows are often drawn. Only such rows are listed, at most 10,000.
   * Absent: none, or the adapter cannot tell.
   */
  rowStyles?: { row: number; italic?: true; grey?: true }[];
}

/** A note or comment on a cell, as plain text (the author's name left out). */
export interface CellNote {
  row: number;
  col: number;
  text: string;
}

/** A value an add-in stored in the file that was too large to read: its name and length in characters. */
export interface SkippedProperty {
  name: string;
  chars: number;
}

/** A sheet the workbook lists but whose content could not be read (its part is missing from the file). */
export interface UnreadableSheet {
  name: string;
  reason: 'missing-part';
}

export interface WorkbookSnapshot {
  /**
   * Why Hyoka's state stored in the file could not be used (too large, damaged): said, never
   * skipped in silence. Absent: none, or it was read.
   */
  storedStateProblem?: string;
  sheets: SheetSnapshot[];
  /**
   * Settings an add-in stored inside the file (its webextension property bag), by key, as raw
   * text: Hyoka's per-workbook corrections travel with the workbook. Absent: none or not read.
   */
  storedSettings?: Record<string, string>;
  /** Stored values too large to read (skipped, not refused; the CLI names them). Absent: none. */
  storedSettingsSkipped?: SkippedProperty[];
  /** Sheets listed in the workbook whose content is not in the file; the others are read. Absent: none. */
  unreadableSheets?: UnreadableSheet[];
  /**
   * Kinds of cell annotation the adapter could not read at all (the open workbook, where this
   * Excel or the loaded Office.js lacks the API): `notes` (メモ, ExcelApi 1.18), `comments`
   * (threaded comments, ExcelApi 1.10). Said in the report, never skipped in silence. Absent: all read.
   */
  notesUnread?: NoteKind[];
}

/** A cell annotation: a note (メモ, the legacy comment) or a threaded comment (コメント). */
export type NoteKind = 'notes' | 'comments';

export function isCellError(v: CellValue): v is CellError {
  return typeof v === 'object' && v !== null && 'error' in v;
}

export function isPercent(v: CellValue): v is Percent {
  return typeof v === 'object' && v !== null && 'percent' in v;
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  return sheet.rows[row]?.[col] ?? null;
}

/** The text a person sees in the cell, for matching and messages (never written back). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isCellError(v)) return v.error;
  return `${Math.round(v.percent * 1000) / 10}%`;
}

export function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function columnCount(sheet: SheetSnapshot): number {
  let max = 0;
  for (const row of sheet.rows) if (row && row.length > max) max = row.length;
  return max;
}
