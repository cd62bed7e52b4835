import { expectsGrade } from '../plan/units';
import { defineRule, grid, type RuleContext } from './rule';

/** No previous-year grade for a program that is not new (【新規】). */
export const previousGradeMissing = defineRule<RuleContext, { missing: { program: string; department: string | null; dash: string | null } }>({
  id: 'previous-grade-missing',
  kind: 'check',
  title: { ja: '前年度評価の記入漏れ', en: 'Previous grade missing' },
  severity: 'warning',
  description: {
    ja: '【新規】でない事業に前年度評価がありません。',
    en: 'A program not marked 【新規】 has no previous-year grade.',
  },
  messages: {
    missing: {
      ja: (p) =>
        `「${p.program}」${p.department ? `（${p.department}）` : ''}の前年度評価が${p.dash !== null ? `「${p.dash}」` : '空欄'}です。新規事業なら名称に【新規】を付け、そうでなければ前年度の評価を記入してください。`,
      en: (p) =>
        `"${p.program}"${p.department ? ` (${p.department})` : ''} has ${p.dash !== null ? `"${p.dash}"` : 'nothing'} as its previous-year grade. Mark it 【新規】 if it is new; otherwise enter last year's grade.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        if (node.isNew || node.repostOf || !expectsGrade(plan, node)) continue;
        for (const entry of node.entries) {
          const prev = entry.previousGrade;
          if (!prev || entry.repost) continue;
          if (prev.parsed.kind !== 'blank' && prev.parsed.kind !== 'none') continue;
          report({ messageId: 'missing', at: grid({ sheet: plan.sheet, row: prev.row, col: prev.col, department: entry.department, program: node.name, node: node.key }), params: { program: node.name || node.path, department: entry.department, dash: prev.parsed.kind === 'none' ? prev.parsed.text.trim() : null } });
        }
      }
    }
  },
});
