import { normalizeForMatch } from '../text';
import { nameKey } from './identifiers';
import type { PlanNode, SheetPlan } from './types';

/**
 * Links each 再掲 node (all of its rows marked 再掲, or 再掲 in its name) to its original:
 * first by the same identifier path elsewhere, then by name — names may differ slightly
 * (full-width vs half-width, a note in brackets), so a containment match is the last resort.
 */
export function linkReposts(plans: readonly SheetPlan[]): void {
  const originals: PlanNode[] = [];
  const reposts: PlanNode[] = [];
  for (const plan of plans) {
    for (const node of plan.nodes) {
      const allRepost = node.entries.length > 0 && node.entries.every((e) => e.repost);
      if (allRepost || (node.markedRepost && node.entries.every((e) => e.repost || e.declaredGrade === null))) reposts.push(node);
      else originals.push(node);
    }
  }
  if (reposts.length === 0) return;
  const byPath = new Map<string, PlanNode>();
  const byName = new Map<string, PlanNode>();
  for (const n of originals) {
    if (n.id !== null) {
      const p = `${n.depth}:${normalizeForMatch(n.path)}`;
      if (!byPath.has(p)) byPath.set(p, n);
    }
    const k = nameKey(n.name);
    if (k.length > 0 && !byName.has(k)) byName.set(k, n);
  }
  for (const r of reposts) {
    const byId = r.id !== null ? byPath.get(`${r.depth}:${normalizeForMatch(r.path)}`) : undefined;
    const k = nameKey(r.name);
    let original = byId && byId.key !== r.key ? byId : byName.get(k);
    if (!original && k.length >= 6) {
      original = originals.find((o) => {
        const ok = nameKey(o.name);
        return ok.length >= 6 && (ok.includes(k) || k.includes(ok));
      });
    }
    if (original && original.key !== r.key) r.repostOf = original;
  }
  // An original in hidden rows (a department hid it) is still in the workbook: the 再掲 is
  // matched to it, though neither is checked or counted.
  const unmatched = reposts.filter((r) => r.repostOf === null);
  const hidden = plans.flatMap((p) => p.hiddenNodes ?? []).filter((n) => !n.markedRepost);
  if (unmatched.length === 0 || hidden.length === 0) return;
  const hiddenByName = new Map<string, PlanNode>();
  for (const n of hidden) {
    const k = nameKey(n.name);
    if (k.length > 0 && !hiddenByName.has(k)) hiddenByName.set(k, n);
  }
  for (const r of unmatched) {
    const original = hiddenByName.get(nameKey(r.name));
    if (original) r.repostOf = original;
  }
}
