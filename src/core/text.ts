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
