import { parseAchievement } from '../achievement';
import type { ValueCell } from '../plan/types';
import { defineRule, grid, type RuleContext } from './rule';

/** A 達成度 outside 0–100 %: `100` typed into a percent-formatted cell shows as 10000 %. */
export const achievementInvalid = defineRule<RuleContext, { outOfRange: { program: string; text: string; year?: number } }>({
  id: 'achievement-invalid',
  severity: 'warning',
  description: {
    ja: '達成度が0〜100%の範囲外です。',
    en: 'An achievement is outside 0–100 %.',
  },
  messages: {
    outOfRange: {
      ja: (p) => `「${p.program}」の達成度「${p.text}」は0〜100%の範囲外です。パーセント書式のセルには100%を「1」または「100%」と入力してください。`,
      en: (p) => `Achievement "${p.text}" of "${p.program}" is outside 0–100 %. In a percent-formatted cell, 100 % is entered as 1 or 100%.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const cells: { cell: ValueCell; year?: number }[] = [];
          if (entry.achievement) cells.push({ cell: entry.achievement });
          for (const y of entry.years) if (y.achievement) cells.push({ cell: y.achievement, year: y.year });
          for (const { cell, year } of cells) {
            const a = parseAchievement(cell.value);
            if (a.kind !== 'share' || (a.share >= 0 && a.share <= 1)) continue;
            report({ messageId: 'outOfRange', at: grid({ sheet: plan.sheet, row: cell.row, col: cell.col, year, department: entry.department, program: node.name, node: node.key }), params: { program: node.name || node.path, text: cell.text.trim(), year } });
          }
        }
      }
    }
  },
});
