import type { ColumnLayout, Lang, Report, SheetLayout } from '../core';
import { columnLetter } from '../core/a1';
import type { ColumnEvidence, Uncertainty } from '../core/layout/types';
import type { ColumnRole } from '../core/settings';
import { formatFiscalYear } from '../core/years';

/**
 * What Hyoka read, for a person checking that it read their workbook right: `check --explain`
 * prints it, `check --json` carries it as `sheets[].regions`. Rows are 1-based and columns are
 * letters, as the person sees them in Excel and writes them in a correction.
 */

export interface RegionJson {
  kind: SheetLayout['kind'];
  /** 1-based header rows. */
  headerRows: number[];
  /** 1-based first and last data rows. */
  firstDataRow: number;
  lastDataRow: number;
  columns: {
    col: string;
    label: string;
    role: ColumnRole;
    year?: number;
    source: ColumnLayout['source'];
    evidence: ColumnEvidence[];
    hidden?: boolean;
  }[];
  hiddenRowsSkipped: number;
  uncertain: boolean;
  uncertainties: Uncertainty[];
  summaryTable?: { grades: { grade: string; count: number | null; cell: string }[]; total: { count: number | null; cell: string } | null };
}

const cell = (row: number, col: number): string => `${columnLetter(col)}${row + 1}`;

export function regionJson(l: SheetLayout): RegionJson {
  const out: RegionJson = {
    kind: l.kind,
    headerRows: l.headerRows.map((r) => r + 1),
    firstDataRow: l.firstDataRow + 1,
    lastDataRow: l.lastDataRow + 1,
    columns: l.columns.map((c) => ({
      col: columnLetter(c.col),
      label: c.label,
      role: c.role,
      ...(c.year !== undefined ? { year: c.year } : {}),
      source: c.source,
      evidence: c.evidence ?? [],
      ...(c.hidden ? { hidden: true } : {}),
    })),
    hiddenRowsSkipped: l.hiddenRowsSkipped,
    uncertain: l.uncertain,
    uncertainties: l.uncertainties,
  };
  if (l.summaryTable) {
    out.summaryTable = {
      grades: l.summaryTable.gradeRows.map((g) => ({ grade: g.grade, count: g.count, cell: cell(g.row, g.countCol) })),
      total: l.summaryTable.total ? { count: l.summaryTable.total.count, cell: cell(l.summaryTable.total.row, l.summaryTable.total.countCol) } : null,
    };
  }
  return out;
}

