/**
 * `JSON.stringify(value, null, 2)` as a sequence of pieces, so a large report (100k programs
 * give ~10 MB of JSON) is written as it is made instead of being held whole, escaped whole and
 * encoded whole — three copies that once made the output the peak of a check's memory.
 *
 * The pieces joined are exactly `JSON.stringify(value, null, 2)`. Long lists, and the
 * objects that hold them, are walked here; everything else (a finding, a policy, a sheet's
 * regions) is given to JSON.stringify — long lists' items in batches, indented by
 * JSON.stringify itself; small values re-indented after each newline, which is exact because
 * JSON.stringify puts newlines only between tokens (newlines in strings are escaped).
 */

/** Small pieces (punctuation, keys, short values) are gathered to about this many characters. */
const PIECE_CHARS = 1 << 16;
/** A list longer than this is walked, its items stringified this many at a time. */
const LONG_LIST = 64;

export function* jsonPieces(value: unknown): Generator<string> {
  // Joined, not concatenated: a joined piece is one flat string, which the terminal escaping
  // scans several times faster than a tree of concatenations. A batch of items is already one
  // string, and goes out as it is.
  let parts: string[] = [];
  let length = 0;
  for (const part of walk(value, 0)) {
    if (part.length >= PIECE_CHARS >> 2) {
      if (length > 0) yield parts.join('');
      parts = [];
      length = 0;
      yield part;
      continue;
    }
    parts.push(part);
    length += part.length;
    if (length >= PIECE_CHARS) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}

function isPlainContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A long list, or a plain list or object holding one at any depth: worth walking rather than stringifying whole. */
function holdsLongList(v: unknown): v is Record<string, unknown> | unknown[] {
  if (!isPlainContainer(v)) return false;
  if (Array.isArray(v)) return v.length > LONG_LIST || v.some(holdsLongList);
  for (const key in v) if (holdsLongList(v[key])) return true;
  return false;
}

const indentOf = (depth: number): string => '  '.repeat(depth);

/** JSON.stringify's text for `v` written at `depth` (its lines indented by it); undefined where it writes nothing. */
function whole(v: unknown, depth: number): string | undefined {
  const text = JSON.stringify(v, null, 2) as string | undefined;
  return text === undefined || depth === 0 ? text : text.replace(/\n/g, `\n${indentOf(depth)}`);
}

/**
 * The items of a list whose items sit at `depth`, as JSON.stringify writes them there, joined
 * by ",\n" and their indentation, without the brackets: the batch is stringified inside
 * depth - 1 wrapping lists, so JSON.stringify indents it itself, and the wrapping is cut off.
 */
function itemsText(items: unknown[], depth: number): string {
  let wrapped: unknown = items;
  for (let d = 1; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let head = 2 * depth;
  let tail = 0;
  for (let d = 0; d < depth; d++) {
    head += 2 * d + 2; // "[\n" after d levels of indentation
    tail += 2 * d + 2; // "\n", d levels of indentation, "]"
  }
  return text.slice(head, text.length - tail);
}

function* walk(v: unknown, depth: number): Generator<string> {
  if (!holdsLongList(v)) {
    yield whole(v, depth) ?? 'null';
    return;
  }
  const inner = indentOf(depth + 1);
  if (Array.isArray(v)) {
    yield '[';
    for (let i = 0; i < v.length; ) {
      yield `${i > 0 ? ',' : ''}\n${inner}`;
      if (holdsLongList(v[i])) {
        yield* walk(v[i], depth + 1);
        i++;
        continue;
      }
      // A run of ordinary items, stringified together. Holes, undefined and functions are
      // null in it, as in the whole list.
      let end = i + 1;
      while (end < v.length && end - i < LONG_LIST && !holdsLongList(v[end])) end++;
      yield itemsText(v.slice(i, end), depth + 1);
      i = end;
    }
    yield `\n${indentOf(depth)}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const item = v[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* walk(item, depth + 1);
  }
  yield first ? '{}' : `\n${indentOf(depth)}}`;
}
