import type { InputSnapshot, SummaryDocument } from '../core';
import { isUnreadable, type UnreadableReason } from '../xlsx/errors';

/** A file the person picked or dropped into the page (a DOM `File` fits). */
export interface PickedFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads one picked file into the engine's snapshot, in the page. ExcelJS comes from the same
 * lazy chunk as the single-file mode, so it is fetched only when a file is actually read.
 * A file that is not a readable .xlsx becomes the value the consolidation reports, not an
 * exception; `describe` turns the reason into the person's language.
 */
export async function readPickedSnapshot(file: PickedFile, describe: (reason: UnreadableReason) => string): Promise<InputSnapshot> {
  const { readWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/read');
  const data = await file.arrayBuffer();
  try {
    return await readWorkbook(data, file.name);
  } catch (e) {
    if (!isUnreadable(e)) throw e;
    return { unreadable: describe(e.reason) };
  }
}

/** A SummaryDocument as .xlsx bytes (browser mode's download), through the lazy ExcelJS chunk. */
export async function summaryWorkbookBytes(doc: SummaryDocument): Promise<Uint8Array> {
  const { writeSummaryWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/write');
  return writeSummaryWorkbook(doc);
}
