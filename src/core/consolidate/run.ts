import { checkWorkbook } from '../check';
import { combinedScale } from '../scale';
import { countBySeverity, type Report } from '../report';
import { defaultSettings, type Settings } from '../settings';
import { parseFiscalYear, voteYear, yearsCarried } from '../years';
import { runRules, sortFindings as sortInOrder } from '../rules/run';
import { createMasterMatcher, departmentFromFileName, departmentKey, readPlanMaster } from './identity';
import type { ConsolidationContext } from './rules/context';
import { programIdentity, programRows } from './rows';
import { submissions } from './submissions';
import { buildMergedTree, summariseMerged } from './tree';
import type { ConsolidatedFile, ConsolidatedFinding, ConsolidationInput, ConsolidationOptions, ConsolidationResult, DepartmentSource, MergedRow, NotRead } from './types';
import { departmentInFileName, departmentOnSheets } from './department';
import { isHyokaOutput, isTrackingWorkbook } from './input-kind';
import { conflicts } from './resubmission';
import type { PlanMaster } from './identity';
import type { SheetPlan } from '../plan/types';
import type { WorkbookSnapshot } from '../snapshot';

/** Thrown when the caller's AbortSignal fires between two files. */
export class ConsolidationCancelled extends Error {
  constructor() {
    super('consolidation cancelled');
    this.name = 'ConsolidationCancelled';
  }
}

/**
 * 取りまとめ: checks every department workbook with the `check` rules, merges their program
 * rows in plan order and looks across them (missing departments and programs, conflicts,
 * years). Host-free: the CLI hands in file loaders, the pane snapshots of dropped files.
 * Only what the output needs is kept of each file, so memory stays bounded by one workbook.
 */
