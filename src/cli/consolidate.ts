import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import {
  consolidate,
  countBySeverity,
  DEFAULT_SCALE,
  formatFiscalYear,
  readPlanMaster,
  type ConsolidationInput,
  type ConsolidationResult,
  type InputSnapshot,
  type Lang,
  type WorkbookSnapshot,
} from '../core';
import { linksWithinDocument } from '../core/links';
import { cliMessages } from '../i18n/cli';
import { consolidateMessages } from '../i18n/consolidate';
import { outputMessages, type FolderProblem } from '../i18n/output';
import { safeFileName } from '../render/file-name';
import type { SummaryDocument } from '../core/summary-document';
import { isUnreadable } from '../xlsx/errors';
import type { ReadLimits } from '../xlsx/limits';
import { readSheetNames } from '../xlsx/read';
import { writeSummaryFile } from './write-summary';
import { outputFailure, relativeTo } from './check';

import type { LegacyKind } from './convert';
import { InputRefused, outputProblem, OutputRefused, readInput, writeOutputWith, writeProblemOf } from './files';
import { expandInputs, type SkippedEntry } from './folders';
import { LegacyNotConverted, loadWorkbook } from './load';
import { escapeName } from './terminal';
import { findingJson, JSON_SCHEMA_VERSION, policyJson } from './json';
import { buildConsolidationDocument, buildDepartmentDocuments } from '../render/consolidation-document';
import { printPieces, type Io } from './io';
import { jsonPieces } from './json-text';
import { loadProfile, parseCommandArgs, type RunArgs } from './main';
import { findingLines, placeOf } from './text-report';
import { pad, paint, PLAIN, shownPath, type Terminal } from './terminal';

export interface ConsolidateArgs extends RunArgs {
  inputs: string[];
  master: string | null;
  /** Folder for one 点検結果 workbook per 担当課. */
  perDepartment?: string | null;
}

