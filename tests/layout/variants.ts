/**
 * The variants: every kind of variation alone, then kinds combined at random with a fixed
 * seed, for each seed plan, clean and with planted defects.
 */
import { PLAN_IDS, type PlanId, type PlanModel } from './plan-model';
import type { LayoutSpec } from './render';

/** mulberry32: a tiny seeded PRNG, so every run builds the same variants. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A kind of variation, one label each, for the pass/fail table: `<axis number> <what>`. Any
 * string: an axis added to AXES brings its own labels.
 */
export type Kind = string;

export interface Variant {
  id: string;
  plan: PlanId;
  defective: boolean;
  kinds: Kind[];
  spec: LayoutSpec;
}

/** One value along an axis: its label, the plans it applies to, the layout options it sets. */
export interface AxisValue { kind: Kind; applies: (p: PlanModel) => boolean; spec: (p: PlanModel, rnd: () => number, prefer?: string[]) => LayoutSpec }
/** Kept for the suites that name a value as an option. */
export type Option = AxisValue;

/**
 * The axes of variation. A variant takes at most one value per axis (the canonical layout is
 * no value), so values of one axis never fight; values of different axes combine freely.
 * Adding an axis is one entry here (and what it sets in render.ts's LayoutSpec).
 */
export interface Axis {
  name: string;
  values: AxisValue[];
  /** Chance that a random variant varies along this axis (default DEFAULT_AXIS_CHANCE). */
  chance?: number;
  /**
   * Draws from a stream of its own: an axis added later leaves every variant the older axes
   * built as it was (their combinations, alone and combined, stay the same), and adds to them.
   */
  ownStream?: boolean;
}

const DEFAULT_AXIS_CHANCE = 0.3;
/**
 * The #20 axes (orientation, tables per sheet, sheets per year) join random combinations like
 * the others, from the own stream (they were added after the older axes' combinations).
 */
const NEW_AXIS_CHANCE = 0.3;

const has = (p: PlanModel, role: string): boolean => p.tables.some((t) => t.fields.some((f) => f.role === role));
const always = (): boolean => true;
const notations = ['colon', 'paren', 'suffix', 'space', 'prefix'] as const;
const namings = ['R', 'reiwa', 'western'] as const;
export const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];

/** Item keys to hide: graded rows anywhere in the plan, the first one with a planted defect when asked. */
function hideKeys(p: PlanModel, rnd: () => number, prefer: string[] = []): string[] {
  const items = p.tables.flatMap((t) => t.rows.filter((r) => r.item && r.item.graded !== false && r.kind === 'item').map((r) => r.item!.key));
  const pool = items.length ? items : p.tables.flatMap((t) => t.rows.filter((r) => r.item).map((r) => r.item!.key));
  const a = prefer.length ? prefer[Math.floor(rnd() * prefer.length)] : pool[Math.floor(rnd() * pool.length)];
  const b = pool[Math.floor(rnd() * pool.length)];
  return a === b ? [a] : [a, b];
}

