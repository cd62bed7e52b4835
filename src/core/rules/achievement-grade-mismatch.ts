import { parseAchievement, type Achievement } from '../achievement';
import { gradeSteps, type Grade } from '../grades';
import type { Settings } from '../settings';
import { gradeFromShare } from '../summary/method';
import type { PlanEntry, ValueCell } from '../plan/types';
import { normalizeLoose } from '../text';
import { formatFiscalYear } from '../years';
import { defineRule, grid, type RuleContext } from './rule';

/**
 * The grade contradicts the achievement column or the stated definition: D (未実施) beside
 * 100 % or 実施, A–C beside 未実施 or 0 %, a grade two steps from what the share implies —
 * and, in per-year tables, a year whose 評価 says 未実施 beside a positive 達成度.
 */
export const achievementGradeMismatch = defineRule<RuleContext, { mismatch: { program: string; stated: string; achievement: string; year?: number } }>({
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
        `「${p.program}」${p.year ? `の${formatFiscalYear(p.year, 'ja')}` : ''}の評価「${p.stated}」が達成度「${p.achievement}」と合いません${p.stated === 'D' ? '（Dは未実施）' : ''}。評価か達成度を確認してください。`,
      en: (p) =>
        `"${p.program}"${p.year ? ` (FY${p.year})` : ''} is evaluated "${p.stated}" but its achievement says "${p.achievement}"${p.stated === 'D' ? ' (D means the program was not carried out)' : ''}. Check one of them.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const at = { sheet: plan.sheet, department: entry.department, program: node.name, node: node.key };
          const program = node.name || node.path;
          const g = entry.declaredGrade?.parsed;
          if (g?.kind === 'grade') {
            const cell = achievementOf(entry, context.reportYear);
            if (cell && contradicts(g.grade, parseAchievement(cell.value), context.settings)) {
              report({ messageId: 'mismatch', at: grid({ ...at, row: entry.row, col: entry.declaredGrade!.col }), params: { program, stated: g.grade, achievement: cell.text.trim() } });
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

function contradicts(grade: Grade, a: Achievement, settings: Settings): boolean {
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