export async function consolidate(inputs: readonly ConsolidationInput[], options: ConsolidationOptions = {}): Promise<ConsolidationResult> {
  const settings = options.settings ?? defaultSettings();
  const fixedYear = settings.reportYear !== undefined ? parseFiscalYear(settings.reportYear) : null;
  // Each file is first checked against its own stated year, so a wrong-year file is seen as one.
  const ownYear: Settings = { ...settings };
  delete ownYear.reportYear;
  let master = options.master ? readPlanMaster(options.master) : null;
  let masterName = options.masterName ?? null;
  let detectedMaster: string | null = null;
  let known = master?.departments.map((d) => d.name) ?? [];

  const files: ConsolidatedFile[] = [];
  const rows: MergedRow[] = [];
  const checkFindings: ConsolidatedFinding[] = [];
  const setAside: NotRead[] = [];
  for (let i = 0; i < inputs.length; i++) {
    if (options.signal?.aborted) throw new ConsolidationCancelled();
    const { name } = inputs[i];
    const source = inputs[i].snapshot;
    const snapshot = typeof source === 'function' ? await source() : source;
    if ('unreadable' in snapshot) {
      const department = departmentFromFileName(name, known);
      files.push(fileRecord(name, department, [departmentKey(department)], null, 'unreadable', [], snapshot.unreadable));
    } else if (isHyokaOutput(snapshot, name)) {
      setAside.push({ file: name, reason: 'hyoka-output' });
    } else {
      let result = checkWorkbook(snapshot, { settings: ownYear, fileName: name });
      // A plan master among the inputs (hierarchy, no grades, no years) and none given: it is
      // the master, not a department that sent an empty or wrong-year file.
      // A tracking workbook lists departments too (with statuses, not programs): it is neither.
      const tracking = isTrackingWorkbook(snapshot, result.plans, result.layouts);
      const asMaster = tracking ? null : masterIn(snapshot, result.plans);
      if (tracking) {
        setAside.push({ file: name, reason: 'tracking' });
      } else if (asMaster && master === null) {
        master = asMaster;
        masterName = name;
        detectedMaster = name;
        known = asMaster.departments.map((d) => d.name);
      } else if (asMaster) {
        setAside.push({ file: name, reason: 'plan-master' });
      } else if (result.plans.length === 0 && result.layouts.some((l) => l.kind === 'summary-table')) {
        setAside.push({ file: name, reason: 'summary-only' });
      } else {
        const statedYear = result.report.reportYear;
        if (statedYear === null && fixedYear !== null) result = checkWorkbook(snapshot, { settings, fileName: name });
        const own = programRows(result.plans, name, i);
        const onSheets = departmentOnSheets(snapshot, result.layouts);
        const identity = departmentsOf(own, name, known, onSheets);
        for (const r of own) {
          if (r.department === null) r.department = identity.department;
          r.departmentKey = departmentKey(r.department ?? '');
        }
        rows.push(...own);
        for (const f of result.report.findings) checkFindings.push({ ...f, file: name });
        const record = fileRecord(name, identity.department, identity.keys, statedYear, 'ok', result.report.sheets.map((s) => s.name), null);
        record.departmentSource = identity.source;
        record.years = yearsCarried(result.layouts);
        record.departmentNames = identity.names;
        if (identity.fileNameDepartment) record.fileNameDepartment = identity.fileNameDepartment;
        const hidden = result.report.sheets.filter((s) => s.hidden).map((s) => s.name);
        if (hidden.length > 0) record.hiddenSheetsRead = hidden;
        if (result.report.scale && result.plans.some((p) => p.gradeCol !== null)) record.scale = result.report.scale;
        files.push(record);
      }
    }
    options.onProgress?.(i + 1, inputs.length, name);
    // The host decides how to let its page paint (and the cancel button be clicked) between files.
    await options.yieldToHost?.();
  }
  if (options.signal?.aborted) throw new ConsolidationCancelled();

  // One workbook reporting for many departments, given alone: the whole plan's evaluation, not a
  // department's. It is said to be one (whole-plan-workbook) and filed under none of them.
  const reports = files.filter((f) => f.status !== 'unreadable');
  if (reports.length === 1 && files.length === 1 && (reports[0].departmentNames?.length ?? 0) >= WHOLE_PLAN_DEPARTMENTS) {
    reports[0].wholePlanDepartments = reports[0].departmentNames?.length;
    reports[0].department = null;
  }

  const reportYear = fixedYear ?? majorityYear(files);
  for (const f of files) {
    if (f.status === 'ok' && f.reportYear !== null && reportYear !== null && f.reportYear !== reportYear) f.status = 'wrong-year';
  }
  const matcher = master ? createMasterMatcher(master) : null;
  if (matcher) for (const r of rows) r.masterIndex = matcher(r.levels, r.departmentKey);

  const current = new Set(files.filter((f) => f.status === 'ok').map((f) => f.file));
  const merged = rows.filter((r) => current.has(r.file));
  // Several files with one program and department: the preferred file's rows count (a
  // resubmission, or the newer by name, else the first read); the others are shown, not counted.
  const firstFile = new Map<string, string>();
  for (const r of merged) {
    const key = `${programIdentity(r)}|${r.departmentKey}`;
    const first = firstFile.get(key);
    if (first === undefined) firstFile.set(key, r.file);
    r.counted = first === undefined || first === r.file;
  }
  for (const c of conflicts(merged, files)) {
    for (const r of c.rows) {
      r.counted = r.file === c.used.file;
      if (!r.counted) r.superseded = { usedFile: c.used.file, why: c.why };
    }
  }
  for (const f of files) f.rows = merged.filter((r) => r.file === f.file).length;

  const context: ConsolidationContext = { files, rows, reportYear, reportYearGiven: fixedYear !== null, master, masterName };
  const runFindings = runRules('consolidate', context, settings) as ConsolidatedFinding[];
  const findings = sortFindings(withoutRepeats([...checkFindings, ...runFindings]), files, master?.sheets ?? []);
  for (const f of files) {
    const counts = countBySeverity(findings.filter((x) => x.file === f.file));
    f.errors = counts.error;
    f.warnings = counts.warning;
  }

  const tree = buildMergedTree(merged, master);
  // One table for the plan: the departments' scale, or the union of their levels when they differ (scale-mixed says so).
  const scale = combinedScale(files.filter((f) => f.status === 'ok' && f.scale).map((f) => f.scale!));
  const perLine = findingsPerLine(tree.lines, findings, masterName);
  const report: Report = {
    file: null,
    reportYear,
    sheets: [],
    findings,
    policies: summariseMerged(tree, perLine, settings, scale),
    scale,
  };
  const subs = submissions(files, master);
  const notRead = [...(options.notRead ?? []), ...setAside];
  return { reportYear, files, findings, rows: merged, master, detectedMaster, notRead, report, submissions: subs, tree, findingsPerLine: perLine, masterName };
}

/** A plan master: hierarchy the master reader accepts, and no grade or year columns anywhere. */
function masterIn(snapshot: WorkbookSnapshot, plans: readonly SheetPlan[]): PlanMaster | null {
  if (plans.some((p) => p.gradeCol !== null || p.years.length > 0)) return null;
  return readPlanMaster(snapshot);
}

/**
 * A file's "report year could not be determined" (layout-uncertain, info) says what its
 * year-missing error already says, with less: the error stays, the info goes.
 */
function withoutRepeats(findings: ConsolidatedFinding[]): ConsolidatedFinding[] {
  const yearMissing = new Set(findings.filter((f) => f.rule === 'workbook-year-missing').map((f) => f.file));
  return findings.filter((f) => !(f.rule === 'layout-uncertain' && f.sheet === null && f.severity === 'info' && yearMissing.has(f.file)));
}

