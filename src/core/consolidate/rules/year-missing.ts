import { formatFiscalYear } from '../../years';
import { defineConsolidationRule } from './rule';

/**
 * 年度の欠落 of a whole workbook: a department file that states no report year cannot be told
 * apart from last year's. Its rows are merged as the run's year, but someone has to confirm.
 */
export const yearMissing = defineConsolidationRule<{ runYear: number | null }>({
  id: 'year-missing',
  severity: 'error',
  description: {
    ja: '報告年度が書かれていない担当課のファイルがあります。',
    en: 'A department workbook does not state its report year.',
  },
  message: {
    ja: (p) =>
      `報告年度がどこにも書かれていません。表題に「令和2年度」のように年度を記入してもらってください${p.runYear !== null ? `（取りまとめでは${formatFiscalYear(p.runYear, 'ja')}の報告として扱いました）` : ''}。`,
    en: (p) =>
      `The workbook states no report year. Ask for the year in its title${p.runYear !== null ? ` (it was merged as ${formatFiscalYear(p.runYear, 'en')})` : ''}.`,
  },
  check(context, emit) {
    for (const f of context.files) {
      if (f.status === 'unreadable' || f.reportYear !== null) continue;
      emit({ file: f.file, sheet: null, cell: null, row: null, department: f.department }, { runYear: context.reportYear });
    }
  },
});
