/**
 * Builds each variant once (render → .xlsx bytes → readWorkbook → checkWorkbook), projects the
 * report on what does not depend on the layout, and compares it with the plan's canonical
 * layout. Shared by the metamorphic and LibreOffice suites.
 */
import { checkWorkbook, type Finding, type Report } from '../../src/core';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { readWorkbook } from '../../src/xlsx/read';
import { cleanPlan, defectivePlan, GRADES, PLAN_IDS, type Defect, type Grade, type PlanId, type PlanModel } from './plan-model';
import { renderPlan, SCALE_LABELS, type LayoutSpec, type Rendered } from './render';
import { snapshotOf } from './snapshot-of';
import type { Variant } from './variants';

export interface Built {
  rendered: Rendered;
  /** The .xlsx written, when the variant went through the writer and the reader (absent: checked in memory). */
  bytes?: Buffer;
  report: Report;
  snapshot: WorkbookSnapshot;
}

export async function toBytes(rendered: Rendered): Promise<Buffer> {
  return Buffer.from(await rendered.workbook.xlsx.writeBuffer());
}

export async function checkBytes(bytes: Uint8Array, fileName: string): Promise<{ report: Report; snapshot: WorkbookSnapshot }> {
  const snapshot = await readWorkbook(bytes, fileName);
  return { report: checkWorkbook(snapshot, { fileName }).report, snapshot };
}

export async function build(plan: PlanModel, spec: LayoutSpec): Promise<Built> {
  const rendered = renderPlan(plan, spec);
  const bytes = await toBytes(rendered);
  const { report, snapshot } = await checkBytes(bytes, rendered.fileName);
  return { rendered, bytes, report, snapshot };
}

/**
 * The same check without the xlsx round trip: the rendered workbook converted in memory
 * (snapshot-of.ts), for the generator's many variants.
 */
export function buildInMemory(plan: PlanModel, spec: LayoutSpec): Built {
  const rendered = renderPlan(plan, spec);
  const snapshot = snapshotOf(rendered.workbook);
  return { rendered, snapshot, report: checkWorkbook(snapshot, { fileName: rendered.fileName }).report };
}

export interface PlanSet { plans: Record<PlanId, PlanModel>; defective: Record<PlanId, { plan: PlanModel; defects: Defect[] }> }

export function planSet(): PlanSet {
  const plans = {} as Record<PlanId, PlanModel>;
  const defective = {} as Record<PlanId, { plan: PlanModel; defects: Defect[] }>;
  for (const id of PLAN_IDS) {
    plans[id] = cleanPlan(id);
    defective[id] = defectivePlan(id);
  }
  return { plans, defective };
}

// ---------------------------------------------------------------------------------------------
// Projection

const NOTATION_RULES = new Set(['grade-nonstandard']);

/** A finding as the layout cannot change it: rule, program, department, year. */
export const findingKey = (f: Pick<Finding, 'rule' | 'program' | 'department' | 'year'>): string =>
  `${f.rule} | ${f.program ?? '—'} | ${f.department ?? '—'} | ${f.year ?? '—'}`;

function compared(f: Finding, variant: Variant | null): boolean {
  if (f.severity === 'info' || f.rule === 'layout-uncertain') return false;
  if (variant && variant.spec.notation && NOTATION_RULES.has(f.rule)) return false;
  return true;
}

function multiset(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function diff(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const e = multiset(expected);
  const a = multiset(actual);
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [k, n] of e) for (let i = (a.get(k) ?? 0); i < n; i++) missing.push(k);
  for (const [k, n] of a) for (let i = (e.get(k) ?? 0); i < n; i++) extra.push(k);
  return { missing, extra };
}

/** Counts per level, every label the report counts (the variant's scale, not only A–D). */
const totalCounts = (r: Report): Record<string, number> => {
  const t: Record<string, number> = {};
  for (const s of r.sheets) if (s.gradeCounts) for (const g in s.gradeCounts) t[g] = (t[g] ?? 0) + s.gradeCounts[g];
  return t;
};
/** Nonzero counts, label by label: `A3 B1` or `S3 A1` (a level nobody got is not written). */
const countsText = (c: Record<string, number>): string =>
  Object.keys(c)
    .filter((g) => c[g] !== 0)
    .sort()
    .map((g) => `${g}${c[g]}`)
    .join(' ');
/** The canonical (A–D) counts as the variant's scale labels them, level for level. */
function onVariantScale(c: Record<string, number>, variant: Variant | null): Record<string, number> {
  const scale = variant?.spec.scale;
  if (!scale) return c;
  const out: Record<string, number> = {};
  for (const g in c) {
    const label = (GRADES as readonly string[]).includes(g) ? SCALE_LABELS[scale][g as Grade] : g;
    out[label] = (out[label] ?? 0) + c[g];
  }
  return out;
}
/**
 * Policy counts summed by policy name: stacking blocks on one sheet may join the nodes of a
 * 基本目標 that the per-sheet layout repeats on each sheet, so compare the sums, not the nodes.
 */
