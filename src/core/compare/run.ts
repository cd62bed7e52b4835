import type { Finding } from '../report';
import { combinedScale, type Scale } from '../scale';
import { defaultSettings, type Settings } from '../settings';
import { matchPrograms, type MatchResult } from './match';
import { collectPrograms, type YearProgram, type YearSide } from './programs';
import { runRules } from '../rules/run';
import type { ComparisonContext } from './rules/rule';

const STATED_YEAR_RULE = 'report-year-not-in-workbook';

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
  /** The scale both years' grades are counted on: this year's, with last year's labels added when they differ. */
  scale: Scale;
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
  const fileOrder = new Map(current.files.map((f, i) => [f.file, i]));
  const sheetOrder = new Map<string, number>();
  for (const f of current.files) for (const p of f.plans) if (!sheetOrder.has(p.sheet)) sheetOrder.set(p.sheet, sheetOrder.size);
  const compared = runRules('compare', context, settings, {
    place: { file: (f) => fileOrder.get(f.file ?? null) ?? 0, sheet: (f) => sheetOrder.get(f.sheet ?? '') ?? -1 },
  }) as ComparisonFinding[];
  // This year's stated report year (--year) that its workbooks do not carry: the year every
  // comparison below speaks of, so it heads the comparison's findings, not only this year's own.
  const statedYear: ComparisonFinding[] = [
    ...(current.findings ?? []).map((f) => ({ ...f, file: f.file ?? null })),
    ...current.files.flatMap((f) => (f.findings ?? []).filter((x) => x.rule === STATED_YEAR_RULE).map((x) => ({ ...x, file: f.file }))),
  ];
  const findings = [...statedYear, ...compared];
  const graded = (side: YearSide): Scale[] => side.files.flatMap((f) => f.plans.filter((p) => p.gradeCol !== null).map((p) => p.scale));
  const scale = combinedScale([...graded(current), ...graded(previous)]);
  const ownFindings = current.files.flatMap((f) => (f.findings ?? []).filter((x) => x.rule !== STATED_YEAR_RULE).map((x) => ({ ...x, file: f.file })));
  return { previousYear: previous.reportYear, currentYear: current.reportYear, previous: previousPrograms, current: currentPrograms, match, findings, scale, ownFindings };
}
