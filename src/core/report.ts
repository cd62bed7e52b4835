import type { GradeLabel, LevelCounts, Scale } from './scale';

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'ja' | 'en';
export type SheetKind = 'evaluation' | 'summary-table' | 'other';

/** Where a finding points. `cell` is A1 and `row` 1-based; `node` is a plan node's stable key. */
export interface FindingLocation {
  /** The input or master file (consolidation and comparison findings). */
  file?: string | null;
  sheet: string | null;
  /** A1-style address, or null for sheet- or file-level findings. */
  cell: string | null;
  /** 1-based row, or null. */
  row: number | null;
  /** `PlanNode.key` of the program, department or policy the finding is about. */
  node?: string;
  /** Western fiscal year, when the finding is about a year. */
  year?: number;
  /** Extra facts for renderers and filters (never needed to understand the message). */
  department?: string | null;
  program?: string | null;
}

/**
 * One problem found in the user's data, as data: which rule, which of its messages, the
 * message's params (typed per rule, see docs/json.md) and where. The sentence is not here:
 * `describe(finding, lang)` renders it from the rule's message table. Its place is a
 * FindingLocation (department and program kept only when known).
 */
export interface Finding extends Omit<FindingLocation, 'department' | 'program'> {
  rule: string;
  severity: Severity;
  /** Key into the rule's `messages`. */
  messageId: string;
  /** The facts the message is made from (grades, counts, years, names); JSON-safe. */
  params: Readonly<Record<string, unknown>>;
  department?: string;
  program?: string;
}

/** Counts per level label, in the scale's order (best first): keyed by the labels as written (`S`, `A` … or `◎`, `○` …). */
export type GradeCounts = LevelCounts;

/** One row of the policy table (施策ごとの集計). */
export interface PolicySummary {
  /** The sheet of its first part (where its row is). */
  sheet: string;
  /**
   * Every sheet the node spans, in sheet order: one plan spread over several sheets (one per
   * 基本施策, each repeating its 基本目標) gives each node once, added up over these sheets.
   * Absent in summaries built before it was recorded: `[sheet]`.
   */
  sheets?: string[];
  /** Hierarchical identifier as printed, e.g. `1-(2)-①`, or the name when the sheet has none. */
  id: string;
  name: string;
  /** 1 = the top level of the sheet's hierarchy. */
  level: number;
  /** What the level is called in the sheet (基本目標, 施策, 方向性 …) where known. */
  levelLabel: string | null;
  declaredGrade: GradeLabel | null;
  computedGrade: GradeLabel | null;
  counts: GradeCounts;
  /** Programs (事業/取組) below this policy, 再掲 counted once. */
  programs: number;
  /** Grades counted (評価数): differs from `programs` when departments grade one program separately. */
  graded?: number;
  /** 1-based row where the policy starts (in a consolidation: its first 取りまとめ line, 1-based). */
  row: number;
  findings: number;
}

export interface SheetInfo {
  name: string;
  kind: SheetKind;
  /** 1-based last header row, or null when the sheet has no table. */
  headerRow: number | null;
  /** Evaluation sheets: graded items per grade, 再掲 counted once (what a 評価総括表 should say). */
  gradeCounts?: GradeCounts;
  /** Evaluation sheets: the scale their grades were read on (levels best first, and where it came from). */
  scale?: Scale;
  /** Hidden rows with content inside the sheet's tables: outside the check. */
  hiddenRowsSkipped?: number;
  /** Evaluation sheets without A–D grades (progress tables): what they record instead. */
  progress?: ProgressSummary;
  /**
   * `previous-year`: an earlier year's sheet kept beside this year's (its title or name states
   * the earlier `year`): not checked, its grades serve as previous grades. Absent: this year's.
   */
  role?: 'current' | 'previous-year';
  /** The fiscal year the sheet states as its own (title, else sheet name), when it states one. */
  year?: number;
  /** The sheet's tables when it holds several (each with its own plan), named by their table key. */
  tables?: string[];
  /** A hidden sheet read because it alone holds the evaluation table (the visible ones are examples or covers). */
  hidden?: true;
}

/** A progress sheet's entries per fiscal year (year null: a single-year 達成度 column). */
export interface ProgressSummary {
  years: {
    year: number | null;
    /** Rows that report on the year (再掲 once). */
    rows: number;
    /** Rows with anything entered for the year. */
    entered: number;
    /** 実施 (or a 達成度 above 0 %) / 未実施・中止. */
    done: number;
    notDone: number;
    /** Short 達成度 values and how often each was entered (100%, 実施, ◎ …). */
    achievement: Record<string, number>;
  }[];
}

/** How computed grades are derived, so a written summary can state its method. */
export interface SummaryMethod {
  method: 'mean' | 'share';
  /** The thresholds applied, best level first (mean: lowest mean score per level but the last; share: lowest share of the best level). */
  thresholds: number[];
}

export interface Report {
  file: string | null;
  reportYear: number | null;
  /** Where the report year came from: --year/settings, a title, a sheet name, the file name, the latest year column with entries, or the year after last year's sheet (previous-sheet). */
  reportYearSource?: 'setting' | 'title' | 'sheet-name' | 'file-name' | 'year-columns' | 'previous-sheet' | null;
  sheets: SheetInfo[];
  findings: Finding[];
  policies: PolicySummary[];
  /**
   * The plans the evaluation sheets make up, in sheet order: several sheets when one plan is
   * written over them (one per 基本施策), one each where sheets are separate plans. Absent in
   * reports built before it was recorded: each policy's `sheets` are its plan.
   */
  plans?: { sheets: string[] }[];
  /** The method behind `computedGrade` (absent in reports built before it was recorded). */
  method?: SummaryMethod;
  /** The scale the report's counts are keyed by: the sheets' one, or the union of theirs when they differ. */
  scale?: Scale;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
