import { promises as fs } from 'node:fs';
import JSZip from 'jszip';
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
import { linksWithinDocument } from '../core/links';
import { cliMessages } from '../i18n/cli';
import { consolidateMessages, type SkipReason } from '../i18n/consolidate';
import { isUnreadable } from '../xlsx/errors';
import { writeSummaryWorkbookFile } from '../xlsx/write-stream';
import { outputFailure, relativeTo } from './check';

import type { LegacyKind } from './convert';
import { InputRefused, outputProblem, problemOf, readInput, writeOutputWith } from './files';
import { LegacyNotConverted, loadWorkbook } from './load';
import { escapeControls } from './terminal';
import { findingJson, policyJson } from './json';
import { buildConsolidationDocument } from '../render/consolidation-document';
import { describe } from '../render/describe';
import type { Io } from './io';
import { loadSettings, parseCommandArgs } from './main';

export interface ConsolidateArgs {
  inputs: string[];
  master: string | null;
  settings: Settings;
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
  const settings = await loadSettings(values.config, values.year, lang, io);
  if (!settings) return 2;
  return runConsolidate(
    { inputs: positionals, master: values.master ?? null, settings, lang, json: values.json, out: values.out ?? null, force: values.force },
    io,
  );
}

export async function runConsolidate(args: ConsolidateArgs, io: Io): Promise<number> {
  const c = consolidateMessages[args.lang];
  const m = cliMessages[args.lang];
  if (args.out !== null) {
    const problem = await outputProblem(args.out, args.force);
    // An earlier 取りまとめ output is replaced only with --force, as any file; this refusal comes first.
    if (problem) {
      io.stderr(m.outRefused(args.out, problem));
      return 2;
    }
  }
  // The output is left out of a folder only when it is an earlier 取りまとめ output: any other
  // workbook of that name is a department's file, which the write below must then refuse.
  const previousOutput = args.out !== null && (await isConsolidationOutput(args.out)) ? args.out : null;
  const skip = [args.master, previousOutput].filter((p): p is string => p !== null).map((p) => path.resolve(p));
  const expanded = await expandInputs(args.inputs, skip, args.lang, io);
  if (expanded === null) return 2;
  const { files, skipped } = expanded;
  const converted = new Map<string, LegacyKind>();

  let master: WorkbookSnapshot | undefined;
  if (args.master) {
    const loaded = await loadSnapshot(args.master, args.lang, converted);
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
  const inputs: ConsolidationInput[] = files.map((file) => ({ name: file, snapshot: () => loadSnapshot(file, args.lang, converted) }));
  const result = await consolidate(inputs, {
    master,
    masterName: args.master,
    settings: args.settings,
    onProgress: progress ?? undefined,
  });
  progress?.(files.length, files.length, '', true);

  const notes = { skipped, converted };
  if (args.json) io.stdout(JSON.stringify(toConsolidationJson(result, args.lang, notes), null, 2));
  else io.stdout(renderConsolidationText(result, args.master, args.lang, notes));

  if (args.out !== null) {
    try {
      const doc = linksWithinDocument(buildConsolidationDocument(result, args.lang, (file) => relativeTo(args.out ?? '', file)));
      await writeOutputWith(args.out, (temp) => writeSummaryWorkbookFile(doc, temp), [...files, ...(args.master ? [args.master] : [])], args.force);
      if (!args.json) io.stderr(c.wrote(args.out));
    } catch (e) {
      io.stderr(outputFailure(args.out, e, args.lang));
      return 2;
    }
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** A workbook this command wrote before: it has the 取りまとめ and 提出状況 sheets. */
async function isConsolidationOutput(file: string): Promise<boolean> {
  try {
    // Through readInput: --out may name anything; only a regular file is opened.
    const zip = await JSZip.loadAsync(await readInput(file));
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    return workbook.includes('name="取りまとめ"') && workbook.includes('name="提出状況"');
  } catch {
    return false;
  }
}

/** A workbook a folder contributes: .xlsx, .xlsm, and the legacy .xls and .ods LibreOffice converts. */
export const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xls|ods)$/i;

/** A folder entry that was not read, and why; listed in the report. */
export interface SkippedEntry {
  file: string;
  reason: SkipReason;
}

/** What the report says besides the consolidation itself. */
export interface ConsolidationNotes {
  skipped: readonly SkippedEntry[];
  converted: ReadonlyMap<string, LegacyKind>;
}

/**
 * Files as named, folders as their workbooks (.xlsx, .xlsm, .xls, .ods; not recursive; Excel's ~$
 * lock files and dotfiles left out), sorted by name so every run reads the same files in the same
 * order. A symlink in a folder counts as the file it points to, wherever that lies (the user put
 * the link there); a loop, a link to nothing, a FIFO, device or socket, or a file that is not a
 * workbook is skipped and listed with its reason. The master and the output are left out of a
 * folder. Null after saying why an argument is unusable.
 */
export async function expandInputs(
  inputs: readonly string[],
  skip: readonly string[],
  lang: Lang,
  io: Io,
): Promise<{ files: string[]; skipped: SkippedEntry[] } | null> {
  const c = consolidateMessages[lang];
  const m = cliMessages[lang];
  const out: string[] = [];
  const skipped: SkippedEntry[] = [];
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
    } catch (e) {
      const problem = problemOf(e);
      io.stderr(problem === null || problem === 'not-found' ? c.notFound(input) : m.inputRefused(input, problem));
      return null;
    }
    if (!stat.isDirectory()) {
      // A file named on the command line is read (or refused, with its reason) as it is.
      add(input);
      continue;
    }
    let entries;
    try {
      entries = await fs.readdir(input, { withFileTypes: true });
    } catch (e) {
      io.stderr(m.inputRefused(input, problemOf(e) ?? 'permission'));
      return null;
    }
    const picked: string[] = [];
    for (const d of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (d.name.startsWith('~$') || d.name.startsWith('.')) continue;
      const p = path.join(input, d.name);
      if (skip.includes(path.resolve(p))) continue;
      const reason = await entryProblem(p, d.isSymbolicLink());
      if (reason === 'folder') continue; // not recursive: a subfolder is another set of files
      if (reason !== null) skipped.push({ file: p, reason });
      else picked.push(p);
    }
    if (picked.length === 0) {
      io.stderr(c.emptyFolder(input));
      return null;
    }
    picked.forEach(add);
  }
  return { files: out, skipped };
}

