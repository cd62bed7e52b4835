import { normalizeHeader } from '../text';

/**
 * A grade scale (評価の段階): ordered levels, best first, and where the reading came from.
 * Cities grade on A–D, S/A/B/C, A–E, ◎○△×, 1–5 points, 達成/概ね達成/… — a scale is
 * inferred per region (src/core/scale/infer.ts); A–D stays the default when nothing says
 * otherwise. Only this module spells levels: everything else iterates `scale.levels`.
 */
export interface ScaleLevel {
  label: string;
  /** What the level means, from a legend (凡例) or a dropdown (`A：達成`). */
  meaning?: string;
}

/** Where a scale was read: nothing (the default), the cells' values, a dropdown list, a legend, the header, a person. */
export type ScaleSource = 'default' | 'values' | 'validation' | 'legend' | 'header' | 'correction';

export type ScaleKind = 'letters' | 'marks' | 'points' | 'words' | 'custom';

export interface Scale {
  /** Best first. */
  levels: readonly ScaleLevel[];
  source: ScaleSource;
  kind: ScaleKind;
  /** Where the evidence stands, as written: `B40`, the header text, `note B3`. */
  evidence?: string;
  /**
   * Points whose best end nothing states (a bare 1–5): the order shown is not known to be
   * right, so the region asks (layout-uncertain) and draws no conclusion from the order.
   */
  directionUnknown?: boolean;
}

/** Grade labels are the scale's own words (`A`, `S`, `◎`, `5`, `概ね達成`). */
export type GradeLabel = string;

/** Counts per level label, in the scale's order (best first). */
export type LevelCounts = Record<GradeLabel, number>;

const LETTERS = 'SABCDE';

function make(kind: ScaleKind, labels: readonly string[], source: ScaleSource = 'default'): Scale {
  return { kind, source, levels: labels.map((label) => ({ label })) };
}

/** A–D, no meanings: what a workbook is read on when nothing says otherwise. */
export const DEFAULT_SCALE: Scale = Object.freeze(make('letters', ['A', 'B', 'C', 'D'])) as Scale;

/** Letter scales: `S` on top when present, then A… down to the last letter. */
export function letterScale(top: 'S' | 'A', last: string, source: ScaleSource): Scale {
  const from = LETTERS.indexOf(top);
  const to = LETTERS.indexOf(last);
  return make('letters', [...LETTERS.slice(from, Math.max(to, from + 1) + 1)], source);
}

export const MARKS_4 = ['◎', '○', '△', '×'] as const;
export const MARKS_3 = ['○', '△', '×'] as const;
export const ACHIEVEMENT_WORDS = ['達成', '概ね達成', '一部未達成', '未達成'] as const;

export function markScale(levels: readonly string[], source: ScaleSource): Scale {
  return make('marks', levels, source);
}

/** Points n…1 (highBest) or 1…n. */
export function pointScale(n: number, highBest: boolean, source: ScaleSource, directionUnknown = false): Scale {
  const labels = Array.from({ length: n }, (_, i) => String(highBest ? n - i : i + 1));
  const s = make('points', labels, source);
  if (directionUnknown) s.directionUnknown = true;
  return s;
}

export function wordScale(levels: readonly string[], source: ScaleSource, kind: ScaleKind = 'words'): Scale {
  return make(kind, levels, source);
}

export function withSource(scale: Scale, source: ScaleSource, evidence?: string): Scale {
  const out: Scale = { ...scale, source };
  if (evidence !== undefined) out.evidence = evidence;
  else delete out.evidence;
  return out;
}

/** Meanings from a legend or a list laid onto a scale's levels (labels matched as tokens). */
export function withMeanings(scale: Scale, meanings: ReadonlyMap<string, string>): Scale {
  if (meanings.size === 0) return scale;
  return { ...scale, levels: scale.levels.map((l) => (meanings.has(matchKey(l.label)) ? { label: l.label, meaning: meanings.get(matchKey(l.label)) } : l)) };
}

export function labelsOf(scale: Scale): GradeLabel[] {
  return scale.levels.map((l) => l.label);
}

