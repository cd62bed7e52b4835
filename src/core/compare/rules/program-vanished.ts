import { normalizeForMatch } from '../../text';
import type { YearProgram } from '../programs';
import { defineComparisonRule, lastYearWords, previousCell, subject, type PreviousCell } from './rule';

/** 次年度方針 words that plan a program's end: its absence this year is expected. */
export const ENDING_POLICIES = ['廃止', '終了', '統合'];

type Params = { program: string; path: string; departments: string[]; lastYearNextPolicy: string | null; lastYear: number | null } & PreviousCell;

const gone = {
  ja: (p: Params): string =>
    `${lastYearWords('ja', p.lastYear)}の${subject('ja', p.program, p.departments.join('・') || null)}（${p.previousSheet} ${p.previousCell}）が今年度の評価調書にありません。`,
  en: (p: Params): string =>
    `${subject('en', p.program, p.departments.join(', ') || null)} of ${lastYearWords('en', p.lastYear)} (${p.previousSheet} ${p.previousCell}) is not in this year's workbook.`,
};

/** A program of last year is absent this year though last year did not plan its end. */
export const programVanished = defineComparisonRule<{ vanished: Params; unplanned: Params }>({
  id: 'program-vanished',
  kind: 'compare',
  title: { ja: '事業の消失', en: 'Program vanished' },
  severity: 'warning',
  description: {
    ja: '前年度にあった事業が今年度はありません（前年度の次年度方針は廃止・終了・統合ではありません）。',
    en: 'A program of last year is missing this year, though last year did not plan to end it.',
  },
  messages: {
    vanished: {
      ja: (p) =>
        `${gone.ja(p)}前年度の次年度方針は${p.lastYearNextPolicy ? `「${p.lastYearNextPolicy}」` : '空欄'}で、廃止・終了・統合ではありません。記入漏れか、事業名が大きく変わっていないか確認してください。`,
      en: (p) =>
        `${gone.en(p)} Its next-year policy was ${p.lastYearNextPolicy ? `"${p.lastYearNextPolicy}"` : 'blank'}, not 廃止/終了/統合 (end). Check whether it was left out or renamed beyond recognition.`,
    },
    // Last year's workbook has no 次年度方針 column: nobody can tell whether the end was planned.
    unplanned: {
      ja: (p) => `${gone.ja(p)}前年度の評価調書に次年度方針の列がないため、予定どおりかどうかは分かりません。`,
      en: (p) => `${gone.en(p)} Last year's workbook has no next-year policy column, so nobody can tell whether this was planned.`,
    },
  },
  messageSeverity: { unplanned: 'info' },
  check(context, report) {
    for (const p of context.match.vanished) {
      const policies = p.entries.map((e) => e.entry.nextPolicy?.text.trim() ?? '').filter((t) => t !== '');
      if (policies.some((t) => ENDING_POLICIES.some((w) => normalizeForMatch(t).includes(w)))) continue;
      report({
        messageId: p.hasNextPolicy ? 'vanished' : 'unplanned',
        at: { ...whereItWas(p, context.current.programs), program: p.name },
        params: {
          program: p.name,
          path: p.node.path,
          departments: p.entries.map((e) => e.entry.department).filter((d): d is string => d !== null),
          lastYearNextPolicy: policies.length ? [...new Set(policies)].join('・') : null,
          lastYear: context.previous.reportYear,
          ...previousCell(p),
        },
      });
    }
  },
});

/** The gap's place this year: the name of a program that shared its parent, else the file. */
function whereItWas(p: YearProgram, current: readonly YearProgram[]): { file: string | null; sheet: string | null; row: number | null; col: number | null } {
  const parent = p.ancestorKeys[p.ancestorKeys.length - 1];
  const sibling = parent !== undefined ? current.find((c) => c.ancestorKeys[c.ancestorKeys.length - 1] === parent) : undefined;
  if (sibling) return { file: sibling.file, sheet: sibling.sheet, row: sibling.nameCell.row, col: sibling.nameCell.col };
  return { file: current[0]?.file ?? null, sheet: null, row: null, col: null };
}
