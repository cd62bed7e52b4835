import { UnreadableWorkbookError } from './errors';
import type { ReadLimits } from './limits';
import { parsePartAsync } from './xml';
import type { ZipReader } from './zip';

/** `_x000D_`-style escapes (characters XML cannot carry) → the characters. */
export function decodeEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * sharedStrings.xml → its texts; rich-text runs joined, phonetic readings (rPh) left out. The
 * count, total-character and cell-length bounds are checked here, so every host refuses the
 * same part for the same reason.
 */
export async function readSharedStrings(zip: ZipReader, part: string, limits: ReadLimits): Promise<string[]> {
  const list = new StringList();
  let total = 0;
  let inSi = false;
  let inT = false;
  let rph = 0;
  let parts: string[] = [];
  await parsePartAsync(
    zip,
    part,
    {
      open(name) {
        if (name === 'si') {
          inSi = true;
          parts = [];
        } else if (name === 'rPh') rph++;
        else if (name === 't' && inSi && rph === 0) inT = true;
      },
      text(t) {
        if (inT) parts.push(t);
      },
      close(name) {
        if (name === 't') inT = false;
        else if (name === 'rPh') rph--;
        else if (name === 'si') {
          inSi = false;
          const count = list.strings.length;
          const s = decodeEscapes(parts.length === 1 ? parts[0] : parts.join(''));
          if (s.length > limits.maxCellChars) throw new UnreadableWorkbookError('cell-too-long', `shared string ${count}: ${s.length} characters`);
          total += s.length;
          if (total > limits.maxSharedStringChars) throw new UnreadableWorkbookError('too-many-strings', `more than ${limits.maxSharedStringChars} characters`);
          if (count >= limits.maxSharedStrings) throw new UnreadableWorkbookError('too-many-strings', `more than ${limits.maxSharedStrings} strings`);
          list.add(s);
        }
      },
      written: () => list.written(),
    },
    limits,
  );
  return list.strings;
}

/**
 * The texts as strings. The strings read since the last write are cut again from one string of
 * only their text: cut from the write's text, they would keep all of it alive, markup included
 * (a sixth of the snapshot at 100k rows).
 */
class StringList {
  readonly strings: string[] = [];
  private fresh = 0;

  add(text: string): void {
    this.strings.push(text);
  }

  /** After each write of inflated XML: every text of that write has been added. */
  written(): void {
    const out = this.strings;
    if (out.length === this.fresh) return;
    const text = out.slice(this.fresh).join('');
    let at = 0;
    for (let i = this.fresh; i < out.length; i++) {
      const end = at + out[i].length;
      out[i] = text.slice(at, end);
      at = end;
    }
    this.fresh = out.length;
  }
}
