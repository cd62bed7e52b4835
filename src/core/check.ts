import { parseA1 } from './a1';
import { CorrectionUse, type Correction } from './corrections';
import { reviewReading } from './doubt';
import { detectRegions, displaceDetected, fileNameYear } from './layout/detect';
import { areaView } from './layout/regions';
import type { SheetLayout } from './layout/types';
import { buildSheetPlan } from './plan/build';
import { buildLongPlan } from './plan/long';
import { classifyYearRoles, fillPreviousGrades, ownYear, programNames, repeatsPrograms } from './plan/previous-year';
import { linkReposts } from './plan/reposts';
import { linkSummaryTables } from './plan/summary-sources';
import type { SheetPlan } from './plan/types';
import type { Report, SheetInfo } from './report';
import { runRules } from './rules/run';
import type { RuleContext } from './rules/rule';
import { defaultSettings, type Settings } from './settings';
import { sheetsToRead } from './sheets-read';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';
import { summariseProgress } from './summary/counts';
import { planGroups, sheetGradeCounts, subtreeTallies, summarisePolicies } from './summary/policies';
import { parseFiscalYear, voteYear as vote, yearsCarried } from './years';
import { combinedScale, findLegends, type Scale } from './scale';
import { appliedThresholds } from './summary/method';

/** Errors that do not depend on which end of a scale is best (see directionOnly in checkWorkbook). */
const DIRECTION_FREE_RULES: ReadonlySet<string> = new Set(['grade-missing']);

export interface CheckOptions {
  settings?: Settings;
  /** Shown in the report; the engine never opens files. */
  fileName?: string | null;
}

export interface CheckResult {
  report: Report;
  /** What detection found per checked sheet: the settings screen shows and overrides these. */
  layouts: SheetLayout[];
  /** This year's plans: the ones checked. */
  plans: SheetPlan[];
  /** Plans of earlier years' sheets kept beside this year's (not checked; 前年度比較 may read them). */
  previousYearPlans: SheetPlan[];
  /** settings.corrections that matched no sheet or table (reported as correction-unmatched too). */
  unmatchedCorrections: Correction[];
}

/**
 * snapshot → layouts → plan trees (+ reposts, 評価総括表 sources) → rules → findings as data →
 * policy summaries. Pure and synchronous; it never sees a language (see `describe`).
 */
