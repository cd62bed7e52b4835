/**
 * File names, sheet names and other text a message quotes, made safe to print on one line:
 * every control character — line feed and tab included, so a file named
 * "a.xlsx\n指摘はありません" cannot print a forged line — DEL, C1 controls, the line and paragraph
 * separators and the bidirectional overrides and isolates, each shown as an escape (`\x0a`,
 * `\u202e`). The whole printed text goes through src/cli/terminal.ts's `escapeControls` as well,
 * which keeps the report's own line feeds.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeName(text: string): string {
  return text.replace(UNSAFE_IN_NAME, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A message catalogue whose functions escape every string they are given with `escapeName`
 * (names are what messages are given; sentences and lists of lines are their own text).
 * For catalogues only the terminal uses.
 */
export function namesEscaped<T>(catalogue: T): T {
  if (typeof catalogue === 'function') {
    const f = catalogue as unknown as (...args: unknown[]) => unknown;
    return ((...args: unknown[]) => f(...args.map((a) => (typeof a === 'string' ? escapeName(a) : a)))) as unknown as T;
  }
  if (typeof catalogue !== 'object' || catalogue === null || Array.isArray(catalogue)) return catalogue;
  return Object.fromEntries(Object.entries(catalogue).map(([k, v]) => [k, namesEscaped(v)])) as T;
}
