import { normalizeHeader } from '../text';
import { explainedGrade } from './parse';
import {
  ACHIEVEMENT_WORDS,
  DEFAULT_SCALE,
  letterScale,
  markScale,
  MARKS_3,
  MARKS_4,
  matchKey,
  pointScale,
  withMeanings,
  withSource,
  wordScale,
  type Scale,
  type ScaleSource,
} from './scale';

/**
 * Inferring a region's grade scale from the evidence a workbook carries: the grade cells'
 * values, a dropdown (入力規則) list, a legend (凡例・評価基準) in a cell or a note, the header
 * (`評価（S～C）`), or level sub-headers of a form that marks the grade in one of N columns.
 * Evidence a person gave (a correction) is applied by the caller and beats all of these.
 */
export interface ScaleEvidence {
  /** Short texts of the region's grade cells, with how often each occurs. */
  tokens?: ReadonlyMap<string, number>;
  /** Items of a dropdown list on a grade column, in order. */
  listItems?: readonly string[];
  /** Header labels of the grade columns. */
  headers?: readonly string[];
  /** Sub-headers of level columns (`A | B | C | D` under a merged `評価`), left to right. */
  levelHeaders?: readonly string[];
  /** Legends read from the sheet (nearest first), then from the rest of the workbook. */
  legends?: readonly Scale[];
}

/** A bare 1–5 (nothing says which end is best) never decides an order: the region asks. */
export function inferScale(ev: ScaleEvidence): Scale {
  const tokens = ev.tokens ?? new Map<string, number>();
  const fromValues = scaleOfTokens(tokens);
  // A header's scale is the template's wording (`評価（A～D）`); values that mostly fall outside
  // it (a column of 概ね達成 under that header) show the scale the city actually graded on, or,
  // when they show one level only (every row ○), leave the scale to the neighbours and the workbook.
  const headerScale = firstScale((ev.headers ?? []).map(scaleOfHeader));
  const fromHeader = headerScale && coverage(headerScale, tokens) >= 0 && coverage(headerScale, tokens) < 0.5 ? null : headerScale;
  const fromList = ev.listItems && ev.listItems.length >= 2 ? scaleOfList(ev.listItems) : null;
  const fromLevels = ev.levelHeaders && ev.levelHeaders.length >= 2 ? scaleOfLevelHeaders(ev.levelHeaders) : null;
  const legend = pickLegend(ev.legends ?? [], tokens, fromLevels ?? fromList ?? fromHeader ?? fromValues);

  let base: Scale | null = fromLevels ?? fromList ?? legend ?? fromHeader ?? fromValues;
  if (!base) return legend ?? DEFAULT_SCALE;
  // A bare order from one source, an order stated by another: a legend or header that says
  // which end is best fixes the points' direction.
  if (base.directionUnknown) {
    const stated = [legend, fromHeader].find((s) => s && s.kind === base!.kind && !s.directionUnknown && s.levels.length === base!.levels.length);
    if (stated) base = { ...base, levels: stated.levels.map((l) => ({ label: l.label })), directionUnknown: undefined };
    if (base.directionUnknown === undefined) delete base.directionUnknown;
  }
  if (legend && base !== legend) base = withMeanings(base, meaningsOf(legend));
  return base;
}

/** The share of the grade-like values (letters, marks, points, words) that are levels of `scale`; -1 when there are none. */
function coverage(scale: Scale, tokens: ReadonlyMap<string, number>): number {
  let hit = 0;
  let all = 0;
  for (const [token, n] of tokens) {
    const c = classifyToken(token);
    if (c.kind === 'other') continue;
    all += n;
    const key = c.kind === 'point' ? String(c.n) : c.label;
    if (scale.levels.some((lv) => matchKey(lv.label) === key)) hit += n;
  }
  return all === 0 ? -1 : hit / all;
}

function firstScale(list: (Scale | null)[]): Scale | null {
  return list.find((s): s is Scale => s !== null) ?? null;
}

function meaningsOf(scale: Scale): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of scale.levels) if (l.meaning) m.set(matchKey(l.label), l.meaning);
  return m;
}

// ── what a token names ─────────────────────────────────────────────────────────────────

