import { GRADES } from '../grades';
import type { PlanNode, SheetPlan } from '../plan/types';
import { countGrades, programsUnder, unitsOfNode } from '../plan/units';
import type { Finding, PolicySummary } from '../report';
import type { Settings } from '../settings';
import { countedUnitsUnder } from './counts';
import { computeGrade } from './method';

/** One summary per policy (every node that has programs below it), 再掲 counted once. */
export function summarisePolicies(plans: readonly SheetPlan[], findings: readonly Finding[], settings: Settings): PolicySummary[] {
  const out: PolicySummary[] = [];
  for (const plan of plans) {
    const findingCounts = findingsPerNode(plan, findings);
    for (const node of plan.nodes) {
      if (node.children.length === 0 || node.repostOf) continue;
      // Wherever the grades are: a graded policy counts its own grade, a parent its children's.
      const own = unitsOfNode(node);
      const counts = countGrades(countedUnitsUnder(node));
      out.push({
        sheet: plan.sheet,
        id: node.id !== null ? node.path : node.name,
        name: node.name,
        level: node.depth,
        levelLabel: node.levelLabel,
        declaredGrade: own[0]?.grade ?? null,
        // A graded policy's grade is declared, not computed from itself.
        computedGrade: own.length > 0 ? null : computeGrade(counts, settings),
        counts,
        programs: programsUnder(node),
        graded: GRADES.reduce((s, g) => s + counts[g], 0),
        row: node.row + 1,
        findings: findingCounts.get(node) ?? 0,
      });
    }
  }
  return out;
}

/** Findings about a node (by its key), added up the tree so a policy counts its programs' findings. */
function findingsPerNode(plan: SheetPlan, findings: readonly Finding[]): Map<PlanNode, number> {
  const byKey = new Map(plan.nodes.map((n) => [n.key, n]));
  const counts = new Map<PlanNode, number>();
  for (const f of findings) {
    if (f.sheet !== plan.sheet || f.node === undefined) continue;
    let node: PlanNode | null | undefined = byKey.get(f.node);
    while (node) {
      counts.set(node, (counts.get(node) ?? 0) + 1);
      node = node.parent;
    }
  }
  return counts;
}