/** `hyoka consolidate <files or folders>…`: parses its own options; exit 0 / 1 error findings / 2 bad arguments. */
export async function consolidateCommand(argv: string[], lang: Lang, io: Io): Promise<number> {
  const m = cliMessages[lang];
  const parsed = parseCommandArgs(argv, true, lang, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.stderr(`${consolidateMessages[lang].noInputs}\n${m.usageLine.consolidate}`);
    return 2;
  }
  const profile = await loadProfile(values.config, values.year, lang, io);
  if (!profile) return 2;
  const { settings, limits } = profile;
  return runConsolidate(
    { inputs: positionals, master: values.master ?? null, settings, limits, lang, json: values.json, out: values.out ?? null, perDepartment: values['per-department'] ?? null, force: values.force },
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
  // --per-department: an empty name or something that is not a folder is refused before anything is read or written.
  const perDepartment = args.perDepartment ?? null;
  if (perDepartment !== null) {
    const problem = await folderProblem(perDepartment);
    if (problem) {
      io.stderr(outputMessages[args.lang].folderRefused(perDepartment, problem.problem, problem.detail));
      return 2;
    }
  }
  // The output is left out of a folder only when it is an earlier 取りまとめ output: any other
  // workbook of that name is a department's file, which the write below must then refuse.
  const previousOutput = args.out !== null && (await isConsolidationOutput(args.out)) ? args.out : null;
  // The master is used as the master; earlier outputs of this command are listed as such.
  const skip = [
    ...(args.master !== null ? [{ path: args.master, reason: null }] : []),
    ...(previousOutput !== null ? [{ path: previousOutput, reason: 'hyoka-output' as const }] : []),
    ...(args.perDepartment ? [{ path: args.perDepartment, reason: 'hyoka-output' as const }] : []),
  ];
  const expanded = await expandInputs(args.inputs, skip, args.lang, io);
  if (expanded === null) return 2;
  const { files, skipped } = expanded;
  if (perDepartment !== null && (await holdsInputs(perDepartment, [...args.inputs, ...files, ...(args.master ? [args.master] : [])]))) {
    io.stderr(outputMessages[args.lang].folderRefused(perDepartment, 'input-folder'));
    return 2;
  }
  const converted = new Map<string, LegacyKind>();

  let master: WorkbookSnapshot | undefined;
  if (args.master) {
    const loaded = await loadSnapshot(args.master, args.lang, args.limits, converted);
    if ('unreadable' in loaded) {
      io.stderr(c.masterUnreadable(escapeName(args.master), loaded.unreadable));
      return 2;
    }
    if (readPlanMaster(loaded) === null) {
      io.stderr(c.masterWithoutPlan(escapeName(args.master)));
      return 2;
    }
    master = loaded;
  }

  const progress = args.json || !io.interactive ? null : progressBar(c.progress);
  const inputs: ConsolidationInput[] = files.map((file) => ({ name: file, snapshot: () => loadSnapshot(file, args.lang, args.limits, converted) }));
  const result = await consolidate(inputs, {
    master,
    masterName: args.master,
    settings: args.settings,
    notRead: skipped,
    onProgress: progress ?? undefined,
  });
  progress?.(files.length, files.length, '', true);
  if (result.detectedMaster !== null) io.stderr(c.masterDetected(shownPath(io.terminal ?? PLAIN, result.detectedMaster)));

  // What the folder walk left out and the workbooks set aside (Hyoka's outputs, tracking sheets …).
  const notes = { skipped: result.notRead, converted };
  if (args.json) printPieces(io, jsonPieces(toConsolidationJson(result, args.lang, notes)));
  else io.stdout(renderConsolidationText(result, args.master ?? result.detectedMaster, args.lang, notes, io.terminal));

  const read = [...files, ...(args.master ? [args.master] : [])];
  // The department files are planned (names, folder, nothing in the way) before --out is written,
  // so a folder that cannot be used leaves nothing half done.
  const departments = perDepartment !== null ? await planDepartments(result, perDepartment, args, io) : null;
  if (departments === 'refused') return 2;
  if (args.out !== null) {
    try {
      const doc = linksWithinDocument(buildConsolidationDocument(result, args.lang, (file) => relativeTo(args.out ?? '', file)));
      await writeOutputWith(args.out, (temp) => writeSummaryFile(doc, temp), read, args.force);
      if (!args.json) io.stderr(c.wrote(escapeName(args.out)));
    } catch (e) {
      io.stderr(outputFailure(args.out, e, args.lang));
      return 2;
    }
  }
  if (departments !== null && perDepartment !== null) {
    const code = await writePerDepartment(departments, perDepartment, read, args, io);
    if (code !== 0) return code;
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** One department's 点検結果 workbook as it will be written. */
interface PlannedDepartment {
  file: string;
  document: SummaryDocument;
}

/**
 * `--per-department DIR` as a plan: the folder made (or there), each department's file name
 * (src/render/file-name.ts, as the pane names its ZIP entries), and none already there unless
 * --force. A department seen only in the name of a file that could not be read has nothing to
 * write: a line says so. 'refused' after saying why; nothing was written then.
 */
async function planDepartments(result: ConsolidationResult, dir: string, args: ConsolidateArgs, io: Io): Promise<PlannedDepartment[] | 'refused'> {
  const c = consolidateMessages[args.lang];
  const o = outputMessages[args.lang];
  const made = await makeFolder(dir);
  if (made !== null) {
    io.stderr(o.folderRefused(dir, made.problem, made.detail));
    return 'refused';
  }
  const docs = buildDepartmentDocuments(result, args.lang, (file) => relativeTo(path.join(dir, 'x.xlsx'), file));
  // A file that could not be read whose department has no workbook here (it was known only by
  // the file's name, and nothing of it was checked): said, rather than missing in silence.
  const covered = new Set(docs.flatMap((d) => [...d.files, d.department]));
  const unwritten = new Map<string, string[]>();
  for (const f of result.files) {
    if (f.status !== 'unreadable' || covered.has(f.file)) continue;
    const department = f.department ?? path.basename(f.file);
    if (covered.has(department)) continue;
    unwritten.set(department, [...(unwritten.get(department) ?? []), shownPath(io.terminal ?? PLAIN, f.file)]);
  }
  for (const [department, files] of unwritten) io.stderr(o.departmentNotWritten(department, files));
  const taken = new Set<string>();
  const planned = docs.map((d) => ({ file: path.join(dir, safeFileName(d.department, `_${c.findingsSheet}.xlsx`, taken, 'department')), document: d.document }));
  if (!args.force) {
    const there: string[] = [];
    for (const p of planned) if ((await outputProblem(p.file, false)) !== null) there.push(shownPath(io.terminal ?? PLAIN, p.file));
    if (there.length > 0) {
      io.stderr(o.departmentsExist(dir, there));
      return 'refused';
    }
  }
  return planned;
}

/**
 * Writes the planned department files one by one, each whole or not at all. Should one fail
 * (a full disk, a file that appeared meanwhile), the run stops and says exactly which files
 * were written and which were not.
 */
async function writePerDepartment(planned: readonly PlannedDepartment[], dir: string, inputs: readonly string[], args: ConsolidateArgs, io: Io): Promise<number> {
  const c = consolidateMessages[args.lang];
  const shown = (file: string): string => shownPath(io.terminal ?? PLAIN, file);
  const done: string[] = [];
  for (const [k, p] of planned.entries()) {
    try {
      await writeOutputWith(p.file, (temp) => writeSummaryFile(p.document, temp), inputs, args.force);
      done.push(p.file);
    } catch (e) {
      const rest = planned.slice(k).map((q) => shown(q.file));
      io.stderr(outputMessages[args.lang].departmentsPartial(dir, shown(p.file), writeFailureDetail(e, args.lang), done.map(shown), rest));
      return 2;
    }
  }
  if (!args.json) io.stderr(c.wroteDepartments(planned.length, escapeName(dir)));
  return 0;
}

/** Why one file was not written, in a few words (the message around it names the file). */
function writeFailureDetail(e: unknown, lang: Lang): string {
  const m = cliMessages[lang];
  if (e instanceof OutputRefused) return e.reason === 'exists' ? (lang === 'ja' ? '既にあります' : 'it already exists') : e.reason;
  const problem = writeProblemOf(e);
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return problem === 'other' ? `${m.writeProblem.other}: ${code ?? (e instanceof Error ? e.message : String(e))}`.slice(0, 200) : m.writeProblem[problem];
}

/** Why `dir` cannot be the --per-department folder, seen without creating anything (null: it can). */
async function folderProblem(dir: string): Promise<{ problem: FolderProblem; detail?: string } | null> {
  if (dir.trim() === '') return { problem: 'empty' };
  try {
    const stat = await fs.stat(dir);
    return stat.isDirectory() ? null : { problem: 'not-a-folder' };
  } catch (e) {
    // Not there yet: made later, just before the first file is written (an ENOTDIR here is a file on the way).
    return (e as NodeJS.ErrnoException).code === 'ENOTDIR' ? { problem: 'under-a-file' } : null;
  }
}

/** Creates the folder (and its parents), and checks it can be written to; the problem when not. */
async function makeFolder(dir: string): Promise<{ problem: FolderProblem; detail?: string } | null> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { problem: 'not-a-folder' };
    if (code === 'ENOTDIR') return { problem: 'under-a-file' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'permission' };
    if (code === 'EROFS') return { problem: 'read-only' };
    return { problem: 'other', detail: code ?? (e instanceof Error ? e.message : String(e)) };
  }
}

/** True when `dir` is a folder an input was read from (or given as a folder of inputs). */
async function holdsInputs(dir: string, inputs: readonly string[]): Promise<boolean> {
  const real = async (p: string): Promise<string | null> => {
    try {
      return await fs.realpath(p);
    } catch {
      return null;
    }
  };
  const target = await real(dir);
  if (target === null) return false;
  for (const input of inputs) {
    const isFolder = await fs.stat(input).then((st) => st.isDirectory(), () => false);
    const folder = await real(isFolder ? input : path.dirname(input));
    if (folder === target) return true;
  }
  return false;
}

/** A workbook this command wrote before: it has the 取りまとめ and 提出状況 sheets. */
async function isConsolidationOutput(file: string): Promise<boolean> {
  try {
    // Through readInput (--out may name anything; only a regular file is opened) and the
    // bounded reader (a bomb in a folder costs its bound here too).
    const names = readSheetNames(await readInput(file)) ?? [];
    return names.includes('取りまとめ') && names.includes('提出状況');
  } catch {
    return false;
  }
}

export { DEFAULT_FOLDER_DEPTH, expandInputs, WORKBOOK_EXTENSIONS, type SkippedEntry } from './folders';

/** What the report says besides the consolidation itself. */
export interface ConsolidationNotes {
  skipped: readonly SkippedEntry[];
  converted: ReadonlyMap<string, LegacyKind>;
}

/**
 * Reads one file; a file that cannot be read becomes a value the run reports, not an exception —
 * whatever went wrong in it, so one hostile file among many costs only itself.
 */
async function loadSnapshot(file: string, lang: Lang, limits: ReadLimits | undefined, converted: Map<string, LegacyKind>): Promise<InputSnapshot> {
  const m = cliMessages[lang];
  try {
    const loaded = await loadWorkbook(file, limits);
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
    schemaVersion: JSON_SCHEMA_VERSION,
    reportYear: result.reportYear,
    scale: result.report.scale ?? DEFAULT_SCALE,
    files: result.files.map((f) => ({
      file: f.file,
      department: f.department,
      reportYear: f.reportYear,
      status: f.status,
      errors: f.errors,
      warnings: f.warnings,
      ...(f.scale ? { scale: f.scale.levels.map((l) => l.label) } : {}),
      ...(f.departmentSource !== undefined ? { departmentFrom: f.departmentSource } : {}),
      ...(f.hiddenSheetsRead !== undefined ? { hiddenSheetsRead: f.hiddenSheetsRead } : {}),
      ...(notes.converted.has(f.file) ? { convertedFrom: notes.converted.get(f.file) } : {}),
    })),
    skipped: notes.skipped.map((s) => ({ file: s.file, reason: s.reason, ...(s.sameAs !== undefined ? { sameAs: s.sameAs } : {}) })),
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
  t: Terminal = PLAIN,
): string {
  const c = consolidateMessages[lang];
  const year = result.reportYear !== null ? formatFiscalYear(result.reportYear, lang) : c.unknownYear;
  const lines = [paint(t, 'heading', c.heading(year, result.files.length, master !== null ? shownPath(t, master) : null)), '', c.statusHeading];
  for (const s of result.submissions) {
    const state =
      s.state === 'missing'
        ? c.submitted.no
        : s.state === 'unreadable'
        ? c.submitted.unreadable
        : s.state === 'inside-other'
        ? c.submitted.insideOther(s.files.map(escapeName).join('、'))
        : s.expected
        ? c.submitted.yes
        : c.submitted.notInMaster;
    const detail =
      s.state === 'unreadable'
        ? `  ${s.files.map((f) => shownPath(t, f)).join('、')}  ${paint(t, 'error', c.fileStatus.unreadable)}`
        : s.state === 'received'
        ? `  ${s.files.map((f) => shownPath(t, f)).join('、')}  ${c.fileStatus[s.fileStatus ?? 'ok']}  ${c.col.errors} ${s.errors} / ${c.col.warnings} ${s.warnings}`
        : '';
    lines.push(`  ${pad(escapeName(s.department), 28)} ${s.state === 'missing' || s.state === 'unreadable' ? paint(t, 'error', state) : state}${detail}`);
  }
  lines.push('', c.findingsHeading);
  let current: string | null | undefined;
  for (const f of result.findings) {
    if (f.file !== current) {
      current = f.file;
      lines.push(`  ${f.file !== null ? shownPath(t, f.file) : c.runLevel}`);
    }
    const where = f.sheet ? `${escapeName(f.sheet)}!${placeOf(f, null, lang)}` : '-';
    lines.push(...findingLines(f, where, lang, t, '    '));
  }
  if (result.findings.length === 0) lines.push(`  ${c.noFindings}`);
  if (notes.converted.size > 0) {
    lines.push('', c.convertedHeading);
    for (const [file, kind] of notes.converted) lines.push(`  ${shownPath(t, file)}  (.${kind})`);
  }
  if (notes.skipped.length > 0) {
    lines.push('', c.skippedHeading);
    for (const s of notes.skipped) lines.push(`  ${shownPath(t, s.file)}  ${c.skipped[s.reason]}${s.sameAs !== undefined ? c.skippedSameAs(shownPath(t, s.sameAs)) : ''}`);
  }
  lines.push('', c.totals(countBySeverity(result.findings), result.rows.length));
  return lines.join('\n');
}

/** A cli-progress bar on the terminal's stderr; only used when stderr is a TTY. */
function progressBar(label: string): (done: number, total: number, name: string, finished?: boolean) => void {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {file}`, stream: process.stderr, clearOnComplete: true, hideCursor: true, barsize: 24 },
    cliProgress.Presets.legacy,
  );
  let started = false;
  return (done, total, name, finished = false) => {
    if (!started) {
      bar.start(total, 0, { file: '' });
      started = true;
    }
    if (finished) {
      bar.stop();
      return;
    }
    bar.update(done, { file: escapeName(path.basename(name)) });
  };
}
