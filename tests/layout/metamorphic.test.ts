/**
 * Metamorphic layout tests: each seed plan rendered in over a thousand layouts (every value of
 * every axis alone, and axes combined at random with a fixed seed, variants.ts). Every variant
 * is checked in memory (the rendered workbook as a snapshot, snapshot-of.ts); a fixed sample
 * of about 50 goes through the xlsx writer and the reader users use, and must read exactly as
 * its in-memory snapshot. Whatever the layout, the same plan must give the same error and
 * warning findings (projected on rule, program, department, year), the same A–D counts and
 * the same report year; clean variants give no error; every planted defect is found; a
 * variant that hides rows loses exactly those rows' findings.
 *
 * Every workbook is built once in beforeAll and shared by the assertions. A failing kind lists
 * its failing variants and what differs, so a reader sees at once which variation is misread.
 */
import { writeFileSync } from 'node:fs';

import { build, buildInMemory, compare, planSet, table, type Built } from './harness';
import { PLAN_IDS, type PlanId } from './plan-model';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { buildVariants, OPTIONS, type Kind, type Variant } from './variants';

jest.setTimeout(240_000);

const { plans, defective } = planSet();
const variants = buildVariants(plans, Object.fromEntries(PLAN_IDS.map((id) => [id, defective[id].defects.flatMap((d) => (d.key ? [d.key] : []))])));

interface Outcome { variant: Variant; problems: string[] }

/**
 * Combinations the engine is known to misread, found when the generator began combining axes
 * at random (over 1,000 variants): each names the variants it covers and the problems it
 * explains. A variant fails unless every problem it has is explained; a limit that no variant
 * shows any more fails too, so this list only shrinks. These are the engine's open faults,
 * not tolerances: fix the reading and delete the entry.
 */
const KNOWN_LIMITS: { what: string; covers: (v: Variant) => boolean; explains: RegExp }[] = [
];

/** The problems no known limit explains. */
function unexplained(o: Outcome): string[] {
  const limits = KNOWN_LIMITS.filter((k) => k.covers(o.variant));
  return o.problems.filter((p) => !limits.some((k) => k.explains.test(p)));
}
const canonical = new Map<string, Built>();
const outcomes: Outcome[] = [];
/** Every n-th variant goes through the writer and the reader: about 50 of them. */
const SAMPLE_EVERY = Math.max(1, Math.floor(variants.length / 50));
const roundTrips: { id: string; differences: string[] }[] = [];
const tag = (id: PlanId, d: boolean): string => `${id}${d ? '+defects' : ''}`;

beforeAll(async () => {
  for (const id of PLAN_IDS) {
    canonical.set(tag(id, false), await build(plans[id], {}));
    canonical.set(tag(id, true), await build(defective[id].plan, {}));
  }
  for (const [i, v] of variants.entries()) {
    const plan = v.defective ? defective[v.plan].plan : plans[v.plan];
    let problems: string[];
    try {
      const built = buildInMemory(plan, v.spec);
      problems = compare(v, plan, canonical.get(tag(v.plan, v.defective))!, built, v.defective ? defective[v.plan].defects : []);
      if (i % SAMPLE_EVERY === 0) {
        const read = await build(plan, v.spec);
        roundTrips.push({ id: v.id, differences: snapshotDifferences(built.snapshot, read.snapshot) });
        problems.push(...compare(v, plan, canonical.get(tag(v.plan, v.defective))!, read, v.defective ? defective[v.plan].defects : []).map((p) => `through xlsx: ${p}`));
      }
    } catch (e) {
      problems = [`threw: ${e instanceof Error ? e.message : String(e)}`];
    }
    outcomes.push({ variant: v, problems });
  }
  // The pass/fail table per kind, for the closing note and for ENGINE (set HYOKA_LAYOUT_TABLE=path).
  if (process.env.HYOKA_LAYOUT_TABLE) writeFileSync(process.env.HYOKA_LAYOUT_TABLE, summaryTable());
});

