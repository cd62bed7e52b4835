import { parseAchievement, type Achievement } from '../achievement';
import { gradeSteps, type Grade } from '../grades';
import { gradeFromShare } from '../summary/method';
import type { ValueCell } from '../plan/types';
import { defineRule } from './rule';

/**
 * The grade contradicts the achievement column or the stated definition: D (未実施) beside
 * 100 % or 実施, A–C beside 未実施 or 0 %, or a grade two steps from what the share implies.
 */
export const achievementGradeMismatch = defineRule<{ program: string; grade: Grade; achievement: string }>({
  id: 'achievement-grade-mismatch',
  severity: 'warning',
  description: {
    ja: '評価が達成度（実施状況）と矛盾しています。',
    en: 'A grade contradicts the achievement column.',
  },
  message: {
    ja: (p) =>
      `「${p.program}」の評価${p.grade}が達成度「${p.achievement}」と合いません${p.grade === 'D' ? '（Dは未実施）' : ''}。評価か達成度を確認してください。`,
    en: (p) => `"${p.program}" is graded ${p.grade} but its achievement says "${p.achievement}"${p.grade === 'D' ? ' (D means not implemented)' : ''}. Check one of them.`,
  },
  check(context, emit) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const g = entry.declaredGrade?.parsed;
          if (g?.kind !== 'grade') continue;
          const cell = achievementCell(entry.achievement, entry.years, context.reportYear);
          if (!cell) continue;
          const a = parseAchievement(cell.value);
          if (!contradicts(g.grade, a, context.settings)) continue;
          emit(
            { sheet: plan.sheet, row: entry.row, col: entry.declaredGrade!.col, department: entry.department, program: node.name },
            { program: node.name || node.path, grade: g.grade, achievement: cell.text.trim() },
          );
        }
      }
    }
  },
});

function achievementCell(
  single: ValueCell | null,
  years: { year: number; achievement: ValueCell | null; status: ValueCell | null }[],
  reportYear: number | null,
): ValueCell | null {
  if (single && single.text.trim() !== '') return single;
  const block = years.find((y) => y.year === reportYear) ?? years[years.length - 1];
  if (!block) return null;
  if (block.achievement && block.achievement.text.trim() !== '') return block.achievement;
  return null;
}

function contradicts(grade: Grade, a: Achievement, settings: Parameters<typeof gradeFromShare>[1]): boolean {
  switch (a.kind) {
    case 'done':
      return grade === 'D';
    case 'not-done':
      return grade !== 'D';
    case 'share':
      if (grade === 'D') return a.share > 0;
      if (a.share === 0) return true;
      return gradeSteps(gradeFromShare(a.share, settings), grade) >= 2;
    default:
      return false;
  }
}
