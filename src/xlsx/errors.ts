/** Why a file could not be read. The CLI and the pane turn the code into a message. */
export type UnreadableReason =
  | 'not-xlsx' // not a zip at all (text, image, …)
  | 'csv' // comma- or tab-separated text saved with an .xlsx name
  | 'legacy-xls' // Excel 97–2003 binary
  | 'xlsb' // Excel Binary Workbook (a zip of .bin parts), whatever its name says
  | 'encrypted' // password-protected workbook
  | 'corrupt' // a zip, but truncated or damaged
  | 'empty-file'
  | 'no-sheets'
  // Bounds (src/xlsx/limits.ts), checked while reading:
  | 'too-large' // inflates to more than the whole-file bound (1 GiB)
  | 'zip-bomb' // one part inflates far more than any real workbook part
  | 'beyond-limits' // a row or column past Excel's 1,048,576 × 16,384
  | 'too-many-strings' // shared-string table past its count or character bound
  | 'cell-too-long' // a cell's text past Excel's 32,767 characters
  | 'too-many-sheets'
  | 'too-deep' // XML nested deeper than any SpreadsheetML part
  | 'missing-strings'; // cells point into a shared-string table the file does not have

export class UnreadableWorkbookError extends Error {
  readonly code = 'unreadable';
  constructor(
    readonly reason: UnreadableReason,
    readonly detail?: string,
  ) {
    super(`unreadable workbook: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'UnreadableWorkbookError';
  }
}

export function isUnreadable(e: unknown): e is UnreadableWorkbookError {
  return e instanceof Error && (e as { code?: unknown }).code === 'unreadable';
}
