import { parseGrade } from '../grades';
import type { SheetKind } from '../report';
import type { SheetOverride } from '../settings';
import { cellAt, cellText, isBlank, type CellRange, type SheetSnapshot } from '../snapshot';
import { normalizeHeader } from '../text';
import { findYears } from '../years';
import { columnIndex } from '../a1';
import { classifyLabel, headerScore } from './columns';
import { detectSummaryTable } from './summary-table';
import type { BlockHeaderLine, ColumnLayout, SheetLayout } from './types';

/** How far down we look for a table header: titles and block headers sit above it. */
const HEADER_SCAN_ROWS = 60;
const SUB_HEADER_LABELS = new Set(['大', '中', '小', '実施状況', '評価', '達成度', '達成度(%)', '担当課の評価']);
const BLOCK_LABEL = /^(基本理念|基本目標|基本方針|基本施策|施策の柱|施策\(\d+\)|施策\d+|重点施策)$/;
const TITLE_KEYWORDS = /報告|実績|評価|調書|進捗|点検|管理表|総括/;

export function detectLayout(sheet: SheetSnapshot, override: SheetOverride = {}): SheetLayout {
  const merges = new MergeIndex(sheet.merges);
  const rowCount = sheet.rows.length;
  const width = maxWidth(sheet, Math.min(rowCount, HEADER_SCAN_ROWS + 20));

  const layout: SheetLayout = {
    sheet: sheet.name,
    kind: 'other',
    headerRows: [],
    repeatedHeaderRows: [],
    columns: [],
    blockHeader: [],
    statedYear: null,
    planMaster: false,
    summaryTable: null,
    uncertainties: [],
  };

  const summary = override.kind === 'evaluation' || override.kind === 'other' ? null : detectSummaryTable(sheet);
  if (summary || override.kind === 'summary-table') {
    layout.kind = 'summary-table';
    layout.summaryTable = summary;
    layout.statedYear = statedYear(sheet, summary ? Math.min(...summary.gradeRows.map((g) => g.row)) : 10);
    if (!summary) layout.uncertainties.push({ kind: 'no-header' });
    return layout;
  }

  const headerRow = override.headerRow !== undefined ? override.headerRow - 1 : findHeaderRow(sheet, merges, width);
  if (headerRow === null) {
    layout.statedYear = statedYear(sheet, Math.min(rowCount, 10));
    if (hasContent(sheet) && looksTabular(sheet)) layout.uncertainties.push({ kind: 'no-header' });
    layout.kind = override.kind ?? 'other';
    return layout;
  }

  const headerRows = expandHeader(sheet, merges, headerRow, width);
  layout.headerRows = headerRows;
  const labels = columnLabels(sheet, merges, headerRows, width);
  layout.columns = classifyColumns(labels);
  applyOverrides(layout, labels, override);
  checkGradeColumnsByContent(sheet, layout, headerRows[headerRows.length - 1] + 1);

  layout.blockHeader = blockHeaderLines(sheet, 0, headerRows[0]);
  layout.statedYear = statedYear(sheet, headerRows[0]);
  layout.repeatedHeaderRows = repeatedHeaders(sheet, merges, headerRows, width);

  const roles = new Set(layout.columns.map((c) => c.role));
  const graded = roles.has('grade') || roles.has('previousGrade');
  const yearly = roles.has('yearStatus') || roles.has('yearEvaluation') || roles.has('yearAchievement');
  const outline = roles.has('name') || roles.has('hierarchy');
  let kind: SheetKind = 'other';
  if (outline && (graded || yearly)) kind = 'evaluation';
  else if (outline) layout.planMaster = true;
  if (override.kind) kind = override.kind;
  layout.kind = kind;
  if (kind === 'evaluation' && !graded && !yearly) layout.uncertainties.push({ kind: 'no-grade-column' });
  if (kind === 'other' && !layout.planMaster && (graded || yearly)) layout.uncertainties.push({ kind: 'no-header' });
  return layout;
}

