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

/** The issue's kinds of variation, one label each, for the pass/fail table. */
export type Kind =
  | '1 header synonyms' | '1 header rows' | '1 line breaks'
  | '2 year-named grades' | '2 grade left of previous'
  | '3 grade first' | '3 department first' | '3 spacers' | '3 hidden helper' | '3 prose capitals'
  | '4 notation' | '4 notation+validation' | '4 validation'
  | '5 stacked blocks'
  | '6 summary below' | '6 summary beside' | '6 summary countif' | '6 summary no cache'
  | '7 merged grades' | '7 merged names'
  | '8 hidden rows' | '8 hidden abolished row'
  | '9 year from sheet name' | '9 year from file name' | '9 year from year columns' | '9 distractors'
  | '11 libreoffice';

export interface Variant {
  id: string;
  plan: PlanId;
  defective: boolean;
  kinds: Kind[];
  spec: LayoutSpec;
}

interface Option { kind: Kind; applies: (p: PlanModel) => boolean; spec: (p: PlanModel, rnd: () => number, prefer?: string[]) => LayoutSpec }

const has = (p: PlanModel, role: string): boolean => p.tables.some((t) => t.fields.some((f) => f.role === role));
const always = (): boolean => true;
const notations = ['colon', 'paren', 'suffix', 'space'] as const;
const namings = ['R', 'reiwa', 'western'] as const;
const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];

/** Item keys to hide: graded rows anywhere in the plan, the first one with a planted defect when asked. */
function hideKeys(p: PlanModel, rnd: () => number, prefer: string[] = []): string[] {
  const items = p.tables.flatMap((t) => t.rows.filter((r) => r.item && r.item.graded !== false && r.kind === 'item').map((r) => r.item!.key));
  const pool = items.length ? items : p.tables.flatMap((t) => t.rows.filter((r) => r.item).map((r) => r.item!.key));
  const a = prefer.length ? prefer[Math.floor(rnd() * prefer.length)] : pool[Math.floor(rnd() * pool.length)];
  const b = pool[Math.floor(rnd() * pool.length)];
  return a === b ? [a] : [a, b];
}

export const OPTIONS: Option[] = [
  { kind: '1 header synonyms', applies: always, spec: (_p, rnd) => ({ wording: 1 + Math.floor(rnd() * 8) }) },
  { kind: '1 header rows', applies: always, spec: (_p, rnd) => ({ headerRows: rnd() < 0.5 ? 2 : 3 }) },
  { kind: '1 line breaks', applies: always, spec: () => ({ lineBreaks: true }) },
  { kind: '2 year-named grades', applies: (p) => has(p, 'grade'), spec: (_p, rnd) => ({ yearNaming: pick(namings, rnd) }) },
  { kind: '2 grade left of previous', applies: (p) => has(p, 'previousGrade'), spec: (_p, rnd) => ({ gradeLeftOfPrevious: true, yearNaming: pick(namings, rnd) }) },
  { kind: '3 grade first', applies: (p) => has(p, 'grade'), spec: () => ({ order: 'grade-first' }) },
  { kind: '3 department first', applies: (p) => has(p, 'department'), spec: () => ({ order: 'department-first' }) },
  { kind: '3 spacers', applies: always, spec: () => ({ spacers: true }) },
  { kind: '3 hidden helper', applies: always, spec: () => ({ hiddenHelper: true }) },
  { kind: '3 prose capitals', applies: always, spec: () => ({ proseCapitals: true }) },
  { kind: '4 notation', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: (_p, rnd) => ({ notation: pick(notations, rnd) }) },
  { kind: '4 notation+validation', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: (_p, rnd) => ({ notation: pick(notations, rnd), validation: true }) },
  { kind: '4 validation', applies: (p) => has(p, 'grade') && !p.repostInGradeCell, spec: () => ({ validation: true }) },
  { kind: '5 stacked blocks', applies: (p) => p.tables.length > 1 || p.tables[0].blocks.length > 1, spec: () => ({ stacked: true }) },
  { kind: '6 summary below', applies: (p) => p.summaries.length > 0, spec: () => ({ summaryPlace: 'below' }) },
  { kind: '6 summary beside', applies: (p) => p.summaries.length > 0, spec: () => ({ summaryPlace: 'beside' }) },
  { kind: '6 summary countif', applies: (p) => p.summaries.length > 0, spec: (_p, rnd) => (rnd() < 0.5 ? { summaryCounts: 'countif', summaryPlace: 'below' } : { summaryCounts: 'countif' }) },
  { kind: '6 summary no cache', applies: (p) => p.summaries.length > 0, spec: () => ({ summaryCounts: 'countif-nocache' }) },
  { kind: '7 merged grades', applies: (p) => has(p, 'department') && has(p, 'grade'), spec: () => ({ mergeGrades: true }) },
  { kind: '7 merged names', applies: (p) => p.id !== 'komae', spec: () => ({ mergeNames: true }) },
  { kind: '8 hidden rows', applies: (p) => p.summaries.length === 0, spec: (p, rnd, prefer) => ({ hideRows: { keys: hideKeys(p, rnd, prefer) } }) },
  { kind: '8 hidden abolished row', applies: always, spec: () => ({ hideRows: 'abolished' }) },
  { kind: '9 year from sheet name', applies: always, spec: () => ({ yearSource: 'sheet-name' }) },
  { kind: '9 year from file name', applies: always, spec: () => ({ yearSource: 'file-name' }) },
  { kind: '9 year from year columns', applies: (p) => has(p, 'grade') || has(p, 'yearStatus'), spec: (_p, rnd) => ({ yearSource: 'year-columns', yearNaming: pick(namings, rnd) }) },
  { kind: '9 distractors', applies: always, spec: () => ({ distractors: true }) },
];

