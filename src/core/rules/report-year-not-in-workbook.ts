import { formatFiscalYear } from '../years';
import { defineRule, type RuleContext } from './rule';

const listed = (years: readonly number[], lang: 'ja' | 'en'): string => years.map((y) => formatFiscalYear(y, lang)).join(lang === 'ja' ? '、' : ', ');

/**
 * The report year a person stated (--year, the pane's 報告年度) is none of the years the
 * workbook's own tables carry: a typo (令和3 for 令和2) or the wrong workbook. The run goes on
 * with the stated year — a title left from last year's template is also possible — but says
 * so, naming the years found. A workbook that names no year cannot contradict it: nothing said.
 */
export const reportYearNotInWorkbook = defineRule<RuleContext, { notCarried: { given: number; found: number[] } }>({
  id: 'report-year-not-in-workbook',
  kind: 'check',
  title: { ja: '指定した報告年度がブックにない', en: 'Stated report year not in the workbook' },
  severity: 'warning',
  description: {
    ja: '指定した報告年度が、ブックの表題・シート名・年度別の列のどの年度でもありません。',
    en: "The report year stated is none of the years the workbook's titles, sheet names and year columns carry.",
  },
  messages: {
    notCarried: {
      ja: (p) =>
        `報告年度に${formatFiscalYear(p.given, 'ja')}が指定されましたが、このブックの表題・シート名・年度別の列にある年度は${listed(p.found, 'ja')}だけです。${formatFiscalYear(p.given, 'ja')}として点検しました。指定した年度とブックが正しいか確認してください。`,
      en: (p) =>
        `The report year was stated as ${formatFiscalYear(p.given, 'en')}, but this workbook's titles, sheet names and year columns carry only ${listed(p.found, 'en')}. It was checked as ${formatFiscalYear(p.given, 'en')}; check the year stated and the workbook.`,
    },
  },
  check(context, report) {
    if (context.reportYearSource !== 'setting' || context.reportYear === null) return;
    const found = context.yearsCarried ?? [];
    if (found.length === 0 || found.includes(context.reportYear)) return;
    report({ messageId: 'notCarried', at: { sheet: null, cell: null, row: null, year: context.reportYear }, params: { given: context.reportYear, found: [...found] } });
  },
});
