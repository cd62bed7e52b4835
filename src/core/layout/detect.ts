import { parseAchievement } from '../achievement';
import { classifyToken, DEFAULT_SCALE, findLegends, inferScale, isDefaultLevels, labelsOf, parseGrade, scaleOfLevelHeaders, scaleOfLevels, scaleOfList, type GradeNotation, type Scale } from '../scale';
import type { SheetKind } from '../report';
import { correctionsFor, isSheetKind, tableKey, type Correction, type CorrectionUse, type TableCorrections, type TableRef } from '../corrections';
import type { ColumnRole } from '../settings';
import { cellAt, cellText, columnCount, isBlank, type CellRange, type SheetSnapshot } from '../snapshot';
import { isDashOnly, normalizeHeader, normalizeLoose, originalSlice } from '../text';
import { findYears } from '../years';
import { columnIndex, columnLetter } from '../a1';
import { classifyLabel, headerScore } from './columns';
import { detectOrientation } from './orientation';
import { areaView, splitTables, tableKeyOf, type HeaderProbe, type TableArea } from './regions';
import { detectSummaryTables } from './summary-table';
import { isTitleText, looksLikeTotalRow } from './row-roles';
import type { BlockHeaderLine, ColumnEvidence, ColumnLayout, SheetLayout, SummaryTableLayout } from './types';

/** How far down we look for a table header: titles and block headers sit above it. */
const HEADER_SCAN_ROWS = 60;
const SUB_HEADER_LABELS = new Set(['大', '中', '小', '実施状況', '評価', '達成度', '達成度(%)', '担当課の評価']);
const BLOCK_LABEL = /^(基本理念|基本目標|基本方針|基本施策|施策の柱|施策\(\d+\)|施策\d+|重点施策)$/;
const TITLE_KEYWORDS = /報告|実績|評価|調書|進捗|点検|管理表|総括/;

export interface DetectOptions {
  /** 次年度方針 vocabulary: the share of a column's cells in it is evidence for the role. */
  nextPolicyVocabulary?: readonly string[];
  /**
   * Legends (凡例・評価基準) that may define the grade scale: the sheet's own first, then the
   * rest of the workbook's. Absent: the sheet's own are read.
   */
  legends?: readonly Scale[];
  /** The scale the workbook's other sheets were read on: a table whose own cells show none reads on it when its values fit. */
  workbookScale?: Scale;
  /** A person's corrections (settings.corrections), read through `correctionsFor`. */
  corrections?: readonly Correction[];
  /** Records which corrections applied (the rest are reported as matching nothing). */
  use?: CorrectionUse;
}

const DEFAULT_VOCABULARY = ['新規', '継続', '充実', '改善', '縮小', '廃止', '拡充', '見直し', '終了', '統合', '完了'];

/** The sheet's main region (its evaluation table, else its first region): for callers that want one. */
export function detectLayout(sheet: SheetSnapshot, options: DetectOptions = {}): SheetLayout {
  const regions = detectRegions(sheet, options);
  return regions.find((r) => r.kind === 'evaluation') ?? regions.find((r) => r.kind !== 'other') ?? regions[0];
}

/**
 * The table regions of one sheet, in sheet order: an evaluation table (its stacked blocks and
 * repeated page headers inside it) and any 評価総括表 below or beside it. Always at least one.
 */
export function detectRegions(sheet: SheetSnapshot, options: DetectOptions = {}): SheetLayout[] {
  if (options.legends === undefined) options = { ...options, legends: findLegends(sheet) };
  const settings = { corrections: options.corrections ?? [] };
  // What the sheet as a whole is, as a person said (a correction with no table): read first,
  // because it decides how the sheet is read at all.
  const sheetKind = correctionsFor(settings, sheet.name, null, options.use, isSheetKind).kind;
  const summaries = sheetKind === 'evaluation' || sheetKind === 'other' ? [] : detectSummaryTables(sheet);
  if (sheetKind === 'summary-table' || (summaries.length > 0 && summaries[0].left === 0 && !hasTableOutside(sheet, summaries))) {
    // A sheet that is a summary table and nothing else.
    const layout = emptyLayout(sheet);
    layout.kind = 'summary-table';
    layout.summaryTable = summaries[0] ?? null;
    const s = summaries[0];
    if (s) Object.assign(layout, { firstDataRow: s.top, lastDataRow: s.bottom, firstCol: s.left, lastCol: s.right });
    layout.statedYear = statedYear(sheet, s ? Math.min(...s.gradeRows.map((g: SummaryTableLayout['gradeRows'][number]) => g.row)) : 10, sheet.rows.length > 0 ? columnCount(sheet) : 0);
    layout.sheetNameYear = sheetNameYear(sheet);
    if (!s) layout.uncertainties.push({ kind: 'no-header' });
    if (s) correctSummary(layout, s, sheet.name, settings, options.use);
    return [layout];
  }
  const area = { top: 0, bottom: sheet.rows.length - 1, right: Number.MAX_SAFE_INTEGER };
  for (const s of summaries) {
    if (s.left >= 2) area.right = Math.min(area.right, s.left - 1); // beside: the table is left of it
    else if (s.top > area.top + 2) area.bottom = Math.min(area.bottom, captionTop(sheet, s.top, area.top) - 1); // below
    else area.top = Math.max(area.top, s.bottom + 1); // above
  }
  const tables = evaluationTables(sheet, sheetKind, options, area);
  const evaluation = tables[0];
  const regions: SheetLayout[] = [...tables];
  for (const s of summaries) {
    const layout = emptyLayout(sheet);
    Object.assign(layout, { kind: 'summary-table', summaryTable: s, firstDataRow: s.top, lastDataRow: s.bottom, firstCol: s.left, lastCol: s.right });
    layout.statedYear = evaluation.statedYear;
    layout.sheetNameYear = evaluation.sheetNameYear;
    correctSummary(layout, s, sheet.name, settings, options.use);
    regions.push(layout);
  }
  const top = (l: SheetLayout): number => l.headerRows[0] ?? l.firstDataRow;
  regions.sort((a, b) => top(a) - top(b) || a.firstCol - b.firstCol);
  return regions;
}

/**
 * A 評価総括表's own corrections (named by its key, never by a sheet-wide one): the one that
 * applies is `kind`, and a summary table said to be something else is not read as one.
 */
function correctSummary(layout: SheetLayout, s: SummaryTableLayout, sheet: string, settings: { corrections: readonly Correction[] }, use: CorrectionUse | undefined): void {
  layout.tableKey = tableKey(s.top, s.left);
  const own = { key: layout.tableKey, headerRows: [s.top + 1], first: false };
  const c = correctionsFor(settings, sheet, own, use, (x) => x.table !== undefined && x.kind !== undefined && x.column === undefined && x.row === undefined);
  if (c.kind !== undefined && c.kind !== 'summary-table') {
    layout.kind = 'other';
    layout.summaryTable = null;
  }
}

function emptyLayout(sheet: SheetSnapshot): SheetLayout {
  return {
    sheet: sheet.name,
    kind: 'other',
    headerRows: [],
    firstDataRow: 0,
    lastDataRow: sheet.rows.length - 1,
    firstCol: 0,
    lastCol: 0,
    hiddenRowsSkipped: 0,
    uncertain: false,
    entryYears: [],
    sheetNameYear: null,
    repeatedHeaderRows: [],
    columns: [],
    blockHeader: [],
    statedYear: null,
    planMaster: false,
    summaryTable: null,
    uncertainties: [],
  };
}

/** Something table-like outside the summary tables (an evaluation table on the same sheet). */
function hasTableOutside(sheet: SheetSnapshot, summaries: SummaryTableLayout[]): boolean {
  let rows = 0;
  sheet.rows.forEach((row, r) => {
    if (!row || summaries.some((s) => r >= s.top && r <= s.bottom)) return;
    let filled = 0;
    for (const v of row) if (!isBlank(v)) filled++;
    if (filled >= 3) rows++;
  });
  return rows >= 3;
}