export function checkWorkbook(snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const settings = options.settings ?? defaultSettings();
  // Legends (凡例) define scales: a sheet's own first, then any other sheet's (a 記入要領 sheet).
  const legends = new Map(snapshot.sheets.map((s) => [s.name, findLegends(s)]));
  const legendsFor = (name: string): Scale[] => [...(legends.get(name) ?? []), ...[...legends].filter(([n]) => n !== name).flatMap(([, l]) => l)];
  const detectOptions = { nextPolicyVocabulary: settings.nextPolicyVocabulary, corrections: settings.corrections };
  // Visible sheets but examples (記入例); hidden ones only when they alone hold the evaluation table.
  // Corrections are read by detection through correctionsFor, and recorded per sheet: those no
  // sheet that is read applied are reported (correction-unmatched).
  const detected = new Map<SheetSnapshot, { regions: SheetLayout[]; use: CorrectionUse }>();
  const detect = (s: SheetSnapshot): SheetLayout[] => {
    let d = detected.get(s);
    if (!d) {
      const use = new CorrectionUse(settings.corrections);
      d = { regions: detectRegions(s, { ...detectOptions, use, legends: legendsFor(s.name) }), use };
      detected.set(s, d);
    }
    return d.regions;
  };
  const chosen = sheetsToRead(snapshot, (s) => detect(s).some((l) => l.kind === 'evaluation'));
  const visible = chosen.sheets;
  // One workbook, one way of grading: a sheet whose own cells show no scale (a sheet graded
  // 概ね達成 throughout) reads on the scale the other sheets show, when its values fit it.
  const workbookScale = dominantScale(visible.flatMap((s) => detect(s)));
  if (workbookScale) {
    for (const s of visible) {
      const unsure = (l: SheetLayout): boolean => (l.kind === 'evaluation' && (l.scale?.source ?? 'default') === 'default') || l.uncertainties.some((u) => u.kind === 'grade-column-demoted');
      if (detect(s).some(unsure)) {
        const use = new CorrectionUse(settings.corrections);
        detected.set(s, { regions: detectRegions(s, { ...detectOptions, use, legends: legendsFor(s.name), workbookScale }), use });
      }
    }
  }
  const regionsBySheet = visible.map(detect);
  const unmatchedCorrections = CorrectionUse.unmatchedBy(settings.corrections, visible.map((s) => detected.get(s)?.use));
  const layouts = regionsBySheet.flat();
  const sheetByName = new Map(visible.map((s) => [s.name, s]));
  const programs = new Map<SheetLayout, Set<string>>();
  const programsOf = (l: SheetLayout): Set<string> => {
    let p = programs.get(l);
    if (!p) programs.set(l, (p = programNames(l, sheetByName.get(l.sheet) ?? { name: l.sheet, visibility: 'visible', rows: [], merges: [] })));
    return p;
  };
  const { year: reportYear, source: reportYearSource } = resolveReportYear(settings, layouts, options.fileName ?? null, (a, b) => repeatsPrograms(programsOf(a), programsOf(b)));
  for (const l of layouts) resolveYearGrades(l, reportYear);
  classifyYearRoles(layouts, reportYear, programsOf);
  const allPlans: SheetPlan[] = [];
  visible.forEach((sheet, i) => allPlans.push(...buildRegionPlans(sheet, regionsBySheet[i], reportYear)));
  // Last year's sheets kept beside this year's: their grades are previous grades, never checked as this year's.
  const plans = allPlans.filter((p) => p.layout.yearRole !== 'previous-year');
  const previousYearPlans = allPlans.filter((p) => p.layout.yearRole === 'previous-year');
  fillPreviousGrades(plans, previousYearPlans, reportYear);
  const checkedLayouts = layouts.filter((l) => l.yearRole !== 'previous-year');
  linkReposts(plans);
  const summarySources = linkSummaryTables(checkedLayouts, plans);

  const hiddenSheets = snapshot.sheets.filter((s) => s.visibility !== 'visible' && !chosen.hiddenRead.includes(s.name)).map((s) => s.name);
  const unreadableSheets = (snapshot.unreadableSheets ?? []).map((s) => s.name);
  const context: RuleContext = {
    plans, layouts: checkedLayouts, summarySources, reportYear, reportYearSource, settings, hiddenSheets, unreadableSheets,
    yearsCarried: yearsCarried(layouts),
    ...(snapshot.notesUnread && snapshot.notesUnread.length > 0 ? { notesUnread: snapshot.notesUnread } : {}),
    exampleSheets: chosen.examples,
    hiddenSheetsRead: chosen.hiddenRead,
    unmatchedCorrections,
  };
  const sheetOrder = new Map(visible.map((s, i) => [s.name, i]));
  const uncertain = checkedLayouts.filter((l) => l.uncertain);
  // Doubted only for which end of its scale is best (a bare 1–5): a blank grade is missing either way.
  const directionOnly = (l: SheetLayout): boolean => l.uncertainties.every((u) => u.kind === 'scale-direction-unknown' || u.kind === 'report-year-unknown' || u.kind === 'grade-column-demoted');
  // Doubt before accusing (doubt.ts): errors a doubted reading would make are dropped; reading-doubt says why.
  const review = reviewReading(context);
  const findings = runRules('check', context, settings, {
    // Never confidently wrong: a region read with doubt yields no errors (layout-uncertain says why).
    suppress: (f) =>
      f.severity === 'error' &&
      (uncertain.some((l) => inRegion(l, f.sheet, f.row !== null ? f.row - 1 : null, f.cell) && !(directionOnly(l) && DIRECTION_FREE_RULES.has(f.rule))) ||
        review.silences(f.rule, f.sheet, f.cell)),
    place: { sheet: (f) => sheetOrder.get(f.sheet ?? '') ?? -1 },
  });

  const planBySheet = new Map<string, SheetPlan>();
  for (const p of allPlans) if (!planBySheet.has(p.sheet)) planBySheet.set(p.sheet, p);
  const tallies = new Map(allPlans.map((p) => [p, subtreeTallies(p)]));
  const sheets: SheetInfo[] = regionsBySheet.map((regions) => {
    // One line per sheet: its evaluation region if any, else its first table.
    const l = regions.find((r) => r.kind === 'evaluation') ?? regions.find((r) => r.kind !== 'other') ?? regions[0];
    const info: SheetInfo = { name: l.sheet, kind: l.kind, headerRow: l.headerRows.length ? l.headerRows[l.headerRows.length - 1] + 1 : null };
    const plan = planBySheet.get(l.sheet);
    // Last year's sheet is not this year's: its grades are not counted (its role says why).
    const graded = plans.filter((p) => p.sheet === l.sheet && p.gradedDepth !== null);
    if (graded.length > 0) {
      // Several tables on the sheet: the sheet's counts are their sum, level by level.
      const counts = graded.map((p) => sheetGradeCounts(p, tallies.get(p) ?? subtreeTallies(p)));
      info.gradeCounts = counts.reduce((sum, c) => {
        for (const k of Object.keys(c) as (keyof typeof c)[]) sum[k] = (sum[k] ?? 0) + c[k];
        return sum;
      });
      info.scale = combinedScale(graded.map((p) => p.scale));
    } else if (plan) {
      const progress = summariseProgress(plan);
      if (progress) info.progress = progress;
    }
    if (l.yearRole === 'previous-year') info.role = 'previous-year';
    const own = ownYear(l);
    if (own !== null) info.year = own;
    const tables = regions.filter((r) => r.kind === 'evaluation' && r.area && r.tableKey !== undefined).map((r) => r.tableKey as string);
    if (tables.length > 1) info.tables = tables;
    const hidden = regions.reduce((n, r) => n + r.hiddenRowsSkipped, 0);
    if (hidden > 0) info.hiddenRowsSkipped = hidden;
    if (chosen.hiddenRead.includes(l.sheet)) info.hidden = true;
    return info;
  });
  // The report's counts are keyed by the graded sheets' scale (the union when sheets differ).
  const graded = plans.filter((p) => p.gradeCol !== null);
  const scale = combinedScale(graded.map((p) => p.scale));
  // Sheets that are one plan (one sheet per 基本施策) are summed as one: each plan node once.
  const groups = planGroups(plans);
  const report: Report = {
    file: options.fileName ?? null,
    reportYear,
    reportYearSource,
    sheets,
    findings,
    policies: summarisePolicies(plans, findings, settings, tallies, groups),
    plans: groups.map((g) => ({ sheets: g.map((p) => p.sheet) })),
    method: { method: settings.method, thresholds: appliedThresholds(scale, settings) },
    scale,
  };
  return { report, layouts, plans, previousYearPlans, unmatchedCorrections };
}

