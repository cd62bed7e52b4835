import type { SheetLayout } from '../layout/types';
import { cellText, type SheetSnapshot } from '../snapshot';
import { normalizeForMatch } from '../text';
import type { PlanEntry, PlanNode, SheetPlan } from './types';

/**
 * Sheets per year (シートごとの年度): a department keeps last year's sheet beside this year's in
 * one file. The sheet (or table) whose title or name states the report year is this year's;
 * one stating an earlier year is a previous-year sheet: never checked as this year, its grades
 * are the previous grades where this year's table has no 前年度評価 column (and 前年度比較 may
 * read it). Pure; check.ts calls it once the report year is known.
 */

/**
 * A sheet name that says "last year's" as a whole word: `前年度`, `評価（前年度）`, `前年度分_評価`,
 * `評価_昨年度`. Not a word inside another (`前年度比較`, `前年度評価` name what a sheet compares).
 */
const LAST_YEAR_NAME = /(?:^|[\s_・\-－(（【[［])(?:前年度|昨年度)(?:分|版)?(?:$|[\s_・\-－)）】\]］])/;

export function namesLastYear(sheetName: string): boolean {
  return LAST_YEAR_NAME.test(sheetName.normalize('NFKC'));
}

/**
 * The year a table states as its own: its title's, else its sheet name's, else (years as rows)
 * the latest year its records hold: last year's export ends with last year.
 */
export function ownYear(layout: SheetLayout): number | null {
  const latestRecord = layout.orientation === 'long' && layout.entryYears.length > 0 ? Math.max(...layout.entryYears) : null;
  return layout.statedYear ?? layout.sheetNameYear ?? latestRecord;
}

/**
 * Marks each evaluation table `current` or `previous-year`. A table is a previous-year one only
 * when it states an earlier year than the report year AND another evaluation table states the
 * report year: a lone sheet whose title a department forgot to update is still this year's.
 * So is one that lists other programs than every table of this year (`programsOf`, when
 * given): last year's sheet is a copy of this year's, another part of the plan under a stale
 * title is not.
 */
export function classifyYearRoles(layouts: readonly SheetLayout[], reportYear: number | null, programsOf?: (l: SheetLayout) => ReadonlySet<string>): void {
  const evaluation = layouts.filter((l) => l.kind === 'evaluation');
  // A sheet named for last year without its number (`評価調書（前年度）`) beside one that is not:
  // its name states the year before the report year.
  if (reportYear !== null && evaluation.some((l) => !namesLastYear(l.sheet))) {
    for (const l of layouts) if (ownYear(l) === null && namesLastYear(l.sheet)) l.sheetNameYear = reportYear - 1;
  }
  // This year's table: one stating the report year, or (when the report year came from the
  // file name or the year columns) one stating no year beside one stating an earlier year.
  const currentStated = reportYear !== null && evaluation.some((l) => ownYear(l) === reportYear || ownYear(l) === null);
  const thisYear = evaluation.filter((l) => ownYear(l) === reportYear || ownYear(l) === null);
  const staleSheets = new Set<string>();
  for (const l of evaluation) {
    const y = ownYear(l);
    const earlier = currentStated && y !== null && reportYear !== null && y < reportYear;
    const stale = earlier && programsOf !== undefined && !namesLastYear(l.sheet) && otherPrograms(l, thisYear, programsOf);
    if (stale) staleSheets.add(l.sheet);
    l.yearRole = earlier && !stale ? 'previous-year' : 'current';
  }
  // A summary table (評価総括表) on a previous-year sheet counts last year's grades.
  const previousSheets = new Set(evaluation.filter((l) => l.yearRole === 'previous-year').map((l) => l.sheet));
  const currentSheets = new Set(evaluation.filter((l) => l.yearRole === 'current').map((l) => l.sheet));
  for (const l of layouts) {
    if (l.kind === 'evaluation') continue;
    const y = ownYear(l);
    const earlier = currentStated && y !== null && reportYear !== null && y < reportYear && !staleSheets.has(l.sheet);
    l.yearRole = earlier || (previousSheets.has(l.sheet) && !currentSheets.has(l.sheet)) ? 'previous-year' : 'current';
  }
}

/**
 * Fills the previous grade of this year's entries from last year's tables (those stating the
 * report year − 1) where this year's table has no previous-grade column. Programs are matched
 * by their path of identifiers under the table, else by name (when it is unique); entries by
 * department (the only entry when each side has one). Returns how many grades were filled.
 */
