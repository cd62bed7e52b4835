import { checkWorkbook, type Lang, type Report, type Settings, type SummaryDocument } from '../core';
import { linksWithinDocument } from '../core/links';
import { buildSummaryDocument } from '../render/summary-document';
import { cliMessages } from '../i18n/cli';
import { isUnreadable } from '../xlsx/errors';
import type { ReadLimits } from '../xlsx/limits';
// The streaming writer: rows written to the file as they are rendered (the browser keeps write.ts).
import { writeSummaryWorkbookFile } from '../xlsx/write-stream';
import type { LegacyKind } from './convert';
import { InputRefused, outputProblem, OutputRefused, writeOutputWith, writeProblemOf } from './files';
import { LegacyNotConverted, loadWorkbook } from './load';
import { findingJson, policyJson } from './json';
import { linkTarget } from './links';
import type { Io } from './io';
import { renderTextReport } from './text-report';

export interface CheckArgs {
  files: string[];
  settings: Settings;
  /** The reader's bounds, from the profile file; the defaults when absent. */
  limits?: ReadLimits;
  lang: Lang;
  json: boolean;
  out: string | null;
  force: boolean;
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
    const docs = checked.map((c) => (c.convertedFrom ? { ...(toJson(c.report, args.lang) as object), convertedFrom: c.convertedFrom } : toJson(c.report, args.lang)));
    io.stdout(JSON.stringify(args.files.length === 1 ? (docs[0] ?? null) : docs, null, 2));
  } else {
    // A converted file says so first: the cells checked are LibreOffice's reading of it.
    io.stdout(checked.map((c) => (c.convertedFrom ? `${m.converted(c.report.file ?? '', c.convertedFrom)}\n` : '') + renderTextReport(c.report, args.lang, io.terminal)).join('\n\n'));
  }
  if (args.out !== null && reports.length > 0) {
    const out = args.out;
    // A name that looks like a URL or a network path gets no link (and none into the report itself).
    const doc = linksWithinDocument(mergeDocuments(reports.map((r) => buildSummaryDocument(r, args.lang, { sourceFile: linkTarget(out, r.file ?? '') ?? undefined }))));
    try {
      await writeOutputWith(args.out, (temp) => writeSummaryWorkbookFile(doc, temp), args.files, args.force);
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
    return { report: checkWorkbook(snapshot, { settings: args.settings, fileName: file }).report, convertedFrom };
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
  convertedFrom: LegacyKind | null;
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

/** The JSON contract of `check --json`. */
export function toJson(report: Report, lang: Lang): unknown {
  return {
    file: report.file,
    reportYear: report.reportYear,
    sheets: report.sheets,
    findings: report.findings.map((f) => findingJson(f, lang)),
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
