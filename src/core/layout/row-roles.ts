/**
 * Row roles by evidence (#20 item 5). Not every row of a table is a program: block titles
 * alone in a row, 記入例 rows, totals and counts, footnotes. Each row of an evaluation region
 * gets a role with the evidence for it; only data rows become plan entries, so only they can
 * produce program findings. Evidence is data (no language): --explain and the pane render it.
 *
 * Identifiers Excel turned into dates (`1-2` typed, 1月2日 stored) are recovered here too:
 * the outline column's other identifiers give the separator back.
 */
import { cellAt, cellText, isBlank, type CellValue, type SheetSnapshot } from '../snapshot';
import { normalizeHeader } from '../text';
import type { SheetLayout } from './types';

import { ROW_ROLES, type RowRole } from '../corrections';

export { ROW_ROLES, type RowRole };

/** Why a row got its role; language-neutral. `col` is 0-based. */
export type RowEvidence =
  | { kind: 'title-alone'; col: number; text: string } // 【基本施策1】… alone in its row, outside the outline
  | { kind: 'example-word'; col: number; word: string } // 記入例, （例）, 例：
  | { kind: 'example-style'; style: 'italic' | 'grey' } // every filled cell italic / grey, just under the header
  | { kind: 'total-word'; col: number; word: string } // 合計, 計, 小計
  | { kind: 'counts'; cols: number[] } // only numbers, no name, at the end of a table or block (`39`)
  | { kind: 'footnote-mark'; col: number; mark: string } // ※ …, 注1 …
  | { kind: 'correction' }; // a person said so (corrections, rowRole)

/** A row that is not data (blank rows are not listed: a row with nothing in it is blank). */
export interface RowRoleMark {
  /** 0-based sheet row. */
  row: number;
  /** 'data' and 'blank' only by a correction. */
  role: RowRole;
  evidence: RowEvidence[];
}

/** An identifier read back from the date Excel stored for it. */
export interface RecoveredIdentifier {
  row: number;
  col: number;
  /** The identifier as recovered (`1-2`), with the separator the column's other identifiers use. */
  text: string;
  /** What the file holds: the ISO date the reader gave (`2024-01-02`). */
  storedAs: string;
}

export interface RowRoles {
  marks: RowRoleMark[];
  recovered: RecoveredIdentifier[];
}

/**
 * Example rows sit right under the header (or a repeated header): a grey or italic row
 * further down is a greyed-out program, not an example, so style alone counts only here.
 */
const EXAMPLE_STYLE_ROWS = 3;

// `【記入例】…`, `（例）…`, `記入例：…`, `例：…`, or the word alone.
const EXAMPLE_WORD = /^(?:[【［[(（<＜〈《]\s*(記入例|記載例|入力例|例)\s*[】］\])）>＞〉》]|(記入例|記載例|入力例|例)(?:[:：\s]|$))/;
const TOTAL_WORD = /^(合計|総計|小計|累計|計|件数|総数|合計件数)(?:[(（].*[)）])?$/;
const FOOTNOTE_MARK = /^(※\s*\d*|＊|\*|[(（]?注\s*\d*[)）:：]?|備考[:：])/;
/** A title alone in a row: bracketed (【…】［…］〔…〕《…》), a bullet (■◆●…), or 第N章/節/部. */
const TITLE = /^(【[^】]+】|［[^］]+］|〔[^〕]+〕|《[^》]+》|≪[^≫]+≫|[■□◆◇●▼▽★☆◎]\s*\S|第\s*[0-9０-９一二三四五六七八九十]+\s*[章節部編])/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOTTED_ID = /^[0-9０-９]+\s*([-－―−‐ー.．/／])\s*[0-9０-９]+/;

/**
 * The roles of the region's rows between its header and its last row. `corrections` (0-based
 * row → role) win over evidence. Rows repeating the header are the header's, not listed.
 */
