import { a1 } from '../a1';
import type { ParsedGrade } from '../scale';
import { expectsGrade } from '../plan/units';
import type { SheetPlan } from '../plan/types';
import { levelsKey, levelsOf } from './identity';
import type { MergedRow } from './types';

/** Same program across files: the master's program when matched, else the normalised plan path. */
export function programIdentity(row: Pick<MergedRow, 'masterIndex' | 'levels'>): string {
  return row.masterIndex !== null ? `m:${row.masterIndex}` : `k:${levelsKey(row.levels)}`;
}

/**
 * The program rows of one checked workbook: every row reporting on a program (or on the
 * graded policy level, Komae), 再掲 repeats left out — the original is there already.
 * Departments are filled in later from the file when a row names none.
 */
export function programRows(plans: readonly SheetPlan[], file: string, fileIndex: number): MergedRow[] {
  const out: MergedRow[] = [];
  for (const plan of plans) {
    const nameCol = plan.layout.columns.find((c) => c.role === 'name')?.col ?? plan.layout.columns.find((c) => c.role === 'hierarchy')?.col ?? 0;
    for (const node of plan.nodes) {
      if (node.repostOf || node.entries.length === 0) continue;
      if (node.children.length > 0 && !expectsGrade(plan, node)) continue;
      const levels = levelsOf(node);
      for (const entry of node.entries) {
        if (entry.repost) continue;
        const grade = entry.declaredGrade;
        out.push({
          file,
          fileIndex,
          sheet: plan.sheet,
          row: entry.row + 1,
          cell: a1(entry.row, grade ? grade.col : nameCol),
          nameCell: a1(entry.row, nameCol),
          node: node.key,
          department: entry.department,
          departmentKey: '',
          levels,
          path: node.path,
          name: node.name,
          grade: gradeText(grade?.parsed),
          previousGrade: gradeText(entry.previousGrade?.parsed),
          nextPolicy: entry.nextPolicy?.text.trim() ?? '',
          gradeKey: gradeKey(grade?.parsed),
          graded: grade?.parsed.kind === 'grade',
          counted: true,
          masterIndex: null,
        });
      }
    }
  }
  return out;
}

function gradeText(p: ParsedGrade | undefined): string {
  if (!p || p.kind === 'blank' || p.kind === 'unverified') return '';
  return p.text;
}

function gradeKey(p: ParsedGrade | undefined): string {
  if (!p || p.kind === 'blank' || p.kind === 'unverified') return '';
  if (p.kind === 'grade') return p.grade;
  if (p.kind === 'none') return '-';
  return p.text.normalize('NFKC').trim();
}