export const AXES: Axis[] = [
  { name: 'header words', values: [{ kind: '1 header synonyms', applies: always, spec: (_p, rnd) => ({ wording: 1 + Math.floor(rnd() * 12) }) }] },
  { name: 'header rows', values: [{ kind: '1 header rows', applies: always, spec: (_p, rnd) => ({ headerRows: rnd() < 0.5 ? 2 : 3 }) }] },
  { name: 'line breaks', values: [{ kind: '1 line breaks', applies: always, spec: () => ({ lineBreaks: true }) }] },
  {
    name: 'year-named grades',
    values: [
      { kind: '2 year-named grades', applies: (p) => has(p, 'grade'), spec: (_p, rnd) => ({ yearNaming: pick(namings, rnd) }) },
      { kind: '2 grade left of previous', applies: (p) => has(p, 'previousGrade'), spec: (_p, rnd) => ({ gradeLeftOfPrevious: true, yearNaming: pick(namings, rnd) }) },
    ],
  },
  {
    name: 'column order',
    values: [
      { kind: '3 grade first', applies: (p) => has(p, 'grade'), spec: () => ({ order: 'grade-first' }) },
      { kind: '3 department first', applies: (p) => has(p, 'department'), spec: () => ({ order: 'department-first' }) },
    ],
  },
  { name: 'spacers', values: [{ kind: '3 spacers', applies: always, spec: () => ({ spacers: true }) }] },
  { name: 'hidden helper', values: [{ kind: '3 hidden helper', applies: always, spec: () => ({ hiddenHelper: true }) }] },
  { name: 'prose capitals', values: [{ kind: '3 prose capitals', applies: always, spec: () => ({ proseCapitals: true }) }] },
  {
    name: 'notation',
    values: [
      { kind: '4 notation', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: (_p, rnd) => ({ notation: pick(notations, rnd) }) },
      { kind: '4 notation+validation', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: (_p, rnd) => ({ notation: pick(notations, rnd), validation: true }) },
      { kind: '4 validation', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: () => ({ validation: true }) },
    ],
  },
  { name: 'stacked blocks', values: [{ kind: '5 stacked blocks', applies: (p) => p.tables.length > 1 || p.tables[0].blocks.length > 1, spec: () => ({ stacked: true }) }] },
  {
    name: 'summary place',
    values: [
      { kind: '6 summary below', applies: (p) => p.summaries.length > 0, spec: () => ({ summaryPlace: 'below' }) },
      { kind: '6 summary beside', applies: (p) => p.summaries.length > 0, spec: () => ({ summaryPlace: 'beside' }) },
    ],
  },
  {
    name: 'summary counts',
    values: [
      { kind: '6 summary countif', applies: (p) => p.summaries.length > 0, spec: (_p, rnd) => (rnd() < 0.5 ? { summaryCounts: 'countif', summaryPlace: 'below' } : { summaryCounts: 'countif' }) },
      { kind: '6 summary no cache', applies: (p) => p.summaries.length > 0, spec: () => ({ summaryCounts: 'countif-nocache' }) },
    ],
  },
  { name: 'merged grades', values: [{ kind: '7 merged grades', applies: (p) => has(p, 'department') && has(p, 'grade'), spec: () => ({ mergeGrades: true }) }] },
  { name: 'merged names', values: [{ kind: '7 merged names', applies: (p) => p.id !== 'komae', spec: () => ({ mergeNames: true }) }] },
  {
    name: 'hidden rows',
    values: [
      { kind: '8 hidden rows', applies: (p) => p.summaries.length === 0, spec: (p, rnd, prefer) => ({ hideRows: { keys: hideKeys(p, rnd, prefer) } }) },
      { kind: '8 hidden abolished row', applies: always, spec: () => ({ hideRows: 'abolished' }) },
    ],
  },
  {
    name: 'year source',
    values: [
      { kind: '9 year from sheet name', applies: always, spec: () => ({ yearSource: 'sheet-name' }) },
      { kind: '9 year from file name', applies: always, spec: () => ({ yearSource: 'file-name' }) },
      { kind: '9 year from year columns', applies: (p) => has(p, 'grade') || has(p, 'yearStatus'), spec: (_p, rnd) => ({ yearSource: 'year-columns', yearNaming: pick(namings, rnd) }) },
    ],
  },
  { name: 'distractors', values: [{ kind: '9 distractors', applies: always, spec: () => ({ distractors: true }) }] },
  // #20 item 3: years as rows, as evaluation systems export (a plan of year blocks is already years as columns).
  // Sorted by year as systems export, or by program as laid out by hand (names and headings once).
  {
    name: 'orientation',
    chance: NEW_AXIS_CHANCE,
    ownStream: true,
    values: [
      { kind: '13 years as rows', applies: (p) => has(p, 'grade') && !has(p, 'yearStatus'), spec: () => ({ orientation: 'long' }) },
      { kind: '13 years as rows by program', applies: (p) => has(p, 'grade') && !has(p, 'yearStatus'), spec: () => ({ orientation: 'long', longOrder: 'program' }) },
    ],
  },
  // #20 item 4: several tables on one sheet (two plans' tables, or one plan's split at a block).
  {
    name: 'tables per sheet',
    chance: NEW_AXIS_CHANCE,
    ownStream: true,
    values: [
      { kind: '14 tables side by side', applies: (p) => p.tables.length > 1 || (p.tables[0].blocks.length > 1 && p.summaries.length === 0), spec: () => ({ tablesPerSheet: 'side-by-side' }) },
      { kind: '14 tables stacked', applies: (p) => p.tables.length > 1 || (p.tables[0].blocks.length > 1 && p.summaries.length === 0), spec: () => ({ tablesPerSheet: 'stacked' }) },
    ],
  },
  // #20 item 4: last year's sheet kept beside this year's.
  {
    name: 'sheets per year',
    chance: NEW_AXIS_CHANCE,
    ownStream: true,
    values: [
      { kind: '15 last year’s sheet after', applies: always, spec: () => ({ lastYearSheet: 'after' }) },
      { kind: '15 last year’s sheet before', applies: always, spec: () => ({ lastYearSheet: 'before' }) },
    ],
  },
  {
    name: 'row decorations',
    values: [
      { kind: '12 headings', applies: always, spec: (_p, rnd) => ({ decorations: { headings: rnd() < 0.5 ? 'bracket' : 'bullet' } }) },
      { kind: '12 example row', applies: always, spec: () => ({ decorations: { examples: 'word' } }) },
      { kind: '12 example row styled', applies: always, spec: (_p, rnd) => ({ decorations: { examples: rnd() < 0.5 ? 'italic' : 'grey' } }) },
      { kind: '12 totals', applies: always, spec: (_p, rnd) => ({ decorations: { totals: rnd() < 0.5 ? 'word' : 'counts' } }) },
      { kind: '12 footnotes', applies: always, spec: () => ({ decorations: { footnotes: true } }) },
      {
        kind: '12 all decorations',
        applies: always,
        spec: (_p, rnd) => ({ decorations: { headings: rnd() < 0.5 ? 'bracket' : 'bullet', examples: pick(['word', 'italic', 'grey'] as const, rnd), totals: rnd() < 0.5 ? 'word' : 'counts', footnotes: true } }),
      },
    ],
  },
  {
    // The city's grade scale (#20): the plan's A–D mapped level for level. Values alone tell
    // S/A/B/C, ◎○△× and the achievement words; A–E (an E nobody got) and points (which end is
    // best) need their legend, in a cell or a note. Plans with a 評価総括表 keep scales whose
    // labels such a table names (letters, marks).
    name: 'scale',
    ownStream: true,
    values: [
      // S must recur to be a level (one S among A–C is a slip): a plan with few top grades states its scale.
      { kind: '10 scale S-C', applies: (p) => has(p, 'grade'), spec: (_p, rnd) => ({ scale: 'S-C', legendAt: rnd() < 0.5 ? 'cell' : 'note' }) },
      { kind: '10 scale marks', applies: (p) => has(p, 'grade'), spec: (_p, rnd) => ({ scale: 'marks', ...legendMaybe(rnd) }) },
      { kind: '10 scale words', applies: (p) => has(p, 'grade') && p.summaries.length === 0, spec: (_p, rnd) => ({ scale: 'words', ...legendMaybe(rnd) }) },
      { kind: '10 scale A-E', applies: (p) => has(p, 'grade') && p.summaries.length === 0, spec: (_p, rnd) => ({ scale: 'A-E', legendAt: rnd() < 0.5 ? 'cell' : 'note' }) },
      { kind: '10 scale 4-1 points', applies: (p) => has(p, 'grade') && p.summaries.length === 0, spec: (_p, rnd) => ({ scale: 'points', legendAt: rnd() < 0.5 ? 'cell' : 'note' }) },
    ],
  },
  {
    // How a grade is written (#20): with a note mark, as a mark in one of N level columns under a
    // merged 評価, or as a formula's cached result. (Explained labels are the notation axis.)
    name: 'encoding',
    ownStream: true,
    values: [
      { kind: '10 encoding footnote', applies: (p) => has(p, 'grade'), spec: () => ({ encoding: 'footnote' }) },
      { kind: '10 encoding level columns', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: () => ({ encoding: 'level-columns' }) },
      { kind: '10 encoding formula', applies: (p) => has(p, 'grade'), spec: () => ({ encoding: 'formula' }) },
    ],
  },
];

