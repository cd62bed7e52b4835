import { isDashOnly } from '../text';
import { DEFAULT_SCALE, levelOfToken, matchKey, type GradeLabel, type Scale } from './scale';

/** What one grade cell says, read on its region's scale. */
export type ParsedGrade =
  | { kind: 'blank' } // nothing entered (記入漏れ)
  | { kind: 'none'; text: string } // `—`, `－`, `-`: explicitly no grade
  | {
      kind: 'grade';
      /** The level's label as the scale spells it (`A`, `S`, `◎`, `5`, `概ね達成`). */
      grade: GradeLabel;
      /** 0 = the best level. */
      level: number;
      /** true when written exactly as the label (optionally with `(再掲)` or a note mark). */
      canonical: boolean;
      /** `A(再掲)`: the grade of an item shown again (再掲). */
      repost: boolean;
      text: string;
      /**
       * A grade written with its explanation, as dropdowns offer it: `A：ほぼ達成` (colon),
       * `A（達成）` (paren), `Ａ評価` (suffix), `A 目標を達成` (space). Absent for a bare label.
       * A column written throughout in one notation has it as its standard (build.ts).
       */
      notation?: GradeNotation;
      /** A footnote or note mark beside the grade (`B※`, `A＊`, `B(注1)`): kept, never an error. */
      annotation?: string;
    }
  | { kind: 'invalid'; text: string }
  /** An Excel error value (`#N/A`, `#REF!`) where a grade should be. */
  | { kind: 'error'; text: string }
  /** A formula saved without its result: the grade cannot be verified (never a missing grade). */
  | { kind: 'unverified' };

export type GradeNotation = 'colon' | 'paren' | 'suffix' | 'space';

const REPOST_SUFFIX = /^(.*?)[(（]\s*再掲\s*[)）]$/;
/** A note mark after the grade: `※`, `※1`, `＊`, `*`, `†`, `(注1)`, `注1`, `(※)`. */
const ANNOTATION = /^(.+?)\s*((?:[※*＊†‡][0-9０-９]*)|[(（]\s*(?:注|※)\s*[0-9０-９]*\s*[)）]|注\s*[0-9０-９]+)$/;

// The explanation is short and starts with something other than a Latin letter or digit:
// `Bコース`, `A型`, `A1`, `10` are never grades.
const COLON = /^\s*[:：]\s*([^A-Za-z0-9\s][^\n]{0,24})$/;
const PAREN = /^\s*\(([^()]{1,24})\)$/;
const SUFFIX = /^\s*(評価|判定|ランク|点)$/;
const SPACE = /^\s+([^\sA-Za-z0-9:(][^\n]{0,24})$/;
// The explanations dropdowns use: achievement words. A paren or space explanation must say
// something of that kind, so `A (再掲)` and `C 就労継続支援` stay apart from grades.
const EXPLANATION_WORDS = /達成|成果|未実施|実施|順調|概ね|おおむね|課題|不十分|遅れ|進ん|改善|十分|目標|評価|良好|やや|予定|取り?組|上回|下回|満た/;

/**
 * A cell's text read on a scale. `B※` is B with the note mark kept; `A（達成）` is A in the
 * paren notation; a label of another scale is invalid (the plausibility of a column whose
 * values are mostly invalid is judged elsewhere).
 */
export function parseGrade(raw: string | null | undefined, scale: Scale = DEFAULT_SCALE): ParsedGrade {
  if (raw === null || raw === undefined || raw.replace(/[\s\u3000]+/g, '') === '') return { kind: 'blank' };
  const text = raw;
  if (isDashOnly(text)) return { kind: 'none', text };
  let body = text.trim();
  let repost = false;
  const m = REPOST_SUFFIX.exec(body);
  if (m) {
    body = m[1].trim();
    repost = true;
  }
  let annotation: string | undefined;
  if (levelOfToken(scale, body) < 0) {
    const a = ANNOTATION.exec(body.normalize('NFKC'));
    if (a && levelOfToken(scale, a[1]) >= 0) {
      annotation = a[2];
      body = a[1];
    }
  }
  const level = body.length <= 12 ? levelOfToken(scale, body) : -1;
  if (level >= 0) {
    const label = scale.levels[level].label;
    // Exactly the label, then only `(再掲)` and/or the note mark as typed.
    const rest = text.startsWith(label) ? text.slice(label.length) : null;
    const expected = `${annotation ?? ''}${repost ? '(再掲)' : ''}`;
    const exact = rest !== null && (rest === expected || (annotation !== undefined && !/^\s/.test(rest) && rest.normalize('NFKC').replace(/\s+/g, '') === expected));
    const g: ParsedGrade = { kind: 'grade', grade: label, level, canonical: exact, repost, text };
    if (annotation !== undefined) g.annotation = annotation;
    return g;
  }
  if (body.length >= 2 && body.length <= 40) {
    const explained = explainedGrade(body, scale);
    if (explained) return { kind: 'grade', grade: scale.levels[explained.level].label, level: explained.level, canonical: false, repost, text, notation: explained.notation };
  }
  return { kind: 'invalid', text };
}

/** `A：ほぼ達成`, `A（達成）`, `Ａ評価`, `A 目標を達成`, `◎（十分達成）` → the level and its notation. */
export function explainedGrade(raw: string, scale: Scale = DEFAULT_SCALE): { level: number; notation: GradeNotation } | null {
  const t = raw.normalize('NFKC').trim();
  // The word before the label (`評価A`, `ランク：B`): the label alone after it.
  const pre = /^(評価|判定|ランク)\s*[:：]?\s*(\S{1,6})$/.exec(t);
  if (pre) {
    const level = levelOfToken(scale, pre[2]);
    if (level >= 0) return { level, notation: 'suffix' };
  }
  // Longest label first: `一部未達成` before `達成`.
  const order = scale.levels.map((l, i) => ({ key: matchKey(l.label), i })).sort((a, b) => b.key.length - a.key.length);
  const head = matchKey(t.slice(0, 12));
  for (const { key, i } of order) {
    if (key === '' || !head.startsWith(key)) continue;
    // Cut the written text after as many characters as the label takes (spaces inside skipped).
    let taken = 0;
    let cut = 0;
    while (cut < t.length && taken < key.length) {
      if (!/\s/.test(t[cut])) taken++;
      cut++;
    }
    const rest = t.slice(cut);
    if (rest === '') continue;
    const c = COLON.exec(rest);
    if (c) return { level: i, notation: 'colon' };
    const p = PAREN.exec(rest);
    if (p) return EXPLANATION_WORDS.test(p[1]) ? { level: i, notation: 'paren' } : null;
    if (SUFFIX.test(rest) && (scale.kind !== 'points' || rest.trim() === '点')) return { level: i, notation: 'suffix' };
    const s = SPACE.exec(rest);
    if (s) return EXPLANATION_WORDS.test(s[1]) ? { level: i, notation: 'space' } : null;
    return null;
  }
  return null;
}

/** The canonical way to write a grade, for messages. */
export function canonicalGrade(grade: GradeLabel, repost = false): string {
  return repost ? `${grade}(再掲)` : grade;
}
