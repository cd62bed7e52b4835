import { checkWorkbook, type Lang, type Settings } from '../core';
import { compareYears, loadYearSide, type ComparisonResult } from '../core/compare';
import type { WorkbookPort, WriteOutcome } from '../excel/port';
import type { PickedFile } from '../excel/picked-files';
import type { InputSnapshot } from '../core';
import type { UnreadableReason } from '../xlsx/errors';
import { buildComparisonDocument } from '../render/comparison-document';

/**
 * 前年度比較 in the pane, apart from the React screen so it can be tested without one: this
 * year is the open (or dropped) workbook, read through its port; last year is one or more
 * picked files, read one at a time. The result's findings point at this year's cells.
 */
export interface ComparisonRun {
  result: ComparisonResult;
  /** Last year's files that could not be read. */
  unreadable: { file: string; reason: string }[];
}

export async function runPaneComparison(args: {
  port: WorkbookPort;
  previousFiles: readonly PickedFile[];
  settings: Settings;
  lang: Lang;
  readInput(file: PickedFile, describe: (reason: UnreadableReason) => string): Promise<InputSnapshot>;
  describe(reason: UnreadableReason): string;
}): Promise<ComparisonRun> {
  const snapshot = await args.port.readSnapshot();
  const current = checkWorkbook(snapshot, { settings: args.settings, fileName: args.port.fileName });
  // Last year's workbooks state their own year: this year's setting must not be forced on them.
  const lastYearSettings: Settings = { ...args.settings };
  delete lastYearSettings.reportYear;
  const previous = await loadYearSide(
    args.previousFiles.map((f) => ({ name: f.name, snapshot: () => args.readInput(f, args.describe) })),
    { settings: lastYearSettings },
  );
  const result = compareYears(previous.side, { reportYear: current.report.reportYear, files: [{ file: args.port.fileName, plans: current.plans, findings: current.report.findings }] }, { settings: args.settings });
  return { result, unreadable: previous.unreadable };
}

/** Writes the 前年度比較 sheet: into the open workbook (Excel), or as a workbook to download (browser). */
export function writeComparison(port: WorkbookPort, result: ComparisonResult, lang: Lang): Promise<WriteOutcome> {
  return port.writeSummary(buildComparisonDocument(result, lang));
}