/** A legend for a scale its values already show: none, in a cell, or in a note. */
function legendMaybe(rnd: () => number): LayoutSpec {
  const r = rnd();
  return r < 0.4 ? {} : r < 0.7 ? { legendAt: 'cell' } : { legendAt: 'note' };
}

/** Every value of every axis, in axis order. */
export const OPTIONS: AxisValue[] = AXES.flatMap((a) => a.values);

const ALONE_REPEATS: Partial<Record<Kind, number>> = { '1 header synonyms': 4, '2 year-named grades': 3, '4 notation': 4, '4 notation+validation': 2, '8 hidden rows': 2 };

/** Variants per plan and clean/defective beyond the values alone: 4 plans × 2 × 110 → about 1,100 in all. */
export const COMBOS_PER_PLAN = 110;

/**
 * Every value alone (some repeated), then `combosPerPlan` variants per plan (clean and with
 * its planted defects) that vary along a random set of axes. `defectKeys`: per plan, the item
 * rows that carry planted defects (hidden-row variants of defective plans hide one).
 */
export function buildVariants(plans: Record<PlanId, PlanModel>, defectKeys: Partial<Record<PlanId, string[]>> = {}, combosPerPlan = COMBOS_PER_PLAN, seed = 20240401, axes: readonly Axis[] = AXES): Variant[] {
  const out: Variant[] = [];
  const main = prng(seed);
  const own = prng(seed ^ 0x5ca1e);
  const rndOf = (axis: Axis | undefined): (() => number) => (axis?.ownStream ? own : main);
  const axisOf = (v: AxisValue): Axis | undefined => axes.find((a) => a.values.includes(v));
  for (const id of PLAN_IDS) {
    const plan = plans[id];
    for (const defective of [false, true]) {
      const tag = `${id}${defective ? '+defects' : ''}`;
      const prefer = defective ? (defectKeys[id] ?? []) : [];
      for (const o of axes.flatMap((a) => a.values).filter((v) => v.applies(plan))) {
        for (let n = 0; n < (ALONE_REPEATS[o.kind] ?? 1); n++) {
          out.push({ id: `${tag} ${o.kind}${n ? ` #${n + 1}` : ''}`, plan: id, defective, kinds: [o.kind], spec: o.spec(plan, rndOf(axisOf(o)), n === 0 ? prefer : []) });
        }
      }
      // Axes that join no combination take no random draws, so adding one leaves the others' combinations as they were.
      const combining = axes.filter((a) => (a.chance ?? DEFAULT_AXIS_CHANCE) > 0);
      for (let c = 0; c < combosPerPlan; c++) {
        const chosen: AxisValue[] = [];
        const older = combining.filter((a) => !a.ownStream);
        for (const axis of older) {
          const values = axis.values.filter((v) => v.applies(plan));
          if (values.length && main() < (axis.chance ?? DEFAULT_AXIS_CHANCE)) chosen.push(pick(values, main));
        }
        // at least two axes, so a combination is never the canonical layout or a value alone
        for (let tries = 0; chosen.length < 2 && tries < 20; tries++) {
          const axis = pick(older, main);
          const values = axis.values.filter((v) => v.applies(plan));
          if (values.length && !chosen.some((x) => axis.values.includes(x))) chosen.push(pick(values, main));
        }
        const spec: LayoutSpec = {};
        for (const o of chosen) Object.assign(spec, o.spec(plan, main, prefer));
        for (const axis of axes.filter((a) => a.ownStream)) {
          const values = axis.values.filter((v) => v.applies(plan));
          if (values.length && own() < (axis.chance ?? DEFAULT_AXIS_CHANCE)) {
            const o = pick(values, own);
            chosen.push(o);
            Object.assign(spec, o.spec(plan, own, prefer));
          }
        }
        out.push({ id: `${tag} combo ${c + 1}: ${chosen.map((o) => o.kind).join(' + ')}`, plan: id, defective, kinds: chosen.map((o) => o.kind), spec });
      }
    }
  }
  return out;
}
