import { distance } from 'fastest-levenshtein';

import type { YearEntry, YearProgram } from './programs';

/**
 * Why two programs were taken for the same one. Kept as data so `--explain`, the sheet and
 * the pane word them in their own language.
 */
export type MatchReason =
  | { kind: 'same-name' }
  | { kind: 'same-id'; id: string }
  | { kind: 'renumbered'; from: string; to: string }
  | { kind: 'renamed'; from: string; to: string; similarity: number }
  | { kind: 'moved'; from: string; to: string }
  | { kind: 'same-place' };

/** How a this-year department row was paired with last year's row(s) of the program. */
export type DepartmentLink = 'same' | 'renamed' | 'split' | 'merged' | 'only';

export interface DepartmentPair {
  current: YearEntry;
  /** Last year's rows it continues (several when departments merged), empty when new. */
  previous: YearEntry[];
  link: DepartmentLink | 'new';
}

export interface ProgramMatch {
  previous: YearProgram;
  current: YearProgram;
  reasons: MatchReason[];
  departments: DepartmentPair[];
}

export interface AmbiguousMatch {
  current: YearProgram;
  candidates: YearProgram[];
}

export interface MatchResult {
  matches: ProgramMatch[];
  /** Last year's programs with no counterpart this year. */
  vanished: YearProgram[];
  /** This year's programs with no counterpart last year. */
  added: YearProgram[];
  /** This year's programs that fit several of last year's equally well: left unmatched. */
  ambiguous: AmbiguousMatch[];
}

/** Below this share of edits two names are "small edits" of each other. */
const RENAME_SAME_PLACE = 0.5;
const RENAME_ANYWHERE = 0.75;
/** Candidates closer than this to the best are as good as the best: ambiguous. */
const TIE = 0.05;

export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** How much of two programs' surroundings agree: ancestors' names and the identifier path's tail. */
function contextScore(a: YearProgram, b: YearProgram): number {
  const anc = new Set(a.ancestorKeys);
  const shared = b.ancestorKeys.filter((k) => anc.has(k)).length;
  const union = new Set([...a.ancestorKeys, ...b.ancestorKeys]).size;
  const ancestors = union === 0 ? 0 : shared / union;
  // Programs repeated under one name (one per department) are told apart by who reports them.
  const depts = new Set(a.entries.map((e) => e.departmentKey));
  const department = b.entries.some((e) => e.departmentKey !== '' && depts.has(e.departmentKey)) ? 0.3 : 0;
  return ancestors + department + (idTail(a, 2) === idTail(b, 2) && a.idPath.length > 0 ? 0.5 : idTail(a, 1) === idTail(b, 1) && a.idPath.length > 0 ? 0.25 : 0);
}

function idTail(p: YearProgram, n: number): string {
  return p.idPath.slice(-n).join('-');
}

function parentKey(p: YearProgram): string {
  return p.ancestorKeys[p.ancestorKeys.length - 1] ?? '';
}

/**
 * Pairs last year's programs with this year's. Names lead (a program keeps its name when the
 * template or its number changes); identifiers and ancestors settle repeated names and small
 * renames. Anything that fits two candidates equally is reported, never guessed.
 */
