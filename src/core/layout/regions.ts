import { columnLetter } from '../a1';
import { cellText, isBlank, type CellRange, type SheetSnapshot } from '../snapshot';
import { normalizeHeader } from '../text';
import { findYears } from '../years';

/**
 * Several tables on one sheet. Departments put two plans' tables side by side (separated by
 * blank columns) or one below the other (a blank gap, a new title, a header with other
 * columns); each is a region of its own with its own plan. Stacked *blocks* of one table (the
 * same header repeated, printed page headers with （再）) stay one region: detect.ts reads
 * those as repeated headers inside the table.
 */

/** 0-based, inclusive: the rows and columns one table may occupy. */
export interface TableArea {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What detect.ts finds as a table's header inside an area: its rows and its labels per column. */
export interface HeaderProbe {
  rows: number[];
  /** Normalised joined labels, indexed by absolute column (columns outside the area are ''). */
  labels: string[];
  /** Roles the labels name, by absolute column ('text' / 'ignore' left out). */
  roles: Map<number, string>;
}

export type ProbeHeader = (view: SheetSnapshot, area: TableArea) => HeaderProbe | null;

/** Rows read to find blank gap columns: enough to see a table's columns, linear on huge sheets. */
const GAP_SCAN_ROWS = 5000;
/** Blank rows before a candidate header that are looked at; bounds the stacked-table scan. */
const MAX_STACK_CANDIDATES = 400;
/** The share of a header's labels a later header must repeat to be the same table's page header (as detect.ts's repeated-header test). */
const SAME_HEADER_SHARE = 0.6;

const OUTLINE_ROLES = new Set(['name', 'hierarchy']);
const DATA_ROLES = new Set(['grade', 'previousGrade', 'yearStatus', 'yearEvaluation', 'yearAchievement', 'achievement', 'recordYear']);

/** A table on its own: it names its program column and something reported about each program. */
function standsAlone(probe: HeaderProbe | null): probe is HeaderProbe {
  if (!probe) return false;
  const roles = [...probe.roles.values()];
  return roles.some((r) => OUTLINE_ROLES.has(r)) && roles.some((r) => DATA_ROLES.has(r));
}

/** Both headers name their programs by the same kind of outline column. */
function sameOutline(a: HeaderProbe, b: HeaderProbe): boolean {
  const outline = (p: HeaderProbe): Set<string> => new Set([...p.roles.values()].filter((r) => OUTLINE_ROLES.has(r)));
  const of = outline(b);
  return [...outline(a)].some((r) => of.has(r));
}

/**
 * The tables of an area, in reading order (top to bottom, then left to right). One area when
 * the evidence does not show several tables: the common case keeps today's reading.
 */
export function splitTables(sheet: SheetSnapshot, area: TableArea, probe: ProbeHeader): TableArea[] {
  const out: TableArea[] = [];
  for (const columns of splitSideBySide(sheet, area, probe)) out.push(...splitStacked(sheet, columns, probe));
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

/** Cells of the sheet outside the area read as blank (coordinates kept), for reading one table of several. */
export function areaView(sheet: SheetSnapshot, area: TableArea): SheetSnapshot {
  const rows: SheetSnapshot['rows'] = new Array(Math.min(sheet.rows.length, area.bottom + 1));
  for (let r = area.top; r < rows.length; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    if (area.left === 0 && row.length <= area.right + 1) rows[r] = row;
    else {
      const cut = row.slice(0, Math.min(row.length, area.right + 1));
      for (let c = 0; c < Math.min(area.left, cut.length); c++) cut[c] = null;
      rows[r] = cut;
    }
  }
  const inside = (m: CellRange): boolean => m.bottom >= area.top && m.top <= area.bottom && m.right >= area.left && m.left <= area.right;
  const view: SheetSnapshot = {
    ...sheet,
    rows,
    merges: sheet.merges.filter((m) => inside(m) && m.left >= area.left),
  };
  if (sheet.validations) view.validations = sheet.validations.map((v) => ({ ...v, ranges: v.ranges.filter(inside) })).filter((v) => v.ranges.length > 0);
  if (sheet.uncachedFormulas) view.uncachedFormulas = sheet.uncachedFormulas.filter((f) => f.row >= area.top && f.row <= area.bottom && f.col >= area.left && f.col <= area.right);
  return view;
}

/** The A1 of a table's top-left header cell: its name in corrections and in plan keys (`B4`). */
export function tableKeyOf(headerRows: readonly number[], labels: readonly string[], left: number): string | null {
  if (headerRows.length === 0) return null;
  let first = left;
  while (first < labels.length && labels[first] === '') first++;
  if (first >= labels.length) first = left;
  return `${columnLetter(first)}${headerRows[0] + 1}`;
}

function filledCount(row: SheetSnapshot['rows'][number], left: number, right: number): number {
  if (!row) return 0;
  let n = 0;
  for (let c = left; c <= Math.min(right, row.length - 1); c++) if (!isBlank(row[c])) n++;
  return n;
}

/**
 * Tables side by side: runs of columns blank in every row that holds two or more cells (a
 * lone title or note may run across), with no merge bridging them; each side must stand alone
 * as a table (its own outline column and a reported column). A side that does not (a spacer
 * column inside one table) joins the table to its left.
 *
 * The widest gaps are weighed first: blank spacer columns inside each table cut it into
 * pieces none of which is a table alone (施策 | 事業名 ‖ 担当課 | 評価), while the gap between
 * the tables leaves two whole tables. Each side found is then split again at its narrower gaps
 * (three tables with unequal gaps).
 */
function splitSideBySide(sheet: SheetSnapshot, area: TableArea, probe: ProbeHeader): TableArea[] {
  const bottom = Math.min(area.bottom, sheet.rows.length - 1, area.top + GAP_SCAN_ROWS);
  let width = 0;
  for (let r = area.top; r <= bottom; r++) width = Math.max(width, sheet.rows[r]?.length ?? 0);
  width = Math.min(width, area.right + 1);
  if (width - area.left < 5) return [area];
  const used = new Uint8Array(width);
  const tableRows = new Set<number>();
  for (let r = area.top; r <= bottom; r++) {
    const row = sheet.rows[r];
    if (!row || filledCount(row, area.left, width - 1) < 2) continue;
    tableRows.add(r);
    for (let c = area.left; c < Math.min(row.length, width); c++) if (!isBlank(row[c])) used[c] = 1;
  }
  for (const m of sheet.merges) {
    if (m.top < area.top || m.top > bottom || !tableRows.has(m.top)) continue;
    for (let c = Math.max(m.left, area.left); c <= Math.min(m.right, width - 1); c++) used[c] = 1;
  }
  const groups: ColumnGroup[] = [];
  for (let c = area.left; c < width; c++) {
    if (!used[c]) continue;
    const last = groups[groups.length - 1];
    if (last && last.right === c - 1) last.right = c;
    else groups.push({ left: c, right: c });
  }
  if (groups.length < 2) return [area];
  // Each span of columns is probed once, whichever gap width proposed it.
  const seen = new Map<string, HeaderProbe | null>();
  const probeSpan = (left: number, right: number): HeaderProbe | null => {
    const key = `${left}:${right}`;
    if (!seen.has(key)) {
      if (seen.size >= MAX_SIDE_PROBES) return null;
      const candidate: TableArea = { top: area.top, bottom: area.bottom, left, right };
      seen.set(key, right - left >= 1 ? probe(areaView(sheet, candidate), candidate) : null);
    }
    return seen.get(key) ?? null;
  };
  const sides = splitAtGaps(groups, probeSpan);
  if (sides.length < 2) return [area];
  return sides.map((t, i) => ({
    top: area.top,
    bottom: area.bottom,
    // The blank gap goes with the table on its left: a table's area reaches up to the next.
    left: i === 0 ? area.left : t.left,
    right: i === sides.length - 1 ? area.right : sides[i + 1].left - 1,
  }));
}

interface ColumnGroup { left: number; right: number }
/** The header of a table spanning these columns (memoised per span). */
type SpanProbe = (left: number, right: number) => HeaderProbe | null;
/** Gap widths weighed per split: the widest few and the narrowest. */
const MAX_GAP_WIDTHS = 4;
/** Spans of columns probed for a header on one sheet: a sheet of hundreds of lone columns is no set of tables. */
const MAX_SIDE_PROBES = 400;

/**
 * The tables among runs of used columns (left to right), split at the widest gaps first: the
 * sides at gaps of the widest width that leaves two or more tables, each split again at its
 * own narrower gaps. One group (no split) when no width does.
 */
function splitAtGaps(groups: ColumnGroup[], probeSpan: SpanProbe): ColumnGroup[] {
  if (groups.length < 2) return [{ left: groups[0].left, right: groups[groups.length - 1].right }];
  const gapAfter = (i: number): number => groups[i + 1].left - groups[i].right - 1;
  const distinct = [...new Set(groups.slice(0, -1).map((_, i) => gapAfter(i)))].sort((a, b) => b - a);
  // The few widest widths, and the narrowest (every gap): bounds the probes on a sheet of many gaps.
  const widths = distinct.length <= MAX_GAP_WIDTHS ? distinct : [...distinct.slice(0, MAX_GAP_WIDTHS - 1), distinct[distinct.length - 1]];
  for (const w of widths) {
    // Runs of groups not separated by a gap of width w or more.
    const runs: ColumnGroup[][] = [[groups[0]]];
    for (let i = 1; i < groups.length; i++) {
      if (gapAfter(i - 1) >= w) runs.push([groups[i]]);
      else runs[runs.length - 1].push(groups[i]);
    }
    const sides = joinSides(runs.map((r) => ({ left: r[0].left, right: r[r.length - 1].right })), probeSpan);
    if (sides.length < 2) continue;
    // A side made of several runs of the narrower gaps may hold several tables of its own.
    return sides.flatMap((s) => {
      const inside = groups.filter((g) => g.left >= s.left && g.right <= s.right);
      if (inside.length < 2 || gapAfterMax(inside) >= w) return [s];
      const again = splitAtGaps(inside, probeSpan);
      return again.length >= 2 ? again : [s];
    });
  }
  return [{ left: groups[0].left, right: groups[groups.length - 1].right }];
}

function gapAfterMax(groups: ColumnGroup[]): number {
  let max = 0;
  for (let i = 0; i + 1 < groups.length; i++) max = Math.max(max, groups[i + 1].left - groups[i].right - 1);
  return max;
}

/**
 * Join each candidate side that is no table of its own to a neighbour. Two tables each name
 * their programs the same way (both a 事業名 column, or both a 施策 number column): a spacer
 * inside one table leaves the outline on one side (施策 | spacer | 事業名 …). A piece that only
 * names programs (施策 numbers alone) after a whole table begins the next table, as a table's
 * outline stands at its left; any other piece (担当課 | 評価, 備考) ends the table on its left.
 */
function joinSides(candidates: ColumnGroup[], probeSpan: SpanProbe): ColumnGroup[] {
  const tables: { left: number; right: number; probe: HeaderProbe | null }[] = [];
  let carried: ColumnGroup | null = null;
  candidates.forEach((piece, i) => {
    const g: ColumnGroup = carried ? { left: carried.left, right: piece.right } : piece;
    carried = null;
    const probed = probeSpan(g.left, g.right);
    const previous = tables[tables.length - 1];
    const alone = standsAlone(probed) && (!previous || (standsAlone(previous.probe) && sameOutline(previous.probe, probed)));
    if (!previous || alone) {
      tables.push({ ...g, probe: probed });
      return;
    }
    // The piece's columns as the header read over the table and the piece together names them.
    const joined = probeSpan(previous.left, g.right);
    if (i < candidates.length - 1 && standsAlone(previous.probe) && onlyOutline(joined, g)) carried = g;
    else {
      previous.right = g.right;
      previous.probe = joined;
    }
  });
  if (carried !== null) tables[tables.length - 1].right = (carried as ColumnGroup).right;
  // The first group may be no table (a lone spacer, a number column): join it rightwards instead.
  if (tables.length >= 2 && !standsAlone(tables[0].probe)) {
    tables[1].left = tables[0].left;
    tables.shift();
  }
  return tables.map(({ left, right }) => ({ left, right }));
}

/** The piece's columns name only outline columns (施策, 事業名), nothing reported. */
function onlyOutline(probe: HeaderProbe | null, piece: ColumnGroup): boolean {
  const roles = probe ? [...probe.roles].filter(([c]) => c >= piece.left && c <= piece.right).map(([, r]) => r) : [];
  return roles.length > 0 && roles.every((r) => OUTLINE_ROLES.has(r));
}

/** Upper header rows (captions over the columns) a probed header may leave out. */
const MAX_UPPER_HEADER_ROWS = 2;
/** Rows above a header searched for its title and block lines. */
const TITLE_LOOKBACK = 10;
const TITLE_WORDS = /(評価|報告|調書|進捗|点検|管理|実績|総括)(表|書|票|シート|一覧)|計画.*(評価|進捗|報告)/;

/**
 * Tables one below the other: headers that stand alone, each after a blank gap (and perhaps a
 * title line). A header naming other columns than the table above it starts a new table; the
 * same header again is a page header or a block of the same table — unless a new document
 * title (a year, `…評価表`) stands above it.
 */
function splitStacked(sheet: SheetSnapshot, area: TableArea, probe: ProbeHeader): TableArea[] {
  const headers = standaloneHeaders(sheet, area, probe, { left: MAX_STACK_CANDIDATES });
  if (headers.length < 2) return [area];
  const out: TableArea[] = [];
  let current: TableArea = { ...area };
  let header = headers[0];
  for (const next of headers.slice(1)) {
    // The new table's title lines: the rows above its header (and its caption row) holding one
    // or two cells (a title, `基本目標 | …` lines), across blank rows, up to a row of the table
    // above (three or more cells).
    const floor = header.rows[header.rows.length - 1] + 1;
    const filledAt = (r: number): number => filledCount(sheet.rows[r], area.left, area.right);
    // The header's own upper rows the probe left out (a caption row over its columns): one or
    // two rows of three cells or more right above it, with a gap or a title line above them.
    let headerTop = next.rows[0];
    let r = headerTop - 1;
    while (r > floor && headerTop - r <= MAX_UPPER_HEADER_ROWS && filledAt(r) >= 3) r--;
    if (r < headerTop - 1 && (r <= floor || filledAt(r) < 3)) headerTop = r + 1;
    else r = headerTop - 1;
    let top = headerTop;
    for (; r > floor && r >= headerTop - TITLE_LOOKBACK; r--) {
      const filled = filledAt(r);
      if (filled >= 3) break;
      if (filled > 0) top = r;
    }
    const titles = titleLines(sheet, area, top, headerTop);
    // The same table goes on: its header again (a page header, perhaps without a caption), or
    // a block's caption over the very same header. A caption over a header that names some
    // column otherwise (another plan's name over its program column) starts another table.
    const goesOn = sameHeader(header.labels, next.labels) && sameOutlineLabels(header, next) && (titles.length === 0 || !namesOtherwise(header.labels, next.labels));
    if (goesOn && !titles.some((t) => TITLE_WORDS.test(t) || findYears(t).length > 0)) continue;
    out.push({ ...current, bottom: lastFilled(sheet, current, top - 1) });
    current = { ...area, top };
    header = next;
  }
  out.push(current);
  return out;
}

/** Headers in the area that stand alone as tables, top to bottom: the best one, any above it, and any after a blank gap below it. */
function standaloneHeaders(sheet: SheetSnapshot, area: TableArea, probe: ProbeHeader, budget: { left: number }): HeaderProbe[] {
  if (budget.left-- <= 0) return [];
  const best = probe(areaView(sheet, area), area);
  if (!standsAlone(best)) return [];
  const out: HeaderProbe[] = [];
  if (best.rows[0] - area.top >= 3) out.push(...standaloneHeaders(sheet, { ...area, bottom: best.rows[0] - 1 }, probe, budget));
  out.push(best);
  const last = Math.min(area.bottom, sheet.rows.length - 1);
  for (let r = best.rows[best.rows.length - 1] + 1; r <= last && budget.left > 0; r++) {
    if (filledCount(sheet.rows[r], area.left, area.right) > 0) continue;
    // r is blank: the lines after it (a title or two, then perhaps a header).
    let next = r + 1;
    while (next <= last && filledCount(sheet.rows[next], area.left, area.right) === 0) next++;
    if (next > last) break;
    budget.left--;
    const window: TableArea = { top: next, bottom: Math.min(area.bottom, next + 6), left: area.left, right: area.right };
    const found = probe(areaView(sheet, window), window);
    if (found && standsAlone(found) && found.rows[0] <= next + 4) {
      out.push(found);
      r = found.rows[found.rows.length - 1];
    } else r = next - 1;
  }
  return out;
}

function lastFilled(sheet: SheetSnapshot, area: TableArea, from: number): number {
  for (let r = from; r > area.top; r--) if (filledCount(sheet.rows[r], area.left, area.right) > 0) return r;
  return area.top;
}

function titleLines(sheet: SheetSnapshot, area: TableArea, from: number, to: number): string[] {
  const out: string[] = [];
  for (let r = from; r < to; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = area.left; c <= Math.min(area.right, row.length - 1); c++) if (!isBlank(row[c])) out.push(cellText(row[c]));
  }
  return out;
}

/**
 * Two headers name some program column alike. A page header or a block repeats the table's
 * outline labels (基本目標 | 施策 | 事業名; a header read one row short may differ in a few);
 * another plan's table names every one its own way (重層的支援体制…), even when the columns it
 * reports share their labels (担当課, 評価, a 年度 column).
 */
function sameOutlineLabels(a: HeaderProbe, b: HeaderProbe): boolean {
  const cols = [...new Set([...a.roles, ...b.roles].filter(([, r]) => OUTLINE_ROLES.has(r)).map(([c]) => c))];
  return cols.length === 0 || cols.some((c) => normalizeHeader(a.labels[c] ?? '') === normalizeHeader(b.labels[c] ?? ''));
}

/** Two headers name the same columns (at least SAME_HEADER_SHARE of the first's labels, at the same columns). */
function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  let named = 0;
  let same = 0;
  for (let c = 0; c < a.length; c++) {
    if (a[c] === '') continue;
    named++;
    if (normalizeHeader(b[c] ?? '') === normalizeHeader(a[c])) same++;
  }
  return named > 0 && same / named >= SAME_HEADER_SHARE;
}

/** Some column both headers label is labelled differently (a column only one labels is no evidence: a note beside it). */
function namesOtherwise(a: readonly string[], b: readonly string[]): boolean {
  for (let c = 0; c < Math.min(a.length, b.length); c++) {
    if (a[c] !== '' && (b[c] ?? '') !== '' && normalizeHeader(a[c]) !== normalizeHeader(b[c])) return true;
  }
  return false;
}