interface Area {
  top: number;
  bottom: number;
  right: number;
  /** Where a title stating the report year may start (the table's own top when the sheet holds several). */
  titleFrom?: number;
  /** The table's left edge (several tables side by side), for its key. */
  left?: number;
  /** The sheet's first evaluation table: corrections naming no table are for it. */
  first?: boolean;
}

/**
 * The evaluation tables of the area: one (today's reading, stacked blocks and page headers
 * inside it) unless the sheet holds several tables side by side or one below the other
 * (regions.ts weighs that evidence). Each table is read through a view of its own cells.
 */
function evaluationTables(sheet: SheetSnapshot, sheetKind: SheetKind | undefined, options: DetectOptions, area: Area): SheetLayout[] {
  const whole: TableArea = { top: area.top, bottom: area.bottom, left: 0, right: area.right };
  const sheetWide = (options.corrections ?? []).filter((c) => c.sheet === sheet.name && c.table === undefined);
  // A person who named the sheet's header row read it as one table.
  const split = sheetWide.some((c) => c.headerRow !== undefined && c.column === undefined && c.row === undefined) ? [whole] : splitTables(sheet, whole, probeHeader);
  if (split.length < 2) return [detectEvaluation(sheet, sheetKind, options, area, () => true)];
  // Corrections naming no table: a column one goes to the first table holding the column (old
  // settings knew one table per sheet), anything else to the first table.
  const owner = new Map<Correction, number>();
  for (const c of sheetWide) {
    const col = c.column !== undefined ? columnIndex(c.column) : null;
    const i = col === null ? 0 : split.findIndex((t) => col >= t.left && col <= t.right);
    if (i >= 0) owner.set(c, i);
  }
  const layouts = split.map((t, i) => {
    const layout = detectEvaluation(areaView(sheet, t), sheetKind, options, { top: t.top, bottom: t.bottom, right: t.right, titleFrom: t.top }, (c) => owner.get(c) === i);
    layout.firstCol = Math.min(layout.lastCol, layout.columns.find((c) => c.col >= t.left && c.label !== '')?.col ?? t.left);
    layout.area = t;
    return layout;
  });
  // A title over both tables (one line across the sheet) states the year for each: read above
  // the first table's header only, never in a table's rows (a 令和3年度 in a program's text).
  const firstHeader = Math.min(...layouts.map((l) => l.headerRows[0] ?? l.firstDataRow));
  const sheetYear = statedYear(sheet, Math.min(firstHeader, split[0].top + HEADER_SCAN_ROWS), columnCount(sheet));
  for (const layout of layouts) if (layout.statedYear === null) layout.statedYear = sheetYear;
  return layouts;
}

/** The header a table in the area would have, for regions.ts's evidence (no corrections applied). */
function probeHeader(view: SheetSnapshot, area: TableArea): HeaderProbe | null {
  const merges = new MergeIndex(view.merges);
  const rowCount = Math.min(view.rows.length, area.bottom + 1);
  const width = Math.min(maxWidth(view, Math.min(rowCount, area.top + HEADER_SCAN_ROWS + 20)), area.right + 1);
  const row = findHeaderRow(view, merges, width, area.top, rowCount);
  if (row === null) return null;
  const rows = expandHeader(view, merges, row, width, area.top);
  const labels = columnLabels(view, merges, rows, width);
  const roles = new Map<number, string>();
  for (const c of classifyColumns(labels)) if (c.role !== 'text' && c.role !== 'ignore') roles.set(c.col, c.role);
  return { rows, labels, roles };
}

/** `takesSheetWide`: which corrections naming no table this table takes (see evaluationTables). */
function detectEvaluation(sheet: SheetSnapshot, sheetKind: SheetKind | undefined, options: DetectOptions, area: Area, takesSheetWide: (c: Correction) => boolean): SheetLayout {
  const merges = new MergeIndex(sheet.merges);
  const rowCount = Math.min(sheet.rows.length, area.bottom + 1);
  const width = Math.min(maxWidth(sheet, Math.min(rowCount, area.top + HEADER_SCAN_ROWS + 20)), area.right + 1);
  const layout = emptyLayout(sheet);
  layout.firstDataRow = area.top;
  layout.lastDataRow = rowCount - 1;
  layout.lastCol = Math.max(0, width - 1); // narrowed to the labelled columns once the header is known
  layout.sheetNameYear = sheetNameYear(sheet);

  // The table as detection finds it names the corrections that apply to it (its key stays
  // the same once a correction has moved its header row): the A1 of its top-left header cell.
  const detected = findHeaderRow(sheet, merges, width, area.top, rowCount);
  const found = detected !== null ? expandHeader(sheet, merges, detected, width, area.top) : [];
  layout.tableKey = tableKeyOf(found, found.length > 0 ? columnLabels(sheet, merges, found, width) : [], 0) ?? undefined;
  let table: TableRef = { key: layout.tableKey ?? '', headerRows: found.map((r) => r + 1), first: false, takes: takesSheetWide };
  // The sheet-wide kind was read (and marked) already; everything else is the table's.
  const tableOnly = (c: Correction): boolean => !isSheetKind(c);
  let corrections = correctionsFor({ corrections: options.corrections ?? [] }, sheet.name, table, undefined, tableOnly);
  if (detected === null && corrections.headerRow !== undefined) {
    // No header was found and a person gave one: the table they see is named by that header
    // (the key the pane saves its column corrections under), so read its corrections again.
    const given = expandHeader(sheet, merges, corrections.headerRow - 1, width, area.top);
    layout.tableKey = tableKeyOf(given, columnLabels(sheet, merges, given, width), 0) ?? undefined;
    table = { ...table, key: layout.tableKey ?? '', headerRows: given.map((r) => r + 1) };
    corrections = correctionsFor({ corrections: options.corrections ?? [] }, sheet.name, table, undefined, tableOnly);
  }
  if (options.use) correctionsFor({ corrections: options.corrections ?? [] }, sheet.name, table, options.use, tableOnly);
  const kindCorrection = corrections.kind ?? sheetKind;
  // Row roles a person set (rowRole): the plan builder's row classification honours them.
  if (Object.keys(corrections.rows).length > 0) layout.rowCorrections = { ...corrections.rows };
  const headerRow = corrections.headerRow !== undefined ? corrections.headerRow - 1 : detected;
  if (headerRow === null) {
    layout.statedYear = statedYear(sheet, Math.min(rowCount, (area.titleFrom ?? 0) + 10), width, area.titleFrom);
    if (hasContent(sheet) && looksTabular(sheet)) layout.uncertainties.push({ kind: 'no-header' });
    layout.kind = kindCorrection ?? 'other';
    layout.uncertain = layout.uncertainties.length > 0;
    return layout;
  }

  const headerRows = expandHeader(sheet, merges, headerRow, width, area.top);
  layout.headerRows = headerRows;
  const labels = columnLabels(sheet, merges, headerRows, width);
  layout.columns = classifyColumns(labels);
  // The header cells as typed, for showing (#26): labels are normalised to match words.
  for (const c of layout.columns) c.shownParts = shownHeaderParts(sheet, merges, headerRows, c.col);
  layout.firstDataRow = headerRows[headerRows.length - 1] + 1;
  for (let c = labels.length - 1; c >= 0; c--) {
    if (labels[c] !== '') {
      layout.lastCol = c;
      break;
    }
  }
  layout.lastDataRow = lastRowWithContent(sheet, layout.firstDataRow, rowCount - 1, width);
  layout.blockHeader = blockHeaderLines(sheet, area.top, headerRows[0], width);
  layout.statedYear = statedYear(sheet, headerRows[0], width, area.titleFrom);
  layout.repeatedHeaderRows = repeatedHeaders(sheet, merges, headerRows, width, layout.lastDataRow);
  const hiddenRows = new Set(sheet.hiddenRows ?? []);
  for (const r of hiddenRows) if (r >= layout.firstDataRow && r <= layout.lastDataRow && rowHasContent(sheet, r, width)) layout.hiddenRowsSkipped++;
  const evidence = weighEvidence(sheet, layout, options, hiddenRows, new Set(sheet.hiddenCols ?? []));
  applyOverrides(layout, labels, corrections);
  // A person's scale (levels best first) for the table, or for its grade column, beats every inference.
  const gradeLetter = layout.columns.find((c) => c.role === 'grade')?.col;
  const personScale = corrections.scale ?? (gradeLetter !== undefined ? corrections.columns[columnLetter(gradeLetter)]?.scale : undefined);
  resolveScale(layout, personScale ? scaleOfLevels(personScale.levels, 'correction') : undefined, options, evidence);
  detectOrientation(sheet, layout, hiddenRows);

  const roles = new Set(layout.columns.map((c) => c.role));
  const graded = roles.has('grade') || roles.has('previousGrade');
  const yearly = roles.has('yearStatus') || roles.has('yearEvaluation') || roles.has('yearAchievement');
  const outline = roles.has('name') || roles.has('hierarchy');
  let kind: SheetKind = 'other';
  if (outline && (graded || yearly)) kind = 'evaluation';
  else if (outline) layout.planMaster = true;
  if (kindCorrection) kind = kindCorrection;
  layout.kind = kind;
  if (kind === 'evaluation' && !graded && !yearly) {
    layout.uncertainties.push({ kind: 'no-grade-column', read: readRoles(layout) });
  }
  if (kind === 'other' && !layout.planMaster && (graded || yearly)) layout.uncertainties.push({ kind: 'no-header' });
  // Guessed or ambiguous grade columns, or none: the region is read but yields no errors.
  layout.uncertain = layout.uncertainties.some((u) => u.kind !== 'report-year-unknown' && u.kind !== 'grade-column-demoted');
  return layout;
}

