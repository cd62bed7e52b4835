import { defineRule, type RuleContext } from './rule';

/**
 * A sheet the workbook lists whose content is missing from the file (a damaged or hand-made
 * package): the other sheets are checked, and this one is named instead of passing in silence.
 */
export const sheetUnreadable = defineRule<RuleContext, { missingPart: { name: string } }>({
  id: 'sheet-unreadable',
  kind: 'check',
  title: { ja: '読めないシート', en: 'Sheet unreadable' },
  severity: 'error',
  description: {
    ja: 'ブックに載っているシートの中身がファイルにありません。',
    en: 'A sheet listed in the workbook has no content in the file.',
  },
  messages: {
    missingPart: {
      ja: (p) => `シート「${p.name}」の中身がファイルにありません（ブックの部品が欠けています）。このシートは点検していません。元のファイルを取り直してください。`,
      en: (p) => `Sheet "${p.name}" is listed in the workbook but its content is missing from the file, so it was not checked. Get the file again.`,
    },
  },
  check(context, report) {
    for (const name of context.unreadableSheets ?? []) report({ messageId: 'missingPart', at: { sheet: name, cell: null, row: null }, params: { name } });
  },
});
