/** Why a file could not be read. The CLI and the pane turn the code into a message. */
export type UnreadableReason =
  | 'not-xlsx' // not a zip at all (text, image, …)
  | 'csv' // comma- or tab-separated text saved with an .xlsx name
  | 'legacy-xls' // Excel 97–2003 binary
  | 'encrypted' // password-protected workbook
  | 'corrupt' // a zip, but truncated or damaged
  | 'empty-file'
  | 'no-sheets';

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
