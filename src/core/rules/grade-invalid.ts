import { labelsOf } from '../scale';
import { normalizeLoose } from '../text';
import { defineRule, grid, type RuleContext } from './rule';
import { gradeCells } from './grade-cells';

/** A grade cell holding something that is not a level of the sheet's scale (`E` on A–D, `継続`, a date). */
export const gradeInvalid = defineRule<RuleContext, { notAGrade: { text: string; slip: boolean; previous: boolean; levels: string[] } }>({
  id: 'grade-invalid',
  kind: 'check',
  title: { ja: '評価の値が不正', en: 'Grade not A–D' },
  severity: 'error',
  description: {
    ja: '評価欄に、評価の段階（A〜Dなど、シートの尺度）以外の値があります。',
    en: "A grade cell holds something that is not a level of the sheet's scale (A–D or the scale it uses).",
  },
  messages: {
    notAGrade: {
      ja: (p) =>
        p.slip
          ? `${p.previous ? '前年度評価' : '評価'}欄に「${p.text}」とあります。次年度方針の語のようです。列がずれていないか確認し、${range(p.levels)}で入力してください。`
          : `${p.previous ? '前年度評価' : '評価'}欄の「${p.text}」は${range(p.levels)}の評価ではありません。${p.levels.join('・')}のいずれか（対象外なら「-」）を入力してください。`,
      en: (p) =>
        p.slip
          ? `The ${p.previous ? 'previous-year grade' : 'grade'} cell says "${p.text}", a next-year policy word: check for a column slip and enter ${rangeEn(p.levels)}.`
          : `"${p.text}" in the ${p.previous ? 'previous-year grade' : 'grade'} cell is not a grade. Enter ${orList(p.levels)} ("-" if it does not apply).`,
    },
  },
  check(context, report) {
    const vocabulary = new Set(context.settings.nextPolicyVocabulary.map((w) => normalizeLoose(w)));
    for (const { plan, node, entry, cell, previous } of gradeCells(context)) {
      if (cell.parsed.kind !== 'invalid') continue;
      const text = cell.parsed.text;
      report({ messageId: 'notAGrade', at: grid({ sheet: plan.sheet, row: cell.row, col: cell.col, department: entry.department, program: node.name, node: node.key }), params: { text: text.length > 40 ? `${text.slice(0, 40)}…` : text, slip: vocabulary.has(normalizeLoose(text)), previous, levels: labelsOf(plan.scale) } });
    }
  },
});

/** `A〜D`, `S〜C`, `◎〜×`: the scale as a range, best to worst. */
function range(levels: readonly string[]): string {
  return levels.length > 2 ? `${levels[0]}〜${levels[levels.length - 1]}` : levels.join('・');
}
function rangeEn(levels: readonly string[]): string {
  return levels.length > 2 ? `${levels[0]}–${levels[levels.length - 1]}` : levels.join(' or ');
}
/** `A, B, C or D`. */
function orList(levels: readonly string[]): string {
  return levels.length > 1 ? `${levels.slice(0, -1).join(', ')} or ${levels[levels.length - 1]}` : levels.join('');
}
