import type { ProgramLevel } from '../../../src/core/consolidate/identity';
import type { PlanMaster } from '../../../src/core/consolidate/identity';
import type { ConsolidationContext } from '../../../src/core/consolidate/rules/context';
import type { ConsolidationRule } from '../../../src/core/consolidate/rules/registry';
import { problems } from '../../rules/rule-tester';
import type { ConsolidatedFile, MergedRow } from '../../../src/core/consolidate/types';
import { departmentKey, levelOf } from '../../../src/core/consolidate/identity';

/** Small hand-built runs: rules read only the run's data, so no workbook is needed. */
export function file(name: string, o: Partial<ConsolidatedFile> = {}): ConsolidatedFile {
  const department = o.department ?? name.replace(/\.xlsx$/, '');
  return { file: name, department, departmentKeys: [departmentKey(department)], reportYear: 2020, status: 'ok', errors: 0, warnings: 0, rows: 0, sheets: ['シート1'], unreadable: null, ...o };
}

export function levels(...parts: [string | null, string][]): ProgramLevel[] {
  return parts.map(([id, name]) => levelOf({ id, name, path: id ?? name, levelLabel: null } as Parameters<typeof levelOf>[0]));
}

export function row(f: string, program: string, o: Partial<MergedRow> = {}): MergedRow {
  const department = o.department ?? f.replace(/\.xlsx$/, '');
  return {
    file: f,
    fileIndex: 0,
    sheet: 'シート1',
    row: 10,
    cell: 'F10',
    nameCell: 'B10',
    node: `シート1/${program}`,
    department,
    departmentKey: departmentKey(department ?? ''),
    levels: levels(['1', '福祉のまちづくり'], ['①', program]),
    path: '①',
    name: program,
    grade: 'A',
    previousGrade: 'A',
    nextPolicy: '',
    gradeKey: 'A',
    graded: o.gradeKey === undefined || /^[A-D]$/.test(o.gradeKey),
    counted: true,
    masterIndex: null,
    ...o,
  };
}

export function master(programs: { name: string; departments: string[] }[]): PlanMaster {
  const departments: PlanMaster['departments'] = [];
  const out: PlanMaster['programs'] = programs.map((p, i) => {
    for (const d of p.departments) if (!departments.some((x) => x.name === d)) departments.push({ name: d, key: departmentKey(d), sheet: '計画体系', row: 4 + i, cell: `E${4 + i}` });
    return { index: i, sheet: '計画体系', row: 4 + i, cell: `D${4 + i}`, node: `計画体系/${i + 1}`, levels: levels(['1', '福祉のまちづくり'], [`${i + 1}`, p.name]), path: `${i + 1}`, name: p.name, departments: p.departments };
  });
  return { sheets: ['計画体系'], programs: out, departments };
}

export function context(o: Partial<ConsolidationContext>): ConsolidationContext {
  return { files: [], rows: [], reportYear: 2020, master: null, masterName: '計画体系.xlsx', ...o };
}

/** `file sheet!cell` of each finding, for a table of cases (every problem's data checked on the way). */
export function results(rule: ConsolidationRule, ctx: ConsolidationContext): string[] {
  return problems(rule, ctx).map((r) => `${r.at.file ?? '-'} ${r.at.sheet ?? '-'}!${r.at.cell ?? '-'}`);
}

export { problems };
