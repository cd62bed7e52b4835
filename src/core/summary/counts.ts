import type { SheetPlan } from '../plan/types';
import type { ProgressSummary } from '../report';
import { normalizeForMatch } from '../text';

/**
 * What a sheet without A–D grades records (progress tables: 実施状況 / 達成度 per year):
 * per year, how many rows have something entered, how many say 実施 / 未実施, and how the
 * 達成度 values are spread.
 */
export function summariseProgress(plan: SheetPlan): ProgressSummary | null {
  const years = new Map<number, ProgressSummary['years'][number]>();
  const yearOf = (year: number): ProgressSummary['years'][number] => {
    let y = years.get(year);
    if (!y) {
      y = { year, rows: 0, entered: 0, done: 0, notDone: 0, achievement: {} };
      years.set(year, y);
    }
    return y;
  };
  let single: ProgressSummary['years'][number] | null = null;
  for (const node of plan.nodes) {
    if (node.repostOf) continue;
    for (const entry of node.entries) {
      if (entry.repost) continue;
      for (const block of entry.years) {
        const y = yearOf(block.year);
        y.rows++;
        if (block.blank) continue;
        y.entered++;
        tally(y, block.achievement?.text ?? block.status?.text ?? '');
      }
      if (entry.years.length === 0 && entry.achievement) {
        single ??= { year: null, rows: 0, entered: 0, done: 0, notDone: 0, achievement: {} };
        single.rows++;
        single.entered++;
        tally(single, entry.achievement.text);
      }
    }
  }
  const list = [...years.values()].sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  if (single) list.push(single);
  return list.length > 0 ? { years: list } : null;
}

function tally(y: ProgressSummary['years'][number], raw: string): void {
  const text = normalizeForMatch(raw);
  if (text === '') return;
  if (/未実施|中止|未着手/.test(text)) y.notDone++;
  else if (/実施|済/.test(text) || /^(?!0+(\.0+)?%)\d+(\.\d+)?%$/.test(text)) y.done++;
  // The distribution lists short values (100%, 実施, ◎, 達成); long sentences are not categories.
  const key = raw.trim().length <= 8 ? raw.trim() : null;
  if (key !== null) y.achievement[key] = (y.achievement[key] ?? 0) + 1;
}