/** Where the in-memory snapshot and the one the reader gives differ (validations compared cell by cell). */
function snapshotDifferences(mem: WorkbookSnapshot, read: WorkbookSnapshot): string[] {
  const out: string[] = [];
  if (mem.sheets.length !== read.sheets.length) return [`${mem.sheets.length} sheets in memory, ${read.sheets.length} read`];
  const cells = (s: WorkbookSnapshot['sheets'][number]): string[] =>
    (s.validations ?? []).flatMap((v) => v.ranges.flatMap((r) => {
      const list: string[] = [];
      for (let row = r.top; row <= r.bottom; row++) for (let c = r.left; c <= r.right; c++) list.push(`${row},${c}:${v.items.join(',')}`);
      return list;
    })).filter((x, k, all) => all.indexOf(x) === k).sort();
  mem.sheets.forEach((m, i) => {
    const r = read.sheets[i];
    const same = (what: string, a: unknown, b: unknown): void => {
      if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${m.name}: ${what} differ`);
    };
    same('names', m.name, r.name);
    same('rows', m.rows, r.rows);
    same('merges', [...m.merges].sort((a, b) => a.top - b.top || a.left - b.left), [...r.merges].sort((a, b) => a.top - b.top || a.left - b.left));
    same('hidden rows', m.hiddenRows, r.hiddenRows);
    same('hidden columns', m.hiddenCols, r.hiddenCols);
    same('uncached formulas', m.uncachedFormulas ?? [], r.uncachedFormulas ?? []);
    same('validations', cells(m), cells(r));
    same('row styles', m.rowStyles ?? [], r.rowStyles ?? []);
  });
  return out;
}

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

test('the generator renders at least 1,000 workbooks, every kind at least once alone per applicable plan', () => {
  expect(variants.length).toBeGreaterThanOrEqual(1000);
  for (const o of OPTIONS) {
    for (const id of PLAN_IDS) {
      if (!o.applies(plans[id])) continue;
      expect(variants.some((v) => v.plan === id && v.kinds.length === 1 && v.kinds[0] === o.kind)).toBe(true);
    }
  }
});

test('about 50 variants go through the xlsx writer and reader, and read exactly as in memory', () => {
  expect(roundTrips.length).toBeGreaterThanOrEqual(40);
  const differing = roundTrips.filter((t) => t.differences.length).map((t) => ({ id: t.id, problems: t.differences }));
  if (differing.length) throw new Error(`in-memory snapshots differ from the reader's\n${table(differing)}`);
});

test('a variant made unreadable on purpose (grades in marks nothing explains) warns; it never passes quietly', () => {
  const graded = variants.filter((v, i) => i % 10 === 0 && !v.defective && plans[v.plan].tables.some((t) => t.fields.some((f) => f.role === 'grade')));
  expect(graded.length).toBeGreaterThanOrEqual(40);
  const silent: string[] = [];
  for (const v of graded) {
    const { report } = buildInMemory(plans[v.plan], { ...v.spec, hiddenEncoding: true });
    const counted = report.sheets.some((s) => s.gradeCounts && Object.values(s.gradeCounts).some((n) => n > 0));
    const warned = report.findings.some((f) => f.severity === 'warning' && (f.rule === 'reading-doubt' || f.rule === 'layout-uncertain'));
    // An error also ends the run non-zero: what must never happen is a quiet pass (exit 0, no warning).
    const errored = report.findings.some((f) => f.severity === 'error');
    if (!warned && !errored) silent.push(`${v.id}: ${counted ? 'counted the marks without a warning' : 'nothing counted and no warning'} (${report.findings.length} findings: ${[...new Set(report.findings.map((f) => f.rule))].join(', ')})`);
  }
  expect(silent.slice(0, 10)).toEqual([]);
});

test('every known limit still shows (else delete it from KNOWN_LIMITS)', () => {
  const gone = KNOWN_LIMITS.filter((k) => !outcomes.some((o) => k.covers(o.variant) && o.problems.some((p) => k.explains.test(p)))).map((k) => k.what);
  expect(gone).toEqual([]);
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
    const failing = mine.filter((o) => unexplained(o).length).map((o) => ({ id: o.variant.id, problems: unexplained(o) }));
    if (failing.length) throw new Error(`${kind}: ${failing.length} of ${mine.length} variants differ from the canonical layout\n${table(failing)}`);
  });
});
