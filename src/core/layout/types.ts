import type { ColumnRole } from '../settings';
import type { SheetKind } from '../report';

/** What one column of an evaluation table holds. */
export interface ColumnLayout {
  /** 0-based column index. */
  col: number;
  /** Header text as written (line breaks kept), joined over the header rows. */
  label: string;
  role: ColumnRole;
  /** Western fiscal year for the per-year roles. */
  year?: number;
  source: 'detected' | 'override';
}

/** Labelled values above a table (Koganei's 基本目標 / 基本施策 / 施策(1) block). */
export interface BlockHeaderLine {
  row: number;
  label: string;
  value: string;
}

/** A summary table (評価総括表): one count per grade and a total. */
export interface SummaryTableLayout {
  sheet: string;
  title: string;
  /** For each grade: the row (0-based), the count cell's column, the count as written, and the policies it lists. */
  gradeRows: { grade: 'A' | 'B' | 'C' | 'D'; row: number; countCol: number; count: number | null; policyIds: string[] }[];
  total: { row: number; countCol: number; count: number | null } | null;
}

export interface SheetLayout {
  sheet: string;
  kind: SheetKind;
  /** 0-based header rows (two- and three-row headers have several). */
  headerRows: number[];
  /** 0-based rows inside the table that repeat the header (printed page headers). */
  repeatedHeaderRows: number[];
  columns: ColumnLayout[];
  blockHeader: BlockHeaderLine[];
  /** Report year stated in the sheet's title rows or name, if any. */
  statedYear: number | null;
  /** The sheet lists the plan without grades or years: a plan master (計画体系). */
  planMaster: boolean;
  summaryTable: SummaryTableLayout | null;
  /** Why detection is unsure, in the reader's language-neutral keys (rendered as layout-uncertain). */
  uncertainties: Uncertainty[];
}

export type Uncertainty =
  | { kind: 'no-header' }
  | { kind: 'no-grade-column' }
  | { kind: 'grade-column-guessed'; column: number }
  | { kind: 'grade-column-demoted'; column: number }
  | { kind: 'ambiguous-grade-column'; columns: number[] }
  | { kind: 'summary-unmatched' }
  | { kind: 'report-year-unknown' };