/** Kinds that must not be combined (one overrides the other). */
function compatible(a: Kind, b: Kind): boolean {
  const family = (k: Kind): string => {
    if (k.startsWith('9 year')) return 'year';
    if (k.startsWith('8')) return 'hide';
    if (k === '3 grade first' || k === '3 department first') return 'order';
    if (k.startsWith('4')) return 'notation';
    if (k === '6 summary below' || k === '6 summary beside') return 'place';
    if (k === '6 summary countif' || k === '6 summary no cache') return 'counts';
    return k;
  };
  return family(a) !== family(b);
}

const ALONE_REPEATS: Partial<Record<Kind, number>> = { '1 header synonyms': 4, '2 year-named grades': 3, '4 notation': 4, '4 notation+validation': 2, '8 hidden rows': 2 };

/** `defectKeys`: per plan, the item rows that carry planted defects (hidden-row variants of defective plans hide one). */
export function buildVariants(plans: Record<PlanId, PlanModel>, defectKeys: Partial<Record<PlanId, string[]>> = {}, combosPerPlan = 14, seed = 20240401): Variant[] {
  const out: Variant[] = [];
  const rnd = prng(seed);
  for (const id of PLAN_IDS) {
    const plan = plans[id];
    const applicable = OPTIONS.filter((o) => o.applies(plan));
    for (const defective of [false, true]) {
      const tag = `${id}${defective ? '+defects' : ''}`;
      const prefer = defective ? (defectKeys[id] ?? []) : [];
      for (const o of applicable) {
        for (let n = 0; n < (ALONE_REPEATS[o.kind] ?? 1); n++) {
          out.push({ id: `${tag} ${o.kind}${n ? ` #${n + 1}` : ''}`, plan: id, defective, kinds: [o.kind], spec: o.spec(plan, rnd, n === 0 ? prefer : []) });
        }
      }
      for (let c = 0; c < combosPerPlan; c++) {
        const chosen: Option[] = [];
        const want = 2 + Math.floor(rnd() * 4);
        for (let tries = 0; chosen.length < want && tries < 40; tries++) {
          const o = pick(applicable, rnd);
          if (chosen.every((x) => x.kind !== o.kind && compatible(x.kind, o.kind))) chosen.push(o);
        }
        const spec: LayoutSpec = {};
        for (const o of chosen) Object.assign(spec, o.spec(plan, rnd, prefer));
        out.push({ id: `${tag} combo ${c + 1}: ${chosen.map((o) => o.kind).join(' + ')}`, plan: id, defective, kinds: chosen.map((o) => o.kind), spec });
      }
    }
  }
  return out;
}
