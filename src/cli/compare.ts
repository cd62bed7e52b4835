import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  countBySeverity,
  formatFiscalYear,
  type InputSnapshot,
  type Lang,
  type Settings,
} from '../core';
import { a1 } from '../core/a1';
import { compareYears, loadYearSide, yearSidesOfOneBook, type ComparisonResult, type YearProgram, type YearSide } from '../core/compare';
import { cliMessages } from '../i18n/cli';
import { buildComparisonDocument } from '../render/comparison-document';
import { describe } from '../render/describe';
import { explainMatches } from '../render/explain-comparison';
import { compareMessages } from '../i18n/compare';
import { isUnreadable } from '../xlsx/errors';
import type { ReadLimits } from '../xlsx/limits';
import { writeSummaryFile } from './write-summary';
import { outputFailure } from './check';
import { expandInputs } from './consolidate';
import { InputRefused, outputProblem, readInput, writeOutputWith } from './files';
import { linkTarget } from './links';
import { LegacyNotConverted, loadWorkbook } from './load';
import { consolidateMessages } from '../i18n/consolidate';
import type { NotRead } from '../core/consolidate/types';
import { findingJson, JSON_SCHEMA_VERSION } from './json';
import { printPieces, type Io } from './io';
import { escapeName } from './terminal';
import { jsonPieces } from './json-text';
import { argumentProblem, COMMON_OPTIONS, loadProfile, type RunArgs } from './main';

/** `hyoka compare <last year> <this year>`: exit 0 / 1 error findings / 2 unreadable input or bad arguments. */
export async function compareCommand(argv: string[], lang: Lang, io: Io): Promise<number> {
  const m = cliMessages[lang];
  const c = compareMessages[lang].cli;
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(m.helpCompare);
    return 0;
  }
  let parsed;
  const options = { ...COMMON_OPTIONS, explain: { type: 'boolean', default: false } } as const;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    io.stderr(argumentProblem(e, options, 'compare', lang));
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') {
    io.stderr(m.badLang(values.lang));
    return 2;
  }
  // One workbook alone: it must hold several years as sheets (runCompare says when it does not).
  if (positionals.length !== 2 && positionals.length !== 1) {
    io.stderr(`${c.needTwo}\n${m.usageLine.compare}`);
    return 2;
  }
  // --year names this year's report year; last year's workbooks speak for themselves.
  const profile = await loadProfile(values.config, values.year, lang, io);
  if (!profile) return 2;
  const { settings, limits } = profile;
  return runCompare(
    { previous: positionals[0], current: positionals[positionals.length - 1], oneInput: positionals.length === 1, settings, limits, lang, json: values.json === true, out: values.out ?? null, force: values.force === true, explain: values.explain === true },
    io,
  );
}

export interface CompareArgs extends RunArgs {
  previous: string;
  current: string;
  /** One workbook given alone (`compare book.xlsx`): it must hold several years as sheets. */
  oneInput?: boolean;
  explain: boolean;
}

