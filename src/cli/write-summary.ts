import type { SummaryDocument } from '../core/summary-document';

/**
 * Writes a summary workbook to `file` (see src/xlsx/write-stream.ts), loading the writer only
 * now: it pulls in ExcelJS and about 600 modules, close to half a second of start-up that a
 * `check --json` or a check without `--out` never needs (`npm run bench` measures the whole CLI).
 */
export async function writeSummaryFile(doc: SummaryDocument, file: string): Promise<void> {
  const { writeSummaryWorkbookFile } = await import('../xlsx/write-stream');
  await writeSummaryWorkbookFile(doc, file);
}
