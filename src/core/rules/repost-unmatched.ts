import { defineRule, grid, type RuleContext } from './rule';

/** A 再掲 row whose original could not be found anywhere in the workbook. */
export const repostUnmatched = defineRule<RuleContext, { unmatched: { program: string } }>({
  id: 'repost-unmatched',
  kind: 'check',
  title: { ja: '再掲元が見つからない', en: '再掲 original not found' },
  severity: 'warning',
  description: {
    ja: '再掲の元になる項目が見つかりません。',
    en: 'The original of a 再掲 item could not be found.',
  },
  messages: {
    unmatched: {
      ja: (p) => `再掲「${p.program}」の元の項目がブック内に見つかりません。名称か番号が元の項目と一致しているか確認してください。元の項目が見つかるまで、この再掲は件数に数えていません。`,
      en: (p) => `The original of repost "${p.program}" is not in the workbook. Check its name or number; until it matches, this repost is not counted.`,
    },
  },
  check(context, report) {
    for (const plan of context.plans) {
      for (const node of plan.nodes) {
        if (node.repostOf) continue;
        const repostEntries = node.entries.filter((e) => e.repost);
        if (repostEntries.length === 0 || repostEntries.length < node.entries.length) continue;
        const e = repostEntries[0];
        report({ messageId: 'unmatched', at: grid({ sheet: plan.sheet, row: e.row, col: e.declaredGrade?.col ?? null, program: node.name, node: node.key }), params: { program: node.name || node.path } });
      }
    }
  },
});