/** Merged areas by their cells, so a header label spanning columns applies to each. */
export class MergeIndex {
  private readonly byTopRow = new Map<number, CellRange[]>();
  private readonly all: CellRange[];
  constructor(merges: CellRange[]) {
    this.all = merges;
    for (const m of merges) {
      const list = this.byTopRow.get(m.top);
      if (list) list.push(m);
      else this.byTopRow.set(m.top, [m]);
    }
  }
  private readonly rowCache = new Map<number, CellRange[]>();
  /** The merged area containing (row, col), if any. Used on header-sized areas only. */
  areaAt(row: number, col: number): CellRange | null {
    let covering = this.rowCache.get(row);
    if (!covering) {
      covering = this.all.filter((m) => row >= m.top && row <= m.bottom);
      this.rowCache.set(row, covering);
    }
    for (const m of covering) if (col >= m.left && col <= m.right) return m;
    return null;
  }
  startingAt(row: number): CellRange[] {
    return this.byTopRow.get(row) ?? [];
  }
}

function maxWidth(sheet: SheetSnapshot, rows: number): number {
  let w = 0;
  for (let r = 0; r < rows; r++) w = Math.max(w, sheet.rows[r]?.length ?? 0);
  return w;
}

function hasContent(sheet: SheetSnapshot): boolean {
  return sheet.rows.some((row) => row?.some((v) => !isBlank(v)));
}

/** A sheet with several rows of three or more filled cells looks like a table. */
function looksTabular(sheet: SheetSnapshot): boolean {
  let rows = 0;
  for (const row of sheet.rows) {
    if (row && row.filter((v) => !isBlank(v)).length >= 3) rows++;
    if (rows >= 3) return true;
  }
  return false;
}

/** The header text of a cell, taking a merged area's master value. */
function headerText(sheet: SheetSnapshot, merges: MergeIndex, row: number, col: number): string {
  const v = cellAt(sheet, row, col);
  if (!isBlank(v)) return cellText(v);
  const area = merges.areaAt(row, col);
  if (area) return cellText(cellAt(sheet, area.top, area.left));
  return '';
}

function rowLabels(sheet: SheetSnapshot, merges: MergeIndex, row: number, width: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < width; c++) out.push(normalizeHeader(headerText(sheet, merges, row, c)));
  return out;
}

function findHeaderRow(sheet: SheetSnapshot, merges: MergeIndex, width: number): number | null {
  let best: number | null = null;
  let bestScore = 1;
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    if (!sheet.rows[r]) continue;
    const score = headerScore(rowLabels(sheet, merges, r, width));
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** Two- and three-row headers: rows of sub-labels below, merged group labels above. */
function expandHeader(sheet: SheetSnapshot, merges: MergeIndex, row: number, width: number): number[] {
  const rows = [row];
  // Above: a row whose labels span several columns (merged) and name years or groups.
  const above = row - 1;
  if (above >= 0) {
    const spans = merges.startingAt(above).filter((m) => m.bottom === above && m.right > m.left);
    const labels = rowLabels(sheet, merges, above, width);
    if (spans.length > 0 && labels.some((l) => findYears(l).length > 0 || headerScore([l]) > 0)) rows.unshift(above);
  }
  // Below: short sub-labels (大/中/小, 実施状況/評価/達成度) under merged group labels.
  for (let r = row + 1; r < Math.min(sheet.rows.length, row + 3); r++) {
    const cells = (sheet.rows[r] ?? []).map((v) => normalizeHeader(cellText(v))).filter((t) => t !== '');
    if (cells.length > 0 && cells.every((t) => SUB_HEADER_LABELS.has(t))) rows.push(r);
    else break;
  }
  return rows;
}

/** Joined header labels per column; parts separated by line breaks so the last part stays visible. */
function columnLabels(sheet: SheetSnapshot, merges: MergeIndex, headerRows: number[], width: number): string[] {
  const labels: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const r of headerRows) {
      const t = normalizeHeader(headerText(sheet, merges, r, c));
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    labels.push(parts.join('\n'));
  }
  return labels;
}

