import { a1 } from '../a1';
import { defineRule, grid, type RuleContext } from './rule';

/** A grade typed into a neighbouring column (Do, 成果…) while the grade cell is blank. */
export const gradeMisplaced = defineRule<RuleContext, { misplaced: { program: string; text: string; gradeCell: string } }>({
  id: 'grade-misplaced',
  kind: 'check',
  title: { ja: '評価の入力位置', en: 'Grade in the wrong column' },
  severity: 'warning',
  description: {
    ja: '評価が評価欄ではなく隣の列に入力されています。',
    en: 'A grade was typed into another column than the grade column.',
  },
  messages: {
    misplaced: {
      ja: (p) => `「${p.program}」の評価「${p.text}」が評価欄（${p.gradeCell}）ではなく別の列に入力されています。評価欄に移してください（このままでは集計されません）。`,
      en: (p) => `The grade "${p.text}" of "${p.program}" is in another column, not in the grade cell ${p.gradeCell}; move it there (it is not counted as it is).`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const grade = entry.declaredGrade;
          if (!grade || grade.parsed.kind !== 'blank') continue;
          for (const stray of entry.strayGrades) {
            report({ messageId: 'misplaced', at: grid({ sheet: plan.sheet, row: stray.row, col: stray.col, department: entry.department, program: node.name, node: node.key }), params: { program: node.name || node.path, text: stray.text.trim(), gradeCell: a1(grade.row, grade.col) } });
          }
        }
      }
    }
  },
});
