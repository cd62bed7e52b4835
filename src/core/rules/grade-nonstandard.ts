import { canonicalGrade, type GradeLabel } from '../scale';
import { defineRule, grid, type RuleContext } from './rule';
import { gradeCells } from './grade-cells';

/** `Ａ`, `b`, ` A `: readable, counted as that grade, but not how the sheet should say it. */
export const gradeNonstandard = defineRule<RuleContext, { nonstandard: { text: string; grade: GradeLabel; repost: boolean } }>({
  id: 'grade-nonstandard',
  kind: 'check',
  title: { ja: '評価の表記ゆれ', en: 'Grade in a non-standard notation' },
  severity: 'warning',
  description: {
    ja: '評価の表記が標準（半角大文字A〜D）ではありません。',
    en: 'A grade is written in a non-standard notation.',
  },
  messages: {
    nonstandard: {
      ja: (p) => `評価「${p.text}」は「${canonicalGrade(p.grade, p.repost)}」として数えました。${/^[A-Z]$/.test(p.grade) ? '半角大文字で' : ''}「${canonicalGrade(p.grade, p.repost)}」と入力してください。`,
      en: (p) => `Grade "${p.text}" was counted as ${p.grade}; write it as "${canonicalGrade(p.grade, p.repost)}".`,
    },
  },
  check(context, report) {
    for (const { plan, node, entry, cell } of gradeCells(context)) {
      if (cell.parsed.kind !== 'grade' || cell.parsed.canonical) continue;
      report({ messageId: 'nonstandard', at: grid({ sheet: plan.sheet, row: cell.row, col: cell.col, department: entry.department, program: node.name, node: node.key }), params: { text: cell.parsed.text, grade: cell.parsed.grade, repost: cell.parsed.repost } });
    }
  },
});
