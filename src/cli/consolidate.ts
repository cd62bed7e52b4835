import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  consolidate,
  countBySeverity,
  formatFiscalYear,
  readPlanMaster,
  type ConsolidationInput,
  type ConsolidationResult,
  type InputSnapshot,
  type Lang,
  type Settings,
  type WorkbookSnapshot,
} from '../core';
import { cliMessages } from '../i18n/cli';
import { consolidateMessages } from '../i18n/consolidate';
import { isUnreadable } from '../xlsx/errors';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../xlsx/limits';
// The one reader (streaming inflate + XML, bounded), the same as the browser pane's.
import { readSheetNames, readWorkbook } from '../xlsx/read';
import { writeSummaryWorkbookFile } from '../xlsx/write-stream';
import { relativeTo } from './check';

import { OutputRefused, readInput, writeOutputWith } from './files';
import { findingJson, policyJson } from './json';
import { buildConsolidationDocument } from '../render/consolidation-document';
import { describe } from '../render/describe';
import type { Io } from './io';
import { loadProfile, parseCommandArgs } from './main';

export interface ConsolidateArgs {
  inputs: string[];
  master: string | null;
  settings: Settings;
  /** The reader's bounds, from the profile file; the defaults when absent. */
  limits?: ReadLimits;
  lang: Lang;
  json: boolean;
  out: string | null;
  force: boolean;
}

/** `hyoka consolidate <files or folders>…`: parses its own options; exit 0 / 1 error findings / 2 bad arguments. */
export async function consolidateCommand(argv: string[], lang: Lang, io: Io): Promise<number> {
  const m = cliMessages[lang];
  const parsed = parseCommandArgs(argv, true, lang, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.stderr(`${consolidateMessages[lang].noInputs}\n\n${m.usage}`);
    return 2;
  }
  const profile = await loadProfile(values.config, values.year, lang, io);
  if (!profile) return 2;
  const { settings, limits } = profile;
  return runConsolidate(
    { inputs: positionals, master: values.master ?? null, settings, limits, lang, json: values.json, out: values.out ?? null, force: values.force },
    io,
  );
}

