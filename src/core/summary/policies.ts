import type { PlanNode, SheetPlan } from '../plan/types';
import { countGrades, programsUnder, unitsOfNode, unitsUnder } from '../plan/units';
import type { Finding, PolicySummary } from '../report';
import type { Settings } from '../settings';
import { computeGrade } from './method';

/** One summary per policy (every node that has programs below it), 再掲 counted once. */
export function summarisePolicies(plans: readonly SheetPlan[], findings: readonly Finding[], settings: Settings): PolicySummary[] {
  const out: PolicySummary[] = [];
  for (const plan of plans) {
    const findingCounts = findingsPerNode(plan, findings);
    for (const node of plan.nodes) {
      if (node.children.length === 0 || node.repostOf) continue;
      const counts = countGrades(unitsUnder(node, false));
      out.push({
        sheet: plan.sheet,
        id: node.id !== null ? node.path : node.name,
        name: node.name,
        level: node.depth,
        levelLabel: node.levelLabel,
        declaredGrade: unitsOfNode(node)[0]?.grade ?? null,
        computedGrade: computeGrade(counts, settings),
        counts,
        programs: programsUnder(node),
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
