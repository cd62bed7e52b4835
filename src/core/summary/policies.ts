import { addCounts, combinedScale, emptyCounts, totalCount, type GradeLabel, type LevelCounts, type Scale } from '../scale';
import type { PlanNode, SheetPlan } from '../plan/types';
import type { Finding, PolicySummary } from '../report';
import type { Settings } from '../settings';
import { normalizeForMatch } from '../text';
import { computeGrade } from './method';

/**
 * One summary per policy (every node that has programs below it), 再掲 counted once. Sheets
 * that are one plan (planGroups: the same top-level item on each, as in a one-sheet-per-基本施策
 * workbook) give each plan node once, added up over the sheets it spans (`sheets`); sheets that
 * are separate plans keep their own nodes.
 */
export function summarisePolicies(
  plans: readonly SheetPlan[],
  findings: readonly Finding[],
  settings: Settings,
  tallies: ReadonlyMap<SheetPlan, ReadonlyMap<PlanNode, Tally>> = new Map(plans.map((p) => [p, subtreeTallies(p)])),
  groups: readonly (readonly SheetPlan[])[] = planGroups(plans),
): PolicySummary[] {
  const out: PolicySummary[] = [];
  for (const group of groups) {
    if (group.length > 1) {
      out.push(...summariseAcrossSheets(group, findings, settings, tallies));
      continue;
    }
    const plan = group[0];
    const findingCounts = findingsPerNode(plan, findings);
    const byNode = tallies.get(plan) ?? subtreeTallies(plan);
    for (const node of plan.nodes) {
      if (node.children.length === 0 || node.repostOf) continue;
      // Wherever the grades are: a graded policy counts its own grade, a parent its children's.
      const { counts, programs, declaredGrade } = byNode.get(node)!;
      out.push({
        sheet: plan.sheet,
        sheets: [plan.sheet],
        id: node.id !== null ? node.path : node.name,
        name: node.name,
        level: node.depth,
        levelLabel: node.levelLabel,
        declaredGrade,
        // A graded policy's grade is declared, not computed from itself.
        computedGrade: declaredGrade !== null ? null : computeGrade(counts, plan.scale, settings),
        counts,
        programs,
        graded: totalCount(counts),
        row: node.row + 1,
        findings: findingCounts.get(node) ?? 0,
      });
    }
  }
  return out;
}

/** What names a node within its plan: its identifier and its name, compared as text. */
function nodeLabelKey(node: PlanNode): string {
  return `${normalizeForMatch(node.id ?? '')}\u0001${normalizeForMatch(node.name)}`;
}

/**
 * The sheets that make up one plan, in sheet order. Evidence, not a city:
 * - two sheets are parts of one plan when a top-level item (same identifier and name) stands on
 *   both and their programs differ — Koganei repeats 「1 福祉のまちづくり」 above each of its
 *   基本施策 sheets; a sheet that repeats another's programs too (last year's copy kept beside
 *   this year's) is a copy, not a part;
 * - where such parts exist, the other sheets laid out the same way (top level called the same)
 *   whose top-level numbers do not clash join that plan: 「2 …」 on シート5–6 and 「3 …」 on
 *   シート7–9 are the same plan's other goals;
 * - Komae's 地域福祉計画 and 重層 sheets number their items from 1 too, but under other names:
 *   the numbers clash, they stay two plans.
 */
