/**
 * Japanese text normalisation for matching. We only ever normalise copies: the original
 * text stays what the person typed and is what we display.
 */

// NFKC leaves these dash-likes alone; in these sheets they all mean "-".
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70\u2500\u2501\u002D]/g;

/** Full normalisation for comparing names and identifiers: NFKC, one dash, no spaces. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, '').toLowerCase();
}

/** NFKC with dashes folded and whitespace collapsed, keeping single spaces. */
export function normalizeLoose(text: string): string {
  return text.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/** Header labels hold line breaks and spaces (`前年度\n事業\n評価`): drop them all. */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').replace(DASHES, '-').replace(/[\s\u3000]+/g, '');
}

/** True when the (original) text is only dashes: an explicit "not applicable". */
export function isDashOnly(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, '');
  return t.length > 0 && t.replace(DASHES, '').replace(/[\u2014\u2013]/g, '') === '';
}

/**
 * The part of `original` that `normalise(original)` shows from `start` to `end`: a split found on
 * the normalised copy, applied to the text as typed (#26: what is shown is cut from the
 * original, never re-spelled). Positions are mapped by normalising growing prefixes, so a
 * character that normalises to several (`㈱` → `(株)`) or to none (collapsed spaces) is kept
 * whole; the result is trimmed of surrounding whitespace.
 */
export function originalSlice(original: string, start: number, end: number, normalise: (s: string) => string): string {
  // The code point boundaries, and the normalised length of the original up to each.
  const bounds: number[] = [0];
  for (let i = 0; i < original.length; ) {
    i += (original.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    bounds.push(i);
  }
  const lengths = bounds.map((b) => normalise(original.slice(0, b)).length);
  // start: the character whose normalised form holds the start-th normalised character
  let from = original.length;
  for (let k = 1; k < bounds.length; k++) {
    if (lengths[k] > start) {
      from = bounds[k - 1];
      break;
    }
  }
  // end: the first prefix whose normalised form reaches the end
  let to = original.length;
  if (end < normalise(original).length) {
    for (let k = 0; k < bounds.length; k++) {
      if (lengths[k] >= end) {
        to = bounds[k];
        break;
      }
    }
  }
  return original.slice(from, Math.max(from, to)).trim();
}

/** UTF-8 length in bytes, counted by hand (no TextEncoder: jsdom and old webviews lack it); a lone surrogate counts as U+FFFD would. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
