import { formatFiscalYear } from '../../years';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/**
 * 年度の欠落 of a whole workbook: a department file that states no report year cannot be told
 * apart from last year's. Its rows are merged as the run's year, but someone has to confirm.
 */
export const workbookYearMissing = defineRule<ConsolidationContext, { missing: { runYear: number | null } }>({
  id: 'workbook-year-missing',
  kind: 'consolidate',
  title: { ja: '報告年度の欠落', en: 'Report year missing' },
  severity: 'error',
  description: {
    ja: '報告年度が書かれていない担当課のファイルがあります。',
    en: 'A department workbook does not state its report year.',
  },
  messages: {
    missing: {
      ja: (p) =>
        `報告年度がどこにも書かれていません。表題に「令和2年度」のように年度を記入してもらってください${p.runYear !== null ? `（取りまとめでは${formatFiscalYear(p.runYear, 'ja')}の報告として扱いました）` : ''}。`,
      en: (p) =>
        `The workbook states no report year. Ask for the year in its title${p.runYear !== null ? ` (it was merged as ${formatFiscalYear(p.runYear, 'en')})` : ''}.`,
    },
  },
  check(context, report) {
    for (const f of context.files) {
      if (f.status === 'unreadable' || f.reportYear !== null) continue;
      report({ messageId: 'missing', at: { file: f.file, sheet: null, cell: null, row: null, department: f.department }, params: { runYear: context.reportYear } });
    }
  },
});