type TokenClass = { kind: 'letter'; label: string } | { kind: 'mark'; label: string } | { kind: 'point'; n: number } | { kind: 'word'; label: string } | { kind: 'other' };

const REPOST = /[(（]\s*再掲\s*[)）]\s*$/;
const NOTE_MARK = /\s*((?:[※*＊†‡][0-9０-９]*)|[(（]\s*(?:注|※)\s*[0-9０-９]*\s*[)）]|注\s*[0-9０-９]+)$/;
const ALL_LETTERS = letterScale('S', 'E', 'default');
const ALL_MARKS = markScale(MARKS_4, 'default');
const WORDS = wordScale(ACHIEVEMENT_WORDS, 'default');
const ALL_POINTS = pointScale(10, true, 'default');

/** The level label a written token stands for, whatever scale it belongs to. */
export function classifyToken(raw: string): TokenClass {
  let t = raw.normalize('NFKC').trim().replace(REPOST, '').trim();
  t = t.replace(NOTE_MARK, '').trim();
  if (t === '') return { kind: 'other' };
  const key = matchKey(t);
  if (/^[SA-E]$/.test(key)) return { kind: 'letter', label: key };
  if ((MARKS_4 as readonly string[]).includes(key)) return { kind: 'mark', label: key };
  if (/^(10|[0-9])点?$/.test(key)) return { kind: 'point', n: Number(key.replace('点', '')) };
  const word = ACHIEVEMENT_WORDS.find((w) => matchKey(w) === key);
  if (word) return { kind: 'word', label: word };
  const letter = explainedGrade(t, ALL_LETTERS);
  if (letter) return { kind: 'letter', label: ALL_LETTERS.levels[letter.level].label };
  const mark = explainedGrade(t, ALL_MARKS);
  if (mark) return { kind: 'mark', label: ALL_MARKS.levels[mark.level].label };
  const w = explainedGrade(t, WORDS);
  if (w) return { kind: 'word', label: WORDS.levels[w.level].label };
  const p = explainedGrade(t, ALL_POINTS);
  if (p) return { kind: 'point', n: Number(ALL_POINTS.levels[p.level].label) };
  return { kind: 'other' };
}

/** A letter outside A–D must stand in this many rows, and this share of the letters, to be a level. */
const MIN_EXTRA_LETTER_ROWS = 3;
const MIN_EXTRA_LETTER_SHARE = 0.05;

/**
 * The values' own scale, when they show one other than A–D: S beside A–C, E below D, ◎○△×,
 * the achievement words, small whole numbers. Most of the short values must belong to it.
 * A–D values give the default (nothing to learn from them).
 */
export function scaleOfTokens(tokens: ReadonlyMap<string, number>): Scale | null {
  const byKind = { letter: new Map<string, number>(), mark: new Map<string, number>(), point: new Map<string, number>(), word: new Map<string, number>() };
  let total = 0;
  for (const [token, n] of tokens) {
    const c = classifyToken(token);
    total += n;
    if (c.kind === 'other') continue;
    const key = c.kind === 'point' ? String(c.n) : c.label;
    byKind[c.kind].set(key, (byKind[c.kind].get(key) ?? 0) + n);
  }
  if (total === 0) return null;
  const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const kinds = (Object.keys(byKind) as (keyof typeof byKind)[]).sort((a, b) => sum(byKind[b]) - sum(byKind[a]));
  const top = kinds[0];
  const seen = byKind[top];
  // Half the values at least, and two distinct levels (one repeated token is not a scale).
  if (sum(seen) < 0.5 * total || seen.size < 2) return null;
  switch (top) {
    case 'letter': {
      // A letter beyond A–D (S on top, E below) makes a scale only when it recurs: one stray
      // `E` is a typing slip for grade-invalid to report, a column of S beside A–C is a scale.
      const recurs = (l: string): boolean => (seen.get(l) ?? 0) >= Math.max(MIN_EXTRA_LETTER_ROWS, MIN_EXTRA_LETTER_SHARE * sum(seen));
      const letters = [...seen.keys()].filter((l) => (l !== 'S' && l !== 'E') || recurs(l));
      const last = letters.reduce((a, b) => ('ABCDE'.indexOf(b) > 'ABCDE'.indexOf(a) ? b : a), 'C');
      if (letters.includes('S')) return letterScale('S', last, 'values');
      if (last === 'E') return letterScale('A', 'E', 'values');
      return null; // A–D: the default
    }
    case 'mark':
      return markScale(seen.has('◎') ? MARKS_4 : MARKS_3, 'values');
    case 'word':
      return wordScale(ACHIEVEMENT_WORDS, 'values');
    case 'point': {
      const ns = [...seen.keys()].map(Number);
      const max = Math.max(...ns);
      const min = Math.min(...ns);
      if (min < 0 || max > 10 || max < 2) return null;
      return pointScale(max, true, 'values', true);
    }
  }
}

