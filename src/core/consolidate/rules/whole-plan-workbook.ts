import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/**
 * One workbook given to 取りまとめ that reports for many departments is the whole plan's
 * evaluation, not one department's submission: it is filed under none of them, and the
 * secretariat is told what the command is for and what to run instead.
 */
export const wholePlanWorkbook = defineRule<ConsolidationContext, { wholePlan: { departments: number } }>({
  id: 'whole-plan-workbook',
  kind: 'consolidate',
  title: { ja: '計画全体のブック', en: 'Whole-plan workbook' },
  severity: 'warning',
  description: {
    ja: '計画全体の評価調書が1つだけ渡されました（担当課ごとのファイルではありません）。',
    en: 'A single whole-plan workbook was given (not one file per department).',
  },
  messages: {
    wholePlan: {
      ja: (p) =>
        `このブックは計画全体の評価調書です（${p.departments}課分の報告を含みます）。取りまとめは担当課ごとに届いたファイルをまとめる機能なので、どの課の提出としても数えていません。1冊の点検は hyoka check で行ってください。課ごとのファイルがあれば、それらを入れたフォルダを指定してください。`,
      en: (p) =>
        `This workbook is the whole plan's evaluation (it reports for ${p.departments} departments). Consolidation merges one file per department, so it is not counted as any department's submission. Check a single workbook with hyoka check; to consolidate, give the folder holding the departments' files.`,
    },
  },
  check(context, report) {
    for (const f of context.files) {
      if (f.wholePlanDepartments === undefined) continue;
      report({ messageId: 'wholePlan', at: { file: f.file, sheet: null, cell: null, row: null }, params: { departments: f.wholePlanDepartments } });
    }
  },
});
