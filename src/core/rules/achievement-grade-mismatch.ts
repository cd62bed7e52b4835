import { parseAchievement, type Achievement } from '../achievement';
import type { Scale } from '../scale';
import type { Settings } from '../settings';
import { levelFromShare } from '../summary/method';
import type { PlanEntry, ValueCell } from '../plan/types';
import { normalizeLoose } from '../text';
import { formatFiscalYear } from '../years';
import { defineRule, grid, type RuleContext } from './rule';

/**
 * The grade contradicts the achievement column or the stated definition: the lowest level
 * (D, 未実施) beside 100 % or 実施, a higher one beside 未実施 or 0 %, a grade two levels
 * from what the share implies (on the sheet's scale) —
 * and, in per-year tables, a year whose 評価 says 未実施 beside a positive 達成度.
 */
export const achievementGradeMismatch = defineRule<RuleContext, { mismatch: { program: string; stated: string; achievement: string; year?: number; worst?: boolean; meaning?: string } }>({
  id: 'achievement-grade-mismatch',
  kind: 'check',
  title: { ja: '達成度と評価の食い違い', en: 'Achievement contradicts the grade' },
  severity: 'warning',
  description: {
    ja: '評価が達成度（実施状況）と矛盾しています。',
    en: 'A grade contradicts the achievement column.',
  },
  messages: {
    mismatch: {
      ja: (p) =>
        `「${p.program}」${p.year ? `の${formatFiscalYear(p.year, 'ja')}` : ''}の評価「${p.stated}」が達成度「${p.achievement}」と合いません${p.worst ? `（${p.stated}は${p.meaning ? `「${p.meaning}」` : '最も低い段階'}）` : ''}。評価か達成度を確認してください。`,
      en: (p) =>
        `"${p.program}"${p.year ? ` (FY${p.year})` : ''} is evaluated "${p.stated}" but its achievement says "${p.achievement}"${p.worst ? ` (${p.stated} is ${p.meaning ? `"${p.meaning}"` : 'the lowest level'})` : ''}. Check one of them.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const at = { sheet: plan.sheet, department: entry.department, program: node.name, node: node.key };
          const program = node.name || node.path;
          const g = entry.declaredGrade?.parsed;
          // A scale whose best end is unknown says nothing about which grade contradicts what.
          if (g?.kind === 'grade' && !plan.scale.directionUnknown) {
            const cell = achievementOf(entry, context.reportYear);
            if (cell && contradicts(g.level, parseAchievement(cell.value), plan.scale, context.settings)) {
              const worst = g.level === plan.scale.levels.length - 1;
              const meaning = plan.scale.levels[g.level].meaning;
              report({ messageId: 'mismatch', at: grid({ ...at, row: entry.row, col: entry.declaredGrade!.col }), params: { program, stated: g.grade, achievement: cell.text.trim(), ...(worst ? { worst, ...(meaning ? { meaning } : {}) } : {}) } });
            }
          }
          for (const m of yearMismatches(entry, context)) report({ messageId: 'mismatch', at: grid({ ...at, row: m.cell.row, col: m.cell.col, year: m.year }), params: { program, stated: m.stated, achievement: m.achievement, year: m.year } });
        }
      }
    }
  },
});

function achievementOf(entry: PlanEntry, reportYear: number | null): ValueCell | null {
  if (entry.achievement && entry.achievement.text.trim() !== '') return entry.achievement;
  const block = entry.years.find((y) => y.year === reportYear) ?? entry.years[entry.years.length - 1];
  return block?.achievement && block.achievement.text.trim() !== '' ? block.achievement : null;
}

function contradicts(level: number, a: Achievement, scale: Scale, settings: Settings): boolean {
  const worst = level === scale.levels.length - 1;
  switch (a.kind) {
    case 'done':
      return worst;
    case 'not-done':
      return !worst;
    case 'share':
      if (worst) return a.share > 0;
      if (a.share === 0) return true;
      return Math.abs(levelFromShare(a.share, scale, settings) - level) >= 2;
    default:
      return false;
  }
}

/** Per-year tables: the year's own words (実施/未実施) against its 達成度. */
function yearMismatches(entry: PlanEntry, context: RuleContext): { year: number; cell: ValueCell; stated: string; achievement: string }[] {
  const out: { year: number; cell: ValueCell; stated: string; achievement: string }[] = [];
  for (const block of entry.years) {
    if (context.reportYear !== null && block.year > context.reportYear) continue;
    if (!block.achievement) continue;
    const a = parseAchievement(block.achievement.value);
    for (const said of [block.evaluation, block.status]) {
      // Only a short entry can be 実施 / 未実施; a sentence of results is not compared (and not normalised).
      if (!said || said.text.length > 12) continue;
      const words = normalizeLoose(said.text);
      const notDone = /^(未実施|実施せず|実施なし|中止)$/.test(words);
      const done = /^実施(済み?)?$/.test(words);
      if ((notDone && a.kind === 'share' && a.share > 0) || (done && ((a.kind === 'share' && a.share === 0) || a.kind === 'not-done'))) {
        out.push({ year: block.year, cell: block.achievement, stated: said.text.trim(), achievement: block.achievement.text.trim() });
        break;
      }
    }
  }
  return out;
}
