import type { SummaryDocument } from '../core';

/** A file the person picked or dropped into the page (a DOM `File` fits). */
export interface PickedFile {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A SummaryDocument as .xlsx bytes (browser mode's download), through the lazy ExcelJS chunk. */
export async function summaryWorkbookBytes(doc: SummaryDocument): Promise<Uint8Array> {
  const { writeSummaryWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/write');
  return writeSummaryWorkbook(doc);
}
