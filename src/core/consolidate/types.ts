import type { Finding, Report } from '../report';
import type { Settings } from '../settings';
import type { WorkbookSnapshot } from '../snapshot';
import type { PlanMaster, ProgramLevel } from './identity';
import type { Submission } from './submissions';
import type { MergedTree } from './tree';

/** A department workbook as the adapter could read it, or why it could not. */
export type InputSnapshot = WorkbookSnapshot | { unreadable: string };

export interface ConsolidationInput {
  /** File name or path, shown on every finding and row from this file. */
  name: string;
  /**
   * The snapshot, or a loader: with a loader only one workbook is in memory at a time, which
   * is how the CLI keeps a run over hundreds of files bounded.
   */
  snapshot: InputSnapshot | (() => Promise<InputSnapshot>);
}

export interface ConsolidationOptions {
  /** The plan master (計画体系): a file of its own, or the open workbook holding such a sheet. */
  master?: WorkbookSnapshot;
  /** How the master is named in findings (its path, or null for the open workbook). */
  masterName?: string | null;
  settings?: Settings;
  /** Folder entries the host did not read, and why: carried into the result so every output lists them. */
  notRead?: readonly NotRead[];
  /** Called after each file: done of total. */
  onProgress?(done: number, total: number, name: string): void;
  /** An AbortSignal (core knows only the part it reads: it compiles without DOM or Node types). */
  signal?: { readonly aborted: boolean };
  /**
   * Awaited after each file. Core uses no host timers: the pane passes a macrotask yield so
   * its progress bar paints and its cancel button can be clicked; the CLI needs none.
   */
  yieldToHost?(): Promise<void>;
}

export type FileStatus = 'ok' | 'unreadable' | 'wrong-year';

/**
 * A workbook that was read but is not a department's report: Hyoka's own output, a tracking
 * sheet (提出状況・一覧), a second plan master, a 評価総括表 alone. Listed, never merged.
 */
export type SetAsideReason = 'hyoka-output' | 'tracking' | 'plan-master' | 'summary-only';

/** Why a folder entry was not read at all (the host's folder walk decides these). */
export type FolderSkipReason =
  | 'not-a-file'
  | 'link-loop'
  | 'dangling-link'
  | 'not-a-workbook'
  | 'permission'
  | 'lock-file'
  | 'hidden-entry'
  | 'too-deep'
  | 'folder-loop'
  | 'folder-read'
  | 'same-file';

export type NotReadReason = FolderSkipReason | SetAsideReason;

/** An input not taken as a department's report, and why: listed in every output, never dropped silently. */
export interface NotRead {
  file: string;
  reason: NotReadReason;
  /** same-file / folder-read / folder-loop: the path under which it was read. */
  sameAs?: string;
}

/** Where a file's department was read: a 担当課 column, a `担当課：…` line on a sheet, or the file name. */
export type DepartmentSource = 'column' | 'sheet' | 'file-name';

/** What the run keeps of one input: never the snapshot itself. */
export interface ConsolidatedFile {
  file: string;
  /** The department this file speaks for (担当課, or its file name when it names none). */
  department: string | null;
  /** Where `department` was read. */
  departmentSource?: DepartmentSource;
  /** The department the file name names, when it differs from the one the sheets name (which was used). */
  fileNameDepartment?: string;
  /** Hidden sheets read because they hold the evaluation table (the visible ones are examples or covers). */
  hiddenSheetsRead?: string[];
  /** Every 担当課 its rows name, as written (absent: read from the sheet or the file name). */
  departmentNames?: string[];
  /** A whole-plan workbook given alone: how many departments it reports for (it is filed under none). */
  wholePlanDepartments?: number;
  /** Every 担当課 the file reports for, normalised (how a master department is found "received"). */
  departmentKeys: string[];
  reportYear: number | null;
  /** The years its tables carry (titles, sheet names, year columns): what a stated --year is checked against. */
  years?: number[];
  status: FileStatus;
  errors: number;
  warnings: number;
  /** Program rows it contributed to 取りまとめ. */
  rows: number;
  /** Visible sheets in order, for sorting findings. */
  sheets: string[];
  /** Why it could not be read. */
  unreadable: string | null;
  /** The scale its grades were read on (readable files). */
  scale?: import('../scale').Scale;
}

/** A file whose rows lost a conflict to another file's (same program, same department). */
export interface Superseded {
  /** The file whose grades were counted instead, and why. */
  usedFile: string;
  why: import('./resubmission').Preference;
}

/** One program row of one department workbook, with where it came from. */
export interface MergedRow {
  file: string;
  fileIndex: number;
  sheet: string;
  /** 1-based row in the source sheet. */
  row: number;
  /** A1 of the grade cell (or the row's first cell) in the source sheet. */
  cell: string;
  /** A1 of the program-name cell, for findings about the program itself. */
  nameCell: string;
  /** `PlanNode.key` of the program in its file's plan. */
  node: string;
  department: string | null;
  departmentKey: string;
  /** Ancestors then the program itself, outermost first. */
  levels: ProgramLevel[];
  path: string;
  name: string;
  grade: string;
  previousGrade: string;
  nextPolicy: string;
  /** The grade as compared across files: the level's label, `-` (none), `` (blank) or the text. */
  gradeKey: string;
  /** `gradeKey` is a level of the file's scale (counted in the summary). */
  graded: boolean;
  /** Counted in the summary: of several files with its program and department, the preferred one's (resubmission.ts). */
  counted: boolean;
  /** When not counted because another file's row was preferred: which and why. */
  superseded?: Superseded;
  /** Index into master.programs, or null (no master, or not in it). */
  masterIndex: number | null;
}

/** A finding of the run: a `check` finding or a consolidation one, with the file it is about. */
export interface ConsolidatedFinding extends Omit<Finding, 'file'> {
  /** The input (or master) the finding points into; null when it is about the run. */
  file: string | null;
}

export interface ConsolidationResult {
  reportYear: number | null;
  files: ConsolidatedFile[];
  findings: ConsolidatedFinding[];
  /** Program rows merged (rows of readable files of the run's year). */
  rows: MergedRow[];
  master: PlanMaster | null;
  /** A plan master found among the inputs (no --master given): its name, announced, not a department. */
  detectedMaster: string | null;
  /** What the host did not read (options.notRead), then the workbooks read but set aside, with why. */
  notRead: NotRead[];
  /** 提出状況: per department, received or missing. */
  submissions: Submission[];
  /** The merged report (policies across all files) in the form `check` renderers take. */
  report: Report;
  /** 取りまとめ lines in plan order (what `buildConsolidationDocument` draws). */
  tree: MergedTree;
  /** Findings per 取りまとめ line index. */
  findingsPerLine: ReadonlyMap<number, number>;
  masterName: string | null;
}
