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
}

/** A column chart of A–D counts per category (stacked by grade). */
export interface DocChart {
  kind: 'chart';
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}

export type DocBlock = DocTable | DocChart;

export interface DocSheet {
  name: string;
  blocks: DocBlock[];
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
