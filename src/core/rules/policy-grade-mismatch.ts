import type { GradeLabel } from '../scale';
import { countGrades, unitsOfNode, unitsUnder } from '../plan/units';
import { computeGrade } from '../summary/method';
import { defineRule, grid, type RuleContext } from './rule';

/** A policy row's own grade differs from the grade its programs add up to. */
export const policyGradeMismatch = defineRule<RuleContext, { mismatch: { policy: string; declared: GradeLabel; computed: GradeLabel; method: string; programs: number } }>({
  id: 'policy-grade-mismatch',
  kind: 'check',
  title: { ja: '施策の評価と集計の不一致', en: 'Policy grade differs from its programs' },
  severity: 'warning',
  description: {
    ja: '施策の評価が、その事業の評価から算出した評価と異なります。',
    en: "A policy's declared grade differs from the grade computed from its programs.",
  },
  messages: {
    mismatch: {
      ja: (p) =>
        `施策「${p.policy}」の評価は${p.declared}ですが、事業${p.programs}件の評価から算出すると${p.computed}です（算出方法: ${p.method === 'share' ? 'A評価の割合' : '平均'}）。評価の根拠を確認してください。`,
      en: (p) =>
        `Policy "${p.policy}" is graded ${p.declared}, but its ${p.programs} graded programs give ${p.computed} (method: ${p.method}). Check the basis of the grade.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        if (node.repostOf || node.children.length === 0) continue;
        const own = unitsOfNode(node)[0];
        if (!own) continue;
        const below = unitsUnder(node, false);
        const computed = computeGrade(countGrades(below, plan.scale), plan.scale, context.settings);
        if (!computed || computed === own.grade) continue;
        report({ messageId: 'mismatch', at: grid({ sheet: plan.sheet, row: own.entry.row, col: own.entry.declaredGrade!.col, program: node.name, node: node.key }), params: { policy: node.name || node.path, declared: own.grade, computed, method: context.settings.method, programs: below.length } });
      }
    }
  },
});
