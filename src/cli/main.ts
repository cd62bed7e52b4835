import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import { parseFiscalYear, parseSettings, type Lang, type Settings } from '../core';
import { correctionConflicts } from '../core/corrections';
import { formatFiscalYear } from '../core/years';
import { cliMessages } from '../i18n/cli';
import { parseReadLimits, type ReadLimits } from '../xlsx/limits';
import { runCheck } from './check';
import { InputRefused, MAX_CONFIG_BYTES, readInput } from './files';
import { processIo, type Io } from './io';
import { envColumns, escapingIo, fittingIo, PLAIN } from './terminal';

/** Entry point of the `hyoka` command; returns the exit code. */
export async function main(argv: string[], rawIo: Io = processIo): Promise<number> {
  // The terminal's width (COLUMNS where set): every line printed fits it (JSON excepted).
  // Fitted only where the width is known (COLUMNS, a terminal, a test's): a log keeps whole lines.
  const columns = envColumns();
  const terminal = rawIo.terminal ?? (columns !== null ? { ...PLAIN, width: columns } : undefined);
  const known = columns ?? (rawIo === processIo ? (process.stdout.isTTY ? (process.stdout.columns ?? null) : null) : (rawIo.terminal?.width ?? null));
  const json = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).includes('--json');
  // Workbook text and file names reach the terminal: never its control characters.
  const escaped = escapingIo(terminal && !rawIo.terminal ? withTerminal(rawIo, terminal) : rawIo);
  const io = known !== null ? fittingIo(escaped, known, json) : escaped;
  const [command, ...rest] = argv;
  const lang = guessLang(argv);
  const m = cliMessages[lang];
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    if (command === 'help' && rest[0] === 'check') io.stdout(m.helpCheck);
    else if (command === 'help' && rest[0] === 'consolidate') io.stdout(m.helpConsolidate);
    else if (command === 'help' && rest[0] === 'compare') io.stdout(m.helpCompare);
    else if (command === 'help' && rest[0] === 'rules') io.stdout(m.helpRules);
    else io.stdout(m.usage);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.stdout('hyoka 0.1.0');
    return 0;
  }
  if (command === 'consolidate') {
    if (wantsHelp(rest)) {
      io.stdout(m.helpConsolidate);
      return 0;
    }
    // Loaded only for their own command: check, the common one, starts ~30 ms sooner.
    const { consolidateCommand } = await import('./consolidate');
    return consolidateCommand(rest, lang, io);
  }
  if (command === 'rules') {
    if (wantsHelp(rest)) {
      io.stdout(m.helpRules);
      return 0;
    }
    const { rulesCommand } = await import('./rules');
    return rulesCommand(rest, lang, io);
  }
  if (command === 'compare') {
    const { compareCommand } = await import('./compare');
    return compareCommand(rest, lang, io);
  }
  if (command !== 'check') {
    io.stderr(`${m.unknownCommand(command, nearest(command, COMMANDS))}\n${m.usageLine.top}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.stdout(m.helpCheck);
    return 0;
  }
  const parsed = parseCommandArgs(rest, false, lang, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.stderr(`${m.noFiles}\n${m.usageLine.check}`);
    return 2;
  }
  const profile = await loadProfile(values.config, values.year, lang, io);
  if (!profile) return 2;
  const { settings, limits, input } = profile;
  return runCheck(
    { files: positionals, settings, limits, overrides: input, lang, json: values.json, out: values.out ?? null, force: values.force, explain: values.explain },
    io,
  );
}

const COMMANDS = ['check', 'consolidate', 'compare', 'rules', 'help', '--help', '--version'];

/** The Io with a terminal (its width) it did not have: captured output under COLUMNS. */
function withTerminal(io: Io, terminal: NonNullable<Io['terminal']>): Io {
  return {
    stdout: (t) => io.stdout(t),
    stderr: (t) => io.stderr(t),
    ...(io.stdoutPieces ? { stdoutPieces: (p: Iterable<string>) => io.stdoutPieces!(p) } : {}),
    interactive: io.interactive,
    terminal,
  };
}

/** The known name nearest to a mistyped one (edit distance at most 2, and under half its length), or null. */
export function nearest(typed: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(typed.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= 2 && bestDistance < Math.max(2, typed.length / 2) ? best : null;
}

/**
 * What node's parseArgs refused, in the user's language with one line of usage: an unknown
 * option with the nearest known one (「もしかして --out」), an option without its value.
 */
export function argumentProblem(e: unknown, options: Record<string, unknown>, command: 'check' | 'consolidate' | 'compare', lang: Lang): string {
  const m = cliMessages[lang];
  const code = (e as { code?: string } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-{1,2}[^' =]+)/.exec(message)?.[1] ?? null;
  const known = [...Object.keys(options).map((o) => `--${o}`), '--help'];
  let what: string;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) what = m.unknownOption(option, nearest(option, known));
  else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) what = m.optionNeedsValue(option);
  else what = m.badArgs(message.split('\n')[0]);
  return `${what}\n${m.usageLine[command]}`;
}

/** `--help` / `-h` anywhere among a command's arguments (before `--`). */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Options every command takes; `consolidate` adds --master. */
export const COMMON_OPTIONS = {
  year: { type: 'string' },
  config: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  force: { type: 'boolean', default: false },
  explain: { type: 'boolean', default: false },
} as const;

/** What check, consolidate and compare are all given, from the common options. */
export interface RunArgs {
  settings: Settings;
  /** The reader's bounds, from the profile file; the defaults when absent. */
  limits?: ReadLimits;
  lang: Lang;
  json: boolean;
  out: string | null;
  force: boolean;
}

export interface CommandArgs {
  positionals: string[];
  values: { year?: string; config?: string; lang?: string; out?: string; master?: string; 'per-department'?: string; json: boolean; force: boolean; explain: boolean };
}

/** Parses a command's arguments; null after saying what is wrong, with the usage, in the user's language. */
export function parseCommandArgs(args: string[], withMaster: boolean, lang: Lang, io: Io): CommandArgs | null {
  const m = cliMessages[lang];
  let parsed;
  const options = withMaster ? { ...COMMON_OPTIONS, master: { type: 'string' } as const, 'per-department': { type: 'string' } as const } : COMMON_OPTIONS;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (e) {
    io.stderr(argumentProblem(e, options, withMaster ? 'consolidate' : 'check', lang));
    return null;
  }
  const values = parsed.values as CommandArgs['values'];
  if (values.lang !== undefined && values.lang !== 'ja' && values.lang !== 'en') {
    io.stderr(m.badLang(values.lang));
    return null;
  }
  return { positionals: parsed.positionals, values: { ...values, json: values.json === true, force: values.force === true, explain: values.explain === true } };
}

/** The CLI's clock (tests set it): what "this fiscal year" is for --year. */
export const cliClock = { now: (): Date => new Date() };

/** The fiscal year (April–March) a date falls in. */
export function fiscalYearOf(d: Date): number {
  return d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
}

/** `--lang` decides; before it is parsed, messages about bad arguments use it too. */
function guessLang(argv: string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return value === 'en' ? 'en' : 'ja';
}

/**
 * The profile file: settings, and the reader's bounds (`limits`, src/xlsx/limits.ts). Only
 * here can the bounds be raised: settings that travel inside a workbook go through
 * parseSettings alone, which has no `limits` and drops the key. `input` is the settings as
 * given (before defaults): what they state overrides the corrections a workbook carries,
 * what they leave out does not.
 */
export async function loadProfile(
  config: string | undefined,
  year: string | undefined,
  lang: Lang,
  io: Io,
): Promise<{ settings: Settings; limits: ReadLimits; input: Record<string, unknown> } | null> {
  const m = cliMessages[lang];
  let raw: unknown = {};
  if (config) {
    try {
      // Only a small regular file: a FIFO or /dev/zero as --config must not hang or fill memory.
      raw = JSON.parse(new TextDecoder('utf-8').decode(await readInput(config, MAX_CONFIG_BYTES)));
    } catch (e) {
      io.stderr(m.configUnreadable(config, e instanceof InputRefused ? m.inputProblem(e.problem) : e instanceof Error ? e.message : String(e)));
      return null;
    }
  }
  let limitsInput: unknown;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'limits' in raw) {
    const { limits: given, ...rest } = raw as Record<string, unknown>;
    limitsInput = given;
    raw = rest;
  }
  const limits = parseReadLimits(limitsInput);
  if (!limits.ok) {
    io.stderr(m.badConfig(config ?? '', limits.problems));
    return null;
  }
  const result = parseSettings(raw);
  if (!result.ok) {
    io.stderr(m.badConfig(config ?? '', result.problems));
    return null;
  }
  const settings = result.settings;
  // A correction that cannot take effect (a second 評価 column) is refused, not silently kept.
  const conflicts = correctionConflicts(settings.corrections);
  if (conflicts.length > 0) {
    io.stderr(m.badConfig(config ?? '', conflicts.map((x) => m.correctionConflict(x.correction.sheet, x.correction.column ?? '', x.role, x.takenBy))));
    return null;
  }
  const input: Record<string, unknown> = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  if (year !== undefined) {
    const y = parseFiscalYear(year);
    if (y === null) {
      io.stderr(m.badYear(year));
      return null;
    }
    // A report year is one a report can be about: the last 30 fiscal years and the next 2 (令和99 is a typo).
    const now = fiscalYearOf(cliClock.now());
    if (y < now - 30 || y > now + 2) {
      io.stderr(m.yearOutOfRange(year, formatFiscalYear(now - 30, lang), formatFiscalYear(now + 2, lang)));
      return null;
    }
    settings.reportYear = year;
    input.reportYear = year;
  }
  if (settings.reportYear !== undefined && parseFiscalYear(settings.reportYear) === null) {
    io.stderr(m.badYear(String(settings.reportYear)));
    return null;
  }
  return { settings, limits: limits.limits, input };
}
