import type { GradeCell, PlanEntry, PlanNode, SheetPlan } from '../plan/types';
import type { RuleContext } from './rule';

/** Every filled grade cell (this year's and last year's) with what it belongs to. */
export function* gradeCells(
  context: RuleContext,
): Generator<{ plan: SheetPlan; node: PlanNode; entry: PlanEntry; cell: GradeCell; previous: boolean }> {
  for (const plan of context.plans) {
    for (const node of plan.nodes) {
      for (const entry of node.entries) {
        if (entry.declaredGrade) yield { plan, node, entry, cell: entry.declaredGrade, previous: false };
        // A previous grade read from last year's sheet lies outside the sheets checked.
        if (entry.previousGrade && entry.previousGrade.sheet === undefined) yield { plan, node, entry, cell: entry.previousGrade, previous: true };
      }
    }
  }
}
