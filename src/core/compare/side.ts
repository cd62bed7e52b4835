import { checkWorkbook } from '../check';
import { consolidate } from '../consolidate/run';
import type { ConsolidationInput } from '../consolidate/types';
import type { Settings } from '../settings';
import type { YearSide } from './programs';

export interface LoadedSide {
  side: YearSide;
  /** Inputs that could not be read, and why (in the words the loader gave). */
  unreadable: { file: string; reason: string }[];
}

/**
 * One year from its workbooks, for the CLI and the pane alike. One workbook is checked as
 * `check` would; several (a folder of department workbooks) go through `consolidate` first —
 * the same year decision and unreadable- and wrong-year-file handling as 取りまとめ — and
 * its readable files of the run's year are compared together.
 */
export async function loadYearSide(inputs: readonly ConsolidationInput[], options: { settings: Settings }): Promise<LoadedSide> {
  const load = async (input: ConsolidationInput) => (typeof input.snapshot === 'function' ? input.snapshot() : input.snapshot);
  const { settings } = options;
  if (inputs.length === 1) {
    const snapshot = await load(inputs[0]);
    if ('unreadable' in snapshot) return { side: { reportYear: null, files: [] }, unreadable: [{ file: inputs[0].name, reason: snapshot.unreadable }] };
    const checked = checkWorkbook(snapshot, { settings, fileName: inputs[0].name });
    return { side: { reportYear: checked.report.reportYear, files: [{ file: inputs[0].name, plans: checked.plans, findings: checked.report.findings }] }, unreadable: [] };
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
    files.push({ file: f.file, plans: checked.plans, findings: checked.report.findings });
  }
  return { side: { reportYear: run.reportYear, files }, unreadable };
}
