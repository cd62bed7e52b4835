/**
 * Doubt before accusing; never silently empty (#20 item 6). Before a region's errors are
 * reported its reading is checked for plausibility, and a reading that checked nothing says so:
 *
 * - the same unknown token in many rows of a grade column is a scale not yet known (`S` in a
 *   city grading S/A/B/C): one doubt naming the token, its rows and how to correct it, and its
 *   grade-invalid errors are silenced;
 * - a grade column whose filled cells are mostly not grades was misread: one doubt, and the
 *   column's errors are silenced;
 * - a table with program rows but no grade read, a workbook where no grade or year entry was
 *   read at all, a report year not found: each said once.
 *
 * Pure: it reads the plans the rules read and is asked twice, by the reading-doubt rule (which
 * reports the doubts) and by the runner (which drops the silenced errors); one review per
 * context.
 */
import { columnLetter } from './a1';
import type { SheetPlan } from './plan/types';
import type { RuleContext } from './rules/rule';
import { parseAchievement } from './achievement';
import { isDashOnly, normalizeForMatch } from './text';

/**
 * A token repeated in at least this many rows is a level of a scale, not a slip: a slip (`E`
 * for a B, `継続` from the next column) is one or two cells; a level is used again and again.
 */
export const UNKNOWN_TOKEN_MIN_ROWS = 3;
/**
 * …and in at least this share of the column's filled cells: the top or bottom level of a
 * four- or five-level scale covers a tenth of the programs or more, a repeated slip does not.
 */
export const UNKNOWN_TOKEN_MIN_SHARE = 0.1;
/**
 * A grade column where more than this share of the filled cells are not grades was misread
 * (the wrong column, or grades in a form not read): accusing every row would be wrong.
 */
export const MISREAD_SHARE = 0.5;
/** …counted only on columns with this many filled cells: two odd cells of three are no pattern. */
export const MISREAD_MIN_FILLED = 4;
/**
 * A per-year evaluation column (担当課の評価, read as prose) where at least this share of the
 * filled cells are one or two characters from a handful of values holds marks or grades in a
 * form not read, not prose: a person writes sentences there.
 */
export const MARKS_SHARE = 0.8;
/** …with at most this many distinct values (a scale has a few levels; prose has as many as rows). */
export const MARKS_MAX_DISTINCT = 10;
/** Rows named in a doubt's message: the rest are counted, not listed. */
const ROWS_LISTED = 10;

export type ReadingDoubt =
  /** `token` as typed in its first cell; `rows` 1-based; `count` of `filled` grade cells. */
  | { kind: 'unknown-grade-token'; sheet: string; column: string; token: string; rows: number[]; count: number; filled: number }
  /** `examples`: up to three of the column's values as typed. */
  | { kind: 'column-misread'; sheet: string; column: string; invalid: number; filled: number; examples: string[] }
  /** Program rows but not one grade read in the grade column. */
  | { kind: 'no-grades-read'; sheet: string; column: string; entries: number }
  /** A per-year evaluation column holding short marks, not prose: grades in a form not read. */
  | { kind: 'marks-not-read'; sheet: string; column: string; examples: string[]; filled: number }
  /** A column headed as the grade holds nothing that reads as a grade, and the sheet was left unchecked for it. */
  | { kind: 'grade-column-unread'; sheet: string; column: string }
  /** No grade and no year entry read anywhere, though tables with rows were found. */
  | { kind: 'nothing-graded'; tables: number }
  /** Evaluation tables read, no report year found (and no year columns to say it: layout-uncertain does then). */
  | { kind: 'report-year-missing' };

export interface Review {
  doubts: ReadingDoubt[];
  /** Whether the runner drops this error (rule, sheet, A1 cell): it accuses a reading the review doubts. */
  silences(rule: string, sheet: string | null, cell: string | null): boolean;
}

const reviews = new WeakMap<RuleContext, Review>();

/** The review of a context's reading, made once. */
export function reviewReading(context: RuleContext): Review {
  let review = reviews.get(context);
  if (!review) {
    review = review0(context);
    reviews.set(context, review);
  }
  return review;
}

interface ColumnTally {
  plan: SheetPlan;
  col: number;
  filled: number;
  grades: number;
  invalid: number;
  /** Normalised token → first text as typed, and the cells. */
  tokens: Map<string, { text: string; cells: { row: number; col: number }[] }>;
  examples: string[];
}