/** The regions of each sheet, in sheet order (a sheet may hold several tables). */
export function regionsBySheet(layouts: readonly SheetLayout[]): Map<string, RegionJson[]> {
  const out = new Map<string, RegionJson[]>();
  for (const l of layouts) {
    const list = out.get(l.sheet) ?? [];
    list.push(regionJson(l));
    out.set(l.sheet, list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text

interface ExplainMessages {
  heading: string;
  year: (year: string, source: string) => string;
  source: Record<NonNullable<Report['reportYearSource']>, string> & { none: string };
  unknownYear: string;
  sheet: (name: string) => string;
  noTable: string;
  region: (n: number, kind: string, header: string, from: number, to: number) => string;
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
  correct: string;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;
const cols = (xs: number[]): string => xs.map(columnLetter).join(', ');

const MESSAGES: Record<Lang, ExplainMessages> = {
  ja: {
    heading: '読み取った表（--explain）',
    year: (y, s) => `報告年度: ${y}（根拠: ${s}）`,
    source: { setting: '--year・設定', title: '表題', 'sheet-name': 'シート名', 'file-name': 'ファイル名', 'year-columns': '記入のある最新の年度の列', none: 'なし' },
    unknownYear: '不明',
    sheet: (n) => `■ シート「${n}」`,
    noTable: '  表は見つかりませんでした（点検していません）',
    region: (n, kind, header, from, to) => `  表${n}: ${kind}　見出し ${header}　データ ${from}〜${to}行目`,
    kind: { evaluation: '評価表', 'summary-table': '評価総括表', other: 'その他' },
    role: {
      hierarchy: '階層・番号', name: '事業名', department: '担当課', grade: '評価', previousGrade: '前年度評価', nextPolicy: '次年度方針',
      repost: '再掲', achievement: '達成度', yearStatus: '実施状況（年度別）', yearEvaluation: '担当課の評価（年度別）',
      yearAchievement: '達成度（年度別）', text: '文章（点検しない）', ignore: '対象外',
    },
    evidence: (e, lang) => {
      switch (e.kind) {
        case 'header': return `見出し「${e.word}」`;
        case 'content': return `記入 ${e.filled}件の${pct(e.share)}がこの役割の値`;
        case 'validation': return `入力規則のリスト（${e.items.join(',')}）`;
        case 'year-header': return `年度の見出し（${formatFiscalYear(e.year, lang)}）`;
        case 'override': return '設定での指定';
        default: return e.kind;
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
        default: return (u as { kind: string }).kind;
      }
    },
    summaryCount: (g, c, at) => `${g} ${c === null ? '件数を確かめられません（計算結果が保存されていない式）' : `${c}件`}（${at}）`,
    correct: '読み違いは、アドインの「点検」画面の「読み取った表」か、--config の sheets.<シート名>.regions で直せます。',
  },
  en: {
    heading: 'What was read (--explain)',
    year: (y, s) => `Report year: ${y} (from ${s})`,
    source: { setting: '--year / settings', title: 'a title', 'sheet-name': 'the sheet names', 'file-name': 'the file name', 'year-columns': 'the latest year column with entries', none: 'nothing' },
    unknownYear: 'unknown',
    sheet: (n) => `■ Sheet "${n}"`,
    noTable: '  no table found (not checked)',
    region: (n, kind, header, from, to) => `  Table ${n}: ${kind}, header ${header}, data rows ${from}–${to}`,
    kind: { evaluation: 'evaluation table', 'summary-table': 'summary table (評価総括表)', other: 'other' },
    role: {
      hierarchy: 'hierarchy / numbers', name: 'program name', department: 'department', grade: 'grade', previousGrade: 'previous grade',
      nextPolicy: 'next-year policy', repost: 'repost (再掲)', achievement: 'achievement', yearStatus: 'status (per year)',
      yearEvaluation: 'evaluation text (per year)', yearAchievement: 'achievement (per year)', text: 'text (not checked)', ignore: 'ignored',
    },
    evidence: (e, lang) => {
      switch (e.kind) {
        case 'header': return `header "${e.word}"`;
        case 'content': return `${pct(e.share)} of ${e.filled} filled cells read as this role`;
        case 'validation': return `validation list (${e.items.join(',')})`;
        case 'year-header': return `year in the header (${formatFiscalYear(e.year, lang)})`;
        case 'override': return 'set in the settings';
        default: return e.kind;
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
        default: return (u as { kind: string }).kind;
      }
    },
    summaryCount: (g, c, at) => `${g} ${c === null ? 'count cannot be verified (a formula without a saved result)' : `${c}`} (${at})`,
    correct: 'Correct a misread column in the add-in (点検 › 読み取った表) or with sheets.<sheet>.regions in --config.',
  },
};

/** `check --explain`: per sheet its tables, header rows, each column's role and why, the report year and its source. */
export function renderExplain(report: Report, layouts: readonly SheetLayout[], lang: Lang): string {
  const m = MESSAGES[lang];
  const lines: string[] = [m.heading];
  const year = report.reportYear !== null ? formatFiscalYear(report.reportYear, lang) : m.unknownYear;
  lines.push(m.year(year, m.source[report.reportYearSource ?? 'none']));
  const sheets = [...new Set(layouts.map((l) => l.sheet))];
  for (const sheet of sheets) {
    lines.push(m.sheet(sheet));
    const regions = layouts.filter((l) => l.sheet === sheet && (l.kind !== 'other' || l.columns.length > 0));
    if (regions.length === 0) {
      lines.push(m.noTable);
      continue;
    }
    regions.forEach((l, i) => {
      const header = l.headerRows.length ? l.headerRows.map((r) => `${r + 1}`).join('・') + (lang === 'ja' ? '行目' : '') : '-';
      lines.push(m.region(i + 1, m.kind[l.kind], header, l.firstDataRow + 1, l.lastDataRow + 1));
      for (const c of l.columns) {
        const why = c.source === 'override' ? [m.override] : (c.evidence ?? []).map((e) => m.evidence(e, lang));
        if (c.hidden) why.push(m.hiddenColumn);
        const label = c.label.replace(/\s*\n\s*/g, ' ').trim();
        const year = c.year !== undefined ? ` ${formatFiscalYear(c.year, lang)}` : '';
        const named = label ? m.quote(label) : m.noLabel;
        lines.push(`    ${columnLetter(c.col).padEnd(3)} ${named} → ${m.role[c.role]}${year}${why.length ? `${m.sep}${why.join(m.and)}` : ''}`);
      }
      if (l.summaryTable) {
        for (const g of l.summaryTable.gradeRows) lines.push(`    ${m.summaryCount(g.grade, g.count, cell(g.row, g.countCol))}`);
      }
      if (l.hiddenRowsSkipped > 0) lines.push(m.hiddenRows(l.hiddenRowsSkipped));
      if (l.uncertain) lines.push(m.uncertain);
      for (const u of l.uncertainties) lines.push(`    ! ${m.uncertainty(u)}`);
    });
  }
  lines.push('', m.correct);
  return lines.join('\n');
}
