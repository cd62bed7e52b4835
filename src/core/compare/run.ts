import { a1 } from '../a1';
import type { Finding, Lang } from '../report';
import { defaultSettings, type Settings } from '../settings';
import { matchPrograms, type MatchResult } from './match';
import { collectPrograms, type YearProgram, type YearSide } from './programs';
import { COMPARISON_RULES } from './rules/registry';
import type { ComparisonContext, ComparisonProblem, RegisteredComparisonRule } from './rules/rule';

/** A 前年度比較 finding: located on this year's workbook (its file, for a folder), params kept. */
export interface ComparisonFinding extends Finding {
  file: string | null;
  /** Key into the rule's messages. */
  messageId: string;
  /** Both years' values, for renderers and filters (the message says it in words). */
  params: Record<string, unknown>;
  /** `PlanNode.key` of this year's program. */
  node?: string;
}

export interface ComparisonOptions {
  settings?: Settings;
  lang?: Lang;
}

export interface ComparisonResult {
  previousYear: number | null;
  currentYear: number | null;
  previous: YearProgram[];
  current: YearProgram[];
  match: MatchResult;
  findings: ComparisonFinding[];
}

/**
 * 前年度比較: matches last year's programs with this year's on the plan trees `check`
 * built (never on cells, so a changed template still compares), then runs the comparison
 * rules. Pure: the adapters read and check the workbooks and hand in their plans.
 */
export function compareYears(previous: YearSide, current: YearSide, options: ComparisonOptions = {}): ComparisonResult {
  const settings = options.settings ?? defaultSettings();
  const lang = options.lang ?? 'ja';
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
    for (const problem of rule.run(context)) findings.push(toFinding(rule, problem, lang));
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
  return { previousYear: previous.reportYear, currentYear: current.reportYear, previous: previousPrograms, current: currentPrograms, match, findings };
}

function toFinding(rule: RegisteredComparisonRule, { messageId, params, at }: ComparisonProblem, lang: Lang): ComparisonFinding {
  const f: ComparisonFinding = {
    rule: rule.id,
    severity: rule.severityOf(messageId),
    messageId,
    file: at.file,
    sheet: at.sheet,
    cell: at.row !== null && at.col !== null ? a1(at.row, at.col) : null,
    row: at.row !== null ? at.row + 1 : null,
    message: rule.render(messageId, params, lang),
    params,
  };
  if (at.node) f.node = at.node;
  if (at.year !== undefined) f.year = at.year;
  if (at.department) f.department = at.department;
  if (at.program) f.program = at.program;
  return f;
}
