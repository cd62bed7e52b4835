import { columnLetter } from '../a1';
import type { Uncertainty } from '../layout/types';
import { formatFiscalYear } from '../years';
import { defineRule, grid, type RuleContext } from './rule';

type NoParams = Record<string, never>;

/**
 * Detection is unsure: say so, naming the sheet, rather than guess silently. messageId = the
 * uncertainty's kind. A region read with doubt raises no errors (check.ts drops them); this
 * info says what was read and what is missing.
 */
export const layoutUncertain = defineRule<
  RuleContext,
  {
    'no-header': NoParams;
    'no-grade-column': { read: string[] };
    'grade-column-guessed': { column: string };
    'grade-column-demoted': { column: string };
    'ambiguous-grade-column': { columns: string[] };
    'summary-unmatched': NoParams;
    'summary-unverified': { grades: string[] };
    'report-year-unknown': NoParams;
    'report-year-inferred': { year: number };
    'report-year-after-previous': { year: number };
    'block-unplaced': { row: number };
    'scale-direction-unknown': { column: string; labels: string[] };
    'hidden-sheet-read': { examples: string[] };
    'notes-unread': { kinds: ('notes' | 'comments')[] };
  }
>({
  id: 'layout-uncertain',
  kind: 'check',
  title: { ja: '表の読み取りが不確か', en: 'Table layout uncertain' },
  severity: 'info',
  description: {
    ja: '表の構成を自動で判定しきれませんでした。',
    en: 'The table layout could not be detected with confidence.',
  },
  messages: {
    'notes-unread': {
      ja: (p) =>
        `このExcelでは${p.kinds.map((k) => (k === 'notes' ? 'セルのメモ（ExcelApi 1.18 が必要）' : 'セルのコメント（ExcelApi 1.10 が必要）')).join('と')}を読み取れないため、読んでいません。凡例（評価の段階の説明）がメモやコメントにある場合、その凡例は使っていません。段階が違って読まれていれば、「点検」画面の「読み取った表」で評価の段階を直してください。`,
      en: (p) =>
        `This Excel cannot read ${p.kinds.map((k) => (k === 'notes' ? 'cell notes (needs ExcelApi 1.18)' : 'cell comments (needs ExcelApi 1.10)')).join(' or ')}, so they were not read. A legend (what each grade means) kept in a note or comment was not used; if the grades were read on the wrong scale, correct the scale under 点検 › What was read.`,
    },
    'no-header': {
      ja: () => '表の見出し行が見つからないため、このシートは点検していません。見出し行を「読み取った表」（--config では corrections）で指定できます。',
      en: () => 'No table header row was found, so this sheet was not checked. Set the header row under 点検 › What was read (corrections in --config).',
    },
    'no-grade-column': {
      ja: (p) => `評価の列も年度の列も見つからないため、この表の評価は点検していません${p.read.length ? `（読み取った列: ${p.read.join('、')}）` : ''}。列の役割を「読み取った表」（--config では corrections）で指定できます。`,
      en: (p) => `Neither a grade column nor year columns were found, so this table's grades were not checked${p.read.length ? ` (columns read: ${p.read.join(', ')})` : ''}. Assign column roles under 点検 › What was read (corrections in --config).`,
    },
    'grade-column-guessed': {
      ja: (p) => `見出しに「評価」がないため、評価の値が並ぶ${p.column}列を評価の列とみなしました。確かでないため、この表ではエラーを出していません。違う場合は「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) => `No header says 評価; column ${p.column}, which holds grades, was taken as the grade column. As this is a guess, the table raised no errors.`,
    },
    'grade-column-demoted': {
      ja: (p) => `${p.column}列は見出しに「評価」とありますが、評価の値ではなく文章が入っているため評価の列として扱いません。`,
      en: (p) => `Column ${p.column} is headed 評価 but holds prose, not grades, so it is not checked as grades.`,
    },
    'ambiguous-grade-column': {
      ja: (p) => `評価の列が複数あります（${p.columns.join('・')}列）。どれが今年度の評価か判定できないため、この表ではエラーを出していません。列の役割を「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) => `Several grade columns (${p.columns.join(', ')}) and no telling which is this year's, so the table raised no errors. Assign the column roles under 点検 › What was read (corrections in --config).`,
    },
    'summary-unmatched': {
      ja: () => 'この評価総括表がどの評価シートを集計しているか判定できなかったため、件数を照合していません。',
      en: () => 'Could not tell which evaluation sheet this 評価総括表 summarises, so its counts were not compared.',
    },
    'summary-unverified': {
      ja: (p) => `評価総括表の件数（${p.grades.join('・')}）は計算結果が保存されていない数式のため、照合できませんでした（0件とはみなしていません）。Excelで開いて保存し直すと照合できます。`,
      en: (p) => `The 評価総括表 counts (${p.grades.join(', ')}) are formulas saved without their results, so they could not be verified (not taken as zero). Open and save the file in Excel to verify them.`,
    },
    'report-year-unknown': {
      ja: () => '報告年度が判定できませんでした。--year（アドインでは設定の報告年度）で指定してください。',
      en: () => 'The report year could not be determined. Give it with --year (or the report year setting in the add-in).',
    },
    'report-year-inferred': {
      ja: (p) => `報告年度が判定できませんでした（タイトル・シート名・ファイル名に年度がありません）。記入のある最新の年度列から${formatFiscalYear(p.year, 'ja')}として点検しました。違う場合は --year（アドインでは設定の報告年度）で指定してください。`,
      en: (p) => `The report year could not be determined from a title, a sheet name or the file name; the latest year column with entries, ${formatFiscalYear(p.year, 'en')}, was taken. Give it with --year (or the report year setting in the add-in) if that is wrong.`,
    },
    'report-year-after-previous': {
      ja: (p) => `報告年度がタイトル・シート名・ファイル名・年度列から判定できませんでした。同じ事業を並べた${formatFiscalYear(p.year - 1, 'ja')}のシートがあるため、年度のないシートを${formatFiscalYear(p.year, 'ja')}として点検しました。違う場合は --year（アドインでは設定の報告年度）で指定してください。`,
      en: (p) => `The report year could not be determined from a title, a sheet name, the file name or year columns. A ${formatFiscalYear(p.year - 1, 'en')} sheet lists the same programs, so the sheet stating no year was checked as ${formatFiscalYear(p.year, 'en')}. Give it with --year (or the report year setting in the add-in) if that is wrong.`,
    },
    'scale-direction-unknown': {
      ja: (p) =>
        `${p.column}列の評価は${p.labels.join('・')}の点数ですが、どちらの端が良い評価かを示すもの（凡例・見出し・入力規則）が見つかりません。推測はしないため、この表ではエラーを出していません。凡例を置くか、「読み取った表」（--config では corrections）で評価の段階を良い順に指定してください。`,
      en: (p) =>
        `Column ${p.column} grades with points ${p.labels.join(', ')}, but nothing (a legend, the header, a dropdown) says which end is best. Hyoka does not guess, so the table raised no errors. Add a legend or give the levels best first under 点検 › What was read (corrections in --config).`,
    },
    'hidden-sheet-read': {
      ja: (p) =>
        `このシートは非表示ですが、表示中のシート${p.examples.length ? `（記入例「${p.examples.join('」「')}」など）` : ''}に評価表がないため、このシートを評価表として点検しました。`,
      en: (p) =>
        `This sheet is hidden, but no visible sheet${p.examples.length ? ` (the example ${p.examples.map((e) => `"${e}"`).join(', ')} and others)` : ''} holds the evaluation table, so this one was checked as the evaluation.`,
    },
    'block-unplaced': {
      ja: (p) => `${p.row + 1}行目のブロックを表の階層に位置づけられないため、この表ではエラーを出していません。`,
      en: (p) => `The block at row ${p.row + 1} could not be placed in the table's hierarchy, so the table raised no errors.`,
    },
  },
  check(context, report) {
    // Only where a table was read: a legend in a note matters to grades, and there are grades to read.
    if (context.notesUnread && context.notesUnread.length > 0 && context.layouts.some((l) => l.kind === 'evaluation')) {
      report({ messageId: 'notes-unread', at: { sheet: null, cell: null, row: null }, params: { kinds: [...context.notesUnread] } });
    }
    for (const sheet of context.hiddenSheetsRead ?? []) {
      report({ messageId: 'hidden-sheet-read', at: { sheet, cell: null, row: null }, params: { examples: [...(context.exampleSheets ?? [])] } });
    }
    for (const layout of context.layouts) {
      const header = layout.headerRows[layout.headerRows.length - 1] ?? null;
      for (const reason of layout.uncertainties) {
        const col = 'column' in reason ? reason.column : null;
        report(uncertainty(reason, grid({ sheet: layout.sheet, row: col !== null ? header : null, col })));
      }
      const table = layout.summaryTable;
      if (table && !context.summarySources.get(table)) {
        report({ messageId: 'summary-unmatched', at: { sheet: layout.sheet, cell: null, row: null }, params: {} });
      }
      if (table) {
        const grades: string[] = table.gradeRows.filter((g) => g.unverified).map((g) => g.grade);
        if (table.total?.unverified) grades.push('合計');
        const first = table.gradeRows.find((g) => g.unverified) ?? (table.total?.unverified ? table.total : null);
        if (first) report({ messageId: 'summary-unverified', at: grid({ sheet: layout.sheet, row: first.row, col: first.countCol }), params: { grades } });
      }
    }
    const yearly = context.plans.some((p) => p.years.length > 0 || p.layout.columns.some((c) => c.role === 'previousGrade'));
    if (context.reportYear === null && yearly) report({ messageId: 'report-year-unknown', at: { sheet: null, cell: null, row: null }, params: {} });
    if (context.reportYear !== null && context.reportYearSource === 'year-columns' && yearly) {
      report({ messageId: 'report-year-inferred', at: { sheet: null, cell: null, row: null }, params: { year: context.reportYear } });
    }
    if (context.reportYear !== null && context.reportYearSource === 'previous-sheet') {
      report({ messageId: 'report-year-after-previous', at: { sheet: null, cell: null, row: null }, params: { year: context.reportYear } });
    }
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
    case 'no-grade-column':
      return { messageId: reason.kind, at, params: { read: reason.read ?? [] } };
    case 'summary-unverified':
      return { messageId: reason.kind, at, params: { grades: reason.grades } };
    case 'report-year-inferred':
      return { messageId: reason.kind, at, params: { year: reason.year } };
    case 'block-unplaced':
      return { messageId: reason.kind, at, params: { row: reason.row } };
    case 'scale-direction-unknown':
      return { messageId: reason.kind, at, params: { column: columnLetter(reason.column), labels: reason.labels } };
    case 'no-header':
    case 'summary-unmatched':
    case 'report-year-unknown':
      return { messageId: reason.kind, at, params: {} };
  }
}
