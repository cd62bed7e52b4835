import { checkWorkbook, DEFAULT_SCALE, type Lang, type Report, type SheetLayout, type SummaryDocument } from '../core';
import { linksWithinDocument } from '../core/links';
import { buildSummaryDocument } from '../render/summary-document';
import { cliMessages } from '../i18n/cli';
import { outputMessages } from '../i18n/output';
import { escapeName } from '../i18n/escape-names';
import { isUnreadable } from '../xlsx/errors';
// The streaming writer: rows written to the file as they are rendered (the browser keeps write.ts).
import { writeSummaryFile } from './write-summary';
import type { LegacyKind } from './convert';
import { InputRefused, outputProblem, OutputRefused, writeOutputWith, writeProblemOf } from './files';
import { LegacyNotConverted, loadWorkbook } from './load';
import { regionsBySheet, renderExplain } from './explain';
import { findingJson, JSON_SCHEMA_VERSION, policyJson } from './json';
import { linkTarget } from './links';
import { printPieces, type Io } from './io';
import { jsonPieces } from './json-text';
import { settingsFromWorkbook } from './stored-settings';
import { renderTextReport } from './text-report';
import type { RunArgs } from './main';

export interface CheckArgs extends RunArgs {
  files: string[];
  /** Print what was read (tables, columns and why, report year and its source). */
  explain?: boolean;
  /** The settings as given (--config file, --year), before defaults: they override what a workbook stores. */
  overrides?: unknown;
}

/** `hyoka check`: exit 0 clean, 1 error findings, 2 unreadable input or refused output. */
export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  const m = cliMessages[args.lang];
  // A bad --out is refused before any file is read: nothing to wait for, nothing half done.
  if (args.out !== null) {
    const problem = await outputProblem(args.out, args.force);
    if (problem) {
      io.stderr(m.outRefused(args.out, problem));
      return 2;
    }
  }
  const checked: Checked[] = [];
  let unreadable = false;
  for (const file of args.files) {
    const result = await checkFile(file, args, io);
    if (result === null) unreadable = true;
    else checked.push(result);
  }
  const reports = checked.map((c) => c.report);
  if (args.json) {
    const docs = checked.map((c) => {
      const doc = toJson(c.report, args.lang, c.layouts) as object;
      return c.convertedFrom ? { ...doc, convertedFrom: c.convertedFrom } : doc;
    });
    printPieces(io, jsonPieces(args.files.length === 1 ? (docs[0] ?? null) : docs));
  } else {
    // A converted file says so first: the cells checked are LibreOffice's reading of it.
    const text = (c: Checked): string =>
      (c.convertedFrom ? `${m.converted(c.report.file ?? '', c.convertedFrom)}\n` : '') +
      renderTextReport(c.report, args.lang, io.terminal) +
      (args.explain ? `\n\n${renderExplain(c.report, c.layouts, args.lang)}` : '');
    io.stdout(checked.map(text).join('\n\n'));
  }
  if (args.out !== null && reports.length > 0) {
    const out = args.out;
    // A name that looks like a URL or a network path gets no link (and none into the report itself).
    const doc = linksWithinDocument(mergeDocuments(reports.map((r) => buildSummaryDocument(r, args.lang, { sourceFile: linkTarget(out, r.file ?? '') ?? undefined }))));
    try {
      await writeOutputWith(args.out, (temp) => writeSummaryFile(doc, temp), args.files, args.force);
      if (!args.json) io.stderr(m.wrote(args.out));
    } catch (e) {
      io.stderr(outputFailure(args.out, e, args.lang));
      return 2;
    }
  }
  if (unreadable) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

