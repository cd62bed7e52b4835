import type { DocCell, SummaryDocument } from './summary-document';

/**
 * A written workbook links only where the link can land: a link into this same workbook
 * (no `file`) is kept only when the workbook has that sheet; the others become plain text.
 * The browser's downloaded report has 評価集計 and 点検結果 but not the checked sheets, so its
 * links to 評価調書!F10 would open nothing.
 */
export function linksWithinDocument(doc: SummaryDocument): SummaryDocument {
  const names = new Set(doc.sheets.map((s) => s.name));
  const fix = (cell: DocCell): DocCell =>
    cell !== null && typeof cell === 'object' && 'link' in cell && cell.link.file === undefined && !names.has(cell.link.sheet) ? cell.text : cell;
  return {
    ...doc,
    sheets: doc.sheets.map((sheet) => ({
      ...sheet,
      blocks: sheet.blocks.map((block) => ('rows' in block ? { ...block, rows: block.rows.map((row) => row.map(fix)) } : block)),
    })),
  };
}
