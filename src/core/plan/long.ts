import { DEFAULT_SCALE, parseGrade, type Scale } from '../scale';
import { recordYear } from '../layout/orientation';
import type { SheetLayout } from '../layout/types';
import { cellAt, cellText, isBlank, type CellValue, type SheetSnapshot } from '../snapshot';
import { normalizeForMatch } from '../text';
import { buildSheetPlan, type BuildOptions } from './build';
import type { PlanEntry, PlanNode, ProgramRecords, SheetPlan, YearRecord } from './types';

/**
 * Years as rows (one record per program × year, as evaluation systems export). The report
 * year's records are the plan (read by the same builder, through a view that shows only them);
 * the year before's records give each program its previous grade; every program's records are
 * kept as a year series so a year missing between its first record and the report year, and
 * two records of one program-year with different grades, can be found.
 */

/** Years read from one table at most: each is one pass of the plan builder. */
const MAX_YEARS = 30;

/** The plan of a long table for the report year, its previous grades, and its year series. */
export function buildLongPlan(sheet: SheetSnapshot, layout: SheetLayout, reportYear: number | null, options: BuildOptions = {}): SheetPlan {
  const yearCol = layout.columns.find((c) => c.role === 'recordYear')?.col as number;
  const gradeCol = layout.columns.find((c) => c.role === 'grade')?.col ?? null;
  const skip = new Set(layout.repeatedHeaderRows);

  // Each data row's year (a blank year cell continues the record above).
  const rowYear = new Map<number, number>();
  let year: number | null = null;
  for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
    const row = sheet.rows[r];
    if (!row || skip.has(r) || row.every((v) => isBlank(v))) continue;
    const y = recordYear(row[yearCol] ?? null);
    if (y !== null) year = y;
    if (year !== null) rowYear.set(r, year);
  }
  const years = [...new Set(rowYear.values())].sort((a, b) => a - b);
  const current = reportYear ?? years[years.length - 1] ?? null;
  const shared = headingsOfEveryYear(sheet, layout, yearCol, gradeCol, rowYear, years.length);
  for (const r of shared) rowYear.delete(r);

  const plan = buildSheetPlan(yearView(sheet, layout, rowYear, current, shared), layout, options);
  // Each year read as its own plan by the same builder: a program is the same node (key) in each.
  const byYear = new Map<number, SheetPlan>();
  if (current !== null) byYear.set(current, plan);
  for (const y of years.slice(-MAX_YEARS)) if (!byYear.has(y)) byYear.set(y, buildSheetPlan(yearView(sheet, layout, rowYear, y, shared), layout, options));
  const before = current !== null ? byYear.get(current - 1) : undefined;
  if (before && !layout.columns.some((c) => c.role === 'previousGrade')) carryPreviousGrades(plan, before);

  const series = new Map<string, ProgramRecords>();
  const currentKeys = new Set(plan.nodes.map((n) => n.key));
  const programKey = (node: PlanNode, department: string | null): string => `${node.key}\u0002${department ? normalizeForMatch(department) : ''}`;
  for (const [y, p] of [...byYear].sort((a, b) => a[0] - b[0])) {
    for (const node of p.nodes) {
      for (const entry of node.entries) {
        if (entry.repost) continue;
        const department = entry.department;
        const key = programKey(node, department);
        let program = series.get(key);
        if (!program) {
          program = { name: node.name || node.path, department, node: currentKeys.has(node.key) ? node.key : null, years: [] };
          series.set(key, program);
        }
        let atYear = program.years.find((e) => e.year === y);
        if (!atYear) {
          atYear = { year: y, records: [] };
          program.years.push(atYear);
        }
        const g = entry.declaredGrade ? cellAt(sheet, entry.declaredGrade.row, entry.declaredGrade.col) : null;
        atYear.records.push({ row: entry.row, grade: isBlank(g) ? null : cellText(g).trim() });
      }
    }
  }
  // Records in hidden rows are skipped like any hidden row, yet they exist: their years are
  // not missing. Read each year again with the rows shown, only to see which programs it holds.
  const hidden = (sheet.hiddenRows ?? []).some((r) => rowYear.has(r));
  if (hidden) {
    const shown: SheetSnapshot = { ...sheet, hiddenRows: [] };
    for (const y of byYear.keys()) {
      for (const node of buildSheetPlan(yearView(shown, layout, rowYear, y, shared), layout, options).nodes) {
        for (const entry of node.entries) {
          const program = series.get(`${node.key}\u0002${entry.department ? normalizeForMatch(entry.department) : ''}`);
          if (!program || program.years.some((e) => e.year === y)) continue;
          (program.hiddenYears ??= []).push(y);
        }
      }
    }
  }
  plan.records = { yearCol, gradeCol, year: current ?? 0, programs: [...series.values()] };
  return plan;
}

