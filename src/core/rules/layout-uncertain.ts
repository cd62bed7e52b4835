import { columnLetter } from '../a1';
import type { Uncertainty } from '../layout/types';
import { defineRule, grid, type RuleContext } from './rule';

type NoParams = Record<string, never>;

/** Detection is unsure: say so, naming the sheet, rather than guess silently. messageId = the uncertainty's kind. */
export const layoutUncertain = defineRule<
  RuleContext,
  {
    'no-header': NoParams;
    'no-grade-column': NoParams;
    'grade-column-guessed': { column: string };
    'grade-column-demoted': { column: string };
    'ambiguous-grade-column': { columns: string[] };
    'summary-unmatched': NoParams;
    'report-year-unknown': NoParams;
  }
>({
  id: 'layout-uncertain',
  severity: 'info',
  description: {
    ja: '表の構成を自動で判定しきれませんでした。',
    en: 'The table layout could not be detected with confidence.',
  },
  messages: {
    'no-header': {
      ja: () => '表の見出し行が見つからないため、このシートは点検していません。見出し行を設定（headerRow）で指定できます。',
      en: () => 'No table header row was found, so this sheet was not checked. Set headerRow in the settings.',
    },
    'no-grade-column': {
      ja: () => '評価の列も年度の列も見つかりませんでした。列の役割を設定で指定できます。',
      en: () => 'Neither a grade column nor year columns were found. Assign column roles in the settings.',
    },
    'grade-column-guessed': {
      ja: (p) => `見出しに「評価」がないため、A〜Dが並ぶ${p.column}列を評価の列とみなしました。違う場合は設定で指定してください。`,
      en: (p) => `No header says 評価; column ${p.column}, which holds A–D, was taken as the grade column.`,
    },
    'grade-column-demoted': {
      ja: (p) => `${p.column}列は見出しに「評価」とありますが、A〜Dではなく文章が入っているため評価の列として扱いません。`,
      en: (p) => `Column ${p.column} is headed 評価 but holds prose, not A–D, so it is not checked as grades.`,
    },
    'ambiguous-grade-column': {
      ja: (p) => `評価の列が複数あります（${p.columns.join('・')}列）。最初の列を評価として点検しました。`,
      en: (p) => `Several grade columns (${p.columns.join(', ')}); the first was checked.`,
    },
    'summary-unmatched': {
      ja: () => 'この評価総括表がどの評価シートを集計しているか判定できなかったため、件数を照合していません。',
      en: () => 'Could not tell which evaluation sheet this 評価総括表 summarises, so its counts were not compared.',
    },
    'report-year-unknown': {
      ja: () => '報告年度が判定できませんでした。--year（アドインでは設定の報告年度）で指定してください。',
      en: () => 'The report year could not be determined. Give it with --year (or the report year setting in the add-in).',
    },
  },
  check(context, report) {
    for (const layout of context.layouts) {
      const header = layout.headerRows[layout.headerRows.length - 1] ?? null;
      for (const reason of layout.uncertainties) {
        const col = 'column' in reason ? reason.column : null;
        report(uncertainty(reason, grid({ sheet: layout.sheet, row: col !== null ? header : null, col })));
      }
      if (layout.summaryTable && !context.summarySources.get(layout.summaryTable)) {
        report({ messageId: 'summary-unmatched', at: { sheet: layout.sheet, cell: null, row: null }, params: {} });
      }
    }
    const yearly = context.plans.some((p) => p.years.length > 0 || p.layout.columns.some((c) => c.role === 'previousGrade'));
    if (context.reportYear === null && yearly) report({ messageId: 'report-year-unknown', at: { sheet: null, cell: null, row: null }, params: {} });
  },
});

type Reported = Parameters<Parameters<(typeof layoutUncertain)['spec']['check']>[1]>[0];

/** Layout detection's own words for its doubt, as a messageId and params (columns as letters). */
function uncertainty(reason: Uncertainty, at: Reported['at']): Reported {
  switch (reason.kind) {
    case 'grade-column-guessed':
    case 'grade-column-demoted':
      return { messageId: reason.kind, at, params: { column: columnLetter(reason.column) } };
    case 'ambiguous-grade-column':
      return { messageId: reason.kind, at, params: { columns: reason.columns.map(columnLetter) } };
    default:
      return { messageId: reason.kind, at, params: {} };
  }
}
