import { utf8Length } from '../core/text';
/**
 * File names made from text a workbook holds (a 担当課 name, an input's name), the one way the
 * CLI (`--per-department`) and the pane (its department ZIP and its downloads) make them, so a
 * name that works on one works on the other and on every system the file may be copied to:
 * - characters no common file system takes (`\ / : * ? " < > |`) become `＿`; control
 *   characters, bidirectional overrides and characters XML cannot hold are dropped (Windows
 *   cannot extract a ZIP entry holding them, a terminal would act on them);
 * - no leading or trailing white space, no trailing dot (Windows drops them);
 * - not a name Windows reserves for a device (`CON`, `NUL`, `COM1`, `LPT1` … with any extension);
 * - at most 255 bytes in UTF-8 with the suffix (ext4, APFS and NTFS all bound a name near
 *   there; UTF-8 bytes are the strictest of their measures), cut on a character boundary;
 * - unique in `taken` as Windows and macOS compare names (case and Unicode normalisation
 *   ignored): `名前_2`, `名前_3` …
 */

/** The longest file name, in UTF-8 bytes, suffix included. */
export const MAX_FILE_NAME_BYTES = 255;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
const DROPPED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const FORBIDDEN = /[\\/:*?"<>|]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const bytes = utf8Length;

/** The key two names collide on where names are compared ignoring case and normalisation. */
export function fileNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** `text` cut to at most `max` UTF-8 bytes, never inside a character; `…` marks a cut. */
function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = '';
  let used = 0;
  const room = max - bytes('…');
  for (const ch of text) {
    const n = bytes(ch);
    if (used + n > room) break;
    out += ch;
    used += n;
  }
  return `${out.trimEnd()}…`;
}

/**
 * A safe, unique file name: `stem` cleaned, then `suffix` (e.g. `_点検結果.xlsx`, which must
 * itself be safe). `fallback` stands for a stem with nothing left. The name is added to `taken`
 * (keys as `fileNameKey` makes them).
 */
export function safeFileName(stem: string, suffix: string, taken: Set<string> = new Set(), fallback = 'file'): string {
  let clean = stem.normalize('NFC').replace(DROPPED, '').replace(FORBIDDEN, '＿').trim().replace(/[. ]+$/, '');
  if (clean === '') clean = fallback;
  // A device name is reserved whatever follows its first dot (`CON.x_点検結果.xlsx` too).
  const first = `${clean}${suffix}`.split('.')[0].trimEnd();
  if (RESERVED.test(first)) clean = `＿${clean}`;
  const room = MAX_FILE_NAME_BYTES - bytes(suffix);
  let name = `${cutToBytes(clean, room)}${suffix}`;
  for (let k = 2; taken.has(fileNameKey(name)); k++) {
    const mark = `_${k}`;
    name = `${cutToBytes(clean, room - bytes(mark))}${mark}${suffix}`;
  }
  taken.add(fileNameKey(name));
  return name;
}
