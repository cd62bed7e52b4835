import { departmentKey, type PlanMaster } from './identity';
import type { ConsolidatedFile } from './types';

/** 提出状況: one line per department the master expects, then any others that sent files. */
export interface Submission {
  department: string;
  /** In the plan master. */
  expected: boolean;
  /**
   * `received`: a file of its own; `unreadable`: its file arrived but could not be read (提出あり・読めません,
   * not 未提出); `inside-other`: its rows came in another department's file.
   */
  state: 'received' | 'unreadable' | 'missing' | 'inside-other';
  files: string[];
  /** Worst status of its own files (unreadable > wrong-year > ok), or null when it has none. */
  fileStatus: ConsolidatedFile['status'] | null;
  reportYear: number | null;
  rows: number;
  errors: number;
  warnings: number;
  /** Programs the master gives it. */
  programs: number;
}

export function submissions(files: readonly ConsolidatedFile[], master: PlanMaster | null): Submission[] {
  const out: Submission[] = [];
  const own = (key: string): ConsolidatedFile[] => files.filter((f) => f.department !== null && departmentKey(f.department) === key);
  const line = (department: string, key: string, expected: boolean, programs: number): Submission => {
    const all = own(key);
    // An unreadable file is no submission: the department still owes a readable one.
    const mine = all.filter((f) => f.status !== 'unreadable');
    const unreadable = all.filter((f) => f.status === 'unreadable');
    const elsewhere = files.filter((f) => !all.includes(f) && f.status !== 'unreadable' && f.departmentKeys.includes(key));
    const worst = unreadable.length > 0 && mine.length === 0 ? 'unreadable' : mine.some((f) => f.status === 'wrong-year') ? 'wrong-year' : mine.length ? 'ok' : null;
    return {
      department,
      expected,
      state: mine.length > 0 ? 'received' : unreadable.length > 0 ? 'unreadable' : elsewhere.length > 0 ? 'inside-other' : 'missing',
      files: (mine.length > 0 ? mine : unreadable.length > 0 ? unreadable : elsewhere).map((f) => f.file),
      fileStatus: worst,
      reportYear: mine.find((f) => f.reportYear !== null)?.reportYear ?? null,
      rows: mine.reduce((s, f) => s + f.rows, 0),
      errors: mine.reduce((s, f) => s + f.errors, 0),
      warnings: mine.reduce((s, f) => s + f.warnings, 0),
      programs,
    };
  };
  const done = new Set<string>();
  for (const d of master?.departments ?? []) {
    done.add(d.key);
    const programs = master?.programs.filter((p) => p.departments.some((x) => departmentKey(x) === d.key)).length ?? 0;
    out.push(line(d.name, d.key, true, programs));
  }
  // A whole-plan workbook is no department's file: the departments it reports for are listed as inside it.
  for (const f of files) {
    if (f.wholePlanDepartments === undefined) continue;
    for (const name of f.departmentNames ?? []) {
      const key = departmentKey(name);
      if (done.has(key)) continue;
      done.add(key);
      out.push(line(name, key, master === null, 0));
    }
  }
  for (const f of files) {
    // A file that cannot be read still arrived: its department (from its name) is listed as such.
    if (f.department === null) continue;
    const key = departmentKey(f.department);
    if (done.has(key)) continue;
    done.add(key);
    out.push(line(f.department, key, master === null, 0));
  }
  return out;
}
