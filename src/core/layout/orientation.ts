import { cellText, isBlank, type CellValue, type SheetSnapshot } from '../snapshot';
import { normalizeForMatch } from '../text';
import { parseFiscalYear } from '../years';
import type { ColumnLayout, SheetLayout } from './types';

/**
 * Orientation: years as columns (`R4評価 | R5評価`, year blocks — "wide", today's reading) or
 * years as rows (one record per program × year, as evaluation systems export — "long"). A
 * table is long when one column's values are fiscal years (`令和2年度`, `2020`, `R2`) and the
 * same programs recur under several of them: that column is the record's year.
 */

/** Share of a column's filled cells that must read as fiscal years for it to be a year column. */
const YEAR_VALUE_SHARE = 0.8;
/**
 * Share of the programs that must recur in two or more years. An export lists each program
 * every year (a few are new or ended); a 開始年度 column of a wide table never repeats a program.
 */
const REPEAT_SHARE = 0.5;
/** Rows read to decide; detection stays linear on large exports. */
const SAMPLE_ROWS = 4000;

const YEAR_HEADER = /^(年度|実施年度|評価年度|対象年度|報告年度|実績年度|事業年度|年度区分|会計年度|fiscalyear|year|fy)$/i;
/** Years a wide table states per program (its start, its end, a target): never the record's year. */
const NOT_RECORD_YEAR = /開始|終了|完了|予定|目標|策定|設置|創設|廃止|見直し/;

/** The fiscal year a cell names, as a record's year (`令和2年度`, `R2`, `2020`, `2020年度`, `令和2(2020)年度`). */
export function recordYear(value: CellValue): number | null {
  if (typeof value === 'number') return parseFiscalYear(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  if (t.length === 0 || t.length > 16) return null;
  // `令和5年度（2023）`, `2023（R5）`, `令和5(2023)年度`: the year once, the other calendar in brackets.
  return parseFiscalYear(t.replace(/[(（].*[)）]$/, '')) ?? parseFiscalYear(t.replace(/[(（]\s*\d{4}\s*[)）]/, ''));
}

/**
 * Reads the table's orientation and, when it is long, gives its year column the `recordYear`
 * role with its evidence and sets the years the records hold. A column a person set to
 * `recordYear` is taken as it is.
 */
export function detectOrientation(sheet: SheetSnapshot, layout: SheetLayout, hiddenRows: ReadonlySet<number>): void {
  layout.orientation = 'wide';
  const set = layout.columns.find((c) => c.role === 'recordYear');
  const candidates = set
    ? [set]
    : layout.columns.filter((c) => !c.hidden && (c.role === 'text' || c.role === 'ignore' || YEAR_HEADER.test(plain(c))) && !NOT_RECORD_YEAR.test(plain(c)));
  if (candidates.length === 0) return;
  const outlineCols = layout.columns.filter((c) => !c.hidden && (c.role === 'hierarchy' || c.role === 'name' || c.role === 'department'));
  if (outlineCols.length === 0 && !set) return;
  // A program is named by its levels and name; a department alone on a row (another
  // department's line, or a later year's record of a program named once) does not start one.
  const naming = outlineCols.filter((c) => c.role !== 'department');
  const outline = naming.length > 0 ? naming : outlineCols;
  const repeated = new Set(layout.repeatedHeaderRows);
  const end = Math.min(layout.lastDataRow, layout.firstDataRow + SAMPLE_ROWS);
  let best: { col: ColumnLayout; share: number; filled: number; years: number[]; programs: number; recurring: number } | null = null;
  for (const c of candidates) {
    let filled = 0;
    let yearly = 0;
    const programYears = new Map<string, Set<number>>();
    const years = new Set<number>();
    let program = '';
    for (let r = layout.firstDataRow; r <= end; r++) {
      const row = sheet.rows[r];
      if (!row || hiddenRows.has(r) || repeated.has(r)) continue;
      const v = row[c.col] ?? null;
      if (isBlank(v)) continue;
      filled++;
      const y = recordYear(v);
      if (y === null) continue;
      yearly++;
      years.add(y);
      // The program a record is about: its outline cells (carried down over continuation rows).
      const texts = outline.map((o) => normalizeForMatch(cellText(row[o.col] ?? null)));
      if (texts.some((t) => t !== '')) program = texts.join('\u0001');
      const set = programYears.get(program) ?? new Set<number>();
      set.add(y);
      programYears.set(program, set);
    }
    if (filled < 2 || yearly / filled < YEAR_VALUE_SHARE || years.size < 2) continue;
    const recurring = [...programYears.values()].filter((s) => s.size >= 2).length;
    if (!set && recurring < Math.max(1, REPEAT_SHARE * programYears.size)) continue;
    if (!best || yearly > best.filled) best = { col: c, share: yearly / filled, filled, years: [...years].sort((a, b) => a - b), programs: programYears.size, recurring };
  }
  if (!best) return;
  layout.orientation = 'long';
  const c = best.col;
  if (c.source === 'detected') {
    c.role = 'recordYear';
    (c.evidence ??= []).push({ kind: 'records-per-year', years: best.years, programs: best.programs, recurring: best.recurring });
  }
  // The report year falls back on the latest year the records hold.
  layout.entryYears = best.years;
}

function plain(c: ColumnLayout): string {
  return c.label.replace(/\n/g, '');
}
