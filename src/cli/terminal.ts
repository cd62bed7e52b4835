import path from 'node:path';
import pc from 'picocolors';
import stringWidth from 'string-width';
import type { Severity } from '../core';
import { escapeName } from '../i18n/escape-names';
import type { Io } from './io';

export { escapeName };

/** How the terminal report is drawn: colour on a TTY only, lines fitted to its width. */
export interface Terminal {
  color: boolean;
  /** Columns to fit lines into. */
  width: number;
  /** Paths are shown relative to this folder (where the command ran). */
  cwd: string;
}

/** Piped or captured output: no colour, a width that reads well in a log or an e-mail. */
export const PLAIN: Terminal = { color: false, width: 100, cwd: process.cwd() };

/**
 * What the real process has: colour when stdout is a terminal, unless NO_COLOR is set (any
 * value, https://no-color.org) or TERM is dumb; FORCE_COLOR turns it on anyway.
 */
export function processTerminal(): Terminal {
  const env = process.env;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const color = forced || (Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  return { color, width: envColumns() ?? (process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : PLAIN.width), cwd: process.cwd() };
}

/** `COLUMNS`, where the shell or the user sets it (a whole number of at least 20), else null. */
export function envColumns(env: NodeJS.ProcessEnv = process.env): number | null {
  const n = Number(env.COLUMNS);
  return Number.isInteger(n) && n >= 20 ? n : null;
}

export function paint(t: Terminal, severity: Severity | 'heading' | 'dim', text: string): string {
  if (!t.color) return text;
  const c = pc.createColors(true);
  switch (severity) {
    case 'error':
      return c.bold(c.red(text));
    case 'warning':
      return c.yellow(text);
    case 'info':
      return c.cyan(text);
    case 'heading':
      return c.bold(text);
    case 'dim':
      return c.dim(text);
  }
}

/** Columns a string takes in a terminal (a kanji takes two). */
export const displayWidth = (s: string): number => stringWidth(s);

export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Cut to at most `width` columns, ending in `…` when cut. */
export function cut(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Characters a Japanese line may not start with (句読点, closing brackets, small kana, ー) — 行頭禁則. */
const NO_LINE_START = /^[、。，．,.!?！？）)\]>」』】〕］}〉》ゝゞーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・：；:;…‥]/;
/** Characters a line may not end with (opening brackets) — 行末禁則. */
const NO_LINE_END = /[（([<「『【〔［{〈《]$/;

/**
 * Lines of at most `width` columns: Japanese breaks between two characters where Japanese
 * allows it (never before 。、）」 or a small kana, never after （「), Latin text at spaces
 * where it can (a word longer than the line is cut).
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    const tokens = paragraph.match(/[\x21-\x7e]+|\s+|[^\s\x21-\x7e]/g) ?? [''];
    for (const token of tokens) {
      if (displayWidth(line + token) <= w) {
        line += token;
        continue;
      }
      // 禁則: a character that may not start a line takes the one before it along; an
      // opening bracket at the end of the line moves down with what it opens.
      const chars = [...line];
      const carried: string[] = [];
      while (NO_LINE_START.test(carried.join('') + token) && chars.length > 1 && !/\s/.test(chars[chars.length - 1])) carried.unshift(chars.pop()!);
      while (chars.length > 1 && NO_LINE_END.test(chars[chars.length - 1])) carried.unshift(chars.pop()!);
      const carry = carried.join('');
      line = chars.join('');
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = /^\s+$/.test(token) ? carry : carry + token;
      while (displayWidth(line) > w) {
        const head = cut(line, w + 1).slice(0, -1);
        lines.push(head);
        line = line.slice(head.length);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** A path as the user would type it from where the command ran, on one line (a line feed in it escaped too). */
export function shownPath(t: Terminal, file: string): string {
  const rel = path.relative(t.cwd, path.resolve(t.cwd, file));
  return escapeName(rel === '' ? file : rel.split(path.sep).join('/'));
}

/**
 * Characters a terminal would act on rather than show: C0 controls but newline and tab (ESC,
 * BEL, CR, backspace…), DEL and C1 controls, and the bidirectional overrides and isolates that
 * reorder what is shown (a file name "評価\u202Excod.xlsx" must not read as something else).
 */
// A Select Graphic Rendition sequence (colour, bold, dim): the only escape the report writes.
// eslint-disable-next-line no-control-regex -- ESC is what this matches
const SGR = /(\u001b\[[0-9;]*m)/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a workbook or a file name, made safe to print: each unsafe character shown as an
 * escape (`\x1b`, `\u202e`). C0 controls never reach JSON output raw (JSON.stringify escapes
 * them), and the others become `\uXXXX`, so JSON stays valid JSON with the same values.
 */
export function escapeControls(text: string): string {
  // Nearly all text has none: a plain scan finds that several times faster than the regex
  // (a 100k-program report's JSON is ten million characters).
  let i = 0;
  while (i < text.length && !isUnsafe(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The code units UNSAFE matches (tests/cli/terminal-report.test.ts holds the two together). */
function isUnsafe(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a;
  if (c < 0x7f) return false;
  if (c <= 0x9f) return true;
  if (c < 0x61c) return false;
  return c === 0x61c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function* mapPieces(pieces: Iterable<string>, f: (piece: string) => string): Generator<string> {
  for (const piece of pieces) yield f(piece);
}

/** Every line the command prints goes through `escapeControls`. */
export function escapingIo(io: Io): Io {
  // On a colour terminal the report's own colour codes (SGR, `ESC[…m`) pass; the report escapes
  // workbook text and file names itself before colouring them, so none of those come through.
  const safe = (text: string): string =>
    io.terminal?.color ? text.split(SGR).map((part, i) => (i % 2 === 1 ? part : escapeControls(part))).join('') : escapeControls(text);
  return {
    stdout: (text) => io.stdout(safe(text)),
    // Each piece is escaped on its own: no unsafe character is more than one code unit long.
    ...(io.stdoutPieces ? { stdoutPieces: (pieces: Iterable<string>) => io.stdoutPieces?.(mapPieces(pieces, safe)) } : {}),
    stderr: (text) => io.stderr(safe(text)),
    interactive: io.interactive,
    get terminal() {
      return io.terminal;
    },
  };
}

/**
 * Text fitted to the terminal: a line wider than `width` continues on lines indented under
 * where its text starts — an option's description under the description column (`  --year <年度>
 * 報告年度…`), a usage line under its command — broken where wrap() allows.
 */
export function fitLines(text: string, width: number): string {
  if (width <= 0) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (displayWidth(line) <= width) return [line];
      const lead = /^\s*/.exec(line)![0];
      // An option or a label, then two or more spaces, then its text: continue under the text.
      const column = /^(\s*\S(?:.*?\S)?\s{2,})\S/.exec(line);
      let indent = column && displayWidth(column[1]) <= width / 2 ? displayWidth(column[1]) : Math.min(width / 2, displayWidth(lead) + 4);
      indent = Math.floor(indent);
      const head = column && displayWidth(column[1]) <= width / 2 ? column[1] : lead;
      const body = line.slice(head.length);
      const first = wrap(body, width - Math.max(displayWidth(head), indent));
      return first.map((l, i) => (i === 0 ? head + l : ' '.repeat(indent) + l));
    })
    .join('\n');
}

/** An Io whose text lines fit `width` columns (JSON on stdout is left whole: it is data, not lines). */
export function fittingIo(io: Io, width: number, json: boolean): Io {
  return {
    ...io,
    stdout: (text) => io.stdout(json ? text : fitLines(text, width)),
    stderr: (text) => io.stderr(fitLines(text, width)),
    ...(io.stdoutPieces ? { stdoutPieces: (pieces: Iterable<string>) => io.stdoutPieces!(pieces) } : {}),
    interactive: io.interactive,
    ...(io.terminal ? { terminal: io.terminal } : {}),
  };
}