function classifyColumns(labels: string[]): ColumnLayout[] {
  const recordYears = new Set<number>();
  for (const l of labels) for (const y of findYears(l.replace(/\n/g, ''))) if (!y.future) recordYears.add(y.year);
  const multiYear = recordYears.size >= 2;
  let previousYear: number | undefined;
  const columns: ColumnLayout[] = [];
  labels.forEach((label, col) => {
    const c = classifyLabel(label, { multiYear, previousYear });
    if (c.year !== undefined) previousYear = c.year;
    else if (label !== '' && c.role !== 'yearAchievement') previousYear = multiYear ? previousYear : undefined;
    columns.push({ col, label: label, role: c.role, year: c.year, source: 'detected' });
  });
  // 担当部署 and 担当課 side by side: the 課 is the one that reports.
  const departments = columns.filter((c) => c.role === 'department');
  if (departments.length > 1) {
    const keep = departments.find((c) => /課/.test(c.label)) ?? departments[departments.length - 1];
    for (const c of departments) if (c !== keep) c.role = 'text';
  }
  return columns;
}

function applyOverrides(layout: SheetLayout, labels: string[], override: SheetOverride): void {
  for (const [letter, o] of Object.entries(override.columns ?? {})) {
    const col = columnIndex(letter);
    const existing = layout.columns.find((c) => c.col === col);
    const entry: ColumnLayout = { col, label: labels[col] ?? '', role: o.role, year: o.year, source: 'override' };
    if (existing) Object.assign(existing, entry);
    else layout.columns.push(entry);
  }
  layout.columns.sort((a, b) => a.col - b.col);
}

/** Grade columns must hold grades: a labelled column full of prose is demoted, an unlabelled one full of A–D is found. */
function checkGradeColumnsByContent(sheet: SheetSnapshot, layout: SheetLayout, firstDataRow: number): void {
  const ratio = (col: number): { gradeLike: number; filled: number } => {
    let gradeLike = 0;
    let filled = 0;
    for (let r = firstDataRow; r < sheet.rows.length; r++) {
      const v = cellAt(sheet, r, col);
      if (isBlank(v)) continue;
      filled++;
      const k = parseGrade(cellText(v)).kind;
      if (k === 'grade' || k === 'none') gradeLike++;
    }
    return { gradeLike, filled };
  };
  const grades = layout.columns.filter((c) => c.role === 'grade' && c.source === 'detected');
  for (const c of grades) {
    const { gradeLike, filled } = ratio(c.col);
    if (filled >= 4 && gradeLike / filled < 0.3) {
      c.role = 'text';
      layout.uncertainties.push({ kind: 'grade-column-demoted', column: c.col });
    }
  }
  const remaining = layout.columns.filter((c) => c.role === 'grade');
  if (remaining.length > 1) layout.uncertainties.push({ kind: 'ambiguous-grade-column', columns: remaining.map((c) => c.col) });
  if (remaining.length === 0 && !layout.columns.some((c) => c.role === 'yearStatus')) {
    for (const c of layout.columns) {
      if (c.role !== 'text' && c.role !== 'ignore') continue;
      const { gradeLike, filled } = ratio(c.col);
      if (filled >= 3 && gradeLike / filled >= 0.8) {
        c.role = 'grade';
        layout.uncertainties.push({ kind: 'grade-column-guessed', column: c.col });
        break;
      }
    }
  }
}

function blockHeaderLines(sheet: SheetSnapshot, from: number, to: number): BlockHeaderLine[] {
  const lines: BlockHeaderLine[] = [];
  for (let r = from; r < to; r++) {
    const line = blockHeaderLine(sheet, r);
    if (line) lines.push(line);
  }
  return lines;
}

