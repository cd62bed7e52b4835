import { levelScore, type GradeLabel, type LevelCounts, type Scale } from '../scale';
import type { Settings } from '../settings';

/**
 * A policy's grade from its programs' grades, on the scale they were given on, by the named method:
 * - `mean`: the n levels score n … 1 evenly (A–D: A=4 … D=1); the mean reaches a threshold
 *   per level (A–D: ≥ 3.5 → A, ≥ 2.5 → B, ≥ 1.5 → C, else D);
 * - `share`: the share of programs in the best level (達成), ≥ 70 % → the best level,
 *   ≥ 40 % → the second, ≥ 20 % → the third, else the next (Komae).
 * Thresholds are lists, best level first; a mean list that does not fit the scale's levels
 * (n − 1 thresholds) gives way to the even one (midpoints between the scores).
 */
export function computeGrade(counts: Readonly<LevelCounts>, scale: Scale, settings: Settings): GradeLabel | null {
  let total = 0;
  let sum = 0;
  for (const l of scale.levels) {
    const n = counts[l.label] ?? 0;
    total += n;
    sum += n * (levelScore(scale, l.label) ?? 0);
  }
  if (total === 0) return null;
  if (settings.method === 'share') return gradeFromShare((counts[scale.levels[0].label] ?? 0) / total, scale, settings);
  const t = meanThresholds(scale, settings);
  // Round to avoid 3.4999999 from float sums deciding a band.
  const m = Math.round((sum / total) * 1e9) / 1e9;
  const i = t.findIndex((x) => m >= x);
  return scale.levels[i < 0 ? scale.levels.length - 1 : i].label;
}

/** The share method's level for a share of the best level (clamped to the scale's levels). */
export function gradeFromShare(share: number, scale: Scale, settings: Settings): GradeLabel {
  return scale.levels[levelFromShare(share, scale, settings)].label;
}

export function levelFromShare(share: number, scale: Scale, settings: Settings): number {
  const t = settings.thresholds.share;
  const s = Math.round(share * 1e9) / 1e9;
  const i = t.findIndex((x) => s >= x);
  return Math.min(i < 0 ? t.length : i, scale.levels.length - 1);
}

/** The mean thresholds that apply on a scale: the settings' when they fit its levels, else even midpoints. */
export function meanThresholds(scale: Scale, settings: Settings): number[] {
  const n = scale.levels.length;
  const t = settings.thresholds.mean;
  if (t.length === n - 1) return t;
  return Array.from({ length: n - 1 }, (_, i) => n - i - 0.5);
}

/** The thresholds the method applies on a scale, for the report (`method.thresholds`). */
export function appliedThresholds(scale: Scale, settings: Settings): number[] {
  return settings.method === 'mean' ? meanThresholds(scale, settings) : [...settings.thresholds.share];
}