export function classifyRows(sheet: SheetSnapshot, layout: SheetLayout, corrections: ReadonlyMap<number, RowRole> = correctedRows(layout)): RowRoles {
  const marks: RowRoleMark[] = [];
  const recovered = recoverDateIdentifiers(sheet, layout);
  if (layout.kind !== 'evaluation' || layout.headerRows.length === 0) return { marks, recovered };
  const start = layout.headerRows[layout.headerRows.length - 1] + 1;
  const end = Math.min(layout.lastDataRow, sheet.rows.length - 1);
  const repeated = new Set(layout.repeatedHeaderRows);
  const outline = new Set(layout.columns.filter((c) => c.role === 'hierarchy' || c.role === 'name').map((c) => c.col));
  const entryCols = layout.columns.filter((c) => ENTRY_ROLES.has(c.role)).map((c) => c.col);
  const gradeCols = new Set(layout.columns.filter((c) => c.role === 'grade' || c.role === 'previousGrade').map((c) => c.col));
  const styled = new Map((sheet.rowStyles ?? []).map((s) => [s.row, s]));
  // Rows since the header (or a repeated header), for the example-style window.
  let sinceHeader = 0;
  for (let r = start; r <= end; r++) {
    if (repeated.has(r)) {
      sinceHeader = 0;
      continue;
    }
    const corrected = corrections.get(r);
    if (corrected !== undefined) {
      marks.push({ row: r, role: corrected, evidence: [{ kind: 'correction' }] });
      continue;
    }
    const row = sheet.rows[r];
    const filled: number[] = [];
    if (row) for (let c = layout.firstCol; c <= Math.min(layout.lastCol, row.length - 1); c++) if (!isBlank(row[c])) filled.push(c);
    if (filled.length === 0) continue;
    sinceHeader++;
    const mark = evidenceFor(sheet, r, filled, { outline, entryCols, gradeCols, style: styled.get(r), nearHeader: sinceHeader <= EXAMPLE_STYLE_ROWS, atEnd: endsBlock(sheet, layout, r, end) });
    if (mark) marks.push(mark);
  }
  return { marks, recovered };
}

/** The layout's row corrections (1-based, from settings) by 0-based row. */
function correctedRows(layout: SheetLayout): Map<number, RowRole> {
  return new Map(Object.entries(layout.rowCorrections ?? {}).map(([row, role]) => [Number(row) - 1, role]));
}

const ENTRY_ROLES = new Set(['grade', 'previousGrade', 'nextPolicy', 'department', 'repost', 'achievement', 'yearStatus', 'yearEvaluation', 'yearAchievement']);

interface RowContext {
  outline: ReadonlySet<number>;
  entryCols: readonly number[];
  gradeCols: ReadonlySet<number>;
  style: { italic?: boolean; grey?: boolean } | undefined;
  nearHeader: boolean;
  atEnd: boolean;
}

function evidenceFor(sheet: SheetSnapshot, r: number, filled: number[], ctx: RowContext): RowRoleMark | null {
  const text = (c: number): string => cellText(cellAt(sheet, r, c)).trim();
  // Examples first: an example row is filled like a data row, and its word may sit anywhere.
  for (const c of filled) {
    const m = EXAMPLE_WORD.exec(normalizeHeader(text(c)));
    // A bare `例` only counts bracketed, with a colon, or just under the header.
    if (m && (m[2] !== '例' || ctx.nearHeader || /^例[:：]/.test(normalizeHeader(text(c))))) {
      return { row: r, role: 'example', evidence: [{ kind: 'example-word', col: c, word: text(c).slice(0, 12) }] };
    }
  }
  if (ctx.nearHeader && ctx.style && (ctx.style.italic || ctx.style.grey)) {
    return { row: r, role: 'example', evidence: [{ kind: 'example-style', style: ctx.style.italic ? 'italic' : 'grey' }] };
  }
  const first = filled[0];
  const firstText = text(first);
  // A total names itself in its first cells (合計 | 39 | …).
  for (const c of filled.slice(0, 2)) {
    const t = normalizeHeader(text(c));
    if (TOTAL_WORD.test(t) && !ctx.gradeCols.has(c)) return { row: r, role: 'total', evidence: [{ kind: 'total-word', col: c, word: text(c) }] };
  }
  const gradeFilled = filled.some((c) => ctx.gradeCols.has(c));
  if (FOOTNOTE_MARK.test(firstText) && filled.length <= 2 && !gradeFilled) {
    return { row: r, role: 'footnote', evidence: [{ kind: 'footnote-mark', col: first, mark: FOOTNOTE_MARK.exec(firstText)![0].trim() }] };
  }
  // Only numbers, no name, closing a table or block: the counts a person added under it.
  if (ctx.atEnd && !filled.some((c) => ctx.outline.has(c)) && filled.every((c) => isCount(cellAt(sheet, r, c)))) {
    return { row: r, role: 'total', evidence: [{ kind: 'counts', cols: filled }] };
  }
  // A title alone in its row outside the outline (the outline's own lone cells are its levels).
  if (filled.length === 1 && !ctx.outline.has(first) && TITLE.test(firstText)) {
    return { row: r, role: 'heading', evidence: [{ kind: 'title-alone', col: first, text: firstText }] };
  }
  return null;
}

