import type { GradeLabel } from '../scale';
import { defineRule, grid, type RuleContext } from './rule';

/** The grade moved two or more levels of the sheet's scale since last year (A↔C, B↔D, A↔D on A–D). */
export const gradeJump = defineRule<RuleContext, { jump: { program: string; department: string | null; from: GradeLabel; to: GradeLabel } }>({
  id: 'grade-jump',
  kind: 'check',
  title: { ja: '評価の大きな変動', en: 'Grade jump since last year' },
  severity: 'warning',
  description: {
    ja: '前年度から評価が2段階以上変わっています。',
    en: 'The grade moved two or more steps since last year.',
  },
  messages: {
    jump: {
      ja: (p) =>
        `「${p.program}」${p.department ? `（${p.department}）` : ''}の評価が前年度の${p.from}から${p.to}へ2段階以上変わっています。理由が記載されているか確認してください。`,
      en: (p) =>
        `"${p.program}"${p.department ? ` (${p.department})` : ''} moved from ${p.from} to ${p.to} (two or more steps) since last year. Check that the reason is stated.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const now = entry.declaredGrade?.parsed;
          const before = entry.previousGrade?.parsed;
          if (now?.kind !== 'grade' || before?.kind !== 'grade') continue;
          if (Math.abs(before.level - now.level) < 2) continue;
          report({ messageId: 'jump', at: grid({ sheet: plan.sheet, row: entry.row, col: entry.declaredGrade!.col, department: entry.department, program: node.name, node: node.key }), params: { program: node.name || node.path, department: entry.department, from: before.grade, to: now.grade } });
        }
      }
    }
  },
});
