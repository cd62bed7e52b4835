import type { ColumnLayout, Correction, Lang, Report, Scale, ScaleSource, SheetLayout } from '../core';
import { columnLetter } from '../core/a1';
import type { ColumnEvidence, GradeReading, Uncertainty } from '../core/layout/types';
import type { RecoveredIdentifier, RowEvidence, RowRole, RowRoleMark } from '../core/layout/row-roles';
import type { ColumnRole } from '../core/settings';
import { formatFiscalYear } from '../core/years';

/**
 * How what was read is said, in the CLI's `--explain` and the pane's 読み取った表: the role of
 * a column, why it got it, what made a table uncertain, where the report year came from.
 */
export interface ExplainMessages {
  heading: string;
  year: (year: string, source: string) => string;
  source: Record<NonNullable<Report['reportYearSource']>, string> & { none: string };
  unknownYear: string;
  sheet: (name: string) => string;
  noTable: string;
  /** `key`: the table's key, as a correction names it (Correction.table). */
  region: (n: number, kind: string, header: string, from: number, to: number, key?: string) => string;
  unmatched: string;
  kind: Record<SheetLayout['kind'], string>;
  role: Record<ColumnRole, string>;
  evidence: (e: ColumnEvidence, lang: Lang) => string;
  override: string;
  noLabel: string;
  quote: (label: string) => string;
  /** between a column's role and why */
  sep: string;
  and: string;
  hiddenColumn: string;
  hiddenRows: (n: number) => string;
  uncertain: string;
  uncertainty: (u: Uncertainty) => string;
  summaryCount: (grade: string, count: number | null, at: string) => string;
  /** A long table: years as rows, the year column (letter) and the years its records hold. */
  orientationLong: (yearCol: string, years: string) => string;
  /** An earlier year's table kept beside this year's: not checked, its grades are previous grades. */
  previousYear: (year: string) => string;
  /** Years as columns: one row per program, the years the columns hold (may be empty). */
  orientationWide: (years: string) => string;
  /** How this year's grades are written: the grade column's encoding, then what its cells showed. */
  gradeWriting: (encoding: string, r: GradeReading | undefined, inCell: boolean) => string;
  /** The rows that are not data, by role: `見出し行: 5, 12 / 記入例: 6 / 合計: 46`. */
  rowRoles: (parts: string[]) => string;
  rowRole: Record<RowRole, string>;
  /** Rows of one role, compact: `5, 12〜14` and how many more. */
  rowList: (rows: string, more: number) => string;
  /** Why a row got its role (the pane lists them under the row roles). */
  rowEvidence: (row: number, role: RowRole, e: RowEvidence) => string;
  /** The summary of the pane's list of row evidence. */
  rowEvidenceTitle: (n: number) => string;
  /** Outline identifiers Excel had stored as dates, read back: `A7「1-2」`. */
  recovered: (items: string[], more: number) => string;
  /** The grade scale a table was read on: its levels best first, where it came from, what each means. */
  scale: (s: Scale) => string;
  /** How the grade column writes a grade (a label in the cell, or a mark in one of the level columns). */
  encoding: (c: Pick<ColumnLayout, 'encoding' | 'levelColumns' | 'notation'>) => string;
  correct: string;
  /** The pane's 読み取った表 on the 点検 screen. */
  pane: {
    title: string;
    /** The table's kind, as a correction. */
    kindOf: (sheet: string, n: number) => string;
    hint: string;
    region: (sheet: string, n: number, kind: string, from: number, to: number, key?: string) => string;
    yearSource: (source: string) => string;
    headerRow: string;
    headerRowOf: (sheet: string, n: number) => string;
    apply: string;
    roleOf: (sheet: string, n: number, col: string) => string;
    corrected: string;
    /** The scale correction: the levels best first. */
    scaleLevels: string;
    scaleOf: (sheet: string, n: number) => string;
    applyScale: string;
    /** The row-role correction: a row (1-based) of the table and what it is. */
    rowRole: string;
    rowOf: (sheet: string, n: number) => string;
    rowRoleOf: (sheet: string, n: number) => string;
    rowRoles: Record<RowRole, string>;
    applyRowRole: string;
    /** A saved correction in one line, with the labels above (the 設定 screen lists them). */
    correction: (c: Correction) => string;
  };
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;
const SCALE_SOURCE_JA: Record<ScaleSource, string> = { default: '既定（A〜D）', values: '記入された値', validation: '入力規則のリスト', legend: '凡例', header: '見出し', correction: '設定での指定' };
const SCALE_SOURCE_EN: Record<ScaleSource, string> = { default: 'the default (A–D)', values: 'the values entered', validation: 'the dropdown list', legend: 'a legend', header: 'the header', correction: 'the settings' };
const NOTATION_JA: Record<NonNullable<ColumnLayout['notation']>, string> = { colon: '「A：…」', paren: '「A（…）」', suffix: '「A評価」', space: '「A …」' };
/** `A＝達成、B＝概ね達成` for the levels a legend or list gave meanings. */
function meanings(s: Scale, eq: string, sep: string): string {
  return s.levels.filter((l) => l.meaning).map((l) => `${l.label}${eq}${l.meaning}`).join(sep);
}
const cols = (xs: number[]): string => xs.map(columnLetter).join(', ');

export const EXPLAIN_MESSAGES: Record<Lang, ExplainMessages> = {
  ja: {
    heading: '読み取った表（--explain）',
    year: (y, s) => `報告年度: ${y}（根拠: ${s}）`,
    source: { setting: '--year・設定', title: '表題', 'sheet-name': 'シート名', 'file-name': 'ファイル名', 'year-columns': '記入のある最新の年度の列', 'previous-sheet': '前年度シートの翌年度', none: 'なし' },
    unknownYear: '不明',
    sheet: (n) => `■ シート「${n}」`,
    noTable: '  表は見つかりませんでした（点検していません）',
    region: (n, kind, header, from, to, key) => `  表${n}${key ? `（${key}）` : ''}: ${kind}　見出し ${header}　データ ${from}〜${to}行目`,
    kind: { evaluation: '評価表', 'summary-table': '評価総括表', other: 'その他' },
    role: {
      hierarchy: '階層・番号', name: '事業名', department: '担当課', grade: '評価', previousGrade: '前年度評価', nextPolicy: '次年度方針',
      repost: '再掲', achievement: '達成度', yearStatus: '実施状況（年度別）', yearEvaluation: '担当課の評価（年度別）',
      yearAchievement: '達成度（年度別）', resultText: '実績（前年度比較で使う）', reasonText: '評価の理由（前年度比較で使う）',
      recordYear: '年度（1年度1行の記録）', text: '文章（点検しない）', ignore: '対象外',
    },
    evidence: (e, lang) => {
      switch (e.kind) {
        case 'header': return `見出し「${e.word}」`;
        case 'content': return `記入 ${e.filled}件の${pct(e.share)}がこの役割の値`;
        case 'validation': return `入力規則のリスト（${e.items.join(',')}）`;
        case 'year-header': return `年度の見出し（${formatFiscalYear(e.year, lang)}）`;
        case 'override': return '設定での指定';
        case 'records-per-year': return `値が年度（${e.years.map((y) => formatFiscalYear(y, lang)).join('・')}）で、${e.programs}事業のうち${e.recurring}事業が複数年度に記録あり`;
        case 'level-columns': return `見出しの下に段階（${e.labels.join('・')}）`;
        case 'displaced': return `読みません（修正で${columnLetter(e.by)}列を「${EXPLAIN_MESSAGES.ja.role[e.role]}」にしたため）`;
        default: return (e as { kind: string }).kind;
      }
    },
    override: '設定での指定',
    noLabel: '（見出しなし）',
    quote: (l) => `「${l}」`,
    sep: '　',
    and: '、',
    hiddenColumn: '非表示の列（点検しない）',
    hiddenRows: (n) => `  非表示の行 ${n}行は点検していません`,
    uncertain: '  読み取りが不確かなため、この表からはエラーを出していません',
    uncertainty: (u) => {
      switch (u.kind) {
        case 'no-header': return '見出し行が見つかりません';
        case 'no-grade-column': return `評価の列が見つかりません${u.read?.length ? `（読めた列: ${u.read.join('、')}）` : ''}`;
        case 'grade-column-guessed': return `評価の列は内容から推定しました（${columnLetter(u.column)}列）`;
        case 'grade-column-demoted': return `${columnLetter(u.column)}列は見出しは評価ですが、内容が評価ではありません`;
        case 'ambiguous-grade-column': return `評価の列の候補が複数あります（${cols(u.columns)}列）`;
        case 'summary-unmatched': return '評価総括表に対応する評価表が見つかりません';
        case 'report-year-unknown': return '報告年度が分かりません（--year で指定できます）';
        case 'block-unplaced': return `${u.row + 1}行目からのブロックを表に位置づけられません`;
        case 'scale-direction-unknown': return `${columnLetter(u.column)}列の点数（${u.labels.join('・')}）はどちらが良い評価か分かりません（凡例か設定の scale.levels で指定できます）`;
        default: return (u as { kind: string }).kind;
      }
    },
    summaryCount: (g, c, at) => `${g} ${c === null ? '件数を確かめられません（計算結果が保存されていない式）' : `${c}件`}（${at}）`,
    orientationLong: (col, years) => `  1年度1行の表（事業×年度ごとの記録）: 年度は${col}列（${years}）。報告年度の行を点検し、前年度の行を前年度評価として読みます`,
    previousYear: (y) => `  ${y}の表（今年度の表の隣に残された前年度以前のシート）: 点検せず、評価を前年度評価として読みます`,
    orientationWide: (years) => `  向き: 1事業1行${years ? `、年度は列（${years}）` : '（年度ごとの列なし）'}`,
    gradeWriting: (enc, r, inCell) => {
      const extra: string[] = [];
      // Every grade a formula's result: that is how the column is written, not a detail.
      if (inCell && r && r.graded > 0 && r.formulas === r.graded) return `  評価の書き方: 式の計算結果（保存された値）、読めた評価 ${r.graded}件${r.annotated > 0 ? `（うち注記号付き ${r.annotated}件）` : ''}`;
      if (r && r.formulas > 0) extra.push(`式の計算結果 ${r.formulas}件`);
      if (r && r.annotated > 0) extra.push(`注記号付き ${r.annotated}件（${r.marks.join('・')}、注記として残します）`);
      if (r && r.unverified > 0) extra.push(`計算結果が保存されていない式 ${r.unverified}件（確認できません）`);
      return `  評価の書き方: ${enc}${r ? `、読めた評価 ${r.graded}件` : ''}${extra.length ? `（うち${extra.join('、')}）` : ''}`;
    },
    rowRoles: (parts) => `  行の役割: ${parts.length ? parts.join(' / ') : 'すべてデータ行'}`,
    rowRole: { data: 'データ行（指定）', heading: '見出し行', example: '記入例', total: '合計', footnote: '注記', blank: '空行（指定）' },
    rowList: (rows, more) => `${rows}${more > 0 ? ` ほか${more}行` : ''}`,
    rowEvidence: (row, role, e) => {
      const r = `${row}行目 ${EXPLAIN_MESSAGES.ja.pane.rowRoles[role]}: `;
      switch (e.kind) {
        case 'title-alone': return `${r}${columnLetter(e.col)}列の「${e.text}」が1つだけの行`;
        case 'example-word': return `${r}${columnLetter(e.col)}列に「${e.word}」`;
        case 'example-style': return `${r}見出しのすぐ下で、記入がすべて${e.style === 'italic' ? '斜体' : '灰色'}`;
        case 'total-word': return `${r}${columnLetter(e.col)}列に「${e.word}」`;
        case 'counts': return `${r}表の終わりに数だけの行（${e.cols.map(columnLetter).join('・')}列）`;
        case 'footnote-mark': return `${r}${columnLetter(e.col)}列が「${e.mark}」で始まる`;
        case 'correction': return `${r}修正での指定`;
        default: return `${r}${(e as { kind: string }).kind}`;
      }
    },
    rowEvidenceTitle: (n) => `行の役割の根拠（${n}行）`,
    recovered: (items, more) => `  日付として保存された番号を読み戻しました: ${items.join('、')}${more > 0 ? ` ほか${more}件` : ''}`,
    scale: (s) =>
      `  評価の段階: ${s.levels.map((l) => l.label).join('・')}（良い順、根拠: ${SCALE_SOURCE_JA[s.source]}${s.evidence ? ` ${s.evidence}` : ''}）${s.directionUnknown ? '　※どちらが良いか不明' : ''}${meanings(s, '＝', '、') ? `　意味: ${meanings(s, '＝', '、')}` : ''}`,
    encoding: (c) => (c.encoding === 'level-columns' ? `段階ごとの列に印（${(c.levelColumns ?? []).map((l) => `${columnLetter(l.col)}=${l.label}`).join('・')}）` : c.notation ? `セルに記入（説明付き: ${NOTATION_JA[c.notation]}）` : 'セルに記入'),
    unmatched: '適用されなかった修正:',
    correct: '読み違いは、アドインの「点検」画面の「読み取った表」か、--config の corrections（例: {"sheet": "シート名", "table": "A8", "column": "F", "role": "grade"}。table は表の見出しの左上のセル）で直せます。',
    pane: {
      title: '読み取った表',
      kindOf: (sheet, n) => `「${sheet}」表${n}の種類`,
      hint: '列の役割や見出しの行が違っていれば、ここで直してください。直した内容は次からの点検にも使われます。',
      region: (sheet, n, kind, from, to, key) => `「${sheet}」表${n}${key ? `［${key}］` : ''}（${kind}・データ ${from}〜${to}行目）`,
      yearSource: (source) => `報告年度の根拠: ${source}`,
      headerRow: '見出しの行',
      headerRowOf: (sheet, n) => `「${sheet}」表${n}の見出しの行`,
      apply: '見出しの行を変更',
      roleOf: (sheet, n, col) => `「${sheet}」表${n} ${col}列の役割`,
      corrected: '修正済み',
      scaleLevels: '評価の段階（良い順、カンマ区切り）',
      scaleOf: (sheet, n) => `「${sheet}」表${n}の評価の段階`,
      applyScale: '評価の段階を変更',
      rowRole: '行の役割を直す（行番号と役割）',
      rowOf: (sheet, n) => `「${sheet}」表${n}の役割を直す行`,
      rowRoleOf: (sheet, n) => `「${sheet}」表${n}の行の役割`,
      rowRoles: { data: 'データ（事業の行）', heading: '見出し', example: '記入例', total: '合計', footnote: '注記', blank: '空行（読まない）' },
      applyRowRole: '行の役割を変更',
      correction: (c) => {
        const at = `「${c.sheet}」${[c.table !== undefined ? `表${c.table}` : null, c.column !== undefined ? `${c.column.toUpperCase()}列` : null, c.row !== undefined ? `${c.row}行目` : null].filter(Boolean).join('・')}`;
        const m = EXPLAIN_MESSAGES.ja;
        const what = [
          c.role !== undefined ? `${m.role[c.role]}${c.year !== undefined ? ` ${formatFiscalYear(c.year, 'ja')}` : ''}` : null,
          c.rowRole !== undefined ? `${m.pane.rowRoles[c.rowRole]}` : null,
          c.headerRow !== undefined ? `見出しの行 ${c.headerRow}行目` : null,
          c.kind !== undefined ? `表の種類: ${m.kind[c.kind]}` : null,
          c.scale !== undefined ? `評価の段階: ${c.scale.levels.join('・')}` : null,
        ].filter(Boolean);
        return `${at} → ${what.join('、') || '—'}`;
      },
    },
  },
  en: {
    heading: 'What was read (--explain)',
    year: (y, s) => `Report year: ${y} (from ${s})`,
    source: { setting: '--year / settings', title: 'a title', 'sheet-name': 'the sheet names', 'file-name': 'the file name', 'year-columns': 'the latest year column with entries', 'previous-sheet': 'the year after last year’s sheet', none: 'nothing' },
    unknownYear: 'unknown',
    sheet: (n) => `■ Sheet "${n}"`,
    noTable: '  no table found (not checked)',
    region: (n, kind, header, from, to, key) => `  Table ${n}${key ? ` (${key})` : ''}: ${kind}, header ${header}, data rows ${from}–${to}`,
    kind: { evaluation: 'evaluation table', 'summary-table': 'summary table (評価総括表)', other: 'other' },
    role: {
      hierarchy: 'hierarchy / numbers', name: 'program name', department: 'department', grade: 'grade', previousGrade: 'previous grade',
      nextPolicy: 'next-year policy', repost: 'repost (再掲)', achievement: 'achievement', yearStatus: 'status (per year)',
      yearEvaluation: 'evaluation text (per year)', yearAchievement: 'achievement (per year)',
      resultText: 'results (compared with last year)', reasonText: 'reason for the grade (compared with last year)', recordYear: 'year of the record (one row per year)', text: 'text (not checked)', ignore: 'ignored',
    },
    evidence: (e, lang) => {
      switch (e.kind) {
        case 'header': return `header "${e.word}"`;
        case 'content': return `${pct(e.share)} of ${e.filled} filled cells read as this role`;
        case 'validation': return `validation list (${e.items.join(',')})`;
        case 'year-header': return `year in the header (${formatFiscalYear(e.year, lang)})`;
        case 'override': return 'set in the settings';
        case 'records-per-year': return `values are fiscal years (${e.years.map((y) => formatFiscalYear(y, lang)).join(', ')}); ${e.recurring} of ${e.programs} programs recur in several years`;
        case 'level-columns': return `levels as sub-headers (${e.labels.join(', ')})`;
        case 'displaced': return `not read (a correction made column ${columnLetter(e.by)} the ${EXPLAIN_MESSAGES.en.role[e.role]})`;
        default: return (e as { kind: string }).kind;
      }
    },
    override: 'set in the settings',
    noLabel: '(no header)',
    quote: (l) => `"${l}"`,
    sep: ' — ',
    and: '; ',
    hiddenColumn: 'hidden column (not checked)',
    hiddenRows: (n) => `  ${n} hidden row(s) skipped`,
    uncertain: '  read with doubt: this table yields no error findings',
    uncertainty: (u) => {
      switch (u.kind) {
        case 'no-header': return 'no header row found';
        case 'no-grade-column': return `no grade column found${u.read?.length ? ` (read: ${u.read.join(', ')})` : ''}`;
        case 'grade-column-guessed': return `grade column guessed from its content (column ${columnLetter(u.column)})`;
        case 'grade-column-demoted': return `column ${columnLetter(u.column)} is headed as a grade but does not hold grades`;
        case 'ambiguous-grade-column': return `several columns could be the grade column (${cols(u.columns)})`;
        case 'summary-unmatched': return 'no evaluation table matches this summary table';
        case 'report-year-unknown': return 'report year unknown (give it with --year)';
        case 'block-unplaced': return `the block from row ${u.row + 1} could not be placed`;
        case 'scale-direction-unknown': return `column ${columnLetter(u.column)} grades with points (${u.labels.join(', ')}) and nothing says which end is best (add a legend or set scale.levels)`;
        default: return (u as { kind: string }).kind;
      }
    },
    summaryCount: (g, c, at) => `${g} ${c === null ? 'count cannot be verified (a formula without a saved result)' : `${c}`} (${at})`,
    orientationLong: (col, years) => `  one row per program and year (records): the year is in column ${col} (${years}); the report year's rows are checked, the year before's read as previous grades`,
    previousYear: (y) => `  a table of ${y} (an earlier year's sheet kept beside this year's): not checked; its grades are read as previous grades`,
    orientationWide: (years) => `  Orientation: one row per program${years ? `, years as columns (${years})` : ' (no per-year columns)'}`,
    gradeWriting: (enc, r, inCell) => {
      const extra: string[] = [];
      if (inCell && r && r.graded > 0 && r.formulas === r.graded) return `  Grades written as: a formula's saved result; ${r.graded} read${r.annotated > 0 ? ` (${r.annotated} with a note mark)` : ''}`;
      if (r && r.formulas > 0) extra.push(`${r.formulas} a formula's saved result`);
      if (r && r.annotated > 0) extra.push(`${r.annotated} with a note mark (${r.marks.join(', ')}; kept as a note)`);
      if (r && r.unverified > 0) extra.push(`${r.unverified} formula(s) saved without a result (not verified)`);
      return `  Grades written as: ${enc}${r ? `; ${r.graded} read` : ''}${extra.length ? ` (of them ${extra.join('; ')})` : ''}`;
    },
    rowRoles: (parts) => `  Row roles: ${parts.length ? parts.join(' / ') : 'all data'}`,
    rowRole: { data: 'data (set)', heading: 'headings', example: 'examples', total: 'totals', footnote: 'footnotes', blank: 'blank (set)' },
    rowList: (rows, more) => `${rows}${more > 0 ? ` and ${more} more` : ''}`,
    rowEvidence: (row, role, e) => {
      const r = `row ${row}, ${EXPLAIN_MESSAGES.en.pane.rowRoles[role]}: `;
      switch (e.kind) {
        case 'title-alone': return `${r}"${e.text}" alone in its row (column ${columnLetter(e.col)})`;
        case 'example-word': return `${r}"${e.word}" in column ${columnLetter(e.col)}`;
        case 'example-style': return `${r}just under the header, every entry ${e.style === 'italic' ? 'italic' : 'grey'}`;
        case 'total-word': return `${r}"${e.word}" in column ${columnLetter(e.col)}`;
        case 'counts': return `${r}only counts, closing the table (columns ${e.cols.map(columnLetter).join(', ')})`;
        case 'footnote-mark': return `${r}column ${columnLetter(e.col)} starts with "${e.mark}"`;
        case 'correction': return `${r}set by a correction`;
        default: return `${r}${(e as { kind: string }).kind}`;
      }
    },
    rowEvidenceTitle: (n) => `Why these rows (${n})`,
    recovered: (items, more) => `  identifiers stored as dates, read back: ${items.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    scale: (s) =>
      `  Grade scale: ${s.levels.map((l) => l.label).join(', ')} (best first, from ${SCALE_SOURCE_EN[s.source]}${s.evidence ? ` ${s.evidence}` : ''})${s.directionUnknown ? ' — which end is best is unknown' : ''}${meanings(s, ' = ', '; ') ? ` — ${meanings(s, ' = ', '; ')}` : ''}`,
    encoding: (c) => (c.encoding === 'level-columns' ? `a mark in one column per level (${(c.levelColumns ?? []).map((l) => `${columnLetter(l.col)}=${l.label}`).join(', ')})` : c.notation ? `a label in the cell (explained: ${c.notation})` : 'a label in the cell'),
    unmatched: 'Corrections not applied:',
    correct: 'Correct a misread column in the add-in (点検 › 読み取った表) or with corrections in --config (e.g. {"sheet": "Sheet", "table": "A8", "column": "F", "role": "grade"}; table is the top-left cell of the table\'s header).',
    pane: {
      title: 'What was read',
      kindOf: (sheet, n) => `Kind of "${sheet}" table ${n}`,
      hint: 'If a column’s role or a table’s header row is wrong, correct it here. The correction is used by every later check.',
      region: (sheet, n, kind, from, to, key) => `"${sheet}" table ${n}${key ? ` [${key}]` : ''} (${kind}, data rows ${from}–${to})`,
      yearSource: (source) => `Report year from ${source}`,
      headerRow: 'Header row',
      headerRowOf: (sheet, n) => `"${sheet}" table ${n} header row`,
      apply: 'Change header row',
      roleOf: (sheet, n, col) => `"${sheet}" table ${n} column ${col} role`,
      corrected: 'corrected',
      scaleLevels: 'Grade levels (best first, comma-separated)',
      scaleOf: (sheet, n) => `"${sheet}" table ${n} grade levels`,
      applyScale: 'Change grade levels',
      rowRole: 'Correct a row’s role (row number and role)',
      rowOf: (sheet, n) => `"${sheet}" table ${n} row to correct`,
      rowRoleOf: (sheet, n) => `"${sheet}" table ${n} row role`,
      rowRoles: { data: 'data (a program)', heading: 'heading', example: 'example', total: 'total', footnote: 'footnote', blank: 'blank (not read)' },
      applyRowRole: 'Change row role',
      correction: (c) => {
        const at = [`"${c.sheet}"`, c.table !== undefined ? `table ${c.table}` : null, c.column !== undefined ? `column ${c.column.toUpperCase()}` : null, c.row !== undefined ? `row ${c.row}` : null].filter(Boolean).join(', ');
        const m = EXPLAIN_MESSAGES.en;
        const what = [
          c.role !== undefined ? `${m.role[c.role]}${c.year !== undefined ? ` ${formatFiscalYear(c.year, 'en')}` : ''}` : null,
          c.rowRole !== undefined ? `${m.pane.rowRoles[c.rowRole]}` : null,
          c.headerRow !== undefined ? `header row ${c.headerRow}` : null,
          c.kind !== undefined ? `kind: ${m.kind[c.kind]}` : null,
          c.scale !== undefined ? `grade levels: ${c.scale.levels.join(', ')}` : null,
        ].filter(Boolean);
        return `${at} → ${what.join('; ') || '—'}`;
      },
    },
  },
};

/** What `readingFacts` says about a table, by kind (the pane gives each its own test id). */
export type ReadingFactKind = 'year-role' | 'orientation' | 'encoding' | 'row-roles' | 'recovered';

/** Rows listed per role before "and N more": the line stays short on a long sheet. */
const ROWS_SHOWN = 8;
/** Recovered identifiers listed before "and N more". */
const RECOVERED_SHOWN = 3;
/** The order roles are listed in. */
const ROLE_ORDER: readonly RowRole[] = ['heading', 'example', 'total', 'footnote', 'data', 'blank'];

/** 1-based rows as runs: `5, 12〜14, 20`, the first ROWS_SHOWN runs and how many rows more. */
function rowRuns(rows: number[], lang: Lang): { text: string; more: number } {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  const shown = runs.slice(0, ROWS_SHOWN);
  const dash = lang === 'ja' ? '〜' : '–';
  const more = runs.slice(ROWS_SHOWN).reduce((n, [a, b]) => n + b - a + 1, 0);
  return { text: shown.map(([a, b]) => (a === b ? `${a}` : `${a}${dash}${b}`)).join(', '), more };
}

/** The roles of a table's rows that are not data, compact: `見出し行: 5, 12 / 記入例: 6`. */
export function rowRoleParts(marks: readonly RowRoleMark[], lang: Lang): string[] {
  const m = EXPLAIN_MESSAGES[lang];
  const out: string[] = [];
  for (const role of ROLE_ORDER) {
    const rows = marks.filter((x) => x.role === role).map((x) => x.row + 1);
    if (rows.length === 0) continue;
    const { text, more } = rowRuns(rows, lang);
    out.push(`${m.rowRole[role]}: ${m.rowList(text, more)}`);
  }
  return out;
}

function recoveredItems(ids: readonly RecoveredIdentifier[], lang: Lang): string[] {
  return ids.slice(0, RECOVERED_SHOWN).map((id) => {
    const at = `${columnLetter(id.col)}${id.row + 1}`;
    return lang === 'ja' ? `${at}「${id.text}」（保存値 ${id.storedAs}）` : `${at} "${id.text}" (stored as ${id.storedAs})`;
  });
}

/**
 * How a table was read beyond its columns, one line each: an earlier year's table, the
 * orientation (years as columns or as rows), how grades are written, the roles of rows that
 * are not data, identifiers read back from dates. --explain prints them; 読み取った表 shows them.
 */
export function readingFacts(l: SheetLayout, lang: Lang): { kind: ReadingFactKind; text: string }[] {
  const m = EXPLAIN_MESSAGES[lang];
  const out: { kind: ReadingFactKind; text: string }[] = [];
  const yearList = (ys: readonly number[]): string => ys.map((y) => formatFiscalYear(y, lang)).join(lang === 'ja' ? '・' : ', ');
  if (l.yearRole === 'previous-year') {
    const y = l.statedYear ?? l.sheetNameYear;
    out.push({ kind: 'year-role', text: m.previousYear(y !== null ? formatFiscalYear(y, lang) : m.unknownYear) });
  }
  if (l.kind !== 'evaluation') return out;
  if (l.orientation === 'long') {
    const col = l.columns.find((c) => c.role === 'recordYear')?.col;
    out.push({ kind: 'orientation', text: m.orientationLong(col !== undefined ? columnLetter(col) : '-', yearList(l.entryYears)) });
  } else {
    out.push({ kind: 'orientation', text: m.orientationWide(yearList(l.entryYears)) });
  }
  const grade = l.columns.find((c) => c.role === 'grade');
  if (grade) out.push({ kind: 'encoding', text: m.gradeWriting(m.encoding(grade), l.gradeReading, grade.encoding !== 'level-columns') });
  if (l.rowRoles !== undefined) out.push({ kind: 'row-roles', text: m.rowRoles(rowRoleParts(l.rowRoles, lang)) });
  const recovered = l.recoveredIds ?? [];
  if (recovered.length > 0) out.push({ kind: 'recovered', text: m.recovered(recoveredItems(recovered, lang), recovered.length - RECOVERED_SHOWN) });
  return out;
}

/** The lines of `readingFacts`, as --explain prints them. */
export function readingLines(l: SheetLayout, lang: Lang): string[] {
  return readingFacts(l, lang).map((f) => f.text);
}