// ── a dropdown list ────────────────────────────────────────────────────────────────────

/** `A,B,C,D`, `S：目標以上,A：達成,…`, `◎,○,△,×`, `5,4,3,2,1`, or the city's own words in order. */
export function scaleOfList(items: readonly string[]): Scale | null {
  const cleaned = items.map((i) => i.trim()).filter((i) => i !== '' && !/^[-－—ー]$/.test(i));
  if (cleaned.length < 2) return null;
  const classes = cleaned.map(classifyToken);
  const meanings = new Map<string, string>();
  cleaned.forEach((item, i) => {
    const c = classes[i];
    const label = c.kind === 'point' ? String(c.n) : c.kind === 'other' ? null : c.label;
    const m = /^.{1,5}?\s*[:：]\s*(.+)$/.exec(item.normalize('NFKC'));
    if (label && m && matchKey(item).startsWith(matchKey(label))) meanings.set(matchKey(label), m[1].trim());
  });
  const kind = classes[0].kind;
  if (kind !== 'other' && classes.every((c) => c.kind === kind)) {
    const tokens = new Map<string, number>(cleaned.map((c) => [c, 1]));
    let scale: Scale | null;
    if (kind === 'point') {
      const ns = classes.map((c) => (c as { n: number }).n);
      const max = Math.max(...ns);
      // A list says nothing about which end is best; its meanings may.
      scale = orderPoints(max, cleaned.map((c, i) => ({ n: ns[i], meaning: meanings.get(matchKey(String(ns[i]))) ?? (c.normalize('NFKC').replace(/^\d+\s*[:：]?\s*/, '') || undefined) })), 'validation');
    } else if (kind === 'letter') {
      // A list names every level once: S on top when listed, down to its last letter (C at least).
      const letters = classes.map((c) => (c as { label: string }).label);
      const last = letters.reduce((a, b) => ('ABCDE'.indexOf(b) > 'ABCDE'.indexOf(a) ? b : a), 'C');
      scale = letterScale(letters.includes('S') ? 'S' : 'A', letters.includes('S') ? last : last === 'E' ? 'E' : 'D', 'validation');
    } else scale = scaleOfTokens(tokens);
    if (!scale) return null;
    return withMeanings(withSource(scale, 'validation'), meanings);
  }
  // The city's own words (達成 / 概ね達成 / 未達成 …): a dropdown lists them best first.
  if (cleaned.length <= 10 && cleaned.every((c) => c.length <= 12)) {
    const labels = cleaned.map((c) => c.normalize('NFKC'));
    if (new Set(labels.map(matchKey)).size !== labels.length) return null;
    return ordered(wordScale(labels, 'validation', 'custom'));
  }
  return null;
}

// ── a header ───────────────────────────────────────────────────────────────────────────

const LETTER_RANGE = /([SA-E])\s*[~〜～\-ー]{1,2}\s*([A-E])(?![A-Za-z])/;
const LETTER_LIST = /([SA-E])(?:\s*[・,、/]\s*[SA-E]){2,}/;
const MARK_LIST = /[◎○〇◯△×✕](?:\s*[・,、/]?\s*[◎○〇◯△×✕]){1,}/;
const POINT_RANGE = /(\d{1,2})\s*[~〜～\-ー]\s*(\d{1,2})\s*(点|段階)?/;
const STEPS = /(\d{1,2})\s*段階/;

