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

/** The plan of a long table for the report year, its previous grades, and its year series. */
export function buildLongPlan(sheet: SheetSnapshot, layout: SheetLayout, reportYear: number | null, options: BuildOptions = {}): SheetPlan {
  const yearCol = layout.columns.find((c) => c.role === 'recordYear')?.col as number;
  const outline = layout.columns.filter((c) => !c.hidden && (c.role === 'hierarchy' || c.role === 'name'));
  const nameCol = layout.columns.find((c) => c.role === 'name')?.col;
  const deptCol = layout.columns.find((c) => c.role === 'department')?.col;
  const gradeCol = layout.columns.find((c) => c.role === 'grade')?.col ?? null;
  const skip = new Set(layout.repeatedHeaderRows);
  const hidden = new Set(sheet.hiddenRows ?? []);

  // Each data row's year (a blank year cell continues the record above) and program.
  const rowYear = new Map<number, number>();
  const series = new Map<string, ProgramRecords>();
  const programOfRow = new Map<number, ProgramRecords>();
  let year: number | null = null;
  let outlineKey = '';
  let outlineName = '';
  for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
    const row = sheet.rows[r];
    if (!row || skip.has(r) || row.every((v) => isBlank(v))) continue;
    const y = recordYear(row[yearCol] ?? null);
    if (y !== null) year = y;
    if (year === null) continue;
    rowYear.set(r, year);
    if (hidden.has(r)) continue;
    const texts = outline.map((o) => cellText(row[o.col] ?? null).trim());
    if (texts.some((t) => t !== '')) {
      outlineKey = texts.map(normalizeForMatch).join('\u0001');
      outlineName = (nameCol !== undefined ? cellText(row[nameCol] ?? null).trim() : '') || texts.filter((t) => t !== '').join(' ');
    }
    const department = deptCol !== undefined ? cellText(row[deptCol] ?? null).trim() || null : null;
    const key = `${outlineKey}\u0002${department ? normalizeForMatch(department) : ''}`;
    let program = series.get(key);
    if (!program) {
      program = { name: outlineName, department, node: null, years: [] };
      series.set(key, program);
    }
    let atYear = program.years.find((e) => e.year === year);
    if (!atYear) {
      atYear = { year, records: [] };
      program.years.push(atYear);
    }
    const g = gradeCol !== null ? cellAt(sheet, r, gradeCol) : null;
    atYear.records.push({ row: r, grade: isBlank(g) ? null : cellText(g).trim() });
    programOfRow.set(r, program);
  }
  const years = [...new Set(rowYear.values())].sort((a, b) => a - b);
  const current = reportYear ?? years[years.length - 1] ?? null;

  const plan = buildSheetPlan(yearView(sheet, layout, rowYear, current), layout, options);
  if (current !== null && !layout.columns.some((c) => c.role === 'previousGrade')) {
    const before = buildSheetPlan(yearView(sheet, layout, rowYear, current - 1), layout, options);
    carryPreviousGrades(plan, before);
  }
  for (const node of plan.nodes) {
    for (const entry of node.entries) {
      const program = programOfRow.get(entry.row);
      if (program && program.node === null) program.node = node.key;
    }
  }
  for (const p of series.values()) p.years.sort((a, b) => a.year - b.year);
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
      if (match?.declaredGrade) entry.previousGrade = match.declaredGrade;
    }
  }
}

function sameDepartment(entry: PlanEntry, candidates: readonly PlanEntry[]): PlanEntry | null {
  const dept = entry.department ? normalizeForMatch(entry.department) : '';
  const same = candidates.filter((c) => (c.department ? normalizeForMatch(c.department) : '') === dept);
  if (same.length === 1) return same[0];
  return candidates.length === 1 && !dept ? candidates[0] : null;
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
