import { columnLetter } from '../a1';
import type { Uncertainty } from '../layout/types';
import { matchSummaryTable } from '../summary/match';
import { formatFiscalYear } from '../years';
import { defineRule } from './rule';

/** Detection is unsure: say so, naming the sheet, rather than guess silently. */
export const layoutUncertain = defineRule<{ reason: Uncertainty }>({
  id: 'layout-uncertain',
  severity: 'info',
  description: {
    ja: '表の構成を自動で判定しきれませんでした。',
    en: 'The table layout could not be detected with confidence.',
  },
  message: {
    ja: ({ reason }) => {
      switch (reason.kind) {
        case 'no-header':
          return '表の見出し行が見つからないため、このシートは点検していません。見出し行を設定（headerRow）で指定できます。';
        case 'no-grade-column':
          return `評価の列も年度の列も見つからないため、この表の評価は点検していません${reason.read && reason.read.length ? `（読み取った列: ${reason.read.join('、')}）` : ''}。列の役割を設定で指定できます。`;
        case 'grade-column-guessed':
          return `見出しに「評価」がないため、A〜Dが並ぶ${columnLetter(reason.column)}列を評価の列とみなしました。確かでないため、この表ではエラーを出していません。違う場合は設定で指定してください。`;
        case 'grade-column-demoted':
          return `${columnLetter(reason.column)}列は見出しに「評価」とありますが、A〜Dではなく文章が入っているため評価の列として扱いません。`;
        case 'ambiguous-grade-column':
          return `評価の列が複数あります（${reason.columns.map(columnLetter).join('・')}列）。どれが今年度の評価か判定できないため、この表ではエラーを出していません。列の役割を設定で指定してください。`;
        case 'summary-unmatched':
          return 'この評価総括表がどの評価シートを集計しているか判定できなかったため、件数を照合していません。';
        case 'summary-unverified':
          return `評価総括表の件数（${reason.grades.join('・')}）は計算結果が保存されていない数式のため、照合できませんでした（0件とはみなしていません）。Excelで開いて保存し直すと照合できます。`;
        case 'report-year-unknown':
          return '報告年度が判定できませんでした。--year（アドインでは設定の報告年度）で指定してください。';
        case 'report-year-inferred':
          return `報告年度が判定できませんでした（タイトル・シート名・ファイル名に年度がありません）。記入のある最新の年度列から${formatFiscalYear(reason.year, 'ja')}として点検しました。違う場合は --year（アドインでは設定の報告年度）で指定してください。`;
        case 'block-unplaced':
          return `${reason.row + 1}行目のブロックを表の階層に位置づけられないため、この表ではエラーを出していません。`;
      }
    },
    en: ({ reason }) => {
      switch (reason.kind) {
        case 'no-header':
          return 'No table header row was found, so this sheet was not checked. Set headerRow in the settings.';
        case 'no-grade-column':
          return `Neither a grade column nor year columns were found, so this table's grades were not checked${reason.read && reason.read.length ? ` (columns read: ${reason.read.join(', ')})` : ''}. Assign column roles in the settings.`;
        case 'grade-column-guessed':
          return `No header says 評価; column ${columnLetter(reason.column)}, which holds A–D, was taken as the grade column. As this is a guess, the table raised no errors.`;
        case 'grade-column-demoted':
          return `Column ${columnLetter(reason.column)} is headed 評価 but holds prose, not A–D, so it is not checked as grades.`;
        case 'ambiguous-grade-column':
          return `Several grade columns (${reason.columns.map(columnLetter).join(', ')}) and no telling which is this year's, so the table raised no errors. Assign the column roles in the settings.`;
        case 'summary-unmatched':
          return 'Could not tell which evaluation sheet this 評価総括表 summarises, so its counts were not compared.';
        case 'summary-unverified':
          return `The 評価総括表 counts (${reason.grades.join(', ')}) are formulas saved without their results, so they could not be verified (not taken as zero). Open and save the file in Excel to verify them.`;
        case 'report-year-unknown':
          return 'The report year could not be determined. Give it with --year (or the report year setting in the add-in).';
        case 'report-year-inferred':
          return `The report year could not be determined from a title, a sheet name or the file name; the latest year column with entries, ${formatFiscalYear(reason.year, 'en')}, was taken. Give it with --year (or the report year setting in the add-in) if that is wrong.`;
        case 'block-unplaced':
          return `The block at row ${reason.row + 1} could not be placed in the table's hierarchy, so the table raised no errors.`;
      }
    },
  },
  check(context, emit) {
    for (const layout of context.layouts) {
      const header = layout.headerRows[layout.headerRows.length - 1] ?? null;
      for (const reason of layout.uncertainties) {
        const col = 'column' in reason ? reason.column : null;
        emit({ sheet: layout.sheet, row: col !== null ? header : null, col }, { reason });
      }
      if (layout.summaryTable && !matchSummaryTable(layout.summaryTable, context.plans)) {
        emit({ sheet: layout.sheet, row: null, col: null }, { reason: { kind: 'summary-unmatched' } });
      }
      const table = layout.summaryTable;
      if (table) {
        const grades: string[] = table.gradeRows.filter((g) => g.unverified).map((g) => g.grade);
        if (table.total?.unverified) grades.push('合計');
        const first = table.gradeRows.find((g) => g.unverified) ?? (table.total?.unverified ? table.total : null);
        if (first) emit({ sheet: layout.sheet, row: first.row, col: first.countCol }, { reason: { kind: 'summary-unverified', grades } });
      }
    }
    const yearly = context.plans.some((p) => p.years.length > 0 || p.layout.columns.some((c) => c.role === 'previousGrade'));
    if (context.reportYear === null && yearly) emit({ sheet: null, row: null, col: null }, { reason: { kind: 'report-year-unknown' } });
    if (context.reportYear !== null && context.reportYearSource === 'year-columns' && yearly) {
      emit({ sheet: null, row: null, col: null }, { reason: { kind: 'report-year-inferred', year: context.reportYear } });
    }
  },
});
