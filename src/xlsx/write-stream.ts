import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { SummaryDocument } from '../core/summary-document';
import { addExtras, hasExtras } from './chart-parts';
import { xmlSafeDocument } from './xml-safe';
import { extrasOf, planSheet, printedDocument, renderBlocks, ROW_HEIGHT, type WrittenSheetLayout } from './write';

/** Rows between two turns of the event loop, in which the zip compresses what was written. */
const YIELD_ROWS = 1000;

/**
 * The CLI's summary writer (Node only): the same workbook as `writeSummaryWorkbook`
 * (src/xlsx/write.ts — same plan, same cell rendering, text always a string value), but
 * written with ExcelJS's streaming `WorkbookWriter` to a new file: each row is committed
 * (serialised to XML) as soon as it is complete, so no cell object is kept for the whole
 * workbook and the zip is never held whole in memory. `file` must not exist yet (it is
 * created exclusively; the CLI passes a fresh temporary file, see writeOutputWith).
 * `tests/xlsx/write-stream.test.ts` proves the two outputs read back equal.
 */
export async function writeSummaryWorkbookFile(given: SummaryDocument, file: string): Promise<void> {
  const doc = printedDocument(xmlSafeDocument(given));
  // The in-memory workbook checks sheet names (characters, length, duplicates) and the
  // streaming one does not: let it check them first, so both writers accept the same names
  // and a refused name fails before the file is opened.
  const check = new ExcelJS.Workbook();
  const names = doc.sheets.map((s) => check.addWorksheet(s.name).name);

  const out = createWriteStream(file, { flags: 'wx' });
  // 'close' follows the last write and also a failure: the file is released either way.
  const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
  await once(out, 'open'); // rejects on a missing folder, an existing file, a read-only place
  try {
    // Shared strings, as writeSummaryWorkbook: ExcelJS decodes `_xHHHH_` (escapeCellText's escapes)
    // and keeps "" only in shared strings, not in inline ones.
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
    workbook.creator = 'Hyoka';
    workbook.created = new Date(Date.UTC(2000, 0, 1));
    workbook.modified = new Date(Date.UTC(2000, 0, 1));
    const plans: WrittenSheetLayout[] = [];
    for (const [k, sheet] of doc.sheets.entries()) {
      const plan = planSheet(sheet);
      plans.push(plan);
      const ws = workbook.addWorksheet(names[k], { views: plan.views, pageSetup: plan.pageSetup, headerFooter: plan.headerFooter, properties: { defaultRowHeight: ROW_HEIGHT } });
      // The streaming writer writes the column widths before the first row.
      plan.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
      for (const r of renderBlocks(ws, plan)) {
        const row = ws.getRow(r);
        // A row of empty, styled cells: the in-memory writer keeps it (styled `<c/>`s), the
        // streaming one would drop a row without values. Keep it, as writeSummaryWorkbook does.
        if (row.cellCount > 0 && !row.hasValues) Object.defineProperty(row, 'hasValues', { value: true });
        row.commit();
        // Let the zip take what is written so far instead of buffering the whole sheet's XML.
        if (r % YIELD_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      ws.commit();
    }
    await workbook.commit();
    await closed;
    // Charts and print titles, as writeSummaryWorkbook adds them: the finished zip is read
    // back once and rewritten (the summary is small next to the findings it lists).
    const extras = extrasOf(plans, names);
    if (hasExtras(extras)) await fs.writeFile(file, addExtras(await fs.readFile(file), extras));
  } catch (e) {
    out.destroy();
    await closed;
    throw e;
  }
}
