import { defineRule, type RuleContext } from './rule';

/**
 * A workbook with nothing Hyoka could check must say so, not print an empty report: every
 * sheet hidden (a hidden sheet is read only behind a visible one that holds no evaluation), only
 * example sheets (記入例, never a report), or no sheet that reads as an evaluation
 * table or a 評価総括表 (an empty workbook, a plan without a table).
 */
export const nothingChecked = defineRule<RuleContext, { allHidden: { hidden: number }; noTable: { sheets: number }; onlyExamples: { examples: string[] } }>({
  id: 'nothing-checked',
  kind: 'check',
  title: { ja: '点検できる表がない', en: 'Nothing could be checked' },
  severity: 'warning',
  description: {
    ja: '点検できるシートがありませんでした。',
    en: 'No sheet could be checked.',
  },
  messages: {
    allHidden: {
      ja: (p) => `すべてのシート（${p.hidden}枚）が非表示のため、何も点検していません。点検するシートを再表示してください。`,
      en: (p) => `All ${p.hidden} sheets are hidden, so nothing was checked. Unhide the sheets to check.`,
    },
    onlyExamples: {
      ja: (p) => `表示中のシートは記入例（「${p.examples.join('」「')}」）だけで、評価表のシートがないため、何も点検していません。記入したシートがあるか確認してください。`,
      en: (p) => `The only visible sheets are examples (${p.examples.map((e) => `"${e}"`).join(', ')}) and no sheet holds the evaluation, so nothing was checked. Check that the filled-in sheet is there.`,
    },
    noTable: {
      ja: (p) => `評価表・評価総括表として読めるシートがないため、何も点検していません（表示中のシート ${p.sheets}枚）。見出し行や列の役割は「読み取った表」（--config では corrections）で指定できます。`,
      en: (p) =>
        `No sheet reads as an evaluation table or a summary table (${p.sheets} visible), so nothing was checked. Header rows and column roles can be set under 点検 › What was read (corrections in --config).`,
    },
  },
  check(context, report) {
    const at = { sheet: null, cell: null, row: null };
    const hidden = context.hiddenSheets ?? [];
    const examples = context.exampleSheets ?? [];
    if (context.layouts.length === 0) {
      if (examples.length > 0) report({ messageId: 'onlyExamples', at, params: { examples: [...examples] } });
      else if (hidden.length > 0) report({ messageId: 'allHidden', at, params: { hidden: hidden.length } });
      return;
    }
    // A plan master whose column holds levels under a header naming no grade may be the evaluation unread.
    if (context.layouts.every((l) => l.kind === 'other' && (!l.planMaster || l.levelsUnread !== undefined))) report({ messageId: 'noTable', at, params: { sheets: context.layouts.length } });
  },
});
