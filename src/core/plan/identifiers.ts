import { normalizeForMatch } from '../text';

/**
 * Outline identifiers as cities write them, often sharing a cell with the name:
 * `【基本方針1】`, `【取組9】`, `基本施策1`, `1-1.`, `(1)`, `①`, `a`, `ア`, `1`.
 * The style decides nesting (first seen = outermost), the normalised id decides identity.
 */
export interface IdToken {
  /** Nesting style: `kw:基本方針`, `paren`, `circled`, `dotted`, `num`, `latin`, `kana`. */
  style: string;
  /** As written (trimmed), for display. */
  display: string;
  /** For identity: NFKC, one dash, no spaces (① becomes 1 — fine, the style keeps them apart). */
  norm: string;
  /** The level's own word when the identifier names it (基本方針, 取組 …). */
  keyword?: string;
}

export interface ParsedOutlineCell {
  ids: IdToken[];
  /** The text after the identifiers: the name. */
  rest: string;
  /** `（再）`: the block continues from the previous printed page. */
  continued: boolean;
}

const KEYWORDS = '基本理念|基本目標|基本方針|基本施策|施策の柱|重点施策|施策の方向性|方向性|施策|取組|取り組み|個別事業|事業';
const NUM = '[0-9０-９]+|[\\u2460-\\u2473]';
const CONTINUED = /[（(]\s*再\s*[)）]|【再】/g;

interface Pattern {
  re: RegExp;
  style: (m: RegExpExecArray) => string;
  keyword?: (m: RegExpExecArray) => string;
}

const PATTERNS: Pattern[] = [
  { re: new RegExp(`^【\\s*(${KEYWORDS})\\s*(${NUM})\\s*】`), style: (m) => keywordStyle(m[1]), keyword: (m) => canonicalKeyword(m[1]) },
  { re: new RegExp(`^(基本理念|基本目標|基本方針|基本施策|施策の柱|重点施策)\\s*(${NUM})(?=[\\s　:：.．、]|$)`), style: (m) => keywordStyle(m[1]), keyword: (m) => canonicalKeyword(m[1]) },
  { re: new RegExp(`^(?:取り?組み?の|施策の)?方向性\\s*(${NUM})(?=[\\s　:：.．、]|$)`), style: () => keywordStyle('方向性'), keyword: () => '方向性' },
  { re: /^[0-9０-９]+(?:\s*[-－―−‐ー]\s*[0-9０-９]+)+\.?/, style: () => 'dotted' },
  { re: /^[(（]\s*[0-9０-９]+\s*[)）]/, style: () => 'paren' },
  { re: /^[\u2460-\u2473]/, style: () => 'circled' },
  { re: /^[0-9０-９]{1,3}(?:[.．、](?![0-9０-９])|(?=[\s　])|$)/, style: () => 'num' },
  { re: /^[a-zａ-ｚ](?=[.．)）\s　]|$)/, style: () => 'latin' },
  { re: /^[ア-ン](?=[.．、)）\s　]|$)/, style: () => 'kana' },
];

/**
 * Keywords that name the same level nest as one style: 基本施策1 and 重点施策1 are siblings,
 * not parent and child.
 */
const KEYWORD_RANK: Record<string, number> = {
  基本理念: 0,
  基本目標: 1,
  基本方針: 1,
  基本施策: 2,
  重点施策: 2,
  施策の柱: 2,
  方向性: 3,
  施策: 3,
  取組: 4,
  個別事業: 4,
  事業: 4,
};

// One string per style, not one per identifier: every plan node keeps its style.
const keywordStyles = new Map<string, string>();
function keywordStyle(k: string): string {
  let style = keywordStyles.get(k);
  if (style === undefined) {
    style = `kw:${KEYWORD_RANK[canonicalKeyword(k)] ?? canonicalKeyword(k)}`;
    keywordStyles.set(k, style);
  }
  return style;
}

/**
 * The keyword as one string per word: a regex capture is a fresh string each time, and every
 * plan node keeps its keyword (as its level label) for the rest of the run.
 */
const CANONICAL_KEYWORDS = new Map<string, string>([
  ...Object.keys(KEYWORD_RANK).map((k): [string, string] => [k, k]),
  ['取り組み', '取組'],
  ['施策の方向性', '方向性'],
]);
function canonicalKeyword(k: string): string {
  return CANONICAL_KEYWORDS.get(k) ?? k;
}

/** Characters an identifier can start with; any other first character means a plain name. */
const ID_START = /^[【（(0-9０-９\u2460-\u2473a-zａ-ｚア-ン基重施取方]/;

export function parseOutlineCell(text: string): ParsedOutlineCell {
  let rest = text.trim();
  if (!ID_START.test(rest)) {
    // Hot path: a program's name with no identifier (and no `（再）` at its end).
    if (!rest.includes('再')) return { ids: [], rest, continued: false };
  }
  let continued = false;
  const ids: IdToken[] = [];
  for (let guard = 0; guard < 5; guard++) {
    const stripped = rest.replace(/^[（(]\s*再\s*[)）]|^【再】/, '');
    if (stripped !== rest) {
      continued = true;
      rest = stripped.trim();
    }
    if (!ID_START.test(rest)) break; // the name after the identifiers: no pattern can match
    let matched = false;
    for (const p of PATTERNS) {
      const m = p.re.exec(rest);
      if (!m) continue;
      const display = m[0].trim();
      const keyword = p.keyword?.(m);
      const digits = display.replace(/^【|】$/g, '').replace(/[.．]$/, '');
      const norm = normalizeForMatch(digits).replace(/\.$/, '');
      // Most identifiers are already normal (`取組12`, `1`): the node keeps one string, not two.
      ids.push({ style: p.style(m), display: digits, norm: norm === digits ? digits : norm, keyword });
      rest = rest.slice(m[0].length).replace(/^[\s　:：.．、)）]+/, '');
      matched = true;
      break;
    }
    if (!matched) break;
  }
  if (CONTINUED.test(rest)) {
    continued = true;
    rest = rest.replace(CONTINUED, '').trim();
  }
  CONTINUED.lastIndex = 0;
  return { ids, rest, continued };
}

/** Markers in a name: 【新規】 new program, 【拡充】 expanded, (再掲) shown again. */
export function nameMarkers(name: string): { isNew: boolean; expanded: boolean; repost: boolean } {
  // The words are kanji, which NFKC leaves alone: only the brackets vary in width.
  return {
    isNew: /[【[(（［]新規[】\])）］]/.test(name),
    expanded: /[【[(（［]拡充[】\])）］]/.test(name),
    repost: name.includes('再掲'),
  };
}

/** A name for matching a 再掲 to its original: markers and bracketed notes removed. */
export function nameKey(name: string): string {
  return normalizeForMatch(name.normalize('NFKC').replace(/【[^】]*】|\([^)]*再掲[^)]*\)|再掲/g, ''));
}