/**
 * One plan per evaluation table of the sheet. A sheet's only table (or its stacked blocks,
 * one region) keys its nodes by the sheet's name; a second table adds its table key, and
 * each table is read through a view of its own cells.
 */
function buildRegionPlans(sheet: SheetSnapshot, regions: readonly SheetLayout[], reportYear: number | null): SheetPlan[] {
  const evaluation = regions.filter((l) => l.kind === 'evaluation');
  return evaluation.map((region, k) => {
    const view = region.area ? areaView(sheet, region.area) : sheet;
    const keyRoot = k === 0 || region.tableKey === undefined ? sheet.name : `${sheet.name}!${region.tableKey}`;
    // Years as rows: the report year's records are the plan, the year before's its previous grades.
    if (region.orientation === 'long') return buildLongPlan(view, region, reportYear, { keyRoot });
    return buildSheetPlan(view, region, { keyRoot });
  });
}

/** The scale most graded tables of the workbook were read on, when it is not the default; else null. */
function dominantScale(layouts: readonly SheetLayout[]): Scale | null {
  const votes = new Map<string, { scale: Scale; n: number }>();
  for (const l of layouts) {
    if (l.kind !== 'evaluation' || !l.scale || l.scale.source === 'default' || l.scale.directionUnknown) continue;
    const key = l.scale.levels.map((x) => x.label).join('\u0000');
    const v = votes.get(key) ?? { scale: l.scale, n: 0 };
    v.n++;
    votes.set(key, v);
  }
  let best: { scale: Scale; n: number } | null = null;
  for (const v of votes.values()) if (!best || v.n > best.n) best = v;
  return best ? best.scale : null;
}

/** Where the report year came from, in the order it is looked for. */
export type ReportYearSource = 'setting' | 'title' | 'sheet-name' | 'file-name' | 'year-columns' | 'previous-sheet';

/**
 * --year / settings; else the year the sheets' titles state (most votes, evaluation sheets
 * weigh double); else the sheet names; else the file name; else the latest year whose
 * columns hold entries (templates lay out every plan year in advance, future ones blank).
 * Tables stating different years (last year's sheet kept): the latest; only last year's
 * stating one: the file name's or year columns' later year, else the year after it when this
 * year's sheet repeats its programs (previous-sheet).
 */