export async function runConsolidate(args: ConsolidateArgs, io: Io): Promise<number> {
  const c = consolidateMessages[args.lang];
  const m = cliMessages[args.lang];
  // The output is left out of a folder only when it is an earlier 取りまとめ output: any other
  // workbook of that name is a department's file, which the write below must then refuse.
  const previousOutput = args.out !== null && (await isConsolidationOutput(args.out)) ? args.out : null;
  const skip = [args.master, previousOutput].filter((p): p is string => p !== null).map((p) => path.resolve(p));
  const files = await expandInputs(args.inputs, skip, args.lang, io);
  if (files === null) return 2;

  let master: WorkbookSnapshot | undefined;
  if (args.master) {
    const loaded = await loadSnapshot(args.master, args.lang, args.limits ?? DEFAULT_READ_LIMITS);
    if ('unreadable' in loaded) {
      io.stderr(c.masterUnreadable(args.master, loaded.unreadable));
      return 2;
    }
    if (readPlanMaster(loaded) === null) {
      io.stderr(c.masterWithoutPlan(args.master));
      return 2;
    }
    master = loaded;
  }

  const progress = args.json || !io.interactive ? null : progressBar(c.progress);
  const inputs: ConsolidationInput[] = files.map((file) => ({ name: file, snapshot: () => loadSnapshot(file, args.lang, args.limits ?? DEFAULT_READ_LIMITS) }));
  const result = await consolidate(inputs, {
    master,
    masterName: args.master,
    settings: args.settings,
    onProgress: progress ?? undefined,
  });
  progress?.(files.length, files.length, '', true);

  if (args.json) io.stdout(JSON.stringify(toConsolidationJson(result, args.lang), null, 2));
  else io.stdout(renderConsolidationText(result, args.master, args.lang));

  if (args.out) {
    try {
      await writeOutputWith(args.out, (temp) => writeSummaryWorkbookFile(buildConsolidationDocument(result, args.lang, (file) => relativeTo(args.out ?? '', file)), temp), [...files, ...(args.master ? [args.master] : [])], args.force);
      if (!args.json) io.stderr(c.wrote(args.out));
    } catch (e) {
      if (!(e instanceof OutputRefused)) throw e;
      io.stderr(e.reason === 'exists' ? m.outExists(args.out) : m.outIsInput(args.out));
      return 2;
    }
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** A workbook this command wrote before: it has the 取りまとめ and 提出状況 sheets. */
async function isConsolidationOutput(file: string): Promise<boolean> {
  try {
    // Through the bounded reader: a bomb in a folder costs its bound here too.
    const names = readSheetNames(new Uint8Array(await fs.readFile(file))) ?? [];
    return names.includes('取りまとめ') && names.includes('提出状況');
  } catch {
    return false;
  }
}

/**
 * Files as named, folders as their *.xlsx (not recursive; Excel's ~$ lock files and dotfiles
 * skipped), sorted by name so every run reads the same files in the same order. The master
 * and the output are left out of a folder. Null after saying why an argument is unusable.
 */
export async function expandInputs(inputs: readonly string[], skip: readonly string[], lang: Lang, io: Io): Promise<string[] | null> {
  const c = consolidateMessages[lang];
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(file);
  };
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch {
      io.stderr(c.notFound(input));
      return null;
    }
    if (!stat.isDirectory()) {
      add(input);
      continue;
    }
    const names = (await fs.readdir(input, { withFileTypes: true }))
      .filter((d) => d.isFile() && /\.xlsx$/i.test(d.name) && !d.name.startsWith('~$') && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const picked = names.map((n) => path.join(input, n)).filter((p) => !skip.includes(path.resolve(p)));
    if (picked.length === 0) {
      io.stderr(c.emptyFolder(input));
      return null;
    }
    picked.forEach(add);
  }
  return out;
}

/** Reads one file; a file that cannot be read becomes a value the run reports, not an exception. */
async function loadSnapshot(file: string, lang: Lang, limits: ReadLimits): Promise<InputSnapshot> {
  const m = cliMessages[lang];
  let data: Uint8Array;
  try {
    data = await readInput(file);
  } catch (e) {
    return { unreadable: e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : m.notFound(file) };
  }
  try {
    return await readWorkbook(data, file, { limits });
  } catch (e) {
    if (!isUnreadable(e)) throw e;
    // The finding names the file already: only the reason.
    return { unreadable: m.unreadableReason(e.reason) };
  }
}

/** The JSON contract of `consolidate --json`. */
export function toConsolidationJson(result: ConsolidationResult, lang: Lang): unknown {
  return {
    reportYear: result.reportYear,
    files: result.files.map((f) => ({
      file: f.file,
      department: f.department,
      reportYear: f.reportYear,
      status: f.status,
      errors: f.errors,
      warnings: f.warnings,
    })),
    findings: result.findings.map((f) => ({ file: f.file, ...findingJson(f, lang) })),
    policies: result.report.policies.map(policyJson),
    rows: result.rows.length,
  };
}

/** The terminal report: submissions, then findings grouped by file, then totals. */
export function renderConsolidationText(result: ConsolidationResult, master: string | null, lang: Lang): string {
  const c = consolidateMessages[lang];
  const m = cliMessages[lang];
  const year = result.reportYear !== null ? formatFiscalYear(result.reportYear, lang) : c.unknownYear;
  const lines = [c.heading(year, result.files.length, master), '', c.statusHeading];
  for (const s of result.submissions) {
    const state = s.state === 'missing' ? c.submitted.no : s.state === 'inside-other' ? c.submitted.insideOther(s.files.join('、')) : s.expected ? c.submitted.yes : c.submitted.notInMaster;
    const detail =
      s.state === 'received'
        ? `  ${s.files.join('、')}  ${c.fileStatus[s.fileStatus ?? 'ok']}  ${c.col.errors} ${s.errors} / ${c.col.warnings} ${s.warnings}`
        : '';
    lines.push(`  ${pad(s.department, 28)} ${state}${detail}`);
  }
  lines.push('', c.findingsHeading);
  let current: string | null | undefined;
  for (const f of result.findings) {
    if (f.file !== current) {
      current = f.file;
      lines.push(`  ${f.file ?? c.runLevel}`);
    }
    const where = f.sheet ? `${f.sheet}${f.cell ? `!${f.cell}` : f.row ? `:${f.row}` : ''}` : '-';
    lines.push(`    ${pad(m.severity[f.severity], 6)} ${pad(where, 14)} ${describe(f, lang)}  [${f.rule}]`);
  }
  if (result.findings.length === 0) lines.push(`  ${c.noFindings}`);
  lines.push('', c.totals(countBySeverity(result.findings), result.rows.length));
  return lines.join('\n');
}

/** `\r`-redrawn bar on the terminal's stderr; only used when stderr is a TTY. */
function progressBar(label: string): (done: number, total: number, name: string, finished?: boolean) => void {
  return (done, total, name, finished = false) => {
    if (finished) {
      process.stderr.write('\r\x1b[K');
      return;
    }
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(`\r\x1b[K${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${path.basename(name)}`);
  };
}

function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}