export function planGroups(plans: readonly SheetPlan[]): SheetPlan[][] {
  const parent = plans.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const tops = plans.map((plan) =>
    // A top-level item with neither number nor name is no evidence; a 再掲 root is a repeat within the sheet.
    plan.roots.filter((r) => !r.repostOf && (r.id !== null || normalizeForMatch(r.name) !== '')),
  );
  const programs = new Map<number, Set<string>>();
  const programsOf = (i: number): Set<string> => {
    let set = programs.get(i);
    if (!set) {
      set = new Set();
      const walk = (node: PlanNode, prefix: string): void => {
        const key = `${prefix}\u0002${nodeLabelKey(node)}`;
        if (node.children.length === 0) set!.add(key);
        for (const c of node.children) walk(c, key);
      };
      for (const r of plans[i].roots) walk(r, '');
      programs.set(i, set);
    }
    return set;
  };
  const copies = (i: number, j: number): boolean => {
    const a = programsOf(i);
    const b = programsOf(j);
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    if (small.size === 0) return false;
    let shared = 0;
    for (const k of small) if (large.has(k)) shared++;
    return shared * 2 > small.size;
  };
  const firstWith = new Map<string, number>();
  tops.forEach((roots, i) => {
    for (const root of roots) {
      const key = nodeLabelKey(root);
      const j = firstWith.get(key);
      if (j === undefined) firstWith.set(key, i);
      else if (find(i) !== find(j) && !copies(i, j)) parent[find(i)] = find(j);
    }
  });
  const members = (): Map<number, number[]> => {
    const m = new Map<number, number[]>();
    plans.forEach((_, i) => {
      const r = find(i);
      const list = m.get(r);
      if (list) list.push(i);
      else m.set(r, [i]);
    });
    return m;
  };
  const parts = [...members().values()];
  if (parts.some((g) => g.length > 1)) {
    const levelOf = (g: number[]): string | null => {
      const labels = new Set(g.flatMap((i) => tops[i].map((r) => normalizeForMatch((r.levelLabel ?? '').split(/\r?\n/)[0]))));
      return labels.size === 1 ? [...labels][0] || null : null;
    };
    // Number → name of each group's top-level items: the same number under another name is another plan.
    const namesOf = (g: number[]): Map<string, string> => {
      const m = new Map<string, string>();
      for (const i of g) for (const r of tops[i]) if (r.id !== null) m.set(normalizeForMatch(r.id), normalizeForMatch(r.name));
      return m;
    };
    const multi = parts.filter((g) => g.length > 1);
    for (const g of parts) {
      if (g.length > 1 || tops[g[0]].length === 0) continue;
      const level = levelOf(g);
      if (level === null) continue;
      const names = namesOf(g);
      for (const host of multi) {
        if (levelOf(host) !== level) continue;
        const hostNames = namesOf(host);
        if ([...names].some(([id, name]) => hostNames.has(id) && hostNames.get(id) !== name)) continue;
        parent[find(g[0])] = find(host[0]);
        break;
      }
    }
    // Parts of one plan side by side (シート1–4, シート5–6 …) that share their layout are one plan.
    for (let x = 0; x < multi.length; x++) {
      for (let y = x + 1; y < multi.length; y++) {
        if (find(multi[x][0]) === find(multi[y][0])) continue;
        const level = levelOf(multi[x]);
        if (level === null || levelOf(multi[y]) !== level) continue;
        const a = namesOf(multi[x]);
        const b = namesOf(multi[y]);
        if ([...a].some(([id, name]) => b.has(id) && b.get(id) !== name)) continue;
        parent[find(multi[y][0])] = find(multi[x][0]);
      }
    }
  }
  return [...members().values()].map((g) => g.map((i) => plans[i]));
}

interface MergedNode {
  parts: { plan: SheetPlan; node: PlanNode }[];
  children: MergedNode[];
  childByKey: Map<string, MergedNode>;
  /** A program (leaf) that is not only a 再掲 repeat: counted once however many sheets show it. */
  program: boolean;
}

/** One plan over several sheets: its nodes matched by their path of identifiers and names, each part's tally added up. */
function summariseAcrossSheets(
  group: readonly SheetPlan[],
  findings: readonly Finding[],
  settings: Settings,
  tallies: ReadonlyMap<SheetPlan, ReadonlyMap<PlanNode, Tally>>,
): PolicySummary[] {
  const top: MergedNode = { parts: [], children: [], childByKey: new Map(), program: false };
  const findingCounts = new Map<SheetPlan, Map<PlanNode, number>>();
  const byPlan = new Map<SheetPlan, ReadonlyMap<PlanNode, Tally>>();
  for (const plan of group) {
    findingCounts.set(plan, findingsPerNode(plan, findings));
    byPlan.set(plan, tallies.get(plan) ?? subtreeTallies(plan));
    const stack: [PlanNode, MergedNode][] = plan.roots.map((r) => [r, top] as [PlanNode, MergedNode]).reverse();
    while (stack.length > 0) {
      const [node, into] = stack.pop()!;
      const key = nodeLabelKey(node);
      let merged = into.childByKey.get(key);
      if (!merged) {
        merged = { parts: [], children: [], childByKey: new Map(), program: false };
        into.childByKey.set(key, merged);
        into.children.push(merged);
      }
      merged.parts.push({ plan, node });
      if (node.children.length === 0 && !node.repostOf) merged.program = true;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], merged]);
    }
  }
  const out: (PolicySummary | null)[] = [];
  const visit = (m: MergedNode): number => {
    // Pre-order: the node's line is kept a place before its children, filled once they are counted.
    const at = out.length;
    out.push(null);
    let programs = 0;
    for (const child of m.children) programs += visit(child);
    if (m.children.length === 0) return m.program ? 1 : 0;
    const parts = m.parts.filter((p) => !p.node.repostOf);
    if (parts.length === 0) return programs;
    // Sheets of one plan share its scale; any label beyond it is added, never dropped.
    const scale = combinedScale(parts.map((p) => p.plan.scale));
    const counts = emptyCounts(scale);
    const declared = new Set<GradeLabel>();
    let found = 0;
    for (const { plan, node } of parts) {
      const t = byPlan.get(plan)!.get(node) ?? leafTally(node, plan.scale);
      addCounts(counts, t.counts);
      if (t.declaredGrade !== null) declared.add(t.declaredGrade);
      found += findingCounts.get(plan)!.get(node) ?? 0;
    }
    // Parts that declare different grades have no one grade: the plan-level grade is computed.
    const declaredGrade = declared.size === 1 ? [...declared][0] : null;
    const first = parts[0].node;
    out[at] = {
      sheet: first.sheet,
      sheets: [...new Set(parts.map((p) => p.plan.sheet))],
      id: first.id !== null ? first.path : first.name,
      name: first.name,
      level: first.depth,
      levelLabel: first.levelLabel,
      declaredGrade,
      computedGrade: declaredGrade !== null ? null : computeGrade(counts, scale, settings),
      counts,
      programs,
      graded: totalCount(counts),
      row: first.row + 1,
      findings: found,
    };
    return programs;
  };
  for (const root of top.children) visit(root);
  return out.filter((p): p is PolicySummary => p !== null);
}