export async function runCompare(args: CompareArgs, io: Io): Promise<number> {
  const m = cliMessages[args.lang];
  const c = compareMessages[args.lang].cli;
  // A bad --out is refused before any file is read, as in `check`.
  if (args.out !== null) {
    const problem = await outputProblem(args.out, args.force);
    if (problem) {
      io.stderr(m.outRefused(args.out, problem));
      return 2;
    }
  }
  const lastYearSettings: Settings = { ...args.settings };
  delete lastYearSettings.reportYear;
  // The same file (or folder) for both years: one workbook holding several years as sheets is
  // compared sheet year against sheet year; anything else is refused, never read as 2020 vs 2020.
  const same = await sameInput(args.previous, args.current);
  let previous: LoadedInput | null;
  let current: LoadedInput | null;
  if (same !== null) {
    if (same === 'folder') {
      io.stderr(args.oneInput ? `${c.needTwo}\n\n${m.usage}` : c.sameFolder(args.current));
      return 2;
    }
    const both = await loadOneBook(args.current, args.settings, args.limits, args.lang, io);
    if (both === null) return 2;
    if ('oneYear' in both) {
      io.stderr(args.oneInput ? `${c.oneYearOnly(args.current)}\n${m.usageLine.compare}` : c.sameFile(args.previous, args.current));
      return 2;
    }
    io.stderr(c.sheetYears(args.current, formatFiscalYear(both.previousYear, args.lang), formatFiscalYear(both.currentYear, args.lang)));
    ({ previous, current } = both);
  } else {
    previous = await loadSide(args.previous, lastYearSettings, args.limits, args.lang, io);
    current = await loadSide(args.current, args.settings, args.limits, args.lang, io);
  }
  if (!previous || !current) return 2;
  // Last year's later than this year's: the arguments are swapped, and a comparison would mislead.
  const py = previous.side.reportYear;
  const cy = current.side.reportYear;
  if (py !== null && cy !== null && py > cy) {
    // This year's year was stated (--year), so the stated year is what contradicts last year's, not the order.
    if (args.settings.reportYear !== undefined) io.stderr(c.statedYearNotAfter(formatFiscalYear(cy, args.lang), args.previous, formatFiscalYear(py, args.lang)));
    else io.stderr(c.reversed(args.previous, formatFiscalYear(py, args.lang), args.current, formatFiscalYear(cy, args.lang)));
    return 2;
  }
  const out = args.out;
  const result = compareYears(previous.side, current.side, { settings: args.settings });

  if (args.json) printPieces(io, jsonPieces(toComparisonJson(result, previous.files, current.files, args.explain, args.lang, { previous: previous.notRead ?? [], current: current.notRead ?? [] })));
  else io.stdout(renderComparisonText(result, args.previous, args.current, args.lang, args.explain));

  if (out) {
    try {
      // Links from the written sheet reach this year's cells relative to where it is written.
      const document = buildComparisonDocument(result, args.lang, (file) => (file ? linkTarget(out, file) : null));
      await writeOutputWith(out, (temp) => writeSummaryFile(document, temp), [...previous.files, ...current.files], args.force);
      if (!args.json) io.stderr(c.wrote(escapeName(out)));
    } catch (e) {
      io.stderr(outputFailure(out, e, args.lang));
      return 2;
    }
  }
  if (previous.unreadable || current.unreadable) return 2;
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

interface LoadedInput {
  side: YearSide;
  files: string[];
  unreadable: boolean;
  /** Entries of a folder not read, or read and set aside, with why. */
  notRead?: readonly NotRead[];
}

/**
 * Whether both arguments name one input: the same real path, or two files of the same content
 * (a copy under another name). 'folder' for one folder named twice; null when they differ.
 */
async function sameInput(a: string, b: string): Promise<'file' | 'folder' | null> {
  try {
    const [ra, rb] = await Promise.all([fs.realpath(a), fs.realpath(b)]);
    const [sa, sb] = await Promise.all([fs.stat(ra), fs.stat(rb)]);
    if (ra === rb) return sa.isDirectory() ? 'folder' : 'file';
    if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return null;
    const [ha, hb] = await Promise.all([digest(ra), digest(rb)]);
    return ha === hb ? 'file' : null;
  } catch {
    return null; // a missing input is reported where it is read
  }
}

async function digest(file: string): Promise<string> {
  return createHash('sha256').update(await readInput(file)).digest('hex');
}

/** Both years from one workbook's sheets, or { oneYear } when it holds one year only; null after saying why it cannot be read. */
async function loadOneBook(
  file: string,
  settings: Settings,
  limits: ReadLimits | undefined,
  lang: Lang,
  io: Io,
): Promise<{ previous: LoadedInput; current: LoadedInput; previousYear: number; currentYear: number } | { oneYear: true } | null> {
  const snapshot = await load(file, limits, lang);
  if ('unreadable' in snapshot) {
    io.stderr(`${file}: ${snapshot.unreadable}`);
    return null;
  }
  const sides = yearSidesOfOneBook(snapshot, file, settings);
  if (!sides) return { oneYear: true };
  const n = sides.years.length;
  return {
    previous: { side: sides.previous, files: [file], unreadable: false },
    current: { side: sides.current, files: [file], unreadable: false },
    previousYear: sides.years[n - 2],
    currentYear: sides.years[n - 1],
  };
}

/** One year: a workbook, or a folder of department workbooks (consolidated first, as `consolidate` does). */
async function loadSide(input: string, settings: Settings, limits: ReadLimits | undefined, lang: Lang, io: Io): Promise<LoadedInput | null> {
  const expanded = await expandInputs([input], [], lang, io);
  if (expanded === null) return null;
  const { files, skipped } = expanded;
  const c = consolidateMessages[lang];
  const loaded = await loadYearSide(files.map((file) => ({ name: file, snapshot: () => load(file, limits, lang) })), { settings });
  // What the folder walk left out, then the workbooks set aside (Hyoka's outputs, tracking sheets …): never silently.
  const notRead = [...skipped, ...loaded.notRead];
  for (const s of notRead) io.stderr(`${escapeName(s.file)}: ${c.skipped[s.reason]}${s.sameAs !== undefined ? c.skippedSameAs(s.sameAs) : ''}`);
  for (const u of loaded.unreadable) io.stderr(`${escapeName(u.file)}: ${u.reason}`);
  // One unreadable workbook leaves nothing to compare; a folder goes on without its unreadable files.
  if (files.length === 1 && loaded.unreadable.length > 0) return null;
  return { side: loaded.side, files, unreadable: loaded.unreadable.length > 0, notRead };
}

/** One file, read as `check` reads it (regular files only, .xls/.ods through LibreOffice); unreadable is a value. */
async function load(file: string, limits: ReadLimits | undefined, lang: Lang): Promise<InputSnapshot> {
  const m = cliMessages[lang];
  try {
    return (await loadWorkbook(file, limits)).snapshot;
  } catch (e) {
    if (e instanceof InputRefused) return { unreadable: m.inputProblem(e.problem) };
    if (e instanceof LegacyNotConverted) return { unreadable: m.legacyReason(e.kind, e.problem, e.detail) };
    if (isUnreadable(e)) return { unreadable: m.unreadableReason(e.reason) };
    throw e;
  }
}

function programJson(p: YearProgram): Record<string, unknown> {
  return { file: p.file, sheet: p.sheet, cell: a1(p.nameCell.row, p.nameCell.col), path: p.node.path, name: p.name };
}

/** The JSON contract of `compare --json`: both years, the findings (with params), and the matching. */
export function toComparisonJson(
  result: ComparisonResult,
  previousFiles: string[],
  currentFiles: string[],
  explain: boolean,
  lang: Lang,
  notRead: { previous: readonly NotRead[]; current: readonly NotRead[] } = { previous: [], current: [] },
): unknown {
  const skipped = (list: readonly NotRead[]) => (list.length > 0 ? { skipped: list.map((s) => ({ file: s.file, reason: s.reason, ...(s.sameAs !== undefined ? { sameAs: s.sameAs } : {}) })) } : {});
  // A workbook read and set aside (a tracking sheet, Hyoka's output) is listed under skipped only.
  const aside = (list: readonly NotRead[]) => new Set(list.map((s) => s.file));
  const previousAside = aside(notRead.previous);
  const currentAside = aside(notRead.current);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    scale: result.scale,
    previous: { files: previousFiles.filter((f) => !previousAside.has(f)), reportYear: result.previousYear, programs: result.previous.length, ...skipped(notRead.previous) },
    current: { files: currentFiles.filter((f) => !currentAside.has(f)), reportYear: result.currentYear, programs: result.current.length, ...skipped(notRead.current) },
    findings: result.findings.map((f) => ({ file: f.file, ...findingJson(f, lang) })),
    matched: result.match.matches.length,
    vanished: result.match.vanished.map(programJson),
    added: result.match.added.map(programJson),
    ambiguous: result.match.ambiguous.map((a) => ({ current: programJson(a.current), candidates: a.candidates.map(programJson) })),
    ...(explain
      ? {
          matches: result.match.matches.map((x) => ({
            previous: programJson(x.previous),
            current: programJson(x.current),
            reasons: x.reasons,
            departments: x.departments.map((d) => ({ department: d.current.entry.department, previous: d.previous.map((e) => e.entry.department), link: d.link })),
          })),
        }
      : {}),
  };
}

