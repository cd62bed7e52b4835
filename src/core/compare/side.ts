import { checkWorkbook } from '../check';
import { consolidate } from '../consolidate/run';
import type { ConsolidationInput } from '../consolidate/types';
import { detectRegions } from '../layout/detect';
import type { Settings } from '../settings';
import { isExampleSheet } from '../sheets-read';
import type { WorkbookSnapshot } from '../snapshot';
import type { YearSide } from './programs';
import { resolveResultText } from './result-text';

export interface LoadedSide {
  side: YearSide;
  /** Inputs that could not be read, and why (in the words the loader gave). */
  unreadable: { file: string; reason: string }[];
  /** One workbook holding several years as sheets: the year whose sheets were taken, and the years seen. */
  sheetYears?: { taken: number; years: number[] };
}

/**
 * One year from its workbooks, for the CLI and the pane alike. One workbook is checked as
 * `check` would (its latest year's sheets only, when it keeps earlier years' sheets beside
 * them); several (a folder of department workbooks) go through `consolidate` first — the
 * same year decision and unreadable- and wrong-year-file handling as 取りまとめ — and
 * its readable files of the run's year are compared together.
 */
export async function loadYearSide(inputs: readonly ConsolidationInput[], options: { settings: Settings }): Promise<LoadedSide> {
  const load = async (input: ConsolidationInput) => (typeof input.snapshot === 'function' ? input.snapshot() : input.snapshot);
  const { settings } = options;
  if (inputs.length === 1) {
    const snapshot = await load(inputs[0]);
    if ('unreadable' in snapshot) return { side: { reportYear: null, files: [] }, unreadable: [{ file: inputs[0].name, reason: snapshot.unreadable }] };
    const split = splitYearSheets(snapshot, settings);
    const book = split ? split.byYear[split.byYear.length - 1].snapshot : snapshot;
    return { side: sideOf(book, inputs[0].name, settings), unreadable: [], ...(split ? { sheetYears: { taken: split.byYear[split.byYear.length - 1].year, years: split.byYear.map((y) => y.year) } } : {}) };
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
    files.push({ file: f.file, plans: checked.plans });
  }
  return { side: { reportYear: run.reportYear, files }, unreadable };
}

function sideOf(snapshot: WorkbookSnapshot, file: string, settings: Settings): YearSide {
  const checked = checkWorkbook(snapshot, { settings, fileName: file });
  resolveResultText(checked.plans, snapshot);
  return { reportYear: checked.report.reportYear, files: [{ file, plans: checked.plans }] };
}

/** One year's sheets of a workbook that keeps several, as a workbook of its own. */
export interface YearSheets {
  year: number;
  sheets: string[];
  snapshot: WorkbookSnapshot;
}

/**
 * A workbook holding several fiscal years as sheets (this year's beside last year's, or one
 * sheet per year): its evaluation sheets grouped by the year each states (title, else sheet
 * name), earliest first; sheets stating no year (a legend, a cover) go with every year.
 * Null when its evaluation sheets state one year, or when the years are lopsided (one sheet of
 * nine with another year is a typo in a title, not last year's report): each year's sheets
 * must number at least half of the largest year's.
 */
export function splitYearSheets(snapshot: WorkbookSnapshot, settings: Settings): { byYear: YearSheets[] } | null {
  const detectOptions = { nextPolicyVocabulary: settings.nextPolicyVocabulary };
  const byYear = new Map<number, string[]>();
  const undated: string[] = [];
  for (const sheet of snapshot.sheets) {
    if (sheet.visibility !== 'visible' || isExampleSheet(sheet.name)) continue;
    const regions = detectRegions(sheet, settings.sheets[sheet.name], detectOptions);
    const evaluation = regions.find((l) => l.kind === 'evaluation');
    const year = evaluation ? (evaluation.statedYear ?? evaluation.sheetNameYear) : null;
    if (year === null) {
      undated.push(sheet.name);
      continue;
    }
    const list = byYear.get(year);
    if (list) list.push(sheet.name);
    else byYear.set(year, [sheet.name]);
  }
  if (byYear.size < 2) return null;
  const largest = Math.max(...[...byYear.values()].map((s) => s.length));
  if ([...byYear.values()].some((s) => s.length * 2 < largest)) return null;
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