/** `基本目標 | 1 福祉のまちづくり`: a label cell followed by one value cell, nothing else. */
export function blockHeaderLine(sheet: SheetSnapshot, row: number): BlockHeaderLine | null {
  const values = sheet.rows[row] ?? [];
  // Called for every data row: count before building strings.
  let filled = 0;
  for (const v of values) if (!isBlank(v) && ++filled > 2) return null;
  if (filled !== 2) return null;
  const cells = values.map((v) => cellText(v).trim()).filter((t) => t !== '');
  if (cells.length !== 2) return null;
  const label = normalizeHeader(cells[0]);
  if (!BLOCK_LABEL.test(label)) return null;
  return { row, label, value: cells[1] };
}

/** The report year printed in the sheet's title rows (or its name), ignoring plan periods. */
function statedYear(sheet: SheetSnapshot, beforeRow: number): number | null {
  const candidates: { year: number; weight: number }[] = [];
  const consider = (text: string, weight: number): void => {
    if (/期間|～|〜|~/.test(text) && findYears(text).length > 1) return; // 計画の期間(2018年度～2026年度)
    for (const y of findYears(text)) if (!y.future) candidates.push({ year: y.year, weight: TITLE_KEYWORDS.test(text) ? weight + 1 : weight });
  };
  for (let r = 0; r < Math.min(beforeRow, 12); r++) {
    for (const v of sheet.rows[r] ?? []) {
      const t = cellText(v);
      if (t.length <= 120) consider(t, 2);
    }
  }
  consider(sheet.name, 1);
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.weight - a.weight || b.year - a.year);
  return candidates[0].year;
}

/** Printed page headers repeated inside the table. */
function repeatedHeaders(
  sheet: SheetSnapshot,
  merges: MergeIndex,
  headerRows: number[],
  width: number,
): number[] {
  const main = headerRows.length > 1 ? headerRows.find((r) => headerScore(rowLabels(sheet, merges, r, width)) > 0) ?? headerRows[0] : headerRows[0];
  const expected = rowLabels(sheet, merges, main, width);
  const significant = expected.map((t, i) => (t !== '' ? i : -1)).filter((i) => i >= 0);
  const out: number[] = [];
  const start = headerRows[headerRows.length - 1] + 1;
  // Normalising every cell (NFKC) was a fifth of checking a 100k-row sheet. So stop once 60 %
  // is out of reach, and skip cells that cannot normalise to the label: far longer than it
  // (spaces aside; NFKC folds at most a few code units into one), or holding a CJK ideograph
  // the label lacks (NFKC leaves U+4E00–U+9FFF as they are).
  const limit = significant.map((i) => expected[i].length * 6 + 16);
  const ideographs = significant.map((i) => new Set([...expected[i]].map((ch) => ch.charCodeAt(0))));
  const cannotBe = (text: string, k: number): boolean => {
    if (text.length > limit[k] && text.replace(/[\s\u3000]+/g, '').length > limit[k]) return true;
    for (let j = 0; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c >= 0x4e00 && c <= 0x9fff && !ideographs[k].has(c)) return true;
    }
    return false;
  };
  let needed = 0; // the fewest matches that pass the test below, computed the same way
  while (needed < significant.length && needed / significant.length < 0.6) needed++;
  for (let r = start; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    let same = 0;
    for (let k = 0; k < significant.length; k++) {
      if (same + (significant.length - k) < needed) break;
      const i = significant[k];
      const text = cellText(row[i] ?? null);
      if (text === '' || cannotBe(text, k)) continue;
      if (normalizeHeader(text) === expected[i]) same++;
    }
    if (significant.length > 0 && same / significant.length >= 0.6) {
      out.push(r);
      // and its sub-label rows
      for (let s = r + 1; s < Math.min(sheet.rows.length, r + 3); s++) {
        const cells = (sheet.rows[s] ?? []).map((v) => normalizeHeader(cellText(v))).filter((t) => t !== '');
        if (cells.length > 0 && cells.every((t) => SUB_HEADER_LABELS.has(t))) out.push(s);
        else break;
      }
    }
  }
  return out;
}
