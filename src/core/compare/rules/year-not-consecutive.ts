import { defineComparisonRule, type ComparisonLocation } from './rule';

type Params = { previousYear: number; currentYear: number };

/** Last year's report year is not this year − 1: the wrong file was picked as last year's. */
export const yearNotConsecutive = defineComparisonRule<{ notConsecutive: Params }>({
  id: 'year-not-consecutive',
  kind: 'compare',
  title: { ja: '連続しない年度', en: 'Years not consecutive' },
  severity: 'error',
  description: {
    ja: '前年度として選んだ評価調書の年度が、今年度の前年ではありません。',
    en: "The workbook given as last year's does not report the year before this one.",
  },
  messages: {
    notConsecutive: {
      ja: (p) => `前年度として選んだ評価調書は${p.previousYear}年度、今年度の評価調書は${p.currentYear}年度です（前年度は${p.currentYear - 1}年度のはずです）。ファイルを確認してください。`,
      en: (p) => `The workbook given as last year's reports FY${p.previousYear} and this year's FY${p.currentYear} (last year should be FY${p.currentYear - 1}). Check the files.`,
    },
  },
  check(context, report) {
    const emit = (at: ComparisonLocation, params: Params): void => report({ messageId: 'notConsecutive', at, params });
    const previousYear = context.previous.reportYear;
    const currentYear = context.current.reportYear;
    if (previousYear === null || currentYear === null || previousYear === currentYear - 1) return;
    emit({ file: context.current.file, sheet: null, row: null, col: null, year: previousYear }, { previousYear, currentYear });
  },
});
