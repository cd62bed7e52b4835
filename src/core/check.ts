import { detectLayout } from './layout/detect';
import type { SheetLayout } from './layout/types';
import { buildSheetPlan } from './plan/build';
import { linkReposts } from './plan/reposts';
import { linkSummaryTables } from './plan/summary-sources';
import type { SheetPlan } from './plan/types';
import { countGrades } from './plan/units';
import type { Finding, Report, SheetInfo } from './report';
import { RULES } from './rules/registry';
import type { Problem, RuleContext } from './rules/rule';
import { defaultSettings, type Settings } from './settings';
import type { WorkbookSnapshot } from './snapshot';
import { countedSheetUnits, summariseProgress } from './summary/counts';
import { summarisePolicies } from './summary/policies';
import { parseFiscalYear } from './years';

export interface CheckOptions {
  settings?: Settings;
  /** Shown in the report; the engine never opens files. */
  fileName?: string | null;
}

export interface CheckResult {
  report: Report;
  /** What detection found per checked sheet: the settings screen shows and overrides these. */
  layouts: SheetLayout[];
  plans: SheetPlan[];
}

/**
 * snapshot → layouts → plan trees (+ reposts, 評価総括表 sources) → rules → findings as data →
 * policy summaries. Pure and synchronous; it never sees a language (see `describe`).
 */
export function checkWorkbook(snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const settings = options.settings ?? defaultSettings();
  const visible = snapshot.sheets.filter((s) => s.visibility === 'visible');
  const layouts = visible.map((s) => detectLayout(s, settings.sheets[s.name]));
  const plans: SheetPlan[] = [];
  visible.forEach((sheet, i) => {
    if (layouts[i].kind === 'evaluation') plans.push(buildSheetPlan(sheet, layouts[i]));
  });
  linkReposts(plans);
  const summarySources = linkSummaryTables(layouts, plans);

  const reportYear = resolveReportYear(settings, layouts);
  const hiddenSheets = snapshot.sheets.filter((s) => s.visibility !== 'visible').map((s) => s.name);
  const unreadableSheets = (snapshot.unreadableSheets ?? []).map((s) => s.name);
  const context: RuleContext = { plans, layouts, summarySources, reportYear, settings, hiddenSheets, unreadableSheets };
  const sheetOrder = new Map(visible.map((s, i) => [s.name, i]));
  const ruleOrder = new Map(RULES.map((r, i) => [r.id, i]));
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (settings.rules[rule.id] === 'off') continue;
    for (const problem of rule.run(context)) findings.push(toFinding(rule.id, rule.severity, problem));
  }
  findings.sort(
    (a, b) =>
      (sheetOrder.get(a.sheet ?? '') ?? -1) - (sheetOrder.get(b.sheet ?? '') ?? -1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      compareCells(a.cell, b.cell) ||
      (ruleOrder.get(a.rule) ?? 0) - (ruleOrder.get(b.rule) ?? 0),
  );

  const planBySheet = new Map(plans.map((p) => [p.sheet, p]));
  const sheets: SheetInfo[] = layouts.map((l) => {
    const info: SheetInfo = { name: l.sheet, kind: l.kind, headerRow: l.headerRows.length ? l.headerRows[l.headerRows.length - 1] + 1 : null };
    const plan = planBySheet.get(l.sheet);
    if (plan && plan.gradedDepth !== null) info.gradeCounts = countGrades(countedSheetUnits(plan));
    else if (plan) {
      const progress = summariseProgress(plan);
      if (progress) info.progress = progress;
    }
    return info;
  });
  const report: Report = {
    file: options.fileName ?? null,
    reportYear,
    sheets,
    findings,
    policies: summarisePolicies(plans, findings, settings),
    method: { method: settings.method, thresholds: { ...settings.thresholds[settings.method] } },
  };
  return { report, layouts, plans };
}

/** --year / settings first; else the year most sheets state in their titles. */
function resolveReportYear(settings: Settings, layouts: readonly SheetLayout[]): number | null {
  if (settings.reportYear !== undefined) {
    const y = parseFiscalYear(settings.reportYear);
    if (y !== null) return y;
  }
  const votes = new Map<number, number>();
  for (const l of layouts) {
    if (l.statedYear === null) continue;
    const weight = l.kind === 'other' ? 1 : 2;
    votes.set(l.statedYear, (votes.get(l.statedYear) ?? 0) + weight);
  }
  let best: number | null = null;
  let bestVotes = 0;
  for (const [year, v] of votes) {
    if (v > bestVotes || (v === bestVotes && best !== null && year > best)) {
      best = year;
      bestVotes = v;
    }
  }
  return best;
}

/** A rule's problem as a Finding: the rule's id and severity, the messageId and params, where. */
export function toFinding(rule: string, severity: Finding['severity'], { messageId, params, at }: Problem): Finding {
  const f: Finding = { rule, severity, messageId, params, sheet: at.sheet, cell: at.cell, row: at.row };
  if (at.file !== undefined) f.file = at.file;
  if (at.node) f.node = at.node;
  if (at.year !== undefined) f.year = at.year;
  if (at.department) f.department = at.department;
  if (at.program) f.program = at.program;
  return f;
}

function compareCells(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const col = (s: string): string => s.replace(/\d+$/, '');
  const ca = col(a);
  const cb = col(b);
  return ca.length - cb.length || (ca < cb ? -1 : ca > cb ? 1 : 0);
}
