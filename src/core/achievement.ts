import { isPercent, type CellValue } from './snapshot';
import { normalizeLoose } from './text';

/** What an achievement cell (達成度) says: a share, carried out (実施), not carried out (未実施), or nothing usable. */
export type Achievement = { kind: 'share'; share: number } | { kind: 'done' } | { kind: 'not-done' } | { kind: 'none' };

/** `100%` as text, `1` formatted as a percentage, `実施`, `未実施`, `-`, blank. */
export function parseAchievement(value: CellValue): Achievement {
  if (value === null) return { kind: 'none' };
  if (isPercent(value)) return { kind: 'share', share: value.percent };
  if (typeof value === 'number') {
    // A bare number in a 達成度 column: 0–1 is a fraction, above that a percentage.
    return { kind: 'share', share: value <= 1 ? value : value / 100 };
  }
  if (typeof value !== 'string' || value.length > 40) return { kind: 'none' };
  const t = normalizeLoose(value);
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) return { kind: 'share', share: Number(pct[1]) / 100 };
  if (/^未実施|^実施せず|^実施なし|^中止/.test(t)) return { kind: 'not-done' };
  if (/^実施(済|済み)?$|^達成$/.test(t)) return { kind: 'done' };
  if (/^未達成$/.test(t)) return { kind: 'not-done' };
  return { kind: 'none' };
}
