import type { Finding, Lang } from '../core/report';
import type { CellLink, DocCell, DocColumn, DocTable } from '../core/summary-document';
import { formatFiscalYear } from '../core/years';
import { reportMessages } from '../i18n/report';
import { describe } from './describe';
import { ruleTitle } from './rule-titles';

/**
 * The findings table (点検結果) every document draws — `check --out`, a consolidation's
 * 点検結果 and each department's — defined once: its columns in one order, each with its
 * heading in both languages, its width and how its cell is taken from a finding. A table
 * chooses which columns it shows (a single file's table has no file column), never their
 * headings, widths or order, so the three cannot drift apart.
 */
export type FindingsColumn = 'severity' | 'file' | 'sheet' | 'cell' | 'rule' | 'message' | 'department' | 'program' | 'year' | 'ruleId';

/** A finding as the tables take it: check's, or a consolidation's with the file it points into (null: about the run). */
export type TableFinding = Omit<Finding, 'file'> & { file?: string | null };

export interface FindingsTableContext {
  lang: Lang;
  /** The link behind the cell column (`cell` is A1, or `A<row>` for a row), or null for plain text. */
  link(f: TableFinding, sheet: string, cell: string): CellLink | null;
  /** The header row of the finding's sheet, when known: a finding there reads 見出し n行目, not n行目. */
  headerRow?(f: TableFinding): number | null;
}

interface ColumnDef {
  header: Record<Lang, string>;
  width: number;
  cell(f: TableFinding, ctx: FindingsTableContext): DocCell;
}

const COLUMNS: Record<FindingsColumn, ColumnDef> = {
  severity: { header: { ja: '重大度', en: 'Severity' }, width: 7, cell: (f, { lang }) => ({ text: reportMessages[lang].severity[f.severity], emphasis: f.severity }) },
  file: { header: { ja: 'ファイル', en: 'File' }, width: 20, cell: (f) => (f.file === null || f.file === undefined ? null : baseName(f.file)) },
  sheet: { header: { ja: 'シート', en: 'Sheet' }, width: 12, cell: (f) => f.sheet ?? null },
  cell: { header: { ja: 'セル', en: 'Cell' }, width: 9, cell: place },
  rule: { header: { ja: '規則', en: 'Rule' }, width: 18, cell: (f, { lang }) => ruleTitle(f.rule, lang) },
  message: { header: { ja: '内容', en: 'Message' }, width: 70, cell: (f, { lang }) => describe(f, lang) },
  department: { header: { ja: '担当課', en: 'Department' }, width: 14, cell: (f) => f.department ?? null },
  program: { header: { ja: '事業名', en: 'Program' }, width: 24, cell: (f) => f.program ?? null },
  year: { header: { ja: '年度', en: 'Year' }, width: 11, cell: (f, { lang }) => (f.year !== undefined ? formatFiscalYear(f.year, lang) : null) },
  ruleId: { header: { ja: '規則ID', en: 'Rule id' }, width: 10, cell: (f) => f.rule },
};

/** Every column in the one order the tables draw them. */
export const FINDINGS_COLUMNS = Object.keys(COLUMNS) as FindingsColumn[];

/** The headings and widths of `shown` (in the tables' order, whatever order they are named in). */
export function findingsColumns(shown: readonly FindingsColumn[], lang: Lang): DocColumn[] {
  return FINDINGS_COLUMNS.filter((k) => shown.includes(k)).map((k) => ({ header: COLUMNS[k].header[lang], width: COLUMNS[k].width }));
}

/** The findings table: one row per finding, or one row saying there are none (nothing left blank in silence). */
export function findingsTable(title: string, findings: readonly TableFinding[], shown: readonly FindingsColumn[], ctx: FindingsTableContext): DocTable {
  const keys = FINDINGS_COLUMNS.filter((k) => shown.includes(k));
  const rows: DocCell[][] = findings.map((f) => keys.map((k) => COLUMNS[k].cell(f, ctx)));
  if (rows.length === 0) rows.push([reportMessages[ctx.lang].noFindings, ...keys.slice(1).map(() => null)]);
  return { kind: 'table', title, columns: findingsColumns(keys, ctx.lang), rows };
}

/** The cell, or the row (見出し n行目 at the sheet's header row, never a bare number there), linked where the context can. */
function place(f: TableFinding, ctx: FindingsTableContext): DocCell {
  if (!f.sheet) return null;
  const m = reportMessages[ctx.lang];
  let text: string;
  let ref: string;
  if (f.cell) [text, ref] = [f.cell, f.cell];
  else if (f.row) {
    text = f.row === (ctx.headerRow?.(f) ?? null) ? m.headerRow(f.row) : m.rowOnly(f.row);
    ref = `A${f.row}`;
  } else return null;
  const link = ctx.link(f, f.sheet, ref);
  return link ? { text, link } : text;
}

/** The file's name without its folders: what a person recognises in a narrow column. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
