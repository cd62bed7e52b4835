import { addCounts, emptyCounts, totalCount, type GradeLabel, type LevelCounts } from '../scale';
import type { PlanNode, SheetPlan } from '../plan/types';
import type { Finding, PolicySummary } from '../report';
import type { Settings } from '../settings';
import { computeGrade } from './method';

/** One summary per policy (every node that has programs below it), 再掲 counted once. */
export function summarisePolicies(
  plans: readonly SheetPlan[],
  findings: readonly Finding[],
  settings: Settings,
  tallies: ReadonlyMap<SheetPlan, ReadonlyMap<PlanNode, Tally>> = new Map(plans.map((p) => [p, subtreeTallies(p)])),
): PolicySummary[] {
  const out: PolicySummary[] = [];
  for (const plan of plans) {
    const findingCounts = findingsPerNode(plan, findings);
    const byNode = tallies.get(plan) ?? subtreeTallies(plan);
    for (const node of plan.nodes) {
      if (node.children.length === 0 || node.repostOf) continue;
      // Wherever the grades are: a graded policy counts its own grade, a parent its children's.
      const { counts, programs, declaredGrade } = byNode.get(node)!;
      out.push({
        sheet: plan.sheet,
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