export function matchPrograms(previous: readonly YearProgram[], current: readonly YearProgram[]): MatchResult {
  const matches: ProgramMatch[] = [];
  const ambiguous: AmbiguousMatch[] = [];
  const usedPrev = new Set<YearProgram>();
  const usedCur = new Set<YearProgram>();
  const take = (p: YearProgram, c: YearProgram, reasons: MatchReason[]): void => {
    usedPrev.add(p);
    usedCur.add(c);
    matches.push({ previous: p, current: c, reasons, departments: pairDepartments(p, c) });
  };

  // 1. The same name. Repeated names (one program per department, say) are told apart by context.
  const prevByName = groupBy(previous, (p) => p.nameKey);
  const curByName = groupBy(current, (p) => p.nameKey);
  for (const [key, curs] of curByName) {
    const prevs = prevByName.get(key);
    if (!prevs || key === '') continue;
    if (prevs.length === 1 && curs.length === 1) {
      take(prevs[0], curs[0], sameNameReasons(prevs[0], curs[0]));
      continue;
    }
    // Best pairs first, each side once; a this-year program whose two best are tied is ambiguous.
    const pairs = curs.flatMap((c) => prevs.map((p) => ({ c, p, score: contextScore(p, c) }))).sort((x, y) => y.score - x.score);
    const tiedAway = new Set<YearProgram>();
    for (const { c, p, score } of pairs) {
      if (usedCur.has(c) || usedPrev.has(p) || tiedAway.has(c)) continue;
      const rivals = prevs.filter((q) => q !== p && !usedPrev.has(q) && Math.abs(contextScore(q, c) - score) < TIE);
      const otherCur = curs.filter((d) => d !== c && !usedCur.has(d) && Math.abs(contextScore(p, d) - score) < TIE);
      if (rivals.length > 0 || otherCur.length > 0) {
        tiedAway.add(c);
        continue;
      }
      take(p, c, sameNameReasons(p, c));
    }
    for (const c of curs) {
      if (usedCur.has(c)) continue;
      const left = prevs.filter((p) => !usedPrev.has(p));
      if (left.length > 1) ambiguous.push({ current: c, candidates: left });
    }
  }

  const ambiguousCur = new Set(ambiguous.map((a) => a.current));
  const ambiguousPrev = new Set(ambiguous.flatMap((a) => a.candidates));
  const openPrev = (): YearProgram[] => previous.filter((p) => !usedPrev.has(p) && !ambiguousPrev.has(p));

  // 2. A small rename in the same place: same identifier and parent, a name that is mostly the same.
  for (const c of current) {
    if (usedCur.has(c) || ambiguousCur.has(c)) continue;
    const here = openPrev()
      .filter((p) => parentKey(p) === parentKey(c) && idTail(p, 1) === idTail(c, 1) && c.idPath.length > 0)
      .map((p) => ({ p, sim: nameSimilarity(p.nameKey, c.nameKey) }))
      .filter((x) => x.sim >= RENAME_SAME_PLACE);
    if (here.length === 1) {
      take(here[0].p, c, [{ kind: 'same-place' }, { kind: 'renamed', from: here[0].p.name, to: c.name, similarity: round(here[0].sim) }]);
    }
  }

  // 3. A small rename anywhere (moved and reworded): only a clear best candidate is taken.
  for (const c of current) {
    if (usedCur.has(c) || ambiguousCur.has(c)) continue;
    const ranked = openPrev()
      .map((p) => ({ p, sim: nameSimilarity(p.nameKey, c.nameKey) + contextScore(p, c) / 10 }))
      .filter((x) => nameSimilarity(x.p.nameKey, c.nameKey) >= RENAME_ANYWHERE)
      .sort((x, y) => y.sim - x.sim);
    if (ranked.length === 0) continue;
    if (ranked.length > 1 && ranked[0].sim - ranked[1].sim < TIE) {
      ambiguous.push({ current: c, candidates: ranked.filter((x) => ranked[0].sim - x.sim < TIE).map((x) => x.p) });
      for (const x of ranked) ambiguousPrev.add(x.p);
      continue;
    }
    const p = ranked[0].p;
    const reasons: MatchReason[] = [{ kind: 'renamed', from: p.name, to: c.name, similarity: round(nameSimilarity(p.nameKey, c.nameKey)) }];
    if (parentKey(p) !== parentKey(c)) reasons.push({ kind: 'moved', from: p.ancestors.join(' › '), to: c.ancestors.join(' › ') });
    take(p, c, reasons);
  }

  const stillAmbiguous = new Set(ambiguous.flatMap((a) => a.candidates));
  matches.sort((a, b) => current.indexOf(a.current) - current.indexOf(b.current));
  return {
    matches,
    vanished: previous.filter((p) => !usedPrev.has(p) && !stillAmbiguous.has(p)),
    added: current.filter((c) => !usedCur.has(c) && !ambiguous.some((a) => a.current === c)),
    ambiguous,
  };
}

function sameNameReasons(p: YearProgram, c: YearProgram): MatchReason[] {
  const reasons: MatchReason[] = [{ kind: 'same-name' }];
  const from = p.node.path !== p.name ? p.node.path : '';
  const to = c.node.path !== c.name ? c.node.path : '';
  if (idTail(p, 1) !== '' && idTail(p, 1) === idTail(c, 1)) reasons.push({ kind: 'same-id', id: c.node.id ?? to });
  else if (from !== '' && to !== '') reasons.push({ kind: 'renumbered', from, to });
  if (parentKey(p) !== '' && parentKey(c) !== '' && !c.ancestorKeys.includes(parentKey(p))) {
    reasons.push({ kind: 'moved', from: p.ancestors.join(' › '), to: c.ancestors.join(' › ') });
  }
  return reasons;
}

/**
 * Pairs a program's department rows across the years: the same 担当課 first; then what is
 * left, when one side has one row, is a renamed department (1→1), a split (1→n) or a merge (n→1).
 */
export function pairDepartments(previous: YearProgram, current: YearProgram): DepartmentPair[] {
  const prevLeft = [...previous.entries];
  const out: DepartmentPair[] = [];
  const unpaired: YearEntry[] = [];
  for (const e of current.entries) {
    const i = prevLeft.findIndex((p) => p.departmentKey === e.departmentKey);
    if (i >= 0) {
      out.push({ current: e, previous: [prevLeft[i]], link: 'same' });
      prevLeft.splice(i, 1);
    } else unpaired.push(e);
  }
  // A department that is still there cannot also have been renamed or split.
  if (unpaired.length > 0 && prevLeft.length === 1 && unpaired.length >= 1) {
    const link: DepartmentLink = previous.entries.length === 1 && current.entries.length === 1 ? 'only' : unpaired.length === 1 ? 'renamed' : 'split';
    for (const e of unpaired) out.push({ current: e, previous: [prevLeft[0]], link });
  } else if (unpaired.length === 1 && prevLeft.length > 1) {
    out.push({ current: unpaired[0], previous: prevLeft, link: 'merged' });
  } else {
    for (const e of unpaired) out.push({ current: e, previous: [], link: 'new' });
  }
  out.sort((a, b) => current.entries.indexOf(a.current) - current.entries.indexOf(b.current));
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

