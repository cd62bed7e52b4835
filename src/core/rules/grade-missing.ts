import { expectsGrade } from '../plan/units';
import { DEFAULT_SCALE, labelsOf, scaleRange } from '../scale';
import { defineRule, grid, type RuleContext } from './rule';

/** 記入漏れ: a row that should carry a grade has none. */
export const gradeMissing = defineRule<RuleContext, { missing: { program: string; department: string | null; levels?: string[] } }>({
  id: 'grade-missing',
  kind: 'check',
  title: { ja: '評価の記入漏れ', en: 'Grade missing' },
  severity: 'error',
  description: {
    ja: '評価を記入すべき行に評価がありません。',
    en: 'A row that should carry a grade has none.',
  },
  messages: {
    missing: {
      ja: (p) => `「${p.program}」${p.department ? `（${p.department}）` : ''}の評価が未記入です。${scaleRange(p.levels ?? labelsOf(DEFAULT_SCALE))}のいずれかを入力してください（対象外なら「-」）。`,
      en: (p) => `No grade for "${p.program}"${p.department ? ` (${p.department})` : ''}. Enter ${scaleRange(p.levels ?? labelsOf(DEFAULT_SCALE), '–')}, or "-" if it does not apply.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      if (plan.gradeCol === null) continue;
      for (const node of plan.nodes) {
        if (node.repostOf || !expectsGrade(plan, node)) continue;
        for (const entry of node.entries) {
          if (entry.declaredGrade?.parsed.kind !== 'blank') continue;
          if (entry.strayGrades.length > 0) continue; // grade-misplaced says where it went
          report({ messageId: 'missing', at: grid({ sheet: plan.sheet, row: entry.row, col: entry.declaredGrade.col, department: entry.department, program: node.name, node: node.key }), params: { program: node.name || node.path, department: entry.department, levels: labelsOf(plan.scale) } });
        }
      }
    }
  },
});