/**
 * A table sorted by program (each program's years one after another) writes a heading over
 * its programs once, without a year: such a row (no year of its own, no grade, an outline
 * level named) heads the programs in every year. A table sorted by year repeats its headings
 * each year, on rows of that year, and has none of these.
 */
function headingsOfEveryYear(sheet: SheetSnapshot, layout: SheetLayout, yearCol: number, gradeCol: number | null, rowYear: ReadonlyMap<number, number>, yearCount: number): Set<number> {
  const out = new Set<number>();
  if (gradeCol === null || yearCount < 2) return out;
  // Sorted by program: runs of one year are short (a program's record or two), and many.
  let stated = 0;
  let runs = 0;
  let previous: number | null = null;
  for (const r of rowYear.keys()) {
    const y = recordYear(cellAt(sheet, r, yearCol));
    if (y === null) continue;
    stated++;
    if (y !== previous) runs++;
    previous = y;
  }
  if (runs < 2 * yearCount || stated / runs >= 2) return out;
  // A year cell merged over a year's rows is that year's, not blank.
  const underYearMerge = new Set<number>();
  for (const m of sheet.merges) {
    if (m.left > yearCol || m.right < yearCol) continue;
    for (let r = Math.max(m.top + 1, layout.firstDataRow); r <= Math.min(m.bottom, layout.lastDataRow); r++) underYearMerge.add(r);
  }
  const outline = layout.columns.filter((c) => c.role === 'hierarchy' || c.role === 'name').map((c) => c.col);
  const skip = new Set(layout.repeatedHeaderRows);
  for (let r = layout.firstDataRow; r <= Math.min(layout.lastDataRow, sheet.rows.length - 1); r++) {
    if (skip.has(r) || !isBlank(cellAt(sheet, r, yearCol)) || !isBlank(cellAt(sheet, r, gradeCol)) || underYearMerge.has(r)) continue;
    if (outline.some((c) => !isBlank(cellAt(sheet, r, c)))) out.add(r);
  }
  return out;
}

/**
 * The sheet with only the header and the records of one year (other rows read as absent).
 * A table sorted by program lists a program's name once, on its first year's row (blank or
 * merged below): a later year's record still belongs to it, so the view gives that record the
 * outline cells of its program's row where the year's rows would otherwise run on from
 * another program. A cell merged over several years' records (a grade kept, a department) is
 * each year's value.
 */
