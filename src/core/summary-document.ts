/**
 * A renderer-neutral description of the sheets Hyoka writes (評価集計, 点検結果, …).
 * The ExcelJS writer (files) and the Office.js writer (live workbook) both render this,
 * so the two outputs cannot drift apart. Every text cell is data: writers must store it as
 * text, never as a formula, whatever it starts with.
 */

export interface CellLink {
  /** Sheet and A1 address the link jumps to. */
  sheet: string;
  cell: string;
  /** The workbook the cell is in, when it is not the one being written (CLI output beside its inputs). */
  file?: string;
}

export type DocCell =
  | string
  | number
  | null
  | { text: string; link: CellLink }
  | { text: string; emphasis: 'error' | 'warning' | 'info' | 'total' };

export interface DocColumn {
  header: string;
  /** Approximate width in characters. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface DocTable {
  kind: 'table';
  title: string;
  columns: DocColumn[];
  rows: DocCell[][];
  /** Footnotes (注) printed under the table's last row. */
  notes?: string[];
}

/**
 * A–D counts per category. The live add-in draws an Excel chart from its data; the file
 * writers write the data as a small table and a native clustered bar chart over it.
 */
export interface DocChart {
  kind: 'chart';
  title: string;
  /** The title of the small table of the chart's numbers (written files): it differs from the chart's. */
  dataTitle?: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}

export type DocBlock = DocTable | DocChart;

export interface DocSheet {
  name: string;
  blocks: DocBlock[];
  /** Printed in the page footer beside the page number (which file, which report year). */
  footer?: string;
}

export interface SummaryDocument {
  sheets: DocSheet[];
}

export function docCellText(cell: DocCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return cell.text;
}
