import type { GradeNotation, Scale } from '../scale';
import type { ColumnRole } from '../settings';
import type { SheetKind } from '../report';
import type { RowRole } from '../corrections';
import type { RecoveredIdentifier, RowRoleMark } from './row-roles';

/** Why a column got its role; language-neutral (the CLI's --explain and the pane render it). */
export type ColumnEvidence =
  | { kind: 'header'; word: string } // the header word that named the role, e.g. '今年度評価'
  | { kind: 'content'; share: number; filled: number } // share of the filled cells that read as the role's values
  | { kind: 'validation'; items: string[] } // a data-validation list on the column
  | { kind: 'year-header'; year: number } // R2評価 → a grade of 2020
  | { kind: 'hidden' } // a hidden column: outside the check
  | { kind: 'override' } // a person's correction (settings)
  | { kind: 'level-columns'; labels: string[] } // sub-headers naming the levels (評価 over A | B | C | D): a mark in one is the grade
  | { kind: 'records-per-year'; years: number[]; programs: number; recurring: number } // 年度 values under which `recurring` of `programs` programs recur
  | { kind: 'displaced'; by: number; role: ColumnRole }; // detection gave it `role`, a correction gave that role to column `by` (0-based): not read

/** What one column of an evaluation table holds. */
export interface ColumnLayout {
  /** 0-based column index. */
  col: number;
  /** Header text as written (line breaks kept), joined over the header rows. */
  label: string;
  /** The header cells as typed, top first (what is shown: `label` is normalised for matching). */
  shownParts?: string[];
  role: ColumnRole;
  /** Western fiscal year for the per-year roles. */
  year?: number;
  source: 'detected' | 'override';
  /** Why it got its role (always filled by detection; optional so hand-made layouts stay valid). */
  evidence?: ColumnEvidence[];
  /** Hidden in the sheet: never checked, whatever its header says. */
  hidden?: boolean;
  /** Grade columns: the explained notation the whole column uses (its standard, not a warning). */
  notation?: GradeNotation;
  /**
   * Grade columns: how the grade is written. `label` (the default): the level's label in the
   * cell; `level-columns`: a mark (○ ● ✓ 1) in one of several columns headed by the levels.
   */
  encoding?: GradeEncoding;
  /** Level columns of a `level-columns` grade column (this column first), with their level labels. */
  levelColumns?: { col: number; label: string }[];
}

export type GradeEncoding = 'label' | 'level-columns';

/**
 * How a table's grade cells (this year's) were written, counted as the plan is read: grades
 * read, of them a formula's cached result and with a note mark (`B※`, kept as an annotation),
 * and formulas saved without a result (not verified). --explain and 読み取った表 say it.
 */
export interface GradeReading {
  graded: number;
  formulas: number;
  unverified: number;
  annotated: number;
  /** The note marks seen, at most five (`※`, `＊`, `(注1)`). */
  marks: string[];
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
  gradeRows: { grade: string; row: number; countCol: number; count: number | null; policyIds: string[]; unverified?: boolean }[];
  /** `unverified`: the count is a formula the file holds no result for (never a zero). */
  total: { row: number; countCol: number; count: number | null; unverified?: boolean } | null;
  /** 0-based, inclusive: the rows and columns the table spans (title included). */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * One table region of a sheet. A sheet may hold several: stacked blocks each with its own
 * header, a 評価総括表 below or beside the evaluation table. Regions come in sheet order.
 */
export interface SheetLayout {
  sheet: string;
  kind: SheetKind;
  /**
   * The key corrections name this table by (settings.corrections[].table): the A1 of the
   * top-left cell of its first header row as detected before any correction. Absent when no
   * header was found. A sheet's second table adds it to its plan keys.
   */
  tableKey?: string;
  /** 0-based header rows (two- and three-row headers have several). */
  headerRows: number[];
  /** 0-based, inclusive: the rows the region's data spans (for a summary table, its rows). */
  firstDataRow: number;
  lastDataRow: number;
  /** 0-based, inclusive: the columns the region spans. */
  firstCol: number;
  lastCol: number;
  /** Hidden rows with content inside the region: outside the check, and counted. */
  hiddenRowsSkipped: number;
  /** The region could not be read with confidence: it yields no error findings (layout-uncertain says why). */
  uncertain: boolean;
  /** Fiscal years of the year columns (per-year grades, year blocks) that hold entries. */
  entryYears: number[];
  /** Report year in the sheet's name, if any (a weaker source than a title). */
  sheetNameYear: number | null;
  /** 0-based rows inside the table that repeat the header (printed page headers). */
  repeatedHeaderRows: number[];
  columns: ColumnLayout[];
  blockHeader: BlockHeaderLine[];
  /** Report year stated in the sheet's title rows, if any. */
  statedYear: number | null;
  /** The sheet lists the plan without grades or years: a plan master (計画体系). */
  planMaster: boolean;
  /**
   * A column of level-like values (5 4 3 1, A B C) under a header that names no grade, in a table
   * with no grade column: a plan master by its headers, yet maybe an evaluation unread (0-based).
   */
  levelsUnread?: number;
  summaryTable: SummaryTableLayout | null;
  /** Why detection is unsure, in the reader's language-neutral keys (rendered as layout-uncertain). */
  uncertainties: Uncertainty[];
  /** The scale the region's grades are read on (absent in hand-made layouts: the default A–D). */
  scale?: Scale;
  /**
   * Rows of the region that are not data (headings, examples, totals, footnotes) with their
   * evidence; every other row with content is data. Filled when the plan is built (row-roles.ts).
   */
  rowRoles?: RowRoleMark[];
  /** Row roles a person set, by 1-based row (corrections' `rowRole`): they win over evidence. */
  rowCorrections?: Record<number, RowRole>;
  /** How the grade cells were written (a formula's result, a note mark): filled when the plan is built. */
  gradeReading?: GradeReading;
  /** Outline identifiers read back from the dates Excel stored for them (`1-2` as 1月2日). */
  recoveredIds?: RecoveredIdentifier[];
  /**
   * Set when the sheet holds several tables: the cells this one may occupy (0-based,
   * inclusive). The plan builder reads the table through a view of these cells only.
   */
  area?: { top: number; bottom: number; left: number; right: number };
  /**
   * This year's table, or an earlier year's kept beside it (its title or sheet name states an
   * earlier year than the report year's sheet): never checked, its grades are previous grades.
   * Set by check.ts once the report year is known.
   */
  yearRole?: 'current' | 'previous-year';
  /**
   * Evaluation tables: years as columns (`wide`: R4評価 | R5評価, year blocks; one row per
   * program) or as rows (`long`: one record per program × year, a `recordYear` column).
   */
  orientation?: 'wide' | 'long';
}

export type Uncertainty =
  | { kind: 'no-header' }
  | { kind: 'no-grade-column'; read?: string[] }
  | { kind: 'grade-column-guessed'; column: number }
  | { kind: 'grade-column-demoted'; column: number }
  | { kind: 'ambiguous-grade-column'; columns: number[] }
  | { kind: 'summary-unmatched' }
  | { kind: 'summary-unverified'; grades: string[] }
  | { kind: 'report-year-unknown' }
  | { kind: 'report-year-inferred'; year: number }
  | { kind: 'block-unplaced'; row: number }
  /** Points whose best end nothing states (a bare 1–5): the reader will not guess an order. */
  | { kind: 'scale-direction-unknown'; column: number; labels: string[] };