function yearView(sheet: SheetSnapshot, layout: SheetLayout, rowYear: ReadonlyMap<number, number>, year: number | null, shared: ReadonlySet<number>): SheetSnapshot {
  const rows: SheetSnapshot['rows'] = sheet.rows.slice();
  const last = Math.min(layout.lastDataRow, rows.length - 1);
  for (let r = layout.firstDataRow; r <= last; r++) {
    if (rowYear.get(r) !== year && !shared.has(r)) rows[r] = undefined;
  }
  const crossing = new Set(sheet.merges.filter((m) => m.bottom > m.top && m.top >= layout.firstDataRow && m.top <= last && rowYear.get(m.top) !== year));
  const outline = layout.columns.filter((c) => c.role === 'hierarchy' || c.role === 'name').map((c) => c.col);
  const departments = layout.columns.filter((c) => c.role === 'department').map((c) => c.col);
  if (crossing.size === 0 && outline.length === 0) return { ...sheet, rows };
  const view: SheetSnapshot = { ...sheet, rows };
  const written = new Set<number>();
  const put = (r: number, col: number, value: CellValue): void => {
    if (!written.has(r)) {
      rows[r] = (rows[r] ?? []).slice();
      written.add(r);
    }
    const row = rows[r] as CellValue[];
    while (row.length <= col) row.push(null);
    row[col] = value;
  };
  // Merges starting in another year's row: their value goes to this year's first row inside.
  const merges = sheet.merges.filter((m) => !crossing.has(m));
  for (const m of crossing) {
    let first = -1;
    for (let r = m.top + 1; r <= Math.min(m.bottom, last); r++) if (rowYear.get(r) === year) { first = r; break; }
    if (first < 0) continue;
    let end = first;
    while (end + 1 <= Math.min(m.bottom, last) && rowYear.get(end + 1) === year) end++;
    for (let c = m.left; c <= m.right; c++) if (isBlank(cellAt(view, first, c))) put(first, c, cellAt(sheet, m.top, c));
    if (end > first || m.right > m.left) merges.push({ top: first, bottom: end, left: m.left, right: m.right });
  }
  if (outline.length > 0) {
    // Each record's program row: the nearest record at or above it naming an outline level.
    const named = (r: number): boolean => rowYear.has(r) && outline.some((c) => !isBlank(cellAt(sheet, r, c)));
    let head = -1;
    let previousHead = -1;
    for (let r = layout.firstDataRow; r <= last; r++) {
      if (named(r)) head = r;
      if (rowYear.get(r) !== year || rows[r] === undefined) continue;
      // Runs on from this year's row above as the sheet does; else it needs its program's cells.
      if (head >= 0 && head !== r && head !== previousHead && !outline.some((c) => !isBlank(cellAt(view, r, c)))) {
        // The program's cells: its outline and, where the record leaves it blank, its department.
        for (const c of [...outline, ...departments]) if (isBlank(cellAt(view, r, c))) put(r, c, cellAt(sheet, head, c));
      }
      previousHead = head;
    }
  }
  return { ...view, merges };
}

/** Last year's record's grade is this year's previous grade: same node (by key) and department. */
function carryPreviousGrades(plan: SheetPlan, before: SheetPlan): void {
  const byKey = new Map<string, PlanNode>(before.nodes.map((n) => [n.key, n]));
  for (const node of plan.nodes) {
    const prev = byKey.get(node.key);
    if (!prev) continue;
    for (const entry of node.entries) {
      if (entry.previousGrade) continue;
      const match = sameDepartment(entry, prev.entries);
      if (match?.declaredGrade && match.declaredGrade.parsed.kind === 'grade') entry.previousGrade = match.declaredGrade;
    }
  }
}

function sameDepartment(entry: PlanEntry, candidates: readonly PlanEntry[]): PlanEntry | null {
  const dept = entry.department ? normalizeForMatch(entry.department) : '';
  const same = candidates.filter((c) => (c.department ? normalizeForMatch(c.department) : '') === dept);
  if (same.length === 1) return same[0];
  return candidates.length === 1 && !dept ? candidates[0] : null;
}

/**
 * The years where a program has more records than it has in its other years, with grades that
 * differ: an export lists a program once a year, so an extra record is a conflict. A table that
 * repeats a program every year (the same item shown twice in the plan) repeats it in each year
 * alike, and that is no conflict.
 */
export function conflictingYears(program: ProgramRecords, scale: Scale = DEFAULT_SCALE): { year: number; records: YearRecord[]; grades: string[] }[] {
  const usual = program.years.length > 1 ? Math.min(...program.years.map((y) => y.records.length)) : 1;
  const out: { year: number; records: YearRecord[]; grades: string[] }[] = [];
  for (const { year, records } of program.years) {
    if (records.length <= usual) continue;
    const grades = conflictingGrades(records, scale);
    if (grades.length > 0) out.push({ year, records, grades });
  }
  return out;
}

/** The grades of a program-year's records that differ (as grades: `Ａ` and `A` are one). */
export function conflictingGrades(records: readonly YearRecord[], scale: Scale = DEFAULT_SCALE): string[] {
  const seen = new Map<string, string>();
  for (const r of records) {
    if (r.grade === null) continue;
    const g = parseGrade(r.grade, scale);
    const key = g.kind === 'grade' ? g.grade : normalizeForMatch(r.grade);
    if (!seen.has(key)) seen.set(key, r.grade);
  }
  return seen.size >= 2 ? [...seen.values()] : [];
}