async function checkFile(file: string, args: CheckArgs, io: Io): Promise<Checked | null> {
  const m = cliMessages[args.lang];
  try {
    const { snapshot, convertedFrom } = await loadWorkbook(file, args.limits);
    // Stored add-in data too large to read was skipped, not refused: said, not silent.
    for (const p of snapshot.storedSettingsSkipped ?? []) io.stderr(outputMessages[args.lang].propertySkipped(file, p.name, p.chars));
    let settings = args.settings;
    // Corrections saved in the workbook (読み取った表) travel with it; --config and --year override them.
    const stored = settingsFromWorkbook(snapshot, args.overrides ?? {});
    if (stored.kind === 'applied') settings = stored.settings;
    else if (stored.kind === 'invalid') io.stderr(storedInvalid(args.lang, file, stored.problems));
    const { report, layouts } = checkWorkbook(snapshot, { settings, fileName: file });
    return { report, layouts, convertedFrom };
  } catch (e) {
    if (e instanceof InputRefused) io.stderr(m.inputRefused(file, e.problem, true));
    else if (e instanceof LegacyNotConverted) io.stderr(m.unreadableBecause(file, m.legacyReason(e.kind, e.problem, e.detail)));
    else if (isUnreadable(e)) io.stderr(m.unreadable(file, e.reason));
    else throw e;
    return null;
  }
}

interface Checked {
  report: Report;
  layouts: SheetLayout[];
  convertedFrom: LegacyKind | null;
}

/** Settings stored in the workbook that cannot be used: said once, and the check goes on without them. */
function storedInvalid(lang: Lang, given: string, problems: string[]): string {
  const file = escapeName(given);
  const list = problems.map((p) => `  - ${p}`).join('\n');
  return lang === 'ja'
    ? `${file}: ブックに保存された Hyoka の設定（読み取りの修正など）に誤りがあるため、使わずに点検しました:\n${list}`
    : `${file}: the Hyoka settings saved in the workbook (reading corrections etc.) are invalid and were not applied:\n${list}`;
}

/**
 * Why --out was not written, as one line in the user's language: a refusal, or a missing
 * folder, a full disk, a read-only place… — never a stack or "internal error".
 */
export function outputFailure(out: string, e: unknown, lang: Lang): string {
  const m = cliMessages[lang];
  if (e instanceof OutputRefused) return m.outRefused(out, e.reason);
  const problem = writeProblemOf(e);
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const detail = problem === 'other' ? `${m.writeProblem.other}: ${code ?? (e instanceof Error ? e.message : String(e))}` : m.writeProblem[problem];
  return m.outWriteFailed(out, detail.replace(/\s+/g, ' ').slice(0, 200));
}

/** The JSON contract of `check --json`; `sheets[].regions` says what was read on each sheet. */
export function toJson(report: Report, lang: Lang, layouts: readonly SheetLayout[] = []): unknown {
  const regions = regionsBySheet(layouts);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    file: report.file,
    reportYear: report.reportYear,
    reportYearSource: report.reportYearSource ?? null,
    // The scale the counts are keyed by (levels best first, where it came from).
    scale: report.scale ?? DEFAULT_SCALE,
    method: report.method ?? null,
    sheets: report.sheets.map((s) => ({ ...s, regions: regions.get(s.name) ?? [] })),
    findings: report.findings.map((f) => findingJson(f, lang)),
    plans: report.plans ?? [],
    policies: report.policies.map(policyJson),
  };
}

/** Links in the output point into the input workbook, relative to where the output is written (null: no link). */
export function relativeTo(out: string, input: string): string | null {
  return linkTarget(out, input);
}

/** Several files: one workbook; each sheet's first table holds every file's rows, the other blocks follow. */
export function mergeDocuments(docs: SummaryDocument[]): SummaryDocument {
  if (docs.length === 1) return docs[0];
  const [first, ...rest] = docs;
  return {
    sheets: first.sheets.map((sheet, i) => {
      const [head, ...tail] = sheet.blocks;
      const others = rest.map((d) => d.sheets[i]?.blocks ?? []);
      const merged =
        head && head.kind === 'table'
          ? { ...head, rows: [...head.rows, ...others.flatMap((b) => (b[0]?.kind === 'table' ? b[0].rows : []))] }
          : head;
      return { name: sheet.name, blocks: [merged, ...tail, ...others.flatMap((b) => b.slice(1))].filter((b) => b !== undefined) };
    }),
  };
}