export function fillPreviousGrades(current: readonly SheetPlan[], previous: readonly SheetPlan[], reportYear: number | null): number {
  if (reportYear === null) return 0;
  const lastYear = previous.filter((p) => ownYear(p.layout) === reportYear - 1);
  if (lastYear.length === 0) return 0;
  const byPath = new Map<string, PlanNode[]>();
  const byName = new Map<string, PlanNode[]>();
  for (const plan of lastYear) {
    for (const node of plan.nodes) {
      if (node.entries.length === 0) continue;
      push(byPath, relativeKey(plan, node), node);
      if (node.name) push(byName, normalizeForMatch(node.name), node);
    }
  }
  let filled = 0;
  for (const plan of current) {
    if (plan.layout.columns.some((c) => c.role === 'previousGrade')) continue; // its own column rules
    for (const node of plan.nodes) {
      if (node.entries.length === 0) continue;
      const match = unique(byPath.get(relativeKey(plan, node))) ?? (node.name ? unique(byName.get(normalizeForMatch(node.name))) : null);
      if (!match) continue;
      for (const entry of node.entries) {
        if (entry.previousGrade) continue;
        const before = matchingEntry(entry, match.entries);
        const grade = before?.declaredGrade;
        if (!grade || grade.parsed.kind !== 'grade') continue;
        entry.previousGrade = { ...grade, sheet: match.sheet };
        filled++;
      }
    }
  }
  return filled;
}

/** The node's key under its table (without the sheet or table name), e.g. `1/(2)/①`. */
function relativeKey(plan: SheetPlan, node: PlanNode): string {
  const root = plan.roots.find((r) => node.key === r.key || node.key.startsWith(`${r.key}/`));
  const prefix = root ? root.key.slice(0, root.key.lastIndexOf('/') + 1) : '';
  return node.key.slice(prefix.length);
}

function matchingEntry(entry: PlanEntry, candidates: readonly PlanEntry[]): PlanEntry | null {
  if (entry.department) {
    const dept = normalizeForMatch(entry.department);
    const same = candidates.filter((c) => c.department && normalizeForMatch(c.department) === dept);
    if (same.length === 1) return same[0];
    if (same.length > 1) return null;
  }
  return candidates.length === 1 ? candidates[0] : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(list: T[] | undefined): T | null {
  return list && list.length === 1 ? list[0] : null;
}

/** Programs two tables must share, at least, to be one sheet kept for two years. */
const COPY_MIN_PROGRAMS = 3;
/** The share of the smaller table's programs the other must repeat. */
const COPY_SHARE = 0.6;
/** Rows read per table for its program names: enough to tell a copy, linear on huge sheets. */
const COPY_SCAN_ROWS = 2000;

/** The program names of an evaluation table (its name column, else its outline columns), normalised. */
export function programNames(layout: SheetLayout, sheet: SheetSnapshot): Set<string> {
  const name = layout.columns.filter((c) => c.role === 'name');
  const cols = (name.length ? name : layout.columns.filter((c) => c.role === 'hierarchy')).map((c) => c.col);
  const out = new Set<string>();
  const last = Math.min(layout.lastDataRow, sheet.rows.length - 1, layout.firstDataRow + COPY_SCAN_ROWS);
  for (let r = layout.firstDataRow; r <= last; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (const c of cols) {
      const text = normalizeForMatch(cellText(row[c] ?? null));
      if (text.length >= 2) out.add(text);
    }
  }
  return out;
}

/** The table lists programs (enough to tell) of which no table of this year lists any: no copy of one. */
function otherPrograms(l: SheetLayout, thisYear: readonly SheetLayout[], programsOf: (l: SheetLayout) => ReadonlySet<string>): boolean {
  const own = programsOf(l);
  if (own.size < COPY_MIN_PROGRAMS) return false;
  const others = thisYear.map(programsOf).filter((p) => p.size >= COPY_MIN_PROGRAMS);
  return others.length > 0 && others.every((p) => ![...own].some((x) => p.has(x)));
}

/**
 * One sheet kept for two years: most programs of the smaller table recur in the other (a
 * department copies last year's sheet and fills it in again). Sheets of one plan split by
 * 基本目標 hold different programs and are no copies.
 */
export function repeatsPrograms(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < COPY_MIN_PROGRAMS) return false;
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared >= COPY_MIN_PROGRAMS && shared / small.size >= COPY_SHARE;
}
