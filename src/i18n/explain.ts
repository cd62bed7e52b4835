import type { ColumnLayout, Lang, Report, Scale, ScaleSource, SheetLayout } from '../core';
import { columnLetter } from '../core/a1';
import type { ColumnEvidence, Uncertainty } from '../core/layout/types';
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
    },
  },
};

/** How a table is laid out beyond its columns: years as rows, an earlier year's table. */
export function readingLines(l: SheetLayout, lang: Lang): string[] {
  const m = EXPLAIN_MESSAGES[lang];
  const out: string[] = [];
  if (l.yearRole === 'previous-year') {
    const y = l.statedYear ?? l.sheetNameYear;
    out.push(m.previousYear(y !== null ? formatFiscalYear(y, lang) : m.unknownYear));
  }
  if (l.orientation === 'long') {
    const col = l.columns.find((c) => c.role === 'recordYear')?.col;
    out.push(m.orientationLong(col !== undefined ? columnLetter(col) : '-', l.entryYears.map((y) => formatFiscalYear(y, lang)).join(lang === 'ja' ? '・' : ', ')));
  }
  return out;
}
