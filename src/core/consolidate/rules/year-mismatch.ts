import { formatFiscalYear } from '../../years';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

const listed = (years: readonly number[], lang: 'ja' | 'en'): string => years.map((y) => formatFiscalYear(y, lang)).join(lang === 'ja' ? '、' : ', ');

/**
 * A department sent another year's workbook (often last year's file, re-sent by mistake); or
 * the run's year was stated (--year) as one no file carries — then the stated year, not the
 * files, is the likely mistake, and the run says so beside the files' mismatches.
 */
export const yearMismatch = defineRule<ConsolidationContext, { mismatch: { fileYear: number; runYear: number }; givenNotCarried: { given: number; found: number[] } }>({
  id: 'year-mismatch',
  kind: 'consolidate',
  title: { ja: '報告年度の食い違い', en: 'Report year differs' },
  severity: 'error',
  messageSeverity: { givenNotCarried: 'warning' },
  description: {
    ja: '報告年度が取りまとめの年度と違うファイルがあります（取りまとめに含まれません）。',
    en: "A file's report year differs from the run's year (it is left out of the consolidation).",
  },
  messages: {
    mismatch: {
      ja: (p) =>
        `このファイルは${formatFiscalYear(p.fileYear, 'ja')}の報告です（取りまとめは${formatFiscalYear(p.runYear, 'ja')}）。このファイルの事業は取りまとめに含めていません。${formatFiscalYear(p.runYear, 'ja')}のファイルを送ってもらってください。`,
      en: (p) =>
        `This file reports ${formatFiscalYear(p.fileYear, 'en')}, the run is for ${formatFiscalYear(p.runYear, 'en')}. Its programs are left out; ask for the ${formatFiscalYear(p.runYear, 'en')} file.`,
    },
    givenNotCarried: {
      ja: (p) =>
        `報告年度に${formatFiscalYear(p.given, 'ja')}が指定されましたが、どのファイルの表題・シート名・年度別の列にもその年度はありません（あるのは${listed(p.found, 'ja')}）。${formatFiscalYear(p.given, 'ja')}として取りまとめました。指定した年度が正しいか確認してください。`,
      en: (p) =>
        `The report year was stated as ${formatFiscalYear(p.given, 'en')}, but no file's titles, sheet names or year columns carry it (they carry ${listed(p.found, 'en')}). The run is for ${formatFiscalYear(p.given, 'en')}; check the year stated.`,
    },
  },
  check(context, report) {
    if (context.reportYear === null) return;
    if (context.reportYearGiven) {
      const found = [...new Set(context.files.flatMap((f) => (f.status === 'unreadable' ? [] : (f.years ?? []))))].sort((a, b) => a - b);
      if (found.length > 0 && !found.includes(context.reportYear)) {
        report({ messageId: 'givenNotCarried', at: { file: null, sheet: null, cell: null, row: null, year: context.reportYear }, params: { given: context.reportYear, found } });
      }
    }
    for (const f of context.files) {
      if (f.status !== 'wrong-year' || f.reportYear === null) continue;
      report({ messageId: 'mismatch', at: { file: f.file, sheet: null, cell: null, row: null, year: f.reportYear, department: f.department }, params: { fileYear: f.reportYear, runYear: context.reportYear } });
    }
  },
});
