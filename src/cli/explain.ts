import { DEFAULT_SCALE, type ColumnLayout, type Lang, type Report, type Scale, type SheetLayout } from '../core';
import { columnLetter } from '../core/a1';
import type { ColumnEvidence, GradeReading, Uncertainty } from '../core/layout/types';
import type { RowEvidence, RowRole } from '../core/layout/row-roles';
import type { ColumnRole } from '../core/settings';
import { formatFiscalYear } from '../core/years';
import { EXPLAIN_MESSAGES, readingLines } from '../i18n/explain';
import { describe } from '../render/describe';

/**
 * What Hyoka read, for a person checking that it read their workbook right: `check --explain`
 * prints it, `check --json` carries it as `sheets[].regions`. Rows are 1-based and columns are
 * letters, as the person sees them in Excel and writes them in a correction.
 */

export interface RegionJson {
  kind: SheetLayout['kind'];
  /** The key a correction names this table by (settings.corrections[].table). */
  table?: string;
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
    /** Grade columns: `label` (in the cell) or `level-columns` (a mark in one of `levelColumns`). */
    encoding?: 'label' | 'level-columns';
    levelColumns?: { col: string; label: string }[];
    notation?: string;
  }[];
  /** Evaluation tables: years as columns (`wide`) or as rows (`long`, one record per program × year). */
  orientation?: 'wide' | 'long';
  /** `previous-year`: an earlier year's table kept beside this year's (not checked). Absent: this year's. */
  yearRole?: 'previous-year';
  /** Evaluation tables: the grade scale read (levels best first, where it came from). */
  scale?: Scale;
  /** Evaluation tables: how this year's grade cells were written (a formula's result, a note mark). */
  gradeReading?: GradeReading;
  /**
   * Evaluation tables: the rows that are not data (headings, examples, totals, footnotes, and
   * what a person set), 1-based, with the evidence (`col` as a letter). Every other row with
   * content is data.
   */
  rowRoles?: { row: number; role: RowRole; evidence: (Omit<RowEvidence, 'col' | 'cols'> & { col?: string; cols?: string[] })[] }[];
  /** Outline identifiers Excel had stored as dates, read back (`1-2` from 1月2日). */
  recoveredIds?: { cell: string; text: string; storedAs: string }[];
  hiddenRowsSkipped: number;
  uncertain: boolean;
  uncertainties: Uncertainty[];
  summaryTable?: { grades: { grade: string; count: number | null; cell: string }[]; total: { count: number | null; cell: string } | null };
}

const cell = (row: number, col: number): string => `${columnLetter(col)}${row + 1}`;

/** A row's evidence with its columns as letters, as everywhere in the JSON. */
function evidenceJson(e: RowEvidence): NonNullable<RegionJson['rowRoles']>[number]['evidence'][number] {
  if ('cols' in e) return { ...e, cols: e.cols.map(columnLetter) };
  if ('col' in e) return { ...e, col: columnLetter(e.col) };
  return e;
}

export function regionJson(l: SheetLayout): RegionJson {
  const out: RegionJson = {
    kind: l.kind,
    ...(l.tableKey !== undefined ? { table: l.tableKey } : {}),
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
      ...(c.role === 'grade' || c.role === 'previousGrade' ? { encoding: c.encoding ?? 'label' } : {}),
      ...(c.levelColumns ? { levelColumns: c.levelColumns.map((l) => ({ col: columnLetter(l.col), label: l.label })) } : {}),
      ...(c.notation ? { notation: c.notation } : {}),
    })),
    ...(l.orientation !== undefined ? { orientation: l.orientation } : {}),
    ...(l.yearRole === 'previous-year' ? { yearRole: 'previous-year' as const } : {}),
    ...(l.kind === 'evaluation' ? { scale: l.scale ?? DEFAULT_SCALE } : {}),
    ...(l.gradeReading ? { gradeReading: l.gradeReading } : {}),
    ...(l.rowRoles ? { rowRoles: l.rowRoles.map((m) => ({ row: m.row + 1, role: m.role, evidence: m.evidence.map(evidenceJson) })) } : {}),
    ...(l.recoveredIds?.length ? { recoveredIds: l.recoveredIds.map((id) => ({ cell: cell(id.row, id.col), text: id.text, storedAs: id.storedAs })) } : {}),
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

/** `check --explain`: per sheet its tables, header rows, each column's role and why, the report year and its source. */
export function renderExplain(report: Report, layouts: readonly SheetLayout[], lang: Lang): string {
  const m = EXPLAIN_MESSAGES[lang];
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
      lines.push(m.region(i + 1, m.kind[l.kind], header, l.firstDataRow + 1, l.lastDataRow + 1, l.tableKey));
      lines.push(...readingLines(l, lang));
      if (l.kind === 'evaluation' && l.columns.some((c) => c.role === 'grade' || c.role === 'previousGrade')) lines.push(m.scale(l.scale ?? DEFAULT_SCALE));
      for (const c of l.columns) {
        const why = c.source === 'override' ? [m.override] : (c.evidence ?? []).map((e) => m.evidence(e, lang));
        if (c.hidden) why.push(m.hiddenColumn);
        const label = c.label.replace(/\s*\n\s*/g, ' ').trim();
        const year = c.year !== undefined ? ` ${formatFiscalYear(c.year, lang)}` : '';
        const named = label ? m.quote(label) : m.noLabel;
        if (c.role === 'grade' || c.role === 'previousGrade') why.push(m.encoding(c));
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
  // Saved corrections that matched nothing: never dropped in silence.
  const unmatched = report.findings.filter((f) => f.rule === 'correction-unmatched');
  if (unmatched.length > 0) lines.push('', m.unmatched, ...unmatched.map((f) => `  ! ${describe(f, lang)}`));
  lines.push('', m.correct);
  return lines.join('\n');
}
