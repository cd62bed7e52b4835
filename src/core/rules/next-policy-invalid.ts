import { parseGrade } from '../scale';
import { isDashOnly, normalizeLoose } from '../text';
import { defineRule, grid, type RuleContext } from './rule';

/** 次年度方針 outside the sheet's vocabulary (新規 継続 充実 改善 縮小 廃止 by default). */
export const nextPolicyInvalid = defineRule<RuleContext, { invalid: { text: string; vocabulary: string[]; looksLikeGrade: boolean } }>({
  id: 'next-policy-invalid',
  kind: 'check',
  title: { ja: '次年度方針の値', en: 'Next-year policy outside the vocabulary' },
  severity: 'error',
  description: {
    ja: '次年度方針が定められた語（新規・継続・充実・改善・縮小・廃止など）ではありません。',
    en: 'A next-year policy (次年度方針) is outside the vocabulary.',
  },
  messages: {
    invalid: {
      ja: (p) =>
        p.looksLikeGrade
          ? `次年度方針欄に評価のような「${p.text}」があります。列がずれていないか確認し、${p.vocabulary.join('・')}のいずれかを入力してください。`
          : `次年度方針「${p.text}」は定められた語ではありません。${p.vocabulary.join('・')}のいずれかを入力してください。`,
      en: (p) =>
        p.looksLikeGrade
          ? `The next-year policy cell holds "${p.text}", which looks like a grade: check for a column slip and use one of ${p.vocabulary.join(', ')}.`
          : `Next-year policy "${p.text}" is not one of ${p.vocabulary.join(', ')}.`,
    },
  },
  check(context, report) {
    const vocabulary = context.settings.nextPolicyVocabulary;
    const allowed = new Set(vocabulary.map((w) => normalizeLoose(w)));
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        for (const entry of node.entries) {
          const cell = entry.nextPolicy;
          if (!cell || cell.text.trim() === '') continue;
          if (allowed.has(normalizeLoose(cell.text)) || isDashOnly(cell.text)) continue;
          const grade = parseGrade(cell.text, plan.scale);
          report({ messageId: 'invalid', at: grid({ sheet: plan.sheet, row: cell.row, col: cell.col, department: entry.department, program: node.name, node: node.key }), params: { text: cell.text.trim().slice(0, 40), vocabulary, looksLikeGrade: grade.kind === 'grade' } });
        }
      }
    }
  },
});