/** A title as it stands alone in a row: bracketed, after a bullet, or 第N章. */
export function isTitleText(text: string): boolean {
  return TITLE.test(text.trim());
}

/**
 * For column statistics, before roles are known: a row whose first cells name a total
 * (`合計 | 39`) or that holds nothing but counts. Its numbers say nothing about the columns.
 */
export function looksLikeTotalRow(row: readonly CellValue[], width: number): boolean {
  let seen = 0;
  let allCounts = true;
  for (let c = 0; c < Math.min(width, row.length); c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (seen < 2 && typeof v === 'string' && TOTAL_WORD.test(normalizeHeader(v))) return true;
    if (!isCount(v)) allCounts = false;
    seen++;
  }
  return seen > 0 && allCounts;
}

function isCount(v: CellValue): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The row closes the table or a block: after it (footnote lines skipped) comes the end, a
 * blank row or a repeated header.
 */
function endsBlock(sheet: SheetSnapshot, layout: SheetLayout, r: number, end: number): boolean {
  for (let n = r + 1; n <= end + 1; n++) {
    if (n > end) return true;
    const next = sheet.rows[n];
    if (!next || next.every((v) => isBlank(v))) return true;
    if (layout.repeatedHeaderRows.includes(n)) return true;
    const first = next.find((v) => !isBlank(v));
    if (!FOOTNOTE_MARK.test(cellText(first ?? null).trim())) return false;
  }
  return true;
}

/**
 * Outline cells that hold a date where the column's other cells hold `1-1`-style identifiers:
 * Excel read `1-2` typed into a General cell as 1月2日. The month and day are the identifier;
 * the separator is the one the column's identifiers use most (`-` when none say).
 */
export function recoverDateIdentifiers(sheet: SheetSnapshot, layout: SheetLayout): RecoveredIdentifier[] {
  const out: RecoveredIdentifier[] = [];
  if (layout.headerRows.length === 0) return out;
  const start = layout.headerRows[layout.headerRows.length - 1] + 1;
  const end = Math.min(layout.lastDataRow, sheet.rows.length - 1);
  for (const col of layout.columns) {
    if (col.role !== 'hierarchy' && col.role !== 'name') continue;
    const dates: { row: number; iso: string; month: number; day: number }[] = [];
    const separators = new Map<string, number>();
    for (let r = start; r <= end; r++) {
      const v = cellAt(sheet, r, col.col);
      if (typeof v !== 'string') continue;
      const d = ISO_DATE.exec(v);
      if (d) {
        dates.push({ row: r, iso: v, month: Number(d[2]), day: Number(d[3]) });
        continue;
      }
      const m = DOTTED_ID.exec(v.trim());
      if (m) separators.set(m[1], (separators.get(m[1]) ?? 0) + 1);
    }
    if (dates.length === 0) continue;
    let separator = '-';
    let best = 0;
    for (const [s, n] of separators) if (n > best) [separator, best] = [s, n];
    for (const d of dates) out.push({ row: d.row, col: col.col, text: `${d.month}${separator}${d.day}`, storedAs: d.iso });
  }
  return out;
}