export function sameLevels(a: Scale, b: Scale): boolean {
  return a.levels.length === b.levels.length && a.levels.every((l, i) => l.label === b.levels[i].label);
}

export function isDefaultLevels(scale: Scale): boolean {
  return sameLevels(scale, DEFAULT_SCALE);
}

/** Counts of zero per level, in the scale's order. */
export function emptyCounts(scale: Scale = DEFAULT_SCALE): LevelCounts {
  const out: LevelCounts = {};
  for (const l of scale.levels) out[l.label] = 0;
  return out;
}

export function totalCount(counts: Readonly<LevelCounts>): number {
  let n = 0;
  for (const k in counts) n += counts[k];
  return n;
}

/** Adds `from` into `into` (labels missing from `into` are added after its own). */
export function addCounts(into: LevelCounts, from: Readonly<LevelCounts>): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
}

/** 0 = best; -1 for a label not on the scale. */
export function levelIndex(scale: Scale, label: GradeLabel): number {
  return scale.levels.findIndex((l) => l.label === label);
}

/** How many levels apart two grades are on the scale (null when either is not on it). */
export function levelSteps(scale: Scale, from: GradeLabel, to: GradeLabel): number | null {
  const a = levelIndex(scale, from);
  const b = levelIndex(scale, to);
  return a < 0 || b < 0 ? null : Math.abs(a - b);
}

/** The mean method's score: levels map evenly to n … 1 (A–D: A=4 … D=1). */
export function levelScore(scale: Scale, label: GradeLabel): number | null {
  const i = levelIndex(scale, label);
  return i < 0 ? null : scale.levels.length - i;
}

/**
 * The labels of several scales in one order (a summary over sheets or departments that grade
 * on different scales): the first scale's, then any others' not yet seen.
 */
export function unionLabels(scales: readonly Scale[]): GradeLabel[] {
  const out: GradeLabel[] = [];
  for (const s of scales) for (const l of s.levels) if (!out.includes(l.label)) out.push(l.label);
  return out;
}

/** The scale a report's tables use: one when all agree, else the union of labels (source of the first). */
export function combinedScale(scales: readonly Scale[]): Scale {
  if (scales.length === 0) return DEFAULT_SCALE;
  if (scales.every((s) => sameLevels(s, scales[0]))) return scales[0];
  return { ...scales[0], levels: unionLabels(scales).map((label) => scales.flatMap((s) => s.levels).find((l) => l.label === label) ?? { label }) };
}

// ── matching a written token to a level ────────────────────────────────────────────────

/** Marks written several ways (〇 U+3007, ◯ U+25EF, ✕, ✖, ☓, ▲) fold onto one. */
const MARK_FOLDS: Record<string, string> = { '〇': '○', '◯': '○', '⭕': '○', '✕': '×', '✖': '×', '☓': '×', '╳': '×', '▲': '△', '⚪': '○' };

/** The form a label or a written token is compared in: NFKC, no spaces, upper case, marks folded. */
export function matchKey(text: string): string {
  let t = normalizeHeader(text).toUpperCase();
  t = t.replace(/[〇◯⭕✕✖☓╳▲⚪]/g, (ch) => MARK_FOLDS[ch] ?? ch);
  return t.replace(/おおむね/g, '概ね').replace(/^X$/, '×');
}

const indexCache = new WeakMap<Scale, Map<string, number>>();

/** The level a token names exactly (matchKey), or -1. */
export function levelOfToken(scale: Scale, token: string): number {
  let map = indexCache.get(scale);
  if (!map) {
    map = new Map();
    scale.levels.forEach((l, i) => map!.set(matchKey(l.label), i));
    indexCache.set(scale, map);
  }
  return map.get(matchKey(token)) ?? -1;
}

/** The scale's labels as one short text for messages: `S/A/B/C`. */
export function scaleText(scale: Scale): string {
  return labelsOf(scale).join('/');
}

/** `A〜D`, `S〜C`, `◎〜×` (or `A–D` with another dash): the levels as a range, best to worst. */
export function scaleRange(levels: readonly string[], dash = '〜'): string {
  return levels.length > 2 ? `${levels[0]}${dash}${levels[levels.length - 1]}` : levels.join('・');
}
