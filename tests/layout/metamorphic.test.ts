/**
 * Metamorphic layout tests: each seed plan rendered in several hundred layouts (every kind of
 * variation of issue 11 alone, and combined at random with a fixed seed), read through the
 * same reader users use. Whatever the layout, the same plan must give the same error and
 * warning findings (projected on rule, program, department, year), the same A–D counts and
 * the same report year; clean variants give no error; every planted defect is found; a
 * variant that hides rows loses exactly those rows' findings.
 *
 * Every workbook is built once in beforeAll and shared by the assertions. A failing kind lists
 * its failing variants and what differs, so a reader sees at once which variation is misread.
 */
import { writeFileSync } from 'node:fs';

import { build, compare, planSet, table, type Built } from './harness';
import { PLAN_IDS, type PlanId } from './plan-model';
import { buildVariants, OPTIONS, type Kind, type Variant } from './variants';

jest.setTimeout(240_000);

const { plans, defective } = planSet();
const variants = buildVariants(plans, Object.fromEntries(PLAN_IDS.map((id) => [id, defective[id].defects.flatMap((d) => (d.key ? [d.key] : []))])));

interface Outcome { variant: Variant; problems: string[] }
const canonical = new Map<string, Built>();
const outcomes: Outcome[] = [];
const tag = (id: PlanId, d: boolean): string => `${id}${d ? '+defects' : ''}`;

beforeAll(async () => {
  for (const id of PLAN_IDS) {
    canonical.set(tag(id, false), await build(plans[id], {}));
    canonical.set(tag(id, true), await build(defective[id].plan, {}));
  }
  for (const v of variants) {
    const plan = v.defective ? defective[v.plan].plan : plans[v.plan];
    let problems: string[];
    try {
      const built = await build(plan, v.spec);
      problems = compare(v, plan, canonical.get(tag(v.plan, v.defective))!, built, v.defective ? defective[v.plan].defects : []);
    } catch (e) {
      problems = [`threw: ${e instanceof Error ? e.message : String(e)}`];
    }
    outcomes.push({ variant: v, problems });
  }
  // The pass/fail table per kind, for the closing note and for ENGINE (set HYOKA_LAYOUT_TABLE=path).
  if (process.env.HYOKA_LAYOUT_TABLE) writeFileSync(process.env.HYOKA_LAYOUT_TABLE, summaryTable());
});

function summaryTable(): string {
  const lines = ['kind | variants | pass | fail', '---|---|---|---'];
  for (const k of [...new Set(OPTIONS.map((o) => o.kind))]) {
    const mine = outcomes.filter((o) => o.variant.kinds.includes(k));
    const alone = mine.filter((o) => o.variant.kinds.length === 1);
    const fail = mine.filter((o) => o.problems.length);
    lines.push(`${k} | ${mine.length} (${alone.length} alone) | ${mine.length - fail.length} | ${fail.length}`);
  }
  const fail = outcomes.filter((o) => o.problems.length).length;
  lines.push(`all | ${outcomes.length} | ${outcomes.length - fail} | ${fail}`);
  lines.push('', 'failing variants:', table(outcomes.filter((o) => o.problems.length).map((o) => ({ id: o.variant.id, problems: o.problems })), 400));
  return lines.join('\n');
}

test('the generator renders at least 300 workbooks, every kind at least once alone per applicable plan', () => {
  expect(variants.length).toBeGreaterThanOrEqual(300);
  for (const o of OPTIONS) {
    for (const id of PLAN_IDS) {
      if (!o.applies(plans[id])) continue;
      expect(variants.some((v) => v.plan === id && v.kinds.length === 1 && v.kinds[0] === o.kind)).toBe(true);
    }
  }
});

describe('canonical layouts (the reference every variant is compared with)', () => {
  test.each(PLAN_IDS.map((id) => [id]))('%s: clean gives no error finding, defects are each found', (id) => {
    const clean = canonical.get(tag(id, false))!.report;
    const bad = canonical.get(tag(id, true))!.report;
    const problems: string[] = [];
    for (const f of clean.findings.filter((x) => x.severity === 'error')) problems.push(`clean: ${f.rule} ${f.sheet}!${f.cell ?? f.row} ${f.program ?? ''}`);
    if (clean.reportYear !== plans[id].reportYear) problems.push(`report year ${clean.reportYear}`);
    for (const d of defective[id].defects) {
      if (!bad.findings.some((f) => f.rule === d.expect.rule)) problems.push(`planted defect not found: ${d.what}`);
    }
    expect(problems).toEqual([]);
  });
});

const KINDS = [...new Set(OPTIONS.map((o) => o.kind))] as Kind[];

describe('every variation reads the same plan', () => {
  test.each(KINDS.map((k) => [k]))('%s', (kind) => {
    const mine = outcomes.filter((o) => o.variant.kinds.includes(kind));
    expect(mine.length).toBeGreaterThan(0);
    const failing = mine.filter((o) => o.problems.length).map((o) => ({ id: o.variant.id, problems: o.problems }));
    if (failing.length) throw new Error(`${kind}: ${failing.length} of ${mine.length} variants differ from the canonical layout\n${table(failing)}`);
  });
});