/** Why a folder entry is not read (null: it is a workbook to read). Never opens the entry. */
async function entryProblem(file: string, isLink: boolean): Promise<SkipReason | 'folder' | null> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const problem = problemOf(e);
    if (problem === 'link-loop') return 'link-loop';
    if (problem === 'permission') return 'permission';
    return isLink ? 'dangling-link' : 'not-a-file';
  }
  if (stat.isDirectory()) return 'folder';
  if (!stat.isFile()) return 'not-a-file';
  // The link's own name or its target's: either says it is a workbook.
  if (WORKBOOK_EXTENSIONS.test(file)) return null;
  if (isLink) {
    try {
      if (WORKBOOK_EXTENSIONS.test(await fs.realpath(file))) return null;
    } catch {
      return 'dangling-link';
    }
  }
  return 'not-a-workbook';
}

/**
 * Reads one file; a file that cannot be read becomes a value the run reports, not an exception —
 * whatever went wrong in it, so one hostile file among many costs only itself.
 */
async function loadSnapshot(file: string, lang: Lang, converted: Map<string, LegacyKind>): Promise<InputSnapshot> {
  const m = cliMessages[lang];
  try {
    const loaded = await loadWorkbook(file);
    if (loaded.convertedFrom) converted.set(file, loaded.convertedFrom);
    return loaded.snapshot;
  } catch (e) {
    // The finding names the file already: only the reason.
    if (e instanceof InputRefused) return { unreadable: m.inputProblem(e.problem) };
    if (e instanceof LegacyNotConverted) return { unreadable: m.legacyReason(e.kind, e.problem, e.detail) };
    if (isUnreadable(e)) return { unreadable: m.unreadableReason(e.reason) };
    return { unreadable: `${m.unreadableReason('corrupt')} (${e instanceof Error ? e.message.replace(/\s+/g, ' ').slice(0, 120) : String(e)})` };
  }
}

/** The JSON contract of `consolidate --json`. */
export function toConsolidationJson(result: ConsolidationResult, lang: Lang, notes: ConsolidationNotes = { skipped: [], converted: new Map() }): unknown {
  return {
    reportYear: result.reportYear,
    files: result.files.map((f) => ({
      file: f.file,
      department: f.department,
      reportYear: f.reportYear,
      status: f.status,
      errors: f.errors,
      warnings: f.warnings,
      ...(notes.converted.has(f.file) ? { convertedFrom: notes.converted.get(f.file) } : {}),
    })),
    skipped: notes.skipped.map((s) => ({ file: s.file, reason: s.reason })),
    findings: result.findings.map((f) => ({ file: f.file, ...findingJson(f, lang) })),
    policies: result.report.policies.map(policyJson),
    rows: result.rows.length,
  };
}

/** The terminal report: submissions, then findings grouped by file, then totals. */
export function renderConsolidationText(
  result: ConsolidationResult,
  master: string | null,
  lang: Lang,
  notes: ConsolidationNotes = { skipped: [], converted: new Map() },
): string {
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
  if (notes.converted.size > 0) {
    lines.push('', c.convertedHeading);
    for (const [file, kind] of notes.converted) lines.push(`  ${file}  (.${kind})`);
  }
  if (notes.skipped.length > 0) {
    lines.push('', c.skippedHeading);
    for (const s of notes.skipped) lines.push(`  ${s.file}  ${c.skipped[s.reason]}`);
  }
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
    process.stderr.write(`\r\x1b[K${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${escapeControls(path.basename(name))}`);
  };
}

function pad(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}
