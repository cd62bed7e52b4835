import { emptyCounts, type GradeLabel, type LevelCounts, type Scale } from '../scale';
import type { PlanEntry, PlanNode, SheetPlan } from './types';

/**
 * Graded units: one per (node, original row with a grade). A 再掲 row or a node that repeats
 * another is not a unit of its own — that is how 再掲 is "counted once".
 */
export interface GradedUnit {
  node: PlanNode;
  entry: PlanEntry;
  grade: GradeLabel;
}

export function expectsGrade(plan: SheetPlan, node: PlanNode): boolean {
  if (plan.gradedDepth === null || plan.gradeCol === null) return false;
  if (plan.gradedAtLeaves) return node.children.length === 0 && node.depth >= minGradedDepth(plan);
  return node.depth === plan.gradedDepth;
}

const minDepthCache = new WeakMap<SheetPlan, number>();
function minGradedDepth(plan: SheetPlan): number {
  let d = minDepthCache.get(plan);
  if (d === undefined) {
    d = Infinity;
    for (const n of plan.nodes) if (n.entries.some((e) => e.declaredGrade?.parsed.kind === 'grade')) d = Math.min(d, n.depth);
    minDepthCache.set(plan, d);
  }
  return d;
}

export function unitsOfNode(node: PlanNode): GradedUnit[] {
  if (node.repostOf) return [];
  const out: GradedUnit[] = [];
  for (const entry of node.entries) {
    const p = entry.declaredGrade?.parsed;
    if (!entry.repost && p?.kind === 'grade') out.push({ node, entry, grade: p.grade });
  }
  return out;
}

/** Units at or below a node (the node's own grade included). */
export function unitsUnder(node: PlanNode, includeSelf: boolean): GradedUnit[] {
  const out: GradedUnit[] = includeSelf ? unitsOfNode(node) : [];
  const walk = (n: PlanNode): void => {
    for (const c of n.children) {
      out.push(...unitsOfNode(c));
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function sheetUnits(plan: SheetPlan): GradedUnit[] {
  return plan.nodes.flatMap((n) => unitsOfNode(n));
}

export function countGrades(units: readonly GradedUnit[], scale?: Scale): LevelCounts {
  const counts = emptyCounts(scale);
  for (const u of units) counts[u.grade] = (counts[u.grade] ?? 0) + 1;
  return counts;
}
