import { defineRule, grid, type RuleContext } from './rule';
import { gradeCells } from './grade-cells';

/**
 * Grade cells that are formulas saved without their results (a tool that never calculated
 * wrote the file): their grades cannot be verified. Never a missing grade, never silence —
 * one finding per sheet, saying how many, at the first such cell.
 */
export const gradeUnverified = defineRule<RuleContext, { unverified: { count: number; previous: boolean } }>({
  id: 'grade-unverified',
  kind: 'check',
  title: { ja: '評価の数式が未計算', en: 'Grade formula not calculated' },
  severity: 'warning',
  description: {
    ja: '評価欄の数式に計算結果が保存されていないため、評価を確認できませんでした。',
    en: 'Grade cells are formulas saved without their results, so their grades could not be verified.',
  },
  messages: {
    unverified: {
      ja: (p) =>
        `${p.previous ? '前年度評価' : '評価'}欄の${p.count}件は、計算結果が保存されていない数式のため確認できませんでした（未記入とはみなしていません）。Excelで開いて保存し直すと点検できます。`,
      en: (p) =>
        `${p.count} ${p.previous ? 'previous-year grade' : 'grade'} cell${p.count === 1 ? ' is a formula' : 's are formulas'} saved without results, so ${p.count === 1 ? 'it' : 'they'} could not be verified (not taken as missing). Open and save the file in Excel to check them.`,
    },
  },
  check(context, report) {
    const bySheet = new Map<string, { first: { row: number; col: number }; count: number; previous: boolean }>();
    for (const { plan, cell, previous } of gradeCells(context)) {
      if (cell.parsed.kind !== 'unverified') continue;
      const key = `${plan.sheet}\u0000${previous}`;
      const seen = bySheet.get(key);
      if (seen) seen.count++;
      else bySheet.set(key, { first: { row: cell.row, col: cell.col }, count: 1, previous });
    }
    for (const [key, s] of bySheet) {
      const sheet = key.slice(0, key.indexOf('\u0000'));
      report({ messageId: 'unverified', at: grid({ sheet, row: s.first.row, col: s.first.col }), params: { count: s.count, previous: s.previous } });
    }
  },
});
