import { checkWorkbook } from '../check';
import { consolidate } from '../consolidate/run';
import type { ConsolidationInput, NotRead } from '../consolidate/types';
import type { Settings } from '../settings';
import { ownYear } from '../plan/previous-year';
import type { WorkbookSnapshot } from '../snapshot';
import type { YearSide } from './programs';
import { resolveResultText } from './result-text';

export interface LoadedSide {
  side: YearSide;
  /** Inputs that could not be read, and why (in the words the loader gave). */
  unreadable: { file: string; reason: string }[];
  /** Workbooks of a folder read but set aside (Hyoka's outputs, tracking sheets, a plan master …), with why. */
  notRead: NotRead[];
}

/**
 * One year from its workbooks, for the CLI and the pane alike. One workbook is checked as
 * `check` would (this year's sheets only, when it keeps earlier years' sheets beside them);
 * several (a folder of department workbooks) go through `consolidate` first — the
 * same year decision and unreadable- and wrong-year-file handling as 取りまとめ — and
 * its readable files of the run's year are compared together.
 */
export async function loadYearSide(inputs: readonly ConsolidationInput[], options: { settings: Settings }): Promise<LoadedSide> {
  const load = async (input: ConsolidationInput) => (typeof input.snapshot === 'function' ? input.snapshot() : input.snapshot);
  const { settings } = options;
  if (inputs.length === 1) {
    const snapshot = await load(inputs[0]);
    if ('unreadable' in snapshot) return { side: { reportYear: null, files: [] }, unreadable: [{ file: inputs[0].name, reason: snapshot.unreadable }], notRead: [] };
    // `check` leaves last year's sheets kept beside this year's out of the plans (previous-year).
    return { side: sideOf(snapshot, inputs[0].name, settings), unreadable: [], notRead: [] };
  }
  const run = await consolidate(inputs, { settings });
  const files: YearSide['files'][number][] = [];
  const unreadable: LoadedSide['unreadable'] = [];
  for (const f of run.files) {
    if (f.status === 'unreadable') unreadable.push({ file: f.file, reason: f.unreadable ?? '' });
    if (f.status !== 'ok') continue; // another year's file: 取りまとめ reports it, the comparison leaves it out
    const input = inputs.find((i) => i.name === f.file);
    const snapshot = input ? await load(input) : null;
    if (!snapshot || 'unreadable' in snapshot) continue;
    const own = run.reportYear !== null && f.reportYear === null ? { ...settings, reportYear: run.reportYear } : settings;
    const checked = checkWorkbook(snapshot, { settings: own, fileName: f.file });
    resolveResultText(checked.plans, snapshot);
    files.push({ file: f.file, plans: checked.plans, findings: checked.report.findings });
  }
  // A plan master found among last year's files is no year's report either: listed with the rest.
  const notRead = [...run.notRead, ...(run.detectedMaster !== null ? [{ file: run.detectedMaster, reason: 'plan-master' as const }] : [])];
  // A stated year (--year) none of the folder's files carries: said where the comparison is read.
  const stated = run.findings.filter((f) => f.rule === 'year-mismatch' && f.messageId === 'givenNotCarried');
  return { side: { reportYear: run.reportYear, files, ...(stated.length > 0 ? { findings: stated } : {}) }, unreadable, notRead };
}

function sideOf(snapshot: WorkbookSnapshot, file: string, settings: Settings): YearSide {
  const checked = checkWorkbook(snapshot, { settings, fileName: file });
  resolveResultText(checked.plans, snapshot);
  return { reportYear: checked.report.reportYear, files: [{ file, plans: checked.plans, findings: checked.report.findings }] };
}

/** One year's sheets of a workbook that keeps several, as a workbook of its own. */
export interface YearSheets {
  year: number;
  sheets: string[];
  snapshot: WorkbookSnapshot;
}

/**
 * A workbook holding several fiscal years as sheets (this year's beside last year's, or one
 * sheet per year), as `check` reads it (plan/previous-year.ts: a table stating an earlier year
 * than the one another table states is a previous-year table): its sheets grouped by the
 * year each states, earliest first, this year's last; sheets stating no year (a legend, a
 * cover) go with every year. Null when `check` finds no previous-year sheet.
 */
export function splitYearSheets(snapshot: WorkbookSnapshot, settings: Settings): { byYear: YearSheets[] } | null {
  const { layouts } = checkWorkbook(snapshot, { settings });
  const evaluation = layouts.filter((l) => l.kind === 'evaluation');
  if (!evaluation.some((l) => l.yearRole === 'previous-year')) return null;
  const byYear = new Map<number, Set<string>>();
  const dated = new Set<string>();
  const current = evaluation.filter((l) => l.yearRole !== 'previous-year');
  const currentYear = Math.max(...current.map((l) => ownYear(l) ?? -Infinity));
  for (const l of evaluation) {
    const year = l.yearRole === 'previous-year' ? ownYear(l) : Number.isFinite(currentYear) ? currentYear : ownYear(l);
    if (year === null) continue;
    dated.add(l.sheet);
    const set = byYear.get(year) ?? new Set<string>();
    set.add(l.sheet);
    byYear.set(year, set);
  }
  if (byYear.size < 2) return null;
  const undated = snapshot.sheets.filter((s) => !dated.has(s.name)).map((s) => s.name);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return {
    byYear: years.map((year) => {
      const names = new Set([...(byYear.get(year) ?? []), ...undated]);
      const sheets = snapshot.sheets.filter((s) => names.has(s.name));
      return { year, sheets: sheets.map((s) => s.name), snapshot: { ...snapshot, sheets } };
    }),
  };
}

/**
 * Both sides from one workbook that holds several years as sheets (`compare book.xlsx`, or the
 * same book named twice): its latest year against the year before it (the latest earlier one).
 * Null when the workbook holds one year only.
 */
export function yearSidesOfOneBook(snapshot: WorkbookSnapshot, file: string, settings: Settings): { previous: YearSide; current: YearSide; years: number[] } | null {
  const split = splitYearSheets(snapshot, settings);
  if (!split) return null;
  const n = split.byYear.length;
  const current = split.byYear[n - 1];
  const previous = split.byYear[n - 2];
  const lastYear: Settings = { ...settings, reportYear: previous.year };
  const thisYear: Settings = settings.reportYear !== undefined ? settings : { ...settings, reportYear: current.year };
  return { previous: sideOf(previous.snapshot, file, lastYear), current: sideOf(current.snapshot, file, thisYear), years: split.byYear.map((y) => y.year) };
}
