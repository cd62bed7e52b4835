import type { ParsedGrade, Scale } from '../scale';
import type { SheetLayout } from '../layout/types';
import type { CellValue } from '../snapshot';

/** A cell the rules may point at. Rows and columns are 0-based. */
export interface CellRef {
  row: number;
  col: number;
}

export interface GradeCell extends CellRef {
  parsed: ParsedGrade;
  /** The cell lies on another sheet (last year's sheet beside this year's): never checked as this year's. */
  sheet?: string;
}

export interface ValueCell extends CellRef {
  value: CellValue;
  text: string;
}

/** What a program reported for one fiscal year (multi-year tables). */
export interface YearBlock {
  year: number;
  status: ValueCell | null; // 実施状況
  evaluation: ValueCell | null; // 担当課の評価
  achievement: ValueCell | null; // 達成度
  /** Nothing entered in any of the year's cells (`-` and `未実施` are entries). */
  blank: boolean;
  /** First cell of the block, for pointing at it. */
  first: CellRef;
}

/** One row that reports on a node: usually one department's line for a program. */
export interface PlanEntry {
  row: number;
  department: string | null; // 担当課
  declaredGrade: GradeCell | null; // 評価 (this year)
  previousGrade: GradeCell | null; // 前年度評価
  nextPolicy: ValueCell | null; // 次年度方針
  achievement: ValueCell | null; // 達成度 (single-year tables)
  /** 実績 and 評価の理由 prose (absent or null: no such column); only 前年度比較 reads them. */
  resultText?: ValueCell | null;
  reasonText?: ValueCell | null;
  years: readonly YearBlock[];
  /** Marked 再掲: `A(再掲)` or a 再掲 column with ○ / a department. */
  repost: boolean;
  /** A row with no program of its own (another department of the program above). */
  continuation: boolean;
  /** A–D typed into another column of the row (Do, 成果 …): a grade that slipped out of its column. */
  strayGrades: readonly ValueCell[];
}

export interface PlanNode {
  sheet: string;
  /** Unique within the workbook: sheet + path of normalised identifiers. */
  key: string;
  /** Identifier as written (`(1)`, `①`, `取組12`), or null for a name-only program. */
  id: string | null;
  /** Display path of identifiers, `1-(2)-①`; the name when there are none. */
  path: string;
  name: string;
  depth: number;
  levelLabel: string | null;
  style: string;
  row: number;
  parent: PlanNode | null;
  children: readonly PlanNode[];
  entries: readonly PlanEntry[];
  isNew: boolean; // 【新規】
  expanded: boolean; // 【拡充】
  /** The original this node repeats (再掲), when it is shown again elsewhere. */
  repostOf: PlanNode | null;
  /** Marked 再掲 by its name or its rows. */
  markedRepost: boolean;
}

export interface SheetPlan {
  sheet: string;
  layout: SheetLayout;
  roots: PlanNode[];
  /** Every node in sheet order (pre-order). */
  nodes: PlanNode[];
  /**
   * Nodes only hidden rows held, left out of the tree and the check: a 再掲 elsewhere may name
   * one as its original (it is in the workbook, hidden). Absent: none.
   */
  hiddenNodes?: PlanNode[];
  /** The depth whose rows carry grades (policy rows in Komae, program rows elsewhere), or null. */
  gradedDepth: number | null;
  /** Grades sit on the programs (leaves) rather than on one policy depth. */
  gradedAtLeaves: boolean;
  /** Fiscal years that have columns, ascending. */
  years: number[];
  /** Column of the (first) grade column, for pointing at a missing grade. */
  gradeCol: number | null;
  /** The scale the sheet's grades are read on (the region's; A–D when nothing says otherwise). */
  scale: Scale;
  /** The table's key (`H3`) when its sheet holds several tables (see SheetLayout.tableKey). */
  tableKey?: string;
  /** Years as rows (a long table): every program's records by year (see plan/long.ts). */
  records?: LongRecords;
}

/** One record: its row and the grade as written (null: no grade column or nothing entered). */
export interface YearRecord {
  row: number;
  grade: string | null;
}

/** One program's (× department's) records, by year. */
export interface ProgramRecords {
  name: string;
  department: string | null;
  /** The program's node in this year's plan, when it has a record this year. */
  node: string | null;
  /** Years in ascending order, each with its records (two or more: a duplicate or a conflict). */
  years: { year: number; records: YearRecord[] }[];
  /**
   * Years whose record stands only in hidden rows: the record is there (a person hid the row,
   * as they hide a side-by-side table's row with it), so the year is not missing.
   */
  hiddenYears?: number[];
}

export interface LongRecords {
  /** 0-based column of the record's year. */
  yearCol: number;
  gradeCol: number | null;
  /** The year the plan holds (the report year, else the latest year present). */
  year: number;
  programs: ProgramRecords[];
}