function policyCounts(r: Report): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const p of r.policies) {
    const t = out.get(p.name) ?? {};
    for (const g in p.counts) t[g] = (t[g] ?? 0) + p.counts[g];
    out.set(p.name, t);
  }
  return out;
}

/** Loose name match: the engine names a program without its identifier, and may keep 【新規】. */
export function sameProgram(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  const n = (s: string): string => s.normalize('NFKC').replace(/【[^】]*】|[\s･・]/g, '');
  const x = n(a);
  const y = n(b);
  return x === y || (x.length > 3 && y.includes(x)) || (y.length > 3 && x.includes(y));
}

/**
 * What differs between a variant's report and its plan's canonical report, in a person's
 * words; empty when the variant reads the same.
 */
export function compare(variant: Variant, plan: PlanModel, canonical: Built, built: Built, defects: Defect[]): string[] {
  const problems: string[] = [];
  const hidden = new Set<string>();
  for (const key of built.rendered.hiddenKeys) {
    const at = canonical.rendered.rowsByKey.get(key);
    if (at) hidden.add(`${at.sheet}!${at.row}`);
  }
  const expected = canonical.report.findings
    .filter((f) => compared(f, variant) && !hidden.has(`${f.sheet}!${f.row}`))
    .map(findingKey);
  const actual = built.report.findings.filter((f) => compared(f, variant)).map(findingKey);
  // a count the summary states twice (a grade row and the total) projects to one key: presence is what layout keeps
  const dedupe = (xs: string[]): string[] => xs.filter((k, i) => !k.startsWith('summary-count-mismatch') || xs.indexOf(k) === i);
  const { missing, extra } = diff(dedupe(expected), dedupe(actual));
  for (const m of missing) problems.push(`missing ${m}`);
  for (const x of extra) problems.push(`extra ${x}`);

  if (built.report.reportYear !== plan.reportYear) problems.push(`report year ${built.report.reportYear ?? 'none'} (expected ${plan.reportYear})`);
  if (!variant.defective) {
    const errors = built.report.findings.filter((f) => f.severity === 'error');
    if (errors.length && !problems.some((p) => p.startsWith('extra'))) problems.push(`${errors.length} error findings on a clean workbook`);
  }
  for (const d of defects) {
    const onHidden = built.rendered.hiddenKeys.some((k) => {
      const at = canonical.rendered.rowsByKey.get(k);
      return at && canonical.report.findings.some((f) => f.rule === d.expect.rule && f.sheet === at.sheet && f.row === at.row);
    });
    if (onHidden) continue;
    const found = built.report.findings.some((f) => f.rule === d.expect.rule && (d.expect.program === null || sameProgram(f.program, d.expect.program))
      && (d.expect.year === undefined || f.year === d.expect.year));
    if (!found) problems.push(`planted defect not found: ${d.what} (${d.expect.rule})`);
  }

  const want = totalCounts(canonical.report);
  for (const key of built.rendered.hiddenKeys) {
    const at = canonical.rendered.rowsByKey.get(key);
    const row = plan.tables.flatMap((t) => t.rows).find((r) => r.item?.key === key);
    const g = typeof row?.values.grade === 'string' ? row.values.grade.slice(0, 1) : '';
    if (at && (GRADES as readonly string[]).includes(g)) want[g] = (want[g] ?? 0) - 1;
  }
  const wantOnScale = onVariantScale(want, variant);
  const got = totalCounts(built.report);
  if (countsText(wantOnScale) !== countsText(got)) problems.push(`graded rows ${countsText(got)} (expected ${countsText(wantOnScale)})`);
  if (built.rendered.hiddenKeys.length === 0) {
    const byName = policyCounts(built.report);
    const lost: string[] = [];
    for (const [name, c] of policyCounts(canonical.report)) {
      const v = byName.get(name);
      const expected = onVariantScale(c, variant);
      if (!v || countsText(v) !== countsText(expected)) lost.push(`${name.slice(0, 30)} ${v ? countsText(v) : 'absent'} (expected ${countsText(expected)})`);
    }
    if (lost.length) problems.push(`policy counts differ: ${lost.slice(0, 3).join('; ')}${lost.length > 3 ? ` (+${lost.length - 3})` : ''}`);
  }
  return problems;
}

/** A failure table: one line per failing variant, its first problems. */
export function table(rows: { id: string; problems: string[] }[], limit = 60): string {
  const lines = rows.slice(0, limit).map((r) => `  ${r.id}\n      ${r.problems.slice(0, 4).join('\n      ')}${r.problems.length > 4 ? `\n      … ${r.problems.length - 4} more` : ''}`);
  return `${rows.length} failing variant(s):\n${lines.join('\n')}${rows.length > limit ? `\n  … and ${rows.length - limit} more` : ''}`;
}