/** What was read, for a layout-uncertain message: the roles found, in column order. */
function readRoles(layout: SheetLayout): string[] {
  return layout.columns.filter((c) => c.role !== 'text' && c.role !== 'ignore').map((c) => `${columnLetter(c.col)}:${c.role}`);
}

function rowHasContent(sheet: SheetSnapshot, r: number, width: number): boolean {
  const row = sheet.rows[r];
  if (!row) return false;
  for (let c = 0; c < Math.min(width, row.length); c++) if (!isBlank(row[c])) return true;
  return false;
}

/** Rows above a table looked at for its caption. */
const CAPTION_LOOKBACK = 4;

/**
 * The top of a table below another, its caption included: a line of one or two cells just above
 * it (blank rows between allowed) with a blank row above that line. The caption of a 評価総括表
 * under the evaluation table is the summary's, not a program of the table above.
 */
function captionTop(sheet: SheetSnapshot, top: number, floor: number): number {
  const filled = (r: number): number => (sheet.rows[r] ?? []).reduce((n: number, v) => n + (isBlank(v) ? 0 : 1), 0);
  let out = top;
  for (let r = top - 1; r > floor + 1 && r >= top - CAPTION_LOOKBACK; r--) {
    const n = filled(r);
    if (n === 0) continue;
    if (n > 2 || filled(r - 1) !== 0) break;
    out = r;
  }
  return out;
}