/** `評価（S～C）`, `評価(A〜E)`, `評価（◎○△×）`, `評価（5段階：5が最高）`, `評価点(1~5)`. */
export function scaleOfHeader(header: string): Scale | null {
  const t = normalizeHeader(header).replace(/\n/g, '');
  const paren = /[(（【[]([^()（）【】[\]]{1,30})[)）】\]]/.exec(t);
  const inside = paren ? paren[1] : t;
  const lr = LETTER_RANGE.exec(inside);
  if (lr) {
    const top = lr[1] === 'S' ? 'S' : 'A';
    if (lr[1] === 'S' || lr[1] === 'A') return withSource(letterScale(top, lr[2], 'header'), 'header', header.replace(/\n/g, ''));
  }
  const ll = LETTER_LIST.exec(inside);
  if (ll) {
    const letters = ll[0].replace(/[^SA-E]/g, '');
    return withSource(letterScale(letters.includes('S') ? 'S' : 'A', letters[letters.length - 1], 'header'), 'header', header.replace(/\n/g, ''));
  }
  const ml = MARK_LIST.exec(inside);
  if (ml) {
    const marks = [...new Set([...ml[0].replace(/[\s・,、/]/g, '')].map(matchKey))];
    if (marks.every((m) => (MARKS_4 as readonly string[]).includes(m)) && marks.length >= 2) return withSource(markScale(marks.includes('◎') ? MARKS_4 : MARKS_3, 'header'), 'header', header.replace(/\n/g, ''));
  }
  if (!/評価|判定|点|段階/.test(t)) return null;
  const pr = POINT_RANGE.exec(inside);
  const st = STEPS.exec(t);
  const n = pr ? Math.max(Number(pr[1]), Number(pr[2])) : st ? Number(st[1]) : 0;
  if ((pr && Math.min(Number(pr[1]), Number(pr[2])) > 1) || n < 2 || n > 10) return null;
  const dir = statedDirection(t, n);
  return withSource(pointScale(n, dir ?? true, 'header', dir === null), 'header', header.replace(/\n/g, ''));
}

/** `5が最高`, `5が最も良い`, `5点満点`, `1が最高` → whether the high end is best; null: not said. */
function statedDirection(text: string, n: number): boolean | null {
  const t = text.normalize('NFKC');
  if (new RegExp(`${n}\\s*(点)?\\s*(が|=|:|＝)?\\s*(最高|最も(良|高)|高い|良い|優)|${n}点満点|高いほど(良|高)`).test(t)) return true;
  if (/1\s*(点)?\s*(が|=|:)?\s*(最高|最も(良|高)|良い|優)|低いほど(良|高)/.test(t)) return false;
  return null;
}

// ── level sub-headers ──────────────────────────────────────────────────────────────────

