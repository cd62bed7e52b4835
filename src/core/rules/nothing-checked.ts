import { defineRule, type RuleContext } from './rule';

/**
 * A workbook with nothing Hyoka could check must say so, not print an empty report: every
 * sheet hidden (hidden sheets are never checked), or no sheet that reads as an evaluation
 * table or a 評価総括表 (an empty workbook, a plan without a table).
 */
export const nothingChecked = defineRule<RuleContext, { allHidden: { hidden: number }; noTable: { sheets: number } }>({
  id: 'nothing-checked',
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
    noTable: {
      ja: (p) => `評価表・評価総括表として読めるシートがないため、何も点検していません（表示中のシート ${p.sheets}枚）。見出し行や列の役割は設定で指定できます。`,
      en: (p) =>
        `No sheet reads as an evaluation table or a summary table (${p.sheets} visible), so nothing was checked. Header rows and column roles can be set in the settings.`,
    },
  },
  check(context, report) {
    const at = { sheet: null, cell: null, row: null };
    const hidden = context.hiddenSheets ?? [];
    if (context.layouts.length === 0) {
      if (hidden.length > 0) report({ messageId: 'allHidden', at, params: { hidden: hidden.length } });
      return;
    }
    if (context.layouts.every((l) => l.kind === 'other' && !l.planMaster)) report({ messageId: 'noTable', at, params: { sheets: context.layouts.length } });
  },
});