/** A node kept no tally for (a program on this sheet, a policy on another): its own grades. */
function leafTally(node: PlanNode, scale: Scale): Tally {
  const counts = emptyCounts(scale);
  let declaredGrade: GradeLabel | null = null;
  for (const entry of node.entries) {
    const p = entry.declaredGrade?.parsed;
    if (entry.repost || p?.kind !== 'grade') continue;
    counts[p.grade] = (counts[p.grade] ?? 0) + 1;
    declaredGrade ??= p.grade;
  }
  return { counts, programs: 0, declaredGrade };
}

export interface Tally {
  /** The grades counted at and below the node, by grade (see subtreeTallies). */
  counts: LevelCounts;
  /** Programs below the node: its leaves, 再掲 repeats not counted. */
  programs: number;
  /** The node's own first grade, null when it has none. */
  declaredGrade: GradeLabel | null;
}

/**
 * Every node's tally, in one walk from the leaves up (a 100k-program plan has tens of
 * thousands of policies; walking each one's subtree was most of the summaries' time). What a
 * node counts, wherever the grades sit: a node that carries its own grade counts that grade
 * and nothing below it (programs under a graded policy are not counted again); a node without
 * one counts what its children count. 再掲 rows and repeated nodes count nothing (as in
 * unitsOfNode), so 再掲 is counted once. The policy table and the sheet totals both count
 * through here, so they cannot disagree; tests/summary/tallies.test.ts holds the walk to the
 * recursive definition. Kept for the nodes that have children and for the roots: the policy
 * table and the sheet totals read no others.
 */
export function subtreeTallies(plan: SheetPlan): Map<PlanNode, Tally> {
  const out = new Map<PlanNode, Tally>();
  const visit = (node: PlanNode): Tally => {
    const counts = emptyCounts(plan.scale);
    let own = 0;
    let declaredGrade: GradeLabel | null = null;
    // unitsOfNode: a repeated node, and 再掲 rows, are not units of their own.
    if (!node.repostOf) {
      for (const entry of node.entries) {
        const p = entry.declaredGrade?.parsed;
        if (entry.repost || p?.kind !== 'grade') continue;
        counts[p.grade] = (counts[p.grade] ?? 0) + 1;
        declaredGrade ??= p.grade;
        own++;
      }
    }
    let programs = 0;
    for (const child of node.children) {
      const t = visit(child);
      if (own === 0) addCounts(counts, t.counts);
      if (child.children.length === 0) programs += child.repostOf ? 0 : 1;
      else programs += t.programs;
    }
    const tally = { counts, programs, declaredGrade };
    // Programs' own tallies are read only by their parent, here: keeping 100k of them was 10%
    // of a large check's peak memory.
    if (node.children.length > 0 || node.parent === null) out.set(node, tally);
    return tally;
  };
  for (const root of plan.roots) visit(root);
  return out;
}

/** The sheet's total per level: what its top-level nodes count. */
export function sheetGradeCounts(plan: SheetPlan, tallies: ReadonlyMap<PlanNode, Tally>): LevelCounts {
  const counts = emptyCounts(plan.scale);
  for (const root of plan.roots) {
    const t = tallies.get(root);
    if (t) addCounts(counts, t.counts);
  }
  return counts;
}

/** Findings about a node (by its key), added up the tree so a policy counts its programs' findings. */
function findingsPerNode(plan: SheetPlan, findings: readonly Finding[]): Map<PlanNode, number> {
  const counts = new Map<PlanNode, number>();
  const about = findings.filter((f) => f.sheet === plan.sheet && f.node !== undefined);
  if (about.length === 0) return counts;
  // Only the nodes findings name are looked up by key: a key is built by joining its parent's,
  // and hashing every node's (tens of thousands) cost more than the rest of the summaries.
  const wanted = new Set(about.map((f) => f.node!));
  const lengths = new Set([...wanted].map((k) => k.length));
  const byKey = new Map<string, PlanNode>();
  for (const n of plan.nodes) if (lengths.has(n.key.length) && wanted.has(n.key)) byKey.set(n.key, n);
  for (const f of about) {
    let node: PlanNode | null | undefined = byKey.get(f.node!);
    while (node) {
      counts.set(node, (counts.get(node) ?? 0) + 1);
      node = node.parent;
    }
  }
  return counts;
}
