import type { Finding } from '../report';
import { defaultSettings, type Settings } from '../settings';
import { matchPrograms, type MatchResult } from './match';
import { collectPrograms, type YearProgram, type YearSide } from './programs';
import { COMPARISON_RULES } from './rules/registry';
import type { Problem } from '../rules/rule';
import type { ComparisonContext, ComparisonRule } from './rules/rule';

/** A 前年度比較 finding: located on this year's workbook (its file, for a folder), params kept. */
export interface ComparisonFinding extends Finding {
  file: string | null;
}

export interface ComparisonOptions {
  settings?: Settings;
}

export interface ComparisonResult {
  previousYear: number | null;
  currentYear: number | null;
  previous: YearProgram[];
  current: YearProgram[];
  match: MatchResult;
  findings: ComparisonFinding[];
  /** This year's own findings (what `check` finds in this year's workbooks), where they were handed in. */
  ownFindings?: ComparisonFinding[];
}

/**
 * 前年度比較: matches last year's programs with this year's on the plan trees `check`
 * built (never on cells, so a changed template still compares), then runs the comparison
 * rules. Pure: the adapters read and check the workbooks and hand in their plans.
 */
export function compareYears(previous: YearSide, current: YearSide, options: ComparisonOptions = {}): ComparisonResult {
  const settings = options.settings ?? defaultSettings();
  const previousPrograms = collectPrograms(previous);
  const currentPrograms = collectPrograms(current);
  const match = matchPrograms(previousPrograms, currentPrograms);
  const context: ComparisonContext = {
    previous: { reportYear: previous.reportYear, programs: previousPrograms, file: previous.files[0]?.file ?? null },
    current: { reportYear: current.reportYear, programs: currentPrograms, file: current.files[0]?.file ?? null },
    match,
    settings,
  };
  const findings: ComparisonFinding[] = [];
  for (const rule of COMPARISON_RULES) {
    if (settings.rules[rule.id] === 'off') continue;
    for (const problem of rule.run(context)) findings.push(toFinding(rule, problem));
  }
  const fileOrder = new Map(current.files.map((f, i) => [f.file, i]));
  const sheetOrder = new Map<string, number>();
  for (const f of current.files) for (const p of f.plans) if (!sheetOrder.has(p.sheet)) sheetOrder.set(p.sheet, sheetOrder.size);
  const ruleOrder = new Map(COMPARISON_RULES.map((r, i) => [r.id, i]));
  findings.sort(
    (a, b) =>
      (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) ||
      (sheetOrder.get(a.sheet ?? '') ?? -1) - (sheetOrder.get(b.sheet ?? '') ?? -1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (ruleOrder.get(a.rule) ?? 0) - (ruleOrder.get(b.rule) ?? 0) ||
      (a.cell ?? '').localeCompare(b.cell ?? ''),
  );
  const ownFindings = current.files.flatMap((f) => (f.findings ?? []).map((x) => ({ ...x, file: f.file })));
  return { previousYear: previous.reportYear, currentYear: current.reportYear, previous: previousPrograms, current: currentPrograms, match, findings, ownFindings };
}

function toFinding(rule: ComparisonRule, { messageId, params, at }: Problem): ComparisonFinding {
  const f: ComparisonFinding = { rule: rule.id, severity: rule.severityOf(messageId), messageId, params, file: at.file ?? null, sheet: at.sheet, cell: at.cell, row: at.row };
  if (at.node !== undefined) f.node = at.node;
  if (at.year !== undefined) f.year = at.year;
  if (at.department) f.department = at.department;
  if (at.program) f.program = at.program;
  return f;
}