function review0(context: RuleContext): Review {
  const doubts: ReadingDoubt[] = [];
  const silencedCells = new Set<string>();
  const silencedColumns = new Set<string>();
  const cellKey = (sheet: string, row0: number, col: number): string => `${sheet}\u0000${columnLetter(col)}${row0 + 1}`;
  let anyGrade = false;
  let anyYearEntry = false;
  let tables = 0;

  for (const plan of context.plans) {
    tables++;
    const byCol = new Map<number, ColumnTally>();
    let entries = 0;
    for (const node of plan.nodes) {
      for (const entry of node.entries) {
        if (entry.years.some((y) => !y.blank)) anyYearEntry = true;
        for (const cell of [entry.declaredGrade, entry.previousGrade]) {
          if (!cell || cell.sheet !== undefined) continue;
          if (cell === entry.declaredGrade) entries++;
          let t = byCol.get(cell.col);
          if (!t) byCol.set(cell.col, (t = { plan, col: cell.col, filled: 0, grades: 0, invalid: 0, tokens: new Map(), examples: [] }));
          const p = cell.parsed;
          if (p.kind === 'blank') continue;
          t.filled++;
          if (p.kind === 'grade') {
            t.grades++;
            anyGrade = true;
          }
          if (p.kind !== 'invalid') continue;
          t.invalid++;
          if (t.examples.length < 3 && !t.examples.includes(p.text.trim())) t.examples.push(p.text.trim());
          const key = normalizeForMatch(p.text);
          let tok = t.tokens.get(key);
          if (!tok) t.tokens.set(key, (tok = { text: p.text.trim(), cells: [] }));
          tok.cells.push({ row: cell.row, col: cell.col });
        }
      }
    }
    for (const t of byCol.values()) {
      const column = columnLetter(t.col);
      if (t.filled >= MISREAD_MIN_FILLED && t.invalid / t.filled > MISREAD_SHARE) {
        doubts.push({ kind: 'column-misread', sheet: plan.sheet, column, invalid: t.invalid, filled: t.filled, examples: t.examples });
        silencedColumns.add(`${plan.sheet}\u0000${column}`);
        continue;
      }
      for (const tok of t.tokens.values()) {
        if (tok.cells.length < UNKNOWN_TOKEN_MIN_ROWS || tok.cells.length / t.filled < UNKNOWN_TOKEN_MIN_SHARE) continue;
        const rows = tok.cells.map((c) => c.row + 1);
        doubts.push({ kind: 'unknown-grade-token', sheet: plan.sheet, column, token: tok.text, rows: rows.slice(0, ROWS_LISTED), count: rows.length, filled: t.filled });
        for (const c of tok.cells) silencedCells.add(cellKey(plan.sheet, c.row, c.col));
      }
    }
    doubts.push(...marksNotRead(plan));
    const gradeCol = plan.gradeCol;
    const current = gradeCol !== null ? byCol.get(gradeCol) : undefined;
    if (gradeCol !== null && entries > 0 && (!current || current.grades === 0) && !doubts.some((d) => d.kind === 'column-misread' && d.sheet === plan.sheet)) {
      doubts.push({ kind: 'no-grades-read', sheet: plan.sheet, column: columnLetter(gradeCol), entries });
    }
  }
  // A table whose grade column held no grade at all (S/A/B/C, ◎○△, marks …) was dropped as no
  // evaluation: the sheet would pass with nothing checked and an info note only.
  for (const l of context.layouts) {
    if (l.kind === 'evaluation') continue;
    for (const u of l.uncertainties) {
      if (u.kind === 'grade-column-demoted') doubts.push({ kind: 'grade-column-unread', sheet: l.sheet, column: columnLetter(u.column) });
    }
  }
  // A plan master (計画体系) lists the plan without grades by design: only evaluation tables count.
  const tablesWithRows = tables;
  if (!anyGrade && !anyYearEntry && tablesWithRows > 0 && !doubts.some((d) => d.kind === 'no-grades-read' || d.kind === 'column-misread' || d.kind === 'grade-column-unread' || d.kind === 'marks-not-read')) {
    doubts.push({ kind: 'nothing-graded', tables: tablesWithRows });
  }
  const yearly = context.plans.some((p) => p.years.length > 0 || p.layout.columns.some((c) => c.role === 'previousGrade'));
  if (context.reportYear === null && context.plans.length > 0 && !yearly) doubts.push({ kind: 'report-year-missing' });

  return {
    doubts,
    silences(rule, sheet, cell) {
      if (sheet === null || cell === null) return false;
      if (rule === 'grade-invalid' && silencedCells.has(`${sheet}\u0000${cell}`)) return true;
      if (silencedColumns.size === 0) return false;
      return silencedColumns.has(`${sheet}\u0000${cell.replace(/\d+$/, '')}`);
    },
  };
}

/** Per-year evaluation columns of the plan whose cells are short marks from a handful of values. */
function marksNotRead(plan: SheetPlan): ReadingDoubt[] {
  const byCol = new Map<number, { filled: number; short: number; values: Set<string> }>();
  for (const node of plan.nodes) {
    for (const entry of node.entries) {
      for (const y of entry.years) {
        const cell = y.evaluation;
        // `-`, `実施`, `100%`: what such columns legitimately hold in a word (they read as entries)
        if (!cell || cell.text.trim() === '' || isDashOnly(cell.text) || parseAchievement(cell.value).kind !== 'none') continue;
        let t = byCol.get(cell.col);
        if (!t) byCol.set(cell.col, (t = { filled: 0, short: 0, values: new Set() }));
        t.filled++;
        const text = cell.text.trim();
        if ([...text].length <= 2) {
          t.short++;
          t.values.add(text);
        }
      }
    }
  }
  const out: ReadingDoubt[] = [];
  for (const [col, t] of byCol) {
    if (t.filled < MISREAD_MIN_FILLED || t.short / t.filled < MARKS_SHARE || t.values.size > MARKS_MAX_DISTINCT) continue;
    out.push({ kind: 'marks-not-read', sheet: plan.sheet, column: columnLetter(col), examples: [...t.values].slice(0, 4), filled: t.filled });
  }
  return out;
}
