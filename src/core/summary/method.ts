import { GRADES, gradeScore, type Grade } from '../grades';
import type { Settings } from '../settings';

/**
 * A policy's grade from its programs' grades, by the named method:
 * - `mean`: A=4 … D=1, mean ≥ 3.5 → A, ≥ 2.5 → B, ≥ 1.5 → C, else D;
 * - `share`: share of programs graded A (達成), ≥ 70 % → A, ≥ 40 % → B, ≥ 20 % → C, else D (Komae).
 */
export function computeGrade(counts: Record<Grade, number>, settings: Settings): Grade | null {
  const total = GRADES.reduce((s, g) => s + counts[g], 0);
  if (total === 0) return null;
  if (settings.method === 'share') return gradeFromShare(counts.A / total, settings);
  const mean = GRADES.reduce((s, g) => s + gradeScore(g) * counts[g], 0) / total;
  const t = settings.thresholds.mean;
  // Round to avoid 3.4999999 from float sums deciding a band.
  const m = Math.round(mean * 1e9) / 1e9;
  return m >= t.A ? 'A' : m >= t.B ? 'B' : m >= t.C ? 'C' : 'D';
}

export function gradeFromShare(share: number, settings: Settings): Grade {
  const t = settings.thresholds.share;
  const s = Math.round(share * 1e9) / 1e9;
  return s >= t.A ? 'A' : s >= t.B ? 'B' : s >= t.C ? 'C' : 'D';
}