function lastRowWithContent(sheet: SheetSnapshot, from: number, to: number, width: number): number {
  for (let r = to; r >= from; r--) if (rowHasContent(sheet, r, width)) return r;
  return from - 1;
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

function findHeaderRow(sheet: SheetSnapshot, merges: MergeIndex, width: number, from: number, to: number): number | null {
  let best: number | null = null;
  let bestScore = 1;
  const limit = Math.min(to, from + HEADER_SCAN_ROWS);
  for (let r = from; r < limit; r++) {
    if (!sheet.rows[r]) continue;
    const score = headerScore(rowLabels(sheet, merges, r, width));
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/**
 * How well a band of header rows names the columns: each column whose joined label has a
 * known role, plus each distinct role (so `前年度` over `評価` beats `評価` twice).
 */
function bandScore(sheet: SheetSnapshot, merges: MergeIndex, rows: number[], width: number): number {
  const labels = columnLabels(sheet, merges, rows, width);
  const recordYears = new Set<number>();
  for (const l of labels) for (const y of findYears(l.replace(/\n/g, ''))) if (!y.future) recordYears.add(y.year);
  const roles = new Set<string>();
  let named = 0;
  for (const label of new Set(labels)) {
    if (label === '' || label.length > 60) continue;
    const c = classifyLabel(label, { multiYear: recordYears.size >= 2, previousYear: 2000 });
    if (c.role === 'text' || c.role === 'ignore') continue;
    named++;
    roles.add(c.year !== undefined ? `${c.role}${c.year}` : c.role);
  }
  return named + roles.size;
}

/** A row of data rather than labels: grades, percentages, numbers, long prose. */
function looksLikeData(sheet: SheetSnapshot, row: number, width: number): boolean {
  const cells = sheet.rows[row] ?? [];
  for (let c = 0; c < Math.min(width, cells.length); c++) {
    const v = cells[c];
    if (isBlank(v)) continue;
    if (typeof v !== 'string') return true;
    if (v.length > 40) return true;
    if (parseGrade(v).kind === 'grade' && v.trim().length <= 2) return true;
  }
  return false;
}

/**
 * Two- and three-row headers: group labels above (merged, naming years or groups), sub-labels
 * below (大/中/小, 実施状況/評価/達成度), or any row above or below that names the columns
 * better joined with the header row than without it (`前年度` over `評価`, `事業` over `評価`).
 */
function expandHeader(sheet: SheetSnapshot, merges: MergeIndex, row: number, width: number, minRow: number): number[] {
  const rows = [row];
  let score = bandScore(sheet, merges, rows, width);
  for (let step = 0; step < 2; step++) {
    const above = rows[0] - 1;
    if (above < minRow || !sheet.rows[above] || looksLikeData(sheet, above, width)) break;
    const spans = merges.startingAt(above).filter((m) => m.bottom === above && m.right > m.left);
    const labels = rowLabels(sheet, merges, above, width);
    const grouped = spans.length > 0 && labels.some((l) => findYears(l).length > 0 || headerScore([l]) > 0);
    // Header cells merged down into the header row: the row above is the same header.
    const mergedDown = merges.startingAt(above).some((m) => m.bottom >= rows[0]);
    const joined = bandScore(sheet, merges, [above, ...rows], width);
    if (!((grouped || mergedDown) && joined >= score) && !(joined > score)) break;
    rows.unshift(above);
    score = joined;
  }
  for (let step = 0; step < 2; step++) {
    const below = rows[rows.length - 1] + 1;
    if (below >= sheet.rows.length) break;
    const cells = (sheet.rows[below] ?? []).slice(0, width).map((v) => normalizeHeader(cellText(v))).filter((t) => t !== '');
    if (cells.length > 0 && (cells.every((t) => SUB_HEADER_LABELS.has(t)) || isLevelSubHeader(sheet, merges, below, width))) {
      rows.push(below);
      score = bandScore(sheet, merges, rows, width);
      continue;
    }
    if (cells.length === 0 || looksLikeData(sheet, below, width)) break;
    // Header cells merged down into the row (`自己評価` over two rows beside a caption's last
    // sub-label `取組`): the row is the header's bottom row, whatever its few labels score.
    const mergedInto = rows.some((r) => merges.startingAt(r).some((m) => m.bottom >= below && m.left < width));
    if (mergedInto && bandScore(sheet, merges, [...rows, below], width) >= score) {
      rows.push(below);
      score = bandScore(sheet, merges, rows, width);
      continue;
    }
    // A title alone under the header (`■ 相談支援`, `【基本施策】`) heads the rows, not the columns.
    if (cells.length === 1 && isTitleText(cells[0])) break;
    const joined = bandScore(sheet, merges, [...rows, below], width);
    if (joined <= score) break;
    rows.push(below);
    score = joined;
  }
  return rows;
}

/**
 * A row of level labels under one grade header (`評価` merged over `A | B | C | D`, or `S | A |
 * B | C`, `◎ | ○ | △ | ×`): the sub-headers of a form that marks the grade in one of N columns.
 * Its other cells are blank (merged down from the header) or sub-labels.
 */
function isLevelSubHeader(sheet: SheetSnapshot, merges: MergeIndex, row: number, width: number): boolean {
  const cells = sheet.rows[row] ?? [];
  let run: string[] = [];
  let runStart = -1;
  let found = false;
  const close = (end: number): void => {
    if (run.length >= 2 && levelRun(run) && sameHeaderAbove(sheet, merges, row - 1, runStart, end)) found = true;
    run = [];
  };
  for (let c = 0; c < Math.min(width, cells.length); c++) {
    const t = normalizeHeader(cellText(cells[c] ?? null));
    if (t === '') {
      close(c - 1);
      continue;
    }
    if (t.length <= 5 && classifyToken(t).kind !== 'other') {
      if (run.length === 0) runStart = c;
      run.push(t);
      continue;
    }
    close(c - 1);
    if (!SUB_HEADER_LABELS.has(t)) return false;
  }
  close(Math.min(width, cells.length) - 1);
  return found;
}

function levelRun(labels: readonly string[]): boolean {
  const s = scaleOfLevelHeaders(labels);
  return s !== null && s.kind !== 'custom' && s.levels.length === labels.length;
}

/** The cells above a run hold one header (a merged area over them, or the same text in each). */
function sameHeaderAbove(sheet: SheetSnapshot, merges: MergeIndex, row: number, from: number, to: number): boolean {
  if (row < 0) return false;
  const first = normalizeHeader(headerText(sheet, merges, row, from));
  if (first === '') return false;
  for (let c = from + 1; c <= to; c++) if (normalizeHeader(headerText(sheet, merges, row, c)) !== first) return false;
  return true;
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

/** A column's header cells as typed, top first, trimmed, each once (as columnLabels joins them). */
function shownHeaderParts(sheet: SheetSnapshot, merges: MergeIndex, headerRows: number[], col: number): string[] {
  const parts: string[] = [];
  let last = '';
  for (const r of headerRows) {
    const text = headerText(sheet, merges, r, col).trim();
    const key = normalizeHeader(text);
    if (key !== '' && key !== last) parts.push(text);
    if (key !== '') last = key;
  }
  return parts;
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
    const evidence: ColumnEvidence[] = [];
    if (c.role !== 'text' && c.role !== 'ignore') evidence.push({ kind: 'header', word: label.replace(/\n/g, '') });
    if (c.year !== undefined && c.role === 'grade') evidence.push({ kind: 'year-header', year: c.year });
    columns.push({ col, label: label, role: c.role, year: c.year, source: 'detected', evidence });
  });
  levelColumnGroups(columns, labels, { multiYear, previousYear: undefined });
  // 担当部署 and 担当課 side by side: the 課 is the one that reports.
  const departments = columns.filter((c) => c.role === 'department');
  if (departments.length > 1) {
    const keep = departments.find((c) => /課/.test(c.label)) ?? departments[departments.length - 1];
    for (const c of departments) if (c !== keep) c.role = 'text';
  }
  return columns;
}

/**
 * Columns under one grade header whose sub-headers are the levels (`評価` over `A | B | C | D`):
 * one grade column read from a mark in one of them (encoding `level-columns`). The first
 * column stands for the group; the others are its level columns, not checked on their own.
 */
function levelColumnGroups(columns: ColumnLayout[], labels: string[], context: { multiYear: boolean; previousYear?: number }): void {
  const prefixOf = (l: string): string | null => (l.includes('\n') ? l.slice(0, l.lastIndexOf('\n')) : null);
  for (let c = 0; c < labels.length; ) {
    const prefix = prefixOf(labels[c]);
    let end = c;
    while (prefix !== null && end + 1 < labels.length && prefixOf(labels[end + 1]) === prefix) end++;
    if (prefix === null || end === c) {
      c = end + 1;
      continue;
    }
    const levels = labels.slice(c, end + 1).map((l) => l.slice(l.lastIndexOf('\n') + 1));
    const classified = classifyLabel(prefix, context);
    // `R2評価` over level columns is that year's grade, whatever a multi-year table would call it.
    const role = classified.role === 'yearEvaluation' && /評価(結果)?$/.test(prefix) ? 'grade' : classified.role;
    if ((role === 'grade' || role === 'previousGrade') && levelRun(levels)) {
      const group = columns.slice(c, end + 1);
      const head = group[0];
      head.role = role;
      head.year = classified.year;
      head.label = prefix;
      head.encoding = 'level-columns';
      head.levelColumns = group.map((g, i) => ({ col: g.col, label: levels[i] }));
      head.evidence = [{ kind: 'header', word: prefix.replace(/\n/g, '') }, ...(classified.year !== undefined ? [{ kind: 'year-header' as const, year: classified.year }] : []), { kind: 'level-columns', labels: levels }];
      for (const g of group.slice(1)) {
        g.role = 'ignore';
        g.evidence = [{ kind: 'level-columns', labels: levels }];
      }
    }
    c = end + 1;
  }
}

function applyOverrides(layout: SheetLayout, labels: string[], corrections: TableCorrections): void {
  const named = Object.entries(corrections.columns).filter(([, o]) => o.role !== undefined);
  if (named.length > 0) {
    // A person named the columns: what detection was unsure about no longer applies.
    layout.uncertainties = layout.uncertainties.filter((u) => u.kind === 'report-year-unknown');
  }
  for (const [letter, o] of named) {
    const col = columnIndex(letter);
    const existing = layout.columns.find((c) => c.col === col);
    const entry: ColumnLayout = { col, label: labels[col] ?? '', role: o.role as ColumnRole, year: o.year, source: 'override', evidence: [{ kind: 'override' }], hidden: existing?.hidden };
    if (existing) Object.assign(existing, entry);
    else layout.columns.push(entry);
  }
  layout.columns.sort((a, b) => a.col - b.col);
  displaceDetected(layout);
}

/**
 * Roles a table reads from one column only (the plan builder takes the first). A person who
 * gives one of them to a column means that column: the column detection gave it to stops being
 * read, or the correction would be shown as applied and change nothing. Grade columns named by
 * year are settled with the report year (resolveYearGrades).
 */
const SINGLE_READ_ROLES: readonly ColumnRole[] = ['grade', 'previousGrade', 'nextPolicy', 'department', 'repost', 'achievement'];

export function displaceDetected(layout: SheetLayout, dated = false): void {
  for (const role of SINGLE_READ_ROLES) {
    const chosen = layout.columns.find((c) => c.source === 'override' && c.role === role);
    if (!chosen) continue;
    for (const c of layout.columns) {
      if (c.source !== 'detected' || c.role !== role || (c.year !== undefined) !== dated) continue;
      c.role = 'ignore';
      (c.evidence ??= []).push({ kind: 'displaced', by: chosen.col, role });
    }
  }
}

/** What a column's data cells hold, from one pass over (at most) the first rows of the region. */
interface ColumnStats {
  filled: number;
  /** A–D (bare or explained) and dashes, short. */
  gradeLike: number;
  bareGrades: number;
  dashes: number;
  notations: Map<GradeNotation, number>;
  achievementLike: number;
  vocabularyLike: number;
  departmentLike: number;
  /** Names of sections (課・室・係・センター), the unit that reports, rather than of a 部 or 局. */
  sectionLike: number;
  prose: number;
  /** Short texts and small whole numbers, with how often each occurs (the evidence of a scale). */
  tokens: Map<string, number>;
  /** Rows with exactly one mark across the column's level columns (level-columns encoding). */
  marked: number;
}

/** Distinct short texts kept per column: a grade column has a handful; prose has many, and is not a scale. */
const MAX_TOKENS = 64;

/** Enough rows to know what a column holds; detection stays linear on 100k-row sheets. */
const CONTENT_SAMPLE_ROWS = 4000;
const DEPARTMENT_LIKE = /(課|室|係|センター|局|部|所|館|園)$/;
const SECTION = /[^\s]{1,20}(課|室|係|センター)/;

function columnStats(sheet: SheetSnapshot, layout: SheetLayout, hiddenRows: ReadonlySet<number>, vocabulary: ReadonlySet<string>): ColumnStats[] {
  const width = layout.columns.length;
  const stats: ColumnStats[] = [];
  for (let c = 0; c < width; c++) {
    stats.push({ filled: 0, gradeLike: 0, bareGrades: 0, dashes: 0, notations: new Map(), achievementLike: 0, vocabularyLike: 0, departmentLike: 0, sectionLike: 0, prose: 0, tokens: new Map(), marked: 0 });
  }
  const repeated = new Set(layout.repeatedHeaderRows);
  const end = Math.min(layout.lastDataRow, layout.firstDataRow + CONTENT_SAMPLE_ROWS);
  for (let r = layout.firstDataRow; r <= end; r++) {
    const row = sheet.rows[r];
    // A block's heading line (`基本目標 | 1 福祉のまちづくり` between stacked blocks) heads rows:
    // its name is no value of the column it happens to stand in.
    if (!row || hiddenRows.has(r) || repeated.has(r) || looksLikeTotalRow(row, width) || blockHeaderLine(sheet, r, width) !== null) continue;
    for (let c = 0; c < Math.min(width, row.length); c++) {
      const v = row[c];
      if (isBlank(v)) continue;
      const s = stats[c];
      s.filled++;
      const achievement = parseAchievement(v).kind;
      if (achievement !== 'none') s.achievementLike++;
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10) addToken(s.tokens, String(v));
      if (typeof v !== 'string') continue;
      const t = v.trim();
      if (t.length <= 40 && !isDashOnly(t)) addToken(s.tokens, t);
      if (t.length > 40) {
        s.prose++;
        continue;
      }
      if (isDashOnly(t)) {
        s.dashes++;
        s.gradeLike++;
        s.achievementLike++;
        s.vocabularyLike++;
        continue;
      }
      const g = parseGrade(t);
      if (g.kind === 'grade') {
        s.gradeLike++;
        if (g.notation) s.notations.set(g.notation, (s.notations.get(g.notation) ?? 0) + 1);
        else s.bareGrades++;
      }
      if (vocabulary.has(t)) s.vocabularyLike++;
      if (t.length <= 20 && DEPARTMENT_LIKE.test(t)) s.departmentLike++;
      if (t.length <= 40 && SECTION.test(t)) s.sectionLike++;
    }
  }
  return stats;
}

/** Level columns: rows whose level columns hold exactly one mark (evidence the form is read right). */
function markedRows(sheet: SheetSnapshot, layout: SheetLayout, hiddenRows: ReadonlySet<number>, stats: ColumnStats[]): void {
  const end = Math.min(layout.lastDataRow, layout.firstDataRow + CONTENT_SAMPLE_ROWS);
  for (const c of layout.columns) {
    if (c.encoding !== 'level-columns' || !c.levelColumns) continue;
    for (let r = layout.firstDataRow; r <= end; r++) {
      if (hiddenRows.has(r)) continue;
      let marks = 0;
      for (const l of c.levelColumns) if (!isBlank(cellAt(sheet, r, l.col)) && !isDashOnly(cellText(cellAt(sheet, r, l.col)))) marks++;
      if (marks === 1) stats[c.col].marked++;
    }
  }
}

/** More of the values read as grades on `scale` than on A–D. */
function fitsBetter(tokens: ReadonlyMap<string, number>, scale: Scale): boolean {
  let on = 0;
  let def = 0;
  for (const [t, n] of tokens) {
    if (parseGrade(t, scale).kind === 'grade') on += n;
    if (parseGrade(t).kind === 'grade') def += n;
  }
  return on > def;
}

function addToken(tokens: Map<string, number>, t: string): void {
  const n = tokens.get(t);
  if (n !== undefined) tokens.set(t, n + 1);
  else if (tokens.size < MAX_TOKENS) tokens.set(t, 1);
}

/** A column's counts re-read on a scale other than A–D (S/A/B/C, ◎○△×, points …). */
function restate(st: ColumnStats, scale: Scale): void {
  let gradeLike = st.dashes;
  let bare = 0;
  const notations = new Map<GradeNotation, number>();
  for (const [t, n] of st.tokens) {
    const g = parseGrade(t, scale);
    if (g.kind !== 'grade') continue;
    gradeLike += n;
    if (g.notation) notations.set(g.notation, (notations.get(g.notation) ?? 0) + n);
    else bare += n;
  }
  st.gradeLike = gradeLike;
  st.bareGrades = bare;
  st.notations = notations;
}

/** Validation lists on a column's data rows: grade lists (a scale's levels) and 次年度方針 lists. */
function validationsByColumn(sheet: SheetSnapshot, layout: SheetLayout, vocabulary: ReadonlySet<string>): Map<number, { items: string[]; grades: boolean; policy: boolean; scale: Scale | null }> {
  const out = new Map<number, { items: string[]; grades: boolean; policy: boolean; scale: Scale | null }>();
  for (const v of sheet.validations ?? []) {
    const policy = v.items.length > 0 && v.items.filter((i) => vocabulary.has(i.trim())).length >= Math.max(2, v.items.length / 2);
    const scale = policy ? null : scaleOfList(v.items);
    // Letters, marks or achievement words in three levels or more make a grade list by
    // themselves; numbers or a city's own words only tell the scale of a column named 評価.
    const grades = scale !== null && scale.levels.length >= 3 && (scale.kind === 'letters' || scale.kind === 'marks' || scale.kind === 'words');
    if (!scale && !policy) continue;
    for (const range of v.ranges) {
      if (range.bottom < layout.firstDataRow || range.top > layout.lastDataRow) continue;
      for (let c = range.left; c <= Math.min(range.right, layout.columns.length - 1); c++) out.set(c, { items: v.items, grades, policy, scale });
    }
  }
  return out;
}

/**
 * Header words are weighed against what the column holds and any validation list on it:
 * a grade column holds short grades (bare or in one explained notation); a prose column
 * with capital letters in it (就労継続支援A型, Bコース) never becomes one.
 */
function weighEvidence(sheet: SheetSnapshot, layout: SheetLayout, options: DetectOptions, hiddenRows: ReadonlySet<number>, hiddenCols: ReadonlySet<number>): Evidence {
  const vocabulary = new Set((options.nextPolicyVocabulary ?? DEFAULT_VOCABULARY).map((w) => w.trim()));
  const stats = columnStats(sheet, layout, hiddenRows, vocabulary);
  const lists = validationsByColumn(sheet, layout, vocabulary);
  // A column named as grades may grade on another scale (S/A/B/C, ◎○△×, points): its values
  // are weighed on the scale its own evidence shows, so S grades do not make it look like prose.
  // This year's and last year's grades share a scale: a column whose own values show none
  // (every row 概ね達成) reads on what its neighbours show.
  // Grade columns named by their year (`R元評価 | R2評価`) are year columns until their values
  // are weighed: they share too, when what fills them is mostly levels of some scale (an
  // evaluation in prose or in words of its own does not).
  const levelShare = (tokens: ReadonlyMap<string, number>): number => {
    let levels = 0;
    let all = 0;
    for (const [t, n] of tokens) {
      all += n;
      if (classifyToken(t).kind !== 'other') levels += n;
    }
    return all === 0 ? 0 : levels / all;
  };
  const yearGrade = (c: ColumnLayout): boolean => c.role === 'yearEvaluation' && /評価(結果)?$/.test(c.label) && stats[c.col].prose === 0 && levelShare(stats[c.col].tokens) >= 0.5;
  const shared = new Map<string, number>();
  for (const c of layout.columns) {
    if (((c.role === 'grade' || c.role === 'previousGrade') && c.encoding !== 'level-columns') || yearGrade(c)) for (const [t, n] of stats[c.col].tokens) shared.set(t, (shared.get(t) ?? 0) + n);
  }
  // A form that marks the grade in one column per level names the levels in its sub-headers:
  // the sheet's other grade columns (last year's, in words) are on that scale too.
  const levelForm = layout.columns.find((c) => (c.role === 'grade' || c.role === 'previousGrade') && c.encoding === 'level-columns' && c.levelColumns);
  const region = inferScale({ tokens: shared, legends: options.legends, levelHeaders: levelForm?.levelColumns?.map((l) => l.label) });
  for (const c of layout.columns) {
    if (c.role !== 'grade' && c.role !== 'previousGrade' && c.role !== 'yearEvaluation' && !lists.get(c.col)?.grades) continue;
    if (c.encoding === 'level-columns') continue;
    let own = inferScale({ tokens: stats[c.col].tokens, listItems: lists.get(c.col)?.scale ? lists.get(c.col)!.items : undefined, headers: [typedLabel(c)], legends: options.legends });
    if (own.source === 'default' && region.source !== 'default' && fitsBetter(stats[c.col].tokens, region)) own = region;
    if (own.source === 'default' && options.workbookScale && fitsBetter(stats[c.col].tokens, options.workbookScale)) own = options.workbookScale;
    if (!isDefaultLevels(own)) restate(stats[c.col], own);
  }
  markedRows(sheet, layout, hiddenRows, stats);
  const share = (c: ColumnLayout, n: (s: ColumnStats) => number): number => (stats[c.col].filled > 0 ? n(stats[c.col]) / stats[c.col].filled : 0);
  const content = (c: ColumnLayout, n: (s: ColumnStats) => number): ColumnEvidence => ({
    kind: 'content',
    share: Math.round(share(c, n) * 100) / 100,
    filled: stats[c.col].filled,
  });
  const gradeShare = (c: ColumnLayout): number => share(c, (s) => s.gradeLike);

  for (const c of layout.columns) {
    if (hiddenCols.has(c.col)) {
      // Hidden helper columns (formulas, scores) are outside the check, whatever their header says.
      c.hidden = true;
      if (c.role !== 'text' && c.role !== 'ignore') (c.evidence ??= []).push({ kind: 'hidden' });
      c.role = 'ignore';
      continue;
    }
    const list = lists.get(c.col);
    if (list) (c.evidence ??= []).push({ kind: 'validation', items: list.items.slice(0, 12) });
    const st = stats[c.col];
    switch (c.role) {
      case 'yearEvaluation': {
        // `令和2年度 | 評価` holding A–D: a grade of that year, not a year block's prose.
        const letters = st.bareGrades + [...st.notations.values()].reduce((a, b) => a + b, 0);
        const gradeWord = /評価(結果)?$/.test(c.label);
        const plainLabel = c.label.replace(/\n/g, '');
        if (((letters >= 1 && gradeShare(c) >= 0.6 && letters >= 0.5 * (st.filled - st.dashes)) || list?.grades) && gradeWord && !/に関する|の評価\(文章|コメント|所見/.test(plainLabel)) {
          c.role = 'grade';
          (c.evidence ??= []).push({ kind: 'year-header', year: c.year as number }, content(c, (s) => s.gradeLike));
        }
        break;
      }
      case 'grade':
      case 'previousGrade':
        if (c.encoding === 'level-columns') {
          if (st.marked > 0) (c.evidence ??= []).push({ kind: 'content', share: 1, filled: st.marked });
        } else if (st.filled >= 4 && gradeShare(c) < 0.3 && !list?.grades) {
          c.role = 'text';
          layout.uncertainties.push({ kind: 'grade-column-demoted', column: c.col });
        } else if (st.filled > 0) (c.evidence ??= []).push(content(c, (s) => s.gradeLike));
        break;
      case 'nextPolicy': {
        // 今後の方向性 is often prose; 次年度方針 and a vocabulary list are not.
        const exact = /次年度/.test(c.label) || list?.policy;
        if (!exact && st.filled >= 3 && share(c, (s) => s.vocabularyLike) < 0.5) c.role = 'text';
        else if (st.filled > 0) (c.evidence ??= []).push(content(c, (s) => s.vocabularyLike));
        break;
      }
      case 'achievement':
        if (st.filled >= 3 && share(c, (s) => s.achievementLike) < 0.3 && st.prose > 0) c.role = 'text';
        else if (st.filled > 0) (c.evidence ??= []).push(content(c, (s) => s.achievementLike));
        break;
      case 'text':
      case 'ignore':
        if (list?.grades) {
          c.role = 'grade';
          if (st.filled > 0) (c.evidence ??= []).push(content(c, (s) => s.gradeLike));
        } else if (list?.policy) c.role = 'nextPolicy';
        break;
      default:
        break;
    }
  }

  // A template lays out every plan year in advance: the blank future columns worded like a
  // year's grade column (`令和4年度評価` beside `令和2年度評価` holding grades) are grades too.
  const yearless = (c: ColumnLayout): string => stripYears(c.label);
  const gradeShapes = new Set(layout.columns.filter((c) => c.role === 'grade' && c.year !== undefined).map(yearless));
  if (gradeShapes.size > 0) {
    const blockYears = new Set(layout.columns.filter((c) => c.role === 'yearStatus' || c.role === 'yearAchievement').map((c) => c.year));
    for (const c of layout.columns) {
      if (c.role !== 'yearEvaluation' || stats[c.col].filled > 0 || blockYears.has(c.year) || !gradeShapes.has(yearless(c))) continue;
      c.role = 'grade';
      (c.evidence ??= []).push({ kind: 'year-header', year: c.year as number });
    }
  }

  // Several grade columns of no year: the one with the most evidence is the grade column.
  const undated = layout.columns.filter((c) => c.role === 'grade' && c.year === undefined);
  if (undated.length > 1) {
    const weight = (c: ColumnLayout): number =>
      (lists.get(c.col)?.grades ? 3 : 0) + (stats[c.col].filled > 0 ? 2 * gradeShare(c) : 0) + (/^(評価|今年度|本年度|当該年度|事業評価|総合評価)/.test(c.label.replace(/\n/g, '')) ? 0.5 : 0);
    const ranked = [...undated].sort((a, b) => weight(b) - weight(a) || a.col - b.col);
    if (weight(ranked[0]) - weight(ranked[1]) >= 0.5) {
      for (const c of ranked.slice(1)) c.role = 'text';
    } else {
      layout.uncertainties.push({ kind: 'ambiguous-grade-column', columns: undated.map((c) => c.col) });
    }
  }
  const remaining = layout.columns.filter((c) => c.role === 'grade');
  if (remaining.length === 0 && !layout.columns.some((c) => c.role === 'yearStatus' || c.role === 'yearEvaluation' || c.role === 'yearAchievement')) {
    // No grade column, and one headed 達成状況 / 進捗度 holds levels (A–D, ◎○△), not percents or
    // prose: that is how this table states its grade, as a person reading it would take it.
    // Levels named by letters, marks or achievement words (a number may be a rate or a count).
    const statedLevels = (st: ColumnStats): boolean => {
      let levels = 0;
      let all = 0;
      for (const [t, n] of st.tokens) {
        all += n;
        const k = classifyToken(t).kind;
        if (k === 'letter' || k === 'mark' || k === 'word') levels += n;
      }
      return all > 0 && levels / all >= 0.8 && st.tokens.size >= 2;
    };
    const stated = layout.columns.find((c) => c.role === 'achievement' && !c.hidden && stats[c.col].filled >= 3 && stats[c.col].prose === 0 && ((gradeShare(c) >= 0.8 && stats[c.col].gradeLike > 0) || statedLevels(stats[c.col])));
    if (stated) {
      stated.role = 'grade';
      (stated.evidence ??= []).push(content(stated, (s) => s.gradeLike));
    }
  }
  if (!layout.columns.some((c) => c.role === 'grade') && !layout.columns.some((c) => c.role === 'yearStatus' || c.role === 'yearEvaluation' || c.role === 'yearAchievement')) {
    // Nothing to guess from its header or the A–D letters, but every value a level of some scale
    // (points, marks, S/A/B/C): said, so a workbook graded that way is never passed in silence.
    const levelish = layout.columns.find((c) => (c.role === 'text' || c.role === 'ignore') && !c.hidden && stats[c.col].filled >= 3 && stats[c.col].prose === 0 && stats[c.col].tokens.size >= 2 && levelShare(stats[c.col].tokens) === 1);
    if (levelish) layout.levelsUnread = levelish.col;
    for (const c of layout.columns) {
      if ((c.role !== 'text' && c.role !== 'ignore') || c.hidden) continue;
      const st = stats[c.col];
      if (st.filled >= 3 && gradeShare(c) >= 0.8 && st.gradeLike > 0) {
        c.role = 'grade';
        (c.evidence ??= []).push(content(c, (s) => s.gradeLike));
        layout.uncertainties.push({ kind: 'grade-column-guessed', column: c.col });
        break;
      }
    }
  }
  // Two columns headed as departments, neither saying 課 (担当 and 担当部署): the one naming
  // sections (課・室・係) is the department that reports, the other names their 部 (its header
  // alone chose the last one, classifyColumns).
  const headedDepartments = layout.columns.filter(
    (c) => c.source === 'detected' && !c.hidden && (c.role === 'department' || c.role === 'text') && classifyLabel(c.label, { multiYear: false }).role === 'department',
  );
  const chosenDepartment = headedDepartments.find((c) => c.role === 'department');
  if (chosenDepartment && headedDepartments.length > 1 && !headedDepartments.some((c) => /課/.test(c.label))) {
    const sections = (c: ColumnLayout): number => share(c, (s) => s.sectionLike);
    const best = headedDepartments.reduce((a, b) => (sections(b) > sections(a) ? b : a), chosenDepartment);
    if (best !== chosenDepartment && sections(best) >= 0.5 && sections(best) > sections(chosenDepartment) + 0.2) {
      chosenDepartment.role = 'text';
      chosenDepartment.evidence = [];
      best.role = 'department';
      best.evidence = [{ kind: 'header', word: best.label.replace(/\n/g, '') }, content(best, (s) => s.sectionLike)];
    }
  }
  // No department header: a column of names ending in 課/室/係/センター is the department.
  if (!layout.columns.some((c) => c.role === 'department')) {
    for (const c of layout.columns) {
      if (c.role !== 'text' || c.hidden || stats[c.col].filled < 3) continue;
      if (share(c, (s) => s.departmentLike) >= 0.8) {
        c.role = 'department';
        (c.evidence ??= []).push(content(c, (s) => s.departmentLike));
        break;
      }
    }
  }
  for (const c of layout.columns) if (c.year !== undefined && c.role === 'grade' && !layout.entryYears.includes(c.year) && stats[c.col].filled > 0) layout.entryYears.push(c.year);
  for (const c of layout.columns) {
    if ((c.role === 'yearStatus' || c.role === 'yearEvaluation' || c.role === 'yearAchievement') && c.year !== undefined && stats[c.col].filled > 0 && !layout.entryYears.includes(c.year)) layout.entryYears.push(c.year);
  }
  layout.entryYears.sort((a, b) => a - b);
  return { stats, lists };
}

interface Evidence {
  stats: ColumnStats[];
  lists: Map<number, { items: string[]; grades: boolean; policy: boolean; scale: Scale | null }>;
}

/**
 * The region's grade scale, once its grade columns are known (a person's column roles
 * included): a person's scale, else what the level sub-headers, a dropdown list, a legend,
 * the header or the values say (scale/infer.ts), else A–D. A scale whose best end nothing
 * states makes the region uncertain: it raises no errors and asks.
 */
function resolveScale(layout: SheetLayout, personScale: Scale | undefined, options: DetectOptions, { stats, lists }: Evidence): void {
  const gradeCols = layout.columns.filter((c) => (c.role === 'grade' || c.role === 'previousGrade') && !c.hidden);
  const tokens = new Map<string, number>();
  for (const c of gradeCols) if (c.encoding !== 'level-columns') for (const [t, n] of stats[c.col]?.tokens ?? []) tokens.set(t, (tokens.get(t) ?? 0) + n);
  const withList = gradeCols.find((c) => lists.get(c.col)?.scale);
  const levelCols = gradeCols.find((c) => c.encoding === 'level-columns');
  let scale =
    personScale ??
    (gradeCols.length === 0
      ? DEFAULT_SCALE
      : inferScale({
          tokens,
          listItems: withList ? lists.get(withList.col)!.items : undefined,
          // As typed: the header is the scale's evidence, shown to the person (評価（A～D）, not 評価(A~D)).
          headers: gradeCols.map(typedLabel),
          levelHeaders: levelCols?.levelColumns?.map((l) => l.label),
          legends: options.legends,
        }));
  const fallback = options.workbookScale;
  if (!personScale && scale.source === 'default' && fallback && fitsBetter(tokens, fallback)) scale = { ...fallback, evidence: fallback.evidence ?? 'other sheets' };
  layout.scale = scale;
  if (!isDefaultLevels(scale)) for (const c of gradeCols) if (stats[c.col] && c.encoding !== 'level-columns') restate(stats[c.col], scale);
  if (scale.directionUnknown && gradeCols.length > 0) layout.uncertainties.push({ kind: 'scale-direction-unknown', column: gradeCols[0].col, labels: labelsOf(scale) });
  // The sheet's standard notation: one explained form used by the whole column (or its list).
  for (const c of layout.columns) {
    if (c.role !== 'grade' && c.role !== 'previousGrade') continue;
    const st = stats[c.col];
    if (!st) continue;
    let best: GradeNotation | undefined;
    let bestCount = 0;
    for (const [n, count] of st.notations) if (count > bestCount) [best, bestCount] = [n, count];
    const listNotation = notationOfList(lists.get(c.col)?.items ?? [], scale);
    if (listNotation) c.notation = listNotation;
    else if (best && bestCount >= 2 && bestCount >= 0.8 * (bestCount + st.bareGrades)) c.notation = best;
  }
}

function stripYears(label: string): string {
  let out = label.normalize('NFKC');
  for (const y of findYears(out).reverse()) out = out.slice(0, y.index) + out.slice(y.index + y.text.length);
  return out.replace(/\s+/g, '');
}

function notationOfList(items: readonly string[], scale: Scale): GradeNotation | undefined {
  const notations = new Set<GradeNotation | undefined>();
  for (const item of items) {
    const g = parseGrade(item, scale);
    if (g.kind === 'grade') notations.add(g.notation);
  }
  return notations.size === 1 ? [...notations][0] : undefined;
}

function blockHeaderLines(sheet: SheetSnapshot, from: number, to: number, width: number): BlockHeaderLine[] {
  const lines: BlockHeaderLine[] = [];
  for (let r = from; r < to; r++) {
    const line = blockHeaderLine(sheet, r, width);
    if (line) lines.push(line);
  }
  return lines;
}

const BLOCK_KEYWORD = /^【?(基本理念|基本目標|基本方針|基本施策|施策の柱|重点施策|重点目標)\s*([0-9]+|[一二三四五六七八九十]+)?\s*】?\s*[:：.．、]?\s*(.*)$/;

/**
 * A hierarchy line above or inside the table, never a program: `基本目標 | 1 福祉のまちづくり`
 * (a label cell and a value cell), `基本目標1 | 福祉のまちづくり`, or one cell
 * `【基本施策2】地域で支え合う` outside the outline columns (stacked blocks on one sheet).
 */
export function blockHeaderLine(sheet: SheetSnapshot, row: number, width = Number.MAX_SAFE_INTEGER, outlineCols?: ReadonlySet<number>): BlockHeaderLine | null {
  const values = sheet.rows[row] ?? [];
  // Called for every data row: count before building strings.
  let filled = 0;
  let firstCol = -1;
  const end = Math.min(values.length, width);
  for (let c = 0; c < end; c++) {
    if (isBlank(values[c])) continue;
    if (firstCol < 0) firstCol = c;
    if (++filled > 2) return null;
  }
  if (filled === 0) return null;
  const cells: string[] = [];
  for (let c = 0; c < end; c++) if (!isBlank(values[c])) cells.push(cellText(values[c]).trim());
  const label = normalizeHeader(cells[0]);
  if (filled === 2) {
    if (BLOCK_LABEL.test(label)) return { row, label, value: cells[1] };
    const m = BLOCK_KEYWORD.exec(label);
    if (m && m[2] && m[3] === '') return { row, label: m[1], value: `${originalSlice(cells[0], label.length - m[2].length, label.length, normalizeHeader)} ${cells[1]}` };
    return null;
  }
  // A lone cell in an outline column is the outline's own (Kiyose's 【基本方針1】 rows), and above
  // the header a lone line is a title: only outside the outline does it head a block.
  if (outlineCols === undefined || outlineCols.has(firstCol)) return null;
  const loose = normalizeLoose(cells[0]);
  const m = BLOCK_KEYWORD.exec(loose);
  if (!m || (!m[2] && m[3] === '')) return null;
  // Found on the normalised copy, shown as typed (#26): `施策の柱5 適切なサービス…` keeps its ー.
  const name = originalSlice(cells[0], loose.length - m[3].length, loose.length, normalizeLoose);
  if (!m[2]) return { row, label: m[1], value: name };
  const number = originalSlice(cells[0], m[0].indexOf(m[2]), m[0].indexOf(m[2]) + m[2].length, normalizeLoose);
  return { row, label: m[1], value: `${number} ${name}`.trim() || `${m[2]} ${m[3]}`.trim() };
}

// A plan period (`令和3～7年度`, `2021年度～2025年度`) or a span of years is not a report year.
const YEAR_RANGE = /((令和|平成|[RH])\s*(元|\d{1,2})|\d{4})\s*(年度|年)?\s*[～〜~\-－ー—から]+\s*((令和|平成|[RH])\s*)?(元|\d{1,4})\s*(年度|年)?/g;

/** Years a text states as its own, plan periods and future plans (令和7年度以降) left out. */
function reportYearsIn(text: string): number[] {
  if (/期間/.test(text) && findYears(text).length > 1) return []; // 計画の期間(2018年度～2026年度)
  const t = text.normalize('NFKC').replace(YEAR_RANGE, ' ');
  return findYears(t)
    .filter((y) => !y.future)
    .map((y) => y.year);
}

/** The report year printed in the sheet's title rows, ignoring plan periods. */
function statedYear(sheet: SheetSnapshot, beforeRow: number, width: number, from = 0): number | null {
  const candidates: { year: number; weight: number }[] = [];
  for (let r = from; r < Math.min(beforeRow, from + 12); r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < Math.min(row.length, width); c++) {
      const t = cellText(row[c]);
      if (t.length === 0 || t.length > 120) continue;
      for (const year of reportYearsIn(t)) candidates.push({ year, weight: TITLE_KEYWORDS.test(t) ? 3 : 2 });
    }
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.weight - a.weight || b.year - a.year);
  return candidates[0].year;
}

/** A year in the sheet's name (`R5 評価`, `令和5年度`). */
function sheetNameYear(sheet: SheetSnapshot): number | null {
  const years = reportYearsIn(sheet.name);
  return years.length === 1 ? years[0] : null;
}

/** A year in the file name (`R5_事業評価_高齢福祉課.xlsx`). */
export function fileNameYear(fileName: string): number | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '').replace(/[_]/g, ' ');
  const years = [...new Set(reportYearsIn(base))];
  return years.length === 1 ? years[0] : null;
}

