import { a1 } from '../core/a1';
import { compareMessages } from '../i18n/compare';
import { ruleTitle } from './rule-titles';
import { DEFAULT_SCALE, emptyCounts, labelsOf, levelScore, type GradeLabel, type Scale } from '../core/scale';
import type { Finding, GradeCounts, Lang } from '../core/report';
import type { CellLink, DocCell, DocChart, DocTable, SummaryDocument } from '../core/summary-document';
import { formatFiscalYear } from '../core/years';
import type { MatchResult } from '../core/compare/match';
import type { YearEntry, YearProgram } from '../core/compare/programs';

export interface ComparisonDocumentInput {
  previousYear: number | null;
  currentYear: number | null;
  previous: readonly YearProgram[];
  current: readonly YearProgram[];
  match: MatchResult;
  findings: readonly (Pick<Finding, 'rule' | 'sheet' | 'program' | 'department'> & { file?: string | null })[];
  /** This year's own findings (check's: a blank grade …), matched to programs by their plan node. */
  ownFindings?: readonly (Pick<Finding, 'rule' | 'sheet' | 'node' | 'department'> & { file?: string | null })[];
  /** The scale counts and changes are spoken in (A–D when absent). */
  scale?: Scale;
}

/** The grade a department row declares, or null. */
export function entryGrade(e: YearEntry | undefined): GradeLabel | null {
  const p = e?.entry.declaredGrade?.parsed;
  return p?.kind === 'grade' ? p.grade : null;
}

/** ↑ / ↓ / →, with the steps (levels of the scale) named when the grade moved two or more. */
export function gradeChange(from: GradeLabel | null, to: GradeLabel | null, lang: Lang, scale: Scale = DEFAULT_SCALE): string {
  if (from === null || to === null) return '';
  const a = levelScore(scale, from);
  const b = levelScore(scale, to);
  if (a === null || b === null) return from === to ? '→' : '';
  const d = b - a;
  if (d === 0) return '→';
  const arrow = d > 0 ? '↑' : '↓';
  return Math.abs(d) >= 2 ? `${arrow}${arrow} ${compareMessages[lang].twoSteps(Math.abs(d))}` : arrow;
}

/**
 * 前年度比較: one row per program and department (last year's grade, this year's, the change,
 * last year's 次年度方針, this year's findings), then both years' A–D per policy and per
 * 基本目標, and the per-goal counts as a chart.
 */
