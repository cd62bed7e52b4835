import type { Io } from './io';

/**
 * Characters a terminal would act on rather than show: C0 controls but newline and tab (ESC,
 * BEL, CR, backspace…), DEL and C1 controls, and the bidirectional overrides and isolates that
 * reorder what is shown (a file name "評価\u202Excod.xlsx" must not read as something else).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a workbook or a file name, made safe to print: each unsafe character shown as an
 * escape (`\x1b`, `\u202e`). C0 controls never reach JSON output raw (JSON.stringify escapes
 * them), and the others become `\uXXXX`, so JSON stays valid JSON with the same values.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Every line the command prints goes through `escapeControls`. */
export function escapingIo(io: Io): Io {
  return {
    stdout: (text) => io.stdout(escapeControls(text)),
    stderr: (text) => io.stderr(escapeControls(text)),
    interactive: io.interactive,
  };
}