/** Printed page headers repeated inside the table. */
function repeatedHeaders(
  sheet: SheetSnapshot,
  merges: MergeIndex,
  headerRows: number[],
  width: number,
  lastRow: number,
): number[] {
  const main = headerRows.length > 1 ? headerRows.find((r) => headerScore(rowLabels(sheet, merges, r, width)) > 0) ?? headerRows[0] : headerRows[0];
  // The main header row's own cells (not merged areas' values): a repeated header repeats the
  // cells, and its merged areas leave the same cells empty.
  const expected: string[] = [];
  for (let c = 0; c < width; c++) expected.push(normalizeHeader(cellText(cellAt(sheet, main, c))));
  const significant = expected.map((t, i) => (t !== '' ? i : -1)).filter((i) => i >= 0);
  const out: number[] = [];
  const start = headerRows[headerRows.length - 1] + 1;
  const headerTexts: Set<string>[] = [];
  // The header rows, and a caption line or two just above them (`事業の進捗状況と評価`), which a
  // repeated header repeats too.
  const echoRows = [headerRows[0] - 2, headerRows[0] - 1, ...headerRows].filter((r) => r >= 0);
  for (const hr of echoRows) {
    const cells = sheet.rows[hr] ?? [];
    for (let c = 0; c < Math.min(cells.length, width); c++) {
      const t = normalizeHeader(cellText(cells[c]));
      if (t !== '') (headerTexts[c] ??= new Set()).add(t);
    }
  }
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
  for (let r = start; r <= lastRow; r++) {
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
      // and the other rows of a two- or three-row header around it (group labels, sub-labels)
      const mainAt = headerRows.indexOf(main);
      for (let s = r - 1; s >= Math.max(start, r - mainAt - 2); s--) {
        if (!sheet.rows[s]) continue; // a blank line between a caption and the header
        if (!isHeaderEcho(s)) break;
        if (!out.includes(s)) out.push(s);
      }
      out.push(r);
      for (let s = r + 1; s < Math.min(sheet.rows.length, r + 3); s++) {
        const cells = (sheet.rows[s] ?? []).map((v) => normalizeHeader(cellText(v))).filter((t) => t !== '');
        if (cells.length > 0 && (cells.every((t) => SUB_HEADER_LABELS.has(t)) || isHeaderEcho(s))) out.push(s);
        else break;
      }
    }
  }
  return out.sort((a, b) => a - b);

  /** Every filled cell of the row repeats a header text of its column. */
  function isHeaderEcho(row: number): boolean {
    const cells = sheet.rows[row];
    if (!cells) return false;
    let any = false;
    for (let c = 0; c < Math.min(cells.length, width); c++) {
      const t = cellText(cells[c]);
      if (t === '') continue;
      if (t.length > 40 || !headerTexts[c]?.has(normalizeHeader(t))) return false;
      any = true;
    }
    return any;
  }
}

/** A column's header as typed (its cells joined), else its label. */
function typedLabel(c: ColumnLayout): string {
  return c.shownParts && c.shownParts.length > 0 ? c.shownParts.join('\n') : c.label;
}