export function renderComparisonText(result: ComparisonResult, previous: string, current: string, lang: Lang, explain: boolean): string {
  const m = cliMessages[lang];
  const c = compareMessages[lang].cli;
  const year = (y: number | null): string => (y === null ? m.unknownYear : formatFiscalYear(y, lang));
  const lines = [
    c.heading(escapeName(previous), year(result.previousYear), escapeName(current), year(result.currentYear)),
    c.counts(result.match.matches.length, result.match.vanished.length, result.match.added.length, result.match.ambiguous.length),
    '',
  ];
  if (explain) lines.push(...explainMatches(result.match, lang), '');
  lines.push(c.findingsHeading);
  // A folder of department workbooks: name the file each finding is in.
  const folder = new Set(result.current.map((p) => p.file)).size > 1;
  for (const f of result.findings) {
    const cell = f.sheet ? `${escapeName(f.sheet)}${f.cell ? `!${f.cell}` : ''}` : c.fileLevel;
    const where = folder && f.file ? `${escapeName(path.basename(f.file))} ${cell}` : cell;
    lines.push(`  ${m.severity[f.severity]}  ${where}  ${describe(f, lang)}  [${f.rule}]`);
  }
  if (result.findings.length === 0) lines.push(`  ${c.noFindings}`);
  lines.push('', m.totals(countBySeverity(result.findings)));
  return lines.join('\n');
}