function fileRecord(
  file: string,
  department: string | null,
  departmentKeys: string[],
  reportYear: number | null,
  status: ConsolidatedFile['status'],
  sheets: string[],
  unreadable: string | null,
): ConsolidatedFile {
  return { file, department, departmentKeys, reportYear, status, errors: 0, warnings: 0, rows: 0, sheets, unreadable };
}

/**
 * The 担当課 a file reports for: its 担当課 column (the most frequent name), else a `担当課：…`
 * line on its sheets, else its file name. When the file name names another department, that
 * name is kept to be reported (department-name-differs): the sheet's word is the one used.
 */
function departmentsOf(
  rows: readonly MergedRow[],
  file: string,
  known: readonly string[],
  onSheets: string | null,
): { department: string; keys: string[]; names: string[]; source: DepartmentSource; fileNameDepartment?: string } {
  const counts = new Map<string, { name: string; n: number }>();
  for (const r of rows) {
    if (r.department === null) continue;
    const key = departmentKey(r.department);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { name: r.department.trim(), n: 1 });
  }
  if (counts.size === 0 && onSheets === null) {
    const department = departmentFromFileName(file, known);
    return { department, keys: [departmentKey(department)], names: [department], source: 'file-name' };
  }
  let best = { name: '', n: 0 };
  for (const c of counts.values()) if (c.n > best.n) best = c;
  const department = counts.size > 0 ? best.name : (onSheets ?? '');
  const keys = counts.size > 0 ? [...counts.keys()] : [departmentKey(department)];
  const names = counts.size > 0 ? [...counts.values()].map((c) => c.name) : [department];
  const inName = departmentInFileName(file, [...known, department]);
  const differs = inName !== null && !keys.includes(departmentKey(inName)) && !departmentKey(inName).includes(departmentKey(department));
  return { department, keys, names, source: counts.size > 0 ? 'column' : 'sheet', ...(differs && inName !== null ? { fileNameDepartment: inName } : {}) };
}

/** A workbook naming this many departments, given alone, is the whole plan's evaluation. */
const WHOLE_PLAN_DEPARTMENTS = 3;

/** The year most files state; on a tie the later one (the one vote, years.ts). */
function majorityYear(files: readonly ConsolidatedFile[]): number | null {
  return voteYear(files.map((f) => ({ year: f.reportYear, weight: 1 })));
}

/** Input order, then the master's findings; inside a file by sheet, row, cell and rule (the one ordering, src/core/rules/run.ts). */
function sortFindings(findings: ConsolidatedFinding[], files: readonly ConsolidatedFile[], masterSheets: readonly string[]): ConsolidatedFinding[] {
  const fileOrder = new Map(files.map((f, i) => [f.file, i]));
  const sheetOrder = new Map(files.map((f) => [f.file, new Map(f.sheets.map((s, i) => [s, i]))]));
  const masterOrder = new Map(masterSheets.map((s, i) => [s, i]));
  const fileIndex = (f: ConsolidatedFinding): number => (f.file !== null && fileOrder.has(f.file) ? (fileOrder.get(f.file) ?? 0) : files.length);
  const sheetIndex = (f: ConsolidatedFinding): number => {
    if (f.sheet === null) return -1;
    const order = f.file !== null && fileOrder.has(f.file) ? sheetOrder.get(f.file) : masterOrder;
    return order?.get(f.sheet) ?? 0;
  };
  return sortInOrder(findings, { file: (f) => fileIndex(f as ConsolidatedFinding), sheet: (f) => sheetIndex(f as ConsolidatedFinding) });
}


/**
 * Findings per 取りまとめ line, matched by what they are about: a merged row's file, plan node
 * and row, or (findings pointing into the master) a master program's node.
 */
function findingsPerLine(lines: ReturnType<typeof buildMergedTree>['lines'], findings: readonly ConsolidatedFinding[], masterName: string | null): Map<number, number> {
  const index = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.kind === 'row') index.set(lineKey(l.row.file, l.row.node, l.row.row), i);
    else index.set(lineKey(masterName, l.program.node, null), i);
  });
  const out = new Map<number, number>();
  for (const f of findings) {
    if (f.node === undefined) continue;
    const i = index.get(lineKey(f.file, f.node, f.row)) ?? index.get(lineKey(f.file, f.node, null));
    if (i !== undefined) out.set(i, (out.get(i) ?? 0) + 1);
  }
  return out;
}

function lineKey(file: string | null, node: string, row: number | null): string {
  return JSON.stringify([file, node, row]);
}