export function buildComparisonDocument(input: ComparisonDocumentInput, lang: Lang, sourceLink?: (file: string | null) => string | null): SummaryDocument {
  const m = compareMessages[lang];
  const scale = input.scale ?? DEFAULT_SCALE;
  const levels = labelsOf(scale);
  const year = (y: number | null): string => (y === null ? m.unknownYear : formatFiscalYear(y, lang));
  const link = (p: YearProgram, row: number, col: number, text: string): DocCell => {
    const target: CellLink = { sheet: p.sheet, cell: a1(row, col) };
    const file = sourceLink ? sourceLink(p.file) : null;
    if (file) target.file = file;
    else if (sourceLink) return text; // a folder's file the output cannot reach: plain text
    return { text, link: target };
  };
  // This year's findings about the program, by the rules' names (never their ids): the
  // comparison's (a grade that moved, a text copied forward) and this year's own (a blank grade).
  const ownByNode = new Map<string, NonNullable<ComparisonDocumentInput['ownFindings']>[number][]>();
  for (const f of input.ownFindings ?? []) {
    if (f.node === undefined) continue;
    const list = ownByNode.get(f.node);
    if (list) list.push(f);
    else ownByNode.set(f.node, [f]);
  }
  const findingsAt = (p: YearProgram, e: YearEntry | null): string => {
    const sameDepartment = (d: string | undefined): boolean => e === null || !d || d === e.entry.department;
    const ids = [
      ...input.findings.filter((f) => (f.file ?? null) === p.file && f.program === p.name && f.sheet === p.sheet && sameDepartment(f.department)),
      ...(ownByNode.get(p.node.key) ?? []).filter((f) => (f.file ?? null) === p.file && sameDepartment(f.department)),
    ].map((f) => f.rule);
    return [...new Set(ids)].map((id) => ruleTitle(id, lang)).join(lang === 'ja' ? '、' : ', ');
  };
  const goal = (p: YearProgram): string => p.ancestors[0] ?? '';
  const policy = (p: YearProgram): string => p.ancestors[p.ancestors.length - 1] ?? '';
  const nextPolicyOf = (es: readonly YearEntry[]): string => [...new Set(es.map((e) => e.entry.nextPolicy?.text.trim() ?? '').filter((t) => t !== ''))].join('・');

  const rows: DocCell[][] = [];
  const matchOf = new Map(input.match.matches.map((x) => [x.current, x]));
  for (const c of input.current) {
    const match = matchOf.get(c);
    const name = c.node.path && c.node.path !== c.name ? `${c.node.path} ${c.name}` : c.name;
    if (match) {
      for (const pair of match.departments) {
        const before = pair.previous.length === 1 ? entryGrade(pair.previous[0]) : sameGrade(pair.previous);
        const now = entryGrade(pair.current);
        rows.push([
          goal(c), policy(c), link(c, c.nameCell.row, c.nameCell.col, name), pair.current.entry.department,
          pair.previous.length === 0 ? m.added : before, now,
          pair.previous.length === 0 ? m.added : gradeChange(before, now, lang, scale),
          nextPolicyOf(pair.previous), findingsAt(c, pair.current),
        ]);
      }
      continue;
    }
    const entries = c.entries.length ? c.entries : [null];
    for (const e of entries) {
      rows.push([goal(c), policy(c), link(c, c.nameCell.row, c.nameCell.col, name), e?.entry.department ?? null, null, entryGrade(e ?? undefined), m.added, null, findingsAt(c, e)]);
    }
  }
  for (const p of input.match.vanished) {
    for (const e of p.entries.length ? p.entries : [undefined]) {
      rows.push([goal(p), policy(p), p.name, e?.entry.department ?? null, entryGrade(e), null, m.vanished, e ? nextPolicyOf([e]) : null, null]);
    }
  }
  const programTable: DocTable = {
    kind: 'table',
    title: m.programTableTitle(year(input.previousYear), year(input.currentYear)),
    columns: [
      { header: m.col.goal, width: 18 },
      { header: m.col.policy, width: 20 },
      { header: m.col.program, width: 36 },
      { header: m.col.department, width: 14 },
      { header: m.col.previousGrade, width: 8, align: 'center' },
      { header: m.col.currentGrade, width: 8, align: 'center' },
      { header: m.col.change, width: 10, align: 'center' },
      { header: m.col.previousNextPolicy, width: 12, align: 'center' },
      { header: m.col.findings, width: 30 },
    ],
    rows,
  };

  // Both years are counted under this year's structure: a matched program counts where it is now.
  const placeOf = new Map<YearProgram, YearProgram>();
  for (const x of input.match.matches) placeOf.set(x.previous, x.current);
  const distribution = (key: (p: YearProgram) => string[]): Map<string, { label: string[]; before: GradeCounts; now: GradeCounts }> => {
    const out = new Map<string, { label: string[]; before: GradeCounts; now: GradeCounts }>();
    const slot = (label: string[]): { label: string[]; before: GradeCounts; now: GradeCounts } => {
      const k = label.join('\u0000');
      let s = out.get(k);
      if (!s) out.set(k, (s = { label, before: emptyCounts(scale), now: emptyCounts(scale) }));
      return s;
    };
    for (const c of input.current) {
      const s = slot(key(c));
      for (const e of c.entries) {
        const g = entryGrade(e);
        if (g) s.now[g] = (s.now[g] ?? 0) + 1;
      }
    }
    for (const p of input.previous) {
      const s = slot(key(placeOf.get(p) ?? p));
      for (const e of p.entries) {
        const g = entryGrade(e);
        if (g) s.before[g] = (s.before[g] ?? 0) + 1;
      }
    }
    return out;
  };
  const countColumns = [
    ...levels.map((g) => ({ header: m.col.previousCounts(g), width: 7, align: 'right' as const })),
    ...levels.map((g) => ({ header: m.col.currentCounts(g), width: 7, align: 'right' as const })),
    { header: m.col.meanChange, width: 9, align: 'right' as const },
  ];
  const countCells = (before: GradeCounts, now: GradeCounts): DocCell[] => [
    ...levels.map((g) => before[g] ?? 0),
    ...levels.map((g) => now[g] ?? 0),
    meanChange(before, now, scale),
  ];
  const byPolicy = distribution((p) => [goal(p), policy(p)]);
  const policyTable: DocTable = {
    kind: 'table',
    title: m.policyTableTitle,
    columns: [{ header: m.col.goal, width: 18 }, { header: m.col.policy, width: 20 }, ...countColumns],
    rows: [...byPolicy.values()].map((s) => [s.label[0], s.label[1], ...countCells(s.before, s.now)]),
  };
  const byGoal = distribution((p) => [goal(p)]);
  const goalTable: DocTable = {
    kind: 'table',
    title: m.goalTableTitle,
    columns: [{ header: m.col.goal, width: 18 }, ...countColumns],
    rows: [...byGoal.values()].map((s) => [s.label[0], ...countCells(s.before, s.now)]),
  };
  const goals = [...byGoal.values()];
  const chart: DocChart = {
    kind: 'chart',
    title: m.chartTitle,
    categories: goals.flatMap((s) => [`${s.label[0]} ${m.previousSeries(year(input.previousYear))}`, `${s.label[0]} ${m.currentSeries(year(input.currentYear))}`]),
    series: levels.map((g) => ({ name: g, values: goals.flatMap((s) => [s.before[g] ?? 0, s.now[g] ?? 0]) })),
  };
  return { sheets: [{ name: m.sheet, blocks: [programTable, policyTable, goalTable, chart] }] };
}

/** Merged departments: their common grade, or null when they differed. */
function sameGrade(es: readonly YearEntry[]): GradeLabel | null {
  const gs = new Set(es.map(entryGrade));
  return gs.size === 1 ? [...gs][0] : null;
}

/** Mean score (levels n … 1, A–D: A=4 … D=1) this year minus last year, two decimals; null without grades. */
function meanChange(before: GradeCounts, now: GradeCounts, scale: Scale): number | null {
  const mean = (c: GradeCounts): number | null => {
    let n = 0;
    let sum = 0;
    for (const g of labelsOf(scale)) {
      n += c[g] ?? 0;
      sum += (c[g] ?? 0) * (levelScore(scale, g) ?? 0);
    }
    return n === 0 ? null : sum / n;
  };
  const a = mean(before);
  const b = mean(now);
  return a === null || b === null ? null : Math.round((b - a) * 100) / 100;
}

