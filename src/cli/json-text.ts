/**
 * `JSON.stringify(value, null, 2)` as a sequence of pieces, so a large report (100k programs
 * give ~10 MB of JSON) is written as it is made instead of being held whole, escaped whole and
 * encoded whole — three copies that once made the output the peak of a check's memory.
 *
 * The pieces joined are exactly `JSON.stringify(value, null, 2)`: plain arrays and objects near
 * the top are walked here; everything deeper (and anything with `toJSON`, or not plain) is given
 * to JSON.stringify whole and re-indented. JSON.stringify puts newlines only between tokens
 * (newlines in strings are escaped), so indenting after each newline is exact.
 */

/** Pieces are gathered to about this many characters before they are handed on. */
const PIECE_CHARS = 1 << 16;
/** Arrays and objects deeper than this are stringified whole (each one small in our documents). */
const WALK_DEPTH = 2;

export function* jsonPieces(value: unknown): Generator<string> {
  let buffer = '';
  for (const part of walk(value, '', 0)) {
    buffer += part;
    if (buffer.length >= PIECE_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

function isPlainContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The value as JSON.stringify would write it at this indentation; undefined where it writes nothing. */
function whole(v: unknown, indent: string): string | undefined {
  const text = JSON.stringify(v, null, 2) as string | undefined;
  return text === undefined || indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}

function* walk(v: unknown, indent: string, depth: number): Generator<string> {
  if (depth > WALK_DEPTH || !isPlainContainer(v)) {
    yield whole(v, indent) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < v.length; i++) {
      yield `${i > 0 ? ',' : ''}\n${inner}`;
      // Array holes, undefined and functions are null in an array, as in JSON.stringify.
      yield* walk(v[i], inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const item = v[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* walk(item, inner, depth + 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}
