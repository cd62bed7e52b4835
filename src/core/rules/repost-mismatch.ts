import type { GradeLabel } from '../scale';
import { a1 } from '../a1';
import type { PlanNode } from '../plan/types';
import { defineRule, grid, type RuleContext } from './rule';

/** A 再掲 shows the same item again: it must carry its original's grade. */
export const repostMismatch = defineRule<RuleContext, { mismatch: { program: string; repostGrade: GradeLabel; originalGrade: GradeLabel; originalCell: string; originalSheet: string } }>({
  id: 'repost-mismatch',
  kind: 'check',
  title: { ja: '再掲の評価の不一致', en: '再掲 grade differs from the original' },
  severity: 'error',
  description: {
    ja: '再掲の評価が元の項目の評価と異なります。',
    en: "A 再掲 (repeated) item's grade differs from its original.",
  },
  messages: {
    mismatch: {
      ja: (p) => `再掲「${p.program}」の評価${p.repostGrade}が、元の項目（${p.originalSheet}!${p.originalCell}）の評価${p.originalGrade}と異なります。同じ評価にそろえてください。`,
      en: (p) => `Repost of "${p.program}" is graded ${p.repostGrade} but its original (${p.originalSheet}!${p.originalCell}) is ${p.originalGrade}. Make them the same.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        const original = originalGradeOf(node.repostOf ?? node);
        if (!original) continue;
        const reposts = node.repostOf ? node.entries : node.entries.filter((e) => e.repost);
        for (const entry of reposts) {
          const p = entry.declaredGrade?.parsed;
          if (p?.kind !== 'grade' || p.grade === original.grade) continue;
          report({ messageId: 'mismatch', at: grid({ sheet: plan.sheet, row: entry.row, col: entry.declaredGrade!.col, department: entry.department, program: node.name, node: node.key }), params: {
              program: node.name || node.path,
              repostGrade: p.grade,
              originalGrade: original.grade,
              originalCell: original.cell,
              originalSheet: original.sheet,
            } });
        }
      }
    }
  },
});

function originalGradeOf(node: PlanNode): { grade: GradeLabel; cell: string; sheet: string } | null {
  for (const e of node.entries) {
    const p = e.declaredGrade?.parsed;
    if (!e.repost && p?.kind === 'grade') return { grade: p.grade, cell: a1(e.row, e.declaredGrade!.col), sheet: node.sheet };
  }
  return null;
}
