import type { SheetLayout, SummaryTableLayout } from '../layout/types';
import type { SheetPlan } from './types';
import { normalizeForMatch } from '../text';

/**
 * The plan stage's link from every 評価総括表 to the evaluation sheet it summarises (null when
 * it cannot tell), worked out once per workbook beside `linkReposts`; rules read the map.
 */
export function linkSummaryTables(layouts: readonly SheetLayout[], plans: readonly SheetPlan[]): Map<SummaryTableLayout, SheetPlan | null> {
  const out = new Map<SummaryTableLayout, SheetPlan | null>();
  const candidates = plans.filter((p) => p.gradedDepth !== null);
  // Normalising every node's path is worth it only when there is a 評価総括表 to match.
  const keys = new Map<SheetPlan, MatchKeys>();
  const keysOf = (plan: SheetPlan): MatchKeys => {
    let k = keys.get(plan);
    if (!k) {
      k = matchKeys(plan);
      keys.set(plan, k);
    }
    return k;
  };
  for (const l of layouts) if (l.summaryTable) out.set(l.summaryTable, matchSummaryTable(l.summaryTable, candidates, keysOf));
  return out;
}

/**
 * Which evaluation sheet a 評価総括表 summarises: the one whose policy identifiers it lists
 * (`1－(2)－①` matches the path `1-(2)-①`, `1－(1)` the policies below `(1)`); failing that,
 * the sheet whose name shares the table's title words; failing that, the only sheet.
 */
function matchSummaryTable(table: SummaryTableLayout, candidates: readonly SheetPlan[], keysOf: (plan: SheetPlan) => MatchKeys): SheetPlan | null {
  if (candidates.length === 0) return null;
  const ids = table.gradeRows.flatMap((g) => g.policyIds).map(policyKey).filter((k) => k !== '');
  let best: SheetPlan | null = null;
  let bestScore = 0;
  if (ids.length > 0) {
    for (const plan of candidates) {
      const { paths, names } = keysOf(plan);
      let score = 0;
      for (const id of ids) {
        if (paths.some((p) => p === id || p.startsWith(`${id}-`)) || names.some((n) => n.startsWith(id))) score++;
      }
      if (score > bestScore) {
        best = plan;
        bestScore = score;
      }
    }
    if (best && bestScore >= Math.ceil(ids.length / 2)) return best;
  }
  const title = normalizeForMatch(`${table.title}${table.sheet}`);
  const byName = candidates.filter((p) => {
    const words = normalizeForMatch(p.sheet).replace(/^[\d\s.-]+/, '');
    return words.length >= 2 && title.includes(words);
  });
  if (byName.length === 1) return byName[0];
  return candidates.length === 1 ? candidates[0] : null;
}

interface MatchKeys {
  paths: string[];
  names: string[];
}

/** Normalised paths and names of a plan's nodes. */
function matchKeys(plan: SheetPlan): MatchKeys {
  return {
    paths: plan.nodes.map((n) => normalizeForMatch(n.path)),
    names: plan.nodes.map((n) => normalizeForMatch(`${n.id ?? ''}${n.name}`)),
  };
}

/** `1－(2)－①` → `1-(2)-1`; `1 普及啓発` → `1普及啓発`. */
function policyKey(text: string): string {
  return normalizeForMatch(text);
}