/** `A | B | C | D` under `評価`: the form's own levels, in its order (letters and marks in theirs). */
export function scaleOfLevelHeaders(labels: readonly string[]): Scale | null {
  const classes = labels.map(classifyToken);
  const kind = classes[0].kind;
  if (kind === 'other' || !classes.every((c) => c.kind === kind)) return levelWordsScale(labels);
  const keys = classes.map((c) => (c.kind === 'point' ? String(c.n) : (c as { label: string }).label));
  if (new Set(keys).size !== keys.length) return null;
  if (kind === 'letter') {
    const order = 'SABCDE';
    const sorted = [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return wordScale(sorted, 'header', 'letters');
  }
  if (kind === 'mark') return markScale([...keys].sort((a, b) => MARKS_4.indexOf(a as (typeof MARKS_4)[number]) - MARKS_4.indexOf(b as (typeof MARKS_4)[number])), 'header');
  if (kind === 'point') {
    const s = wordScale(keys, 'header', 'points');
    // Columns 5|4|3|2|1 or 1|2|3|4|5: the order a form prints says nothing of which end is best.
    s.directionUnknown = true;
    return s;
  }
  const words = [...keys].sort((a, b) => ACHIEVEMENT_WORDS.indexOf(a as (typeof ACHIEVEMENT_WORDS)[number]) - ACHIEVEMENT_WORDS.indexOf(b as (typeof ACHIEVEMENT_WORDS)[number]));
  return wordScale(words, 'header');
}

function levelWordsScale(labels: readonly string[]): Scale | null {
  // The city's own words over the columns (十分 | 概ね | 不十分): printed best first.
  if (labels.length < 2 || labels.length > 10 || labels.some((l) => l.length > 10 || l.trim() === '')) return null;
  return ordered(wordScale(labels.map((l) => normalizeHeader(l)), 'header', 'custom'));
}

// ── legends ────────────────────────────────────────────────────────────────────────────

const LABEL_TOKEN = String.raw`(?:[SＳA-EＡ-Ｅ]|[◎○〇◯△▲×✕☓]|[0-9０-９]{1,2}点?|一部未達成|未達成|概ね達成|おおむね達成|達成)`;
const ANCHOR = new RegExp(String.raw`(^|[\s、,，;；/／|｜【（(「:：])[(（【]?(${LABEL_TOKEN})[)）】]?\s*(?:[:：＝=]|…+|・{2,}|\.{2,}|→)\s*`, 'g');
/** Words that mark a text as a legend (凡例) or the grading criteria (評価基準). */
const LEGEND_WORD = /凡例|評価基準|評価区分|判定基準|評価の基準|評価の目安|評価方法|評価について|評価欄/;

/**
 * Level definitions written in one text: `A：達成 B：概ね達成 C：一部未達成 D：未達成`,
 * `S＝目標を上回る、A＝目標どおり…`, `◎…十分 ○…概ね`, `5：達成 … 1：未着手`. At least three
 * levels of one kind (two when the text names itself a legend), each label once.
 */
export function parseLegend(text: string, evidence: string, named = false): Scale | null {
  if (text.length > 600) return null;
  const anchors: { label: string; start: number; end: number }[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    anchors.push({ label: m[2], start: m.index + m[1].length, end: m.index + m[0].length });
    if (m[0].length === 0) ANCHOR.lastIndex++;
  }
  const isNamed = named || LEGEND_WORD.test(text);
  if (anchors.length < (isNamed ? 2 : 3)) return null;
  const items = anchors.map((a, i) => ({
    cls: classifyToken(a.label),
    meaning: text.slice(a.end, i + 1 < anchors.length ? anchors[i + 1].start : text.length).replace(/[\s、,，;；/／|｜]+$/, '').trim(),
  }));
  const kind = items[0].cls.kind;
  if (kind === 'other' || !items.every((it) => it.cls.kind === kind)) return null;
  if (items.some((it) => it.meaning === '' || it.meaning.length > 80)) return null;
  const keys = items.map((it) => (it.cls.kind === 'point' ? String(it.cls.n) : (it.cls as { label: string }).label));
  if (new Set(keys).size !== keys.length) return null;
  const meanings = new Map(keys.map((k, i) => [matchKey(k), items[i].meaning]));
  let scale: Scale;
  if (kind === 'letter') {
    const order = 'SABCDE';
    const sorted = [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    // Letters must run without a gap (S A B C, A B C D E): `B：… D：…` is prose, not a legend.
    const idx = sorted.map((k) => order.indexOf(k));
    if (idx.some((v, i) => i > 0 && v !== idx[i - 1] + 1)) return null;
    scale = wordScale(sorted, 'legend', 'letters');
  } else if (kind === 'mark') {
    scale = markScale([...keys].sort((a, b) => MARKS_4.indexOf(a as (typeof MARKS_4)[number]) - MARKS_4.indexOf(b as (typeof MARKS_4)[number])), 'legend');
  } else if (kind === 'point') {
    const ns = keys.map(Number);
    const max = Math.max(...ns);
    if (Math.min(...ns) < 0 || max > 10) return null;
    scale = orderPoints(max, ns.map((n, i) => ({ n, meaning: items[i].meaning })), 'legend');
  } else {
    scale = wordScale([...keys].sort((a, b) => ACHIEVEMENT_WORDS.indexOf(a as (typeof ACHIEVEMENT_WORDS)[number]) - ACHIEVEMENT_WORDS.indexOf(b as (typeof ACHIEVEMENT_WORDS)[number])), 'legend');
  }
  return withSource(withMeanings(scale, meanings), 'legend', evidence);
}

const POSITIVE = /上回|達成|十分|順調|良好|成果が(上が|あ)|優れ|予定どおり|計画どおり|目標どおり|完了/;
const NEGATIVE = /未|不十分|遅れ|下回|課題|不足|できな|困難|していない|中止|低い|されていない|不/;

function polarity(meaning: string | undefined): number {
  if (!meaning) return 0;
  if (NEGATIVE.test(meaning)) return -1;
  if (POSITIVE.test(meaning)) return 1;
  return 0;
}

/** Points with meanings: the end whose meaning is better is best; meanings that say nothing leave it unknown. */
function orderPoints(n: number, items: { n: number; meaning?: string }[], source: ScaleSource): Scale {
  const high = items.reduce((a, b) => (b.n > a.n ? b : a));
  const low = items.reduce((a, b) => (b.n < a.n ? b : a));
  const d = polarity(high.meaning) - polarity(low.meaning);
  if (d === 0) return pointScale(n, true, source, true);
  return pointScale(n, d > 0, source);
}

/** Words in a written order: best first unless the meanings say the list runs worst first. */
function ordered(scale: Scale): Scale {
  const first = polarity(scale.levels[0].label);
  const last = polarity(scale.levels[scale.levels.length - 1].label);
  if (first < last) return { ...scale, levels: [...scale.levels].reverse() };
  return scale;
}

/**
 * The legend for a region: one whose labels cover the region's values (most of the short
 * ones), or — with no values to judge by — one of the kind the other evidence names, or the
 * only legend there is.
 */
function pickLegend(legends: readonly Scale[], tokens: ReadonlyMap<string, number>, hint: Scale | null): Scale | null {
  if (legends.length === 0) return null;
  const covered = (l: Scale): number => coverage(l, tokens);
  for (const l of legends) {
    const c = covered(l);
    if (c >= 0.8) return l;
  }
  const anyValues = legends.some((l) => covered(l) >= 0);
  if (anyValues) return null;
  if (hint) return legends.find((l) => l.kind === hint.kind && l.levels.length === hint.levels.length) ?? legends.find((l) => l.kind === hint.kind) ?? null;
  return legends.length === 1 ? legends[0] : null;
}

// ── a level named in a summary table's row (評価総括表) ────────────────────────────────

const LABEL_AT_END = /(?:・{2,}|…+|\.{2,}|:|\s|^)\s*([SA-E]|[◎○〇◯△×✕])\s*$/;
const LABEL_AT_START = /^([SA-E]|[◎○〇◯△×✕])(?:\s*[(（].*[)）])?$/;

/** The level a 評価総括表 row counts: its criterion text ends in `・・・A`, or the cell is just `A` / `◎（…）`. */
export function levelLabelOfRow(text: string): string | null {
  if (text.length === 0 || text.length > 120) return null;
  const m = LABEL_AT_END.exec(text) ?? LABEL_AT_START.exec(text);
  return m ? matchKey(m[1]) : null;
}

/**
 * A scale written in a grade header's parentheses (`評価(A～D)`, `評価（S～C）`, `評価(◎○△×)`,
 * `評価(1～5点)`), as a regular-expression source for the header words (layout/columns.ts).
 */
export const HEADER_SCALE_SOURCE = String.raw`(\((?:[SA-E◎○〇△×✕・,、~〜～\-\d]|点|段階|が|最高)+\))?`;

/**
 * A scale given as its labels, best first (a person's correction `scale.levels`): taken as
 * written, in that order — the kind only names the family for display and explanations.
 */
export function scaleOfLevels(labels: readonly string[], source: ScaleSource): Scale {
  const classes = labels.map(classifyToken);
  const kind = classes.every((c) => c.kind === 'letter') ? 'letters' : classes.every((c) => c.kind === 'mark') ? 'marks' : classes.every((c) => c.kind === 'point') ? 'points' : classes.every((c) => c.kind === 'word') ? 'words' : 'custom';
  return wordScale(labels.map((l) => l.trim()), source, kind);
}