export function resolveReportYear(
  settings: Settings,
  layouts: readonly SheetLayout[],
  fileName: string | null,
  /** Two evaluation tables hold the same programs (one sheet kept for two years). */
  samePrograms: (a: SheetLayout, b: SheetLayout) => boolean = () => false,
): { year: number | null; source: ReportYearSource | null } {
  if (settings.reportYear !== undefined) {
    const y = parseFiscalYear(settings.reportYear);
    if (y !== null) return { year: y, source: 'setting' };
  }
  // Sheets per year: evaluation tables stating different years (last year's sheet kept beside
  // this year's): the latest is this year's.
  const own = layouts.filter((l) => l.kind === 'evaluation' && ownYear(l) !== null);
  if (new Set(own.map(ownYear)).size >= 2) {
    const latest = own.reduce((a, b) => ((ownYear(b) as number) > (ownYear(a) as number) ? b : a));
    return { year: ownYear(latest), source: latest.statedYear !== null ? 'title' : latest.sheetNameYear !== null ? 'sheet-name' : 'year-columns' };
  }
  // Only an earlier year's table states its year, and this year's states none: a later year
  // from the file name or the year columns is this year's (the stated one is last year's sheet).
  if (own.length > 0 && layouts.some((l) => l.kind === 'evaluation' && ownYear(l) === null)) {
    const stated = ownYear(own[0]) as number;
    const file = fileName ? fileNameYear(fileName) : null;
    if (file !== null && file > stated) return { year: file, source: 'file-name' };
    const undated = layouts.filter((l) => l.kind === 'evaluation' && ownYear(l) === null);
    const latest = Math.max(...undated.flatMap((l) => l.entryYears));
    if (Number.isFinite(latest) && latest > stated) return { year: latest, source: 'year-columns' };
    // Nothing else dates this year's sheet, but it repeats the dated sheet's programs: the
    // dated one is last year's copy (評価調書 beside 評価調書（令和4年度）), this one the year after.
    if (!Number.isFinite(latest) && own.every((l) => ownYear(l) === stated) && own.some((d) => undated.some((u) => samePrograms(u, d)))) {
      return { year: stated + 1, source: 'previous-sheet' };
    }
  }
  const title = vote(layouts.map((l) => ({ year: l.statedYear, weight: l.kind === 'other' ? 1 : 2 })));
  if (title !== null) return { year: title, source: 'title' };
  const sheetName = vote(layouts.map((l) => ({ year: l.sheetNameYear, weight: l.kind === 'other' ? 1 : 2 })));
  if (sheetName !== null) return { year: sheetName, source: 'sheet-name' };
  const file = fileName ? fileNameYear(fileName) : null;
  if (file !== null) return { year: file, source: 'file-name' };
  let latest: number | null = null;
  for (const l of layouts) for (const y of l.entryYears) if (latest === null || y > latest) latest = y;
  if (latest !== null) return { year: latest, source: 'year-columns' };
  return { year: null, source: null };
}

/**
 * Grade columns named by year (`R4評価 | R5評価`): the report year's is the grade, the year
 * before's the previous grade, older ones are not checked. When no column has the report
 * year, the latest one holding entries stands for it.
 */
export function resolveYearGrades(layout: SheetLayout, reportYear: number | null): void {
  const dated = layout.columns.filter((c) => c.role === 'grade' && c.year !== undefined && c.source === 'detected');
  if (dated.length === 0) return;
  const years = dated.map((c) => c.year as number);
  let current = reportYear !== null && years.includes(reportYear) ? reportYear : null;
  if (current === null) {
    const withEntries = layout.entryYears.filter((y) => years.includes(y));
    current = withEntries.length > 0 ? Math.max(...withEntries) : Math.max(...years);
  }
  const hasPrevious = layout.columns.some((c) => c.role === 'previousGrade' && c.year === undefined);
  for (const c of dated) {
    if (c.year === current) continue;
    if (c.year === current - 1 && !hasPrevious) c.role = 'previousGrade';
    else c.role = 'ignore';
  }
  // A column a person set to 評価 wins over this year's dated column (else the correction does nothing).
  displaceDetected(layout, true);
  // The current grade column first, so the plan builder takes it as the grade column.
  layout.columns.sort((a, b) => a.col - b.col);
}

/** The finding's place lies in the region (its header and data rows; sheet-level findings of the sheet). */
function inRegion(layout: SheetLayout, sheet: string | null, row: number | null, cell: string | null = null): boolean {
  if (sheet !== layout.sheet) return false;
  if (row === null) return true;
  const top = layout.headerRows[0] ?? layout.firstDataRow;
  if (row < top || row > layout.lastDataRow) return false;
  // Tables side by side: the finding's column tells which one it is in.
  const at = layout.area && cell ? parseA1(cell) : null;
  return at === null || (at.col >= (layout.area?.left ?? 0) && at.col <= (layout.area?.right ?? Number.MAX_SAFE_INTEGER));
}


