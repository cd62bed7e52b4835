import { formatFiscalYear } from '../../years';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/** A department sent another year's workbook (often last year's file, re-sent by mistake). */
export const yearMismatch = defineRule<ConsolidationContext, { mismatch: { fileYear: number; runYear: number } }>({
  id: 'year-mismatch',
  kind: 'consolidate',
  title: { ja: '報告年度の食い違い', en: 'Report year differs' },
  severity: 'error',
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
  },
  check(context, report) {
    if (context.reportYear === null) return;
    for (const f of context.files) {
      if (f.status !== 'wrong-year' || f.reportYear === null) continue;
      report({ messageId: 'mismatch', at: { file: f.file, sheet: null, cell: null, row: null, year: f.reportYear, department: f.department }, params: { fileYear: f.reportYear, runYear: context.reportYear } });
    }
  },
});
