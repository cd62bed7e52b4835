import { DEFAULT_SCALE, parseGrade, type Scale } from '../scale';
import { recordYear } from '../layout/orientation';
import type { SheetLayout } from '../layout/types';
import { cellAt, cellText, isBlank, type SheetSnapshot } from '../snapshot';
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

  const plan = buildSheetPlan(yearView(sheet, layout, rowYear, current), layout, options);
  // Each year read as its own plan by the same builder: a program is the same node (key) in each.
  const byYear = new Map<number, SheetPlan>();
  if (current !== null) byYear.set(current, plan);
  for (const y of years.slice(-MAX_YEARS)) if (!byYear.has(y)) byYear.set(y, buildSheetPlan(yearView(sheet, layout, rowYear, y), layout, options));
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
  // A record in a hidden row (a row hidden for the table beside this one, an abolished line)
  // is there, only outside the check: its year is no missing year. Read again with the hidden
  // rows shown, only for the years that have some.
  const hidden = new Set(sheet.hiddenRows ?? []);
  const hiddenYears = new Set([...rowYear].filter(([r]) => hidden.has(r)).map(([, y]) => y));
  for (const y of [...hiddenYears].filter((x) => byYear.has(x))) {
    const shown = buildSheetPlan({ ...yearView(sheet, layout, rowYear, y), hiddenRows: [] }, layout, options);
    for (const node of shown.nodes) {
      for (const entry of node.entries) {
        if (entry.repost || !hidden.has(entry.row)) continue;
        const program = series.get(programKey(node, entry.department));
        if (program && !program.years.some((e) => e.year === y) && !program.hiddenYears?.includes(y)) (program.hiddenYears ??= []).push(y);
      }
    }
  }
  plan.records = { yearCol, gradeCol, year: current ?? 0, programs: [...series.values()] };
  return plan;
}

/** The sheet with only the header and the records of one year (other rows read as absent). */
function yearView(sheet: SheetSnapshot, layout: SheetLayout, rowYear: ReadonlyMap<number, number>, year: number | null): SheetSnapshot {
  const rows: SheetSnapshot['rows'] = sheet.rows.slice();
  for (let r = layout.firstDataRow; r <= Math.min(layout.lastDataRow, rows.length - 1); r++) {
    if (rowYear.get(r) !== year) rows[r] = undefined;
  }
  return { ...sheet, rows };
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
