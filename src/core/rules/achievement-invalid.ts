import { parseAchievement } from '../achievement';
import type { ValueCell } from '../plan/types';
import { isBlank } from '../snapshot';
import { isDashOnly, normalizeLoose } from '../text';
import { defineRule, grid, type RuleContext } from './rule';

/** `企画課 80% 福祉総務課 実施`: one achievement per department, each a readable value. */
function perDepartment(text: string): boolean {
  const rest = normalizeLoose(text).replace(/[^\s\d%、,:：]*?(課|室|係|センター|局|部)[:：]?/g, ' ');
  const tokens = rest.split(/[\s、,]+/).filter((t) => t !== '');
  return tokens.length > 0 && tokens.every((t) => isDashOnly(t) || parseAchievement(t).kind !== 'none' || /^\d+(\.\d+)?$/.test(t));
}

/**
 * A 達成度 outside 0–100 % (`100` typed into a percent-formatted cell shows as 10000 %), or
 * text that is neither a percentage, a number nor 実施/未実施/- (prose typed in the wrong column).
 */
export const achievementInvalid = defineRule<
  RuleContext,
  { outOfRange: { program: string; text: string; year?: number }; notAchievement: { program: string; text: string; year?: number } }
>({
  id: 'achievement-invalid',
  kind: 'check',
  title: { ja: '達成度の値', en: 'Achievement out of range' },
  severity: 'warning',
  description: {
    ja: '達成度が0〜100%の範囲外か、割合・実施・未実施・-のいずれでもありません。',
    en: 'An achievement is outside 0–100 %, or not a percentage, 実施, 未実施 or -.',
  },
  messages: {
    outOfRange: {
      ja: (p) => `「${p.program}」の達成度「${p.text}」は0〜100%の範囲外です。パーセント書式のセルには100%を「1」または「100%」と入力してください。`,
      en: (p) => `Achievement "${p.text}" of "${p.program}" is outside 0–100 %. In a percent-formatted cell, 100 % is entered as 1 or 100%.`,
    },
    notAchievement: {
      ja: (p) => `「${p.program}」の達成度「${p.text}」は割合・数値・実施・未実施・「-」のいずれでもありません。達成度の欄には「100%」などの割合か、実施・未実施・「-」を入力してください。`,
      en: (p) => `Achievement "${p.text}" of "${p.program}" is neither a percentage, a number, 実施, 未実施 nor -.`,
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
            const text = a.kind === 'none' && typeof cell.value === 'string' && !isBlank(cell.value) && !isDashOnly(cell.value) && !perDepartment(cell.value);
            if (!text && (a.kind !== 'share' || (a.share >= 0 && a.share <= 1))) continue;
            report({
              messageId: text ? 'notAchievement' : 'outOfRange',
              at: grid({ sheet: plan.sheet, row: cell.row, col: cell.col, year, department: entry.department, program: node.name, node: node.key }),
              params: { program: node.name || node.path, text: text ? cell.text.trim().slice(0, 40) : cell.text.trim(), year },
            });
          }
        }
      }
    }
  },
});
