import { z } from 'zod';
import { a1 } from './a1';

/**
 * A person's correction of what layout detection read: one shape, whichever screen wrote it
 * (設定's column roles, 読み取った表's roles and header rows) or a profile file. The engine
 * reads corrections through `correctionsFor` only, and a correction that matched no table is
 * reported (rule correction-unmatched, `--explain`, the pane) rather than ignored.
 */

export const COLUMN_ROLES = [
  'hierarchy', // 基本目標・施策などの階層・番号の列
  'name', // 事業名・取組名
  'department', // 担当課
  'grade', // 評価・事業評価・Check(評価)
  'previousGrade', // 前年度事業評価
  'nextPolicy', // 次年度方針
  'repost', // 再掲
  'achievement', // 達成度（単年度）
  'yearStatus', // 令和N年度 実施状況
  'yearEvaluation', // 令和N年度 担当課の評価（文章）
  'yearAchievement', // 令和N年度 達成度(%)
  'resultText', // 実績（前年度比較で写し残しを探す）
  'reasonText', // 評価の理由（同上）
  'recordYear', // 年度（1年度1行の表: 事業×年度ごとの記録の年度）
  'text', // 成果・課題など、点検しない列
  'ignore',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** What a row inside a table is (見出し・記入例・合計・注記・空行), when detection got it wrong. */
export const ROW_ROLES = ['data', 'heading', 'example', 'total', 'footnote', 'blank'] as const;
export type RowRole = (typeof ROW_ROLES)[number];

export const TABLE_KINDS = ['evaluation', 'summary-table', 'other'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

export const ScaleCorrectionSchema = z.object({ levels: z.array(z.string().min(1)).min(2).max(10) });
export type ScaleCorrection = z.infer<typeof ScaleCorrectionSchema>;

export const CorrectionSchema = z.object({
  sheet: z.string().min(1),
  /**
   * The table region: A1 address of the top-left cell of its first header row as detected
   * before any correction ("B4"). A bare row number ("12", the old key) matches the region
   * whose first or last header row is that row. Absent: the sheet's (first) evaluation table.
   */
  table: z
    .string()
    .regex(/^([A-Za-z]{1,3})?\d{1,7}$/, 'a table key such as "B4" (or a 1-based header row such as "12")')
    .optional(),
  /** What is corrected: a column (letter), a row (1-based), or the table itself (neither). */
  column: z.string().regex(/^[A-Za-z]{1,3}$/, 'a column letter such as "F"').optional(),
  row: z.number().int().min(1).optional(),
  // What it is set to (any that apply):
  /** With `column`: the column's role. */
  role: z.enum(COLUMN_ROLES).optional(),
  /** With `column`: the fiscal year (western) of a per-year role. */
  year: z.number().int().min(1989).max(2100).optional(),
  /** With `row`: what the row is. */
  rowRole: z.enum(ROW_ROLES).optional(),
  /** The table: its last header row (1-based). */
  headerRow: z.number().int().min(1).optional(),
  /** The table (or, with no `table`, the sheet): what it is. */
  kind: z.enum(TABLE_KINDS).optional(),
  /** The table or a column: the grade labels, best → worst. */
  scale: ScaleCorrectionSchema.optional(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

// ---------------------------------------------------------------------------------------------
// The old shapes, read only to migrate them: settings saved before corrections were one list.

const OldColumnSchema = z.object({ role: z.enum(COLUMN_ROLES), year: z.number().int().min(1989).max(2100).optional() });
const OldColumnsSchema = z.record(z.string().regex(/^[A-Za-z]{1,3}$/, 'a column letter such as "F"'), OldColumnSchema);
const OldRegionSchema = z.object({ headerRow: z.number().int().min(1).optional(), columns: OldColumnsSchema.optional() });
/** `sheets[name]`: the sheet-wide corrections and, per region (keyed by a header row), its own. */
export const LegacySheetCorrectionsSchema = z.object({
  kind: z.enum(TABLE_KINDS).optional(),
  headerRow: z.number().int().min(1).optional(),
  columns: OldColumnsSchema.optional(),
  regions: z.record(z.string().regex(/^([A-Za-z]{1,3})?\d+$/, 'a 1-based header row such as "12" or a table key such as "B4"'), OldRegionSchema).optional(),
});
export type LegacySheetCorrections = z.infer<typeof LegacySheetCorrectionsSchema>;
export const LegacySheetsSchema = z.record(z.string(), LegacySheetCorrectionsSchema);

/**
 * `sheets[x].kind/headerRow/columns` (the 設定 screen's shape) and `sheets[x].regions[row]` (the
 * 読み取った表 screen's) as corrections, one per field so each is matched and reported on its own.
 * A region's own entries come after the sheet's, so they win as they did.
 */
export function migrateLegacySheets(sheets: Record<string, LegacySheetCorrections> | undefined): Correction[] {
  const out: Correction[] = [];
  const columns = (sheet: string, table: string | undefined, cols: LegacySheetCorrections['columns']): void => {
    for (const [column, c] of Object.entries(cols ?? {})) {
      out.push({ sheet, ...(table !== undefined ? { table } : {}), column: column.toUpperCase(), role: c.role, ...(c.year !== undefined ? { year: c.year } : {}) });
    }
  };
  for (const [sheet, s] of Object.entries(sheets ?? {})) {
    if (sheet === '') continue;
    if (s.kind !== undefined) out.push({ sheet, kind: s.kind });
    if (s.headerRow !== undefined) out.push({ sheet, headerRow: s.headerRow });
    columns(sheet, undefined, s.columns);
    for (const [table, r] of Object.entries(s.regions ?? {})) {
      if (r.headerRow !== undefined) out.push({ sheet, table, headerRow: r.headerRow });
      columns(sheet, table, r.columns);
    }
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Raw settings (before validation) with any old `sheets` moved into `corrections`, the old
 * first so corrections written since win. Left as it is when the old part does not validate:
 * the settings schema then names the bad field.
 */
export function migrateSettingsInput(raw: unknown): unknown {
  if (!isPlainObject(raw) || !('sheets' in raw)) return raw;
  const old = LegacySheetsSchema.safeParse(raw.sheets ?? {});
  if (!old.success) return raw;
  const { sheets: _old, ...rest } = raw;
  const given = Array.isArray(rest.corrections) ? rest.corrections : rest.corrections === undefined ? [] : null;
  if (given === null) return raw; // not a list: let the schema say so
  return { ...rest, corrections: [...migrateLegacySheets(old.data), ...given] };
}

// ---------------------------------------------------------------------------------------------
// Reading: the one function the engine asks, and the record of what matched.

/** A table as detection found it, before corrections: what a correction's `table` is matched against. */
export interface TableRef {
  /** A1 of the top-left cell of its first header row (`tableKey`). */
  key: string;
  /** 1-based header rows as detected (a bare-row key matches the first or the last). */
  headerRows: readonly number[];
  /** The sheet's first evaluation table: the one corrections without `table` are for. */
  first: boolean;
  /**
   * Which corrections without `table` this table takes, when the sheet holds several tables
   * (detect.ts gives a column correction to the first table holding that column); wins over `first`.
   */
  takes?: (c: Correction) => boolean;
}

/** What the corrections say about one table, the later correction winning where two say the same. */
export interface TableCorrections {
  kind?: TableKind;
  /** 1-based last header row. */
  headerRow?: number;
  /** By column letter (upper case). */
  columns: Record<string, { role?: ColumnRole; year?: number; scale?: ScaleCorrection }>;
  /** By 1-based row. */
  rows: Record<number, RowRole>;
  scale?: ScaleCorrection;
  /** Whether any correction applied. */
  any: boolean;
}

/**
 * Which corrections the engine applied. Detection marks what it uses; whatever is left matched
 * no sheet, table or column that was read, and is reported instead of being dropped in silence.
 */
export class CorrectionUse {
  private readonly used = new Set<Correction>();
  constructor(readonly corrections: readonly Correction[]) {}
  mark(c: Correction): void {
    this.used.add(c);
  }
  has(c: Correction): boolean {
    return this.used.has(c);
  }
  unmatched(): Correction[] {
    return this.corrections.filter((c) => !this.used.has(c));
  }
  /** The corrections none of these records applied (one record per sheet read). */
  static unmatchedBy(corrections: readonly Correction[], uses: readonly (CorrectionUse | undefined)[]): Correction[] {
    return corrections.filter((c) => !uses.some((u) => u?.has(c)));
  }
}

/** The key a table is named by: the A1 of its first header row's leftmost cell (0-based input). */
export function tableKey(firstHeaderRow: number, firstCol: number): string {
  return a1(firstHeaderRow, firstCol);
}

/** Whether a correction's `table` names this table (absent: the sheet's first evaluation table). */
export function matchesTable(c: Correction, table: TableRef | null): boolean {
  if (c.table === undefined) return table === null || (table.takes ? table.takes(c) : table.first);
  if (table === null) return false;
  if (/^\d+$/.test(c.table)) {
    const row = Number(c.table);
    return table.headerRows.length > 0 && (table.headerRows[0] === row || table.headerRows[table.headerRows.length - 1] === row);
  }
  return c.table.toUpperCase() === table.key.toUpperCase();
}

/**
 * THE way the engine reads corrections: those of `sheet` that name `table` (null: the sheet
 * as a whole, before its tables are found — only corrections without `table`). Corrections
 * without `table` come first, so a table's own win. With `use`, the ones returned are marked
 * applied; `only` narrows to the fields the caller applies (a sheet-wide pass reads `kind`).
 */
export function correctionsFor(
  settings: { corrections: readonly Correction[] },
  sheet: string,
  table: TableRef | null,
  use?: CorrectionUse,
  only?: (c: Correction) => boolean,
): TableCorrections {
  const out: TableCorrections = { columns: {}, rows: {}, any: false };
  const mine = settings.corrections.filter((c) => c.sheet === sheet && matchesTable(c, table) && (!only || only(c)));
  // Sheet-wide first, then the table's own: the more specific correction wins.
  mine.sort((a, b) => Number(a.table !== undefined) - Number(b.table !== undefined));
  for (const c of mine) {
    use?.mark(c);
    out.any = true;
    if (c.column !== undefined) {
      const col = (out.columns[c.column.toUpperCase()] ??= {});
      if (c.role !== undefined) {
        col.role = c.role;
        // A role names its year, or has none: a stale year must not outlive the role it went with.
        if (c.year !== undefined) col.year = c.year;
        else delete col.year;
      } else if (c.year !== undefined) col.year = c.year;
      if (c.scale) col.scale = c.scale;
      continue;
    }
    if (c.row !== undefined) {
      if (c.rowRole !== undefined) out.rows[c.row] = c.rowRole;
      continue;
    }
    if (c.kind !== undefined) out.kind = c.kind;
    if (c.headerRow !== undefined) out.headerRow = c.headerRow;
    if (c.scale) out.scale = c.scale;
  }
  return out;
}

/** A correction of what a whole sheet is (its kind alone): read before its tables are found. One that also gives a header row is the table's. */
export const isSheetKind = (c: Correction): boolean => c.table === undefined && c.column === undefined && c.row === undefined && c.headerRow === undefined && c.kind !== undefined;

// ---------------------------------------------------------------------------------------------
// Writing: the one way a screen adds a correction.

/** The same thing corrected: one sheet, table, column or row. */
export function sameTarget(a: Correction, b: Correction): boolean {
  return (
    a.sheet === b.sheet &&
    (a.table ?? '').toUpperCase() === (b.table ?? '').toUpperCase() &&
    (a.column ?? '').toUpperCase() === (b.column ?? '').toUpperCase() &&
    a.row === b.row
  );
}

/**
 * `corrections` with `c` added: a correction of the same target is replaced by the merge of
 * both (the new fields win), so the list holds one entry per target and never grows stale
 * copies. A column's role replaces its year too (a role given without a year has none).
 */
export function withCorrection(corrections: readonly Correction[], c: Correction): Correction[] {
  const next = CorrectionSchema.parse({ ...c, ...(c.column !== undefined ? { column: c.column.toUpperCase() } : {}) });
  const i = corrections.findIndex((x) => sameTarget(x, next));
  if (i < 0) return [...corrections, next];
  const merged: Correction = { ...corrections[i], ...next };
  if (next.role !== undefined && next.year === undefined) delete merged.year;
  return [...corrections.slice(0, i), merged, ...corrections.slice(i + 1)];
}

// ---------------------------------------------------------------------------------------------
// Corrections that cannot take effect: refused with the reason, never marked 修正済み.

/** Roles a table has one column of (per-year roles and text columns may be several). */
const ONE_COLUMN_ROLES: readonly ColumnRole[] = ['grade', 'previousGrade', 'name', 'department', 'nextPolicy', 'achievement', 'repost'];

/** Why a correction is refused: another column of the same table already has this role. */
export interface CorrectionConflict {
  correction: Correction;
  role: ColumnRole;
  /** The column that has the role already. */
  takenBy: string;
}

/**
 * Column corrections that cannot all take effect: a table reads one 評価 column (one name,
 * department … column), so a second column corrected to the same role would change nothing.
 * Each later one is returned with the column that holds the role first.
 */
export function correctionConflicts(corrections: readonly Correction[]): CorrectionConflict[] {
  const first = new Map<string, string>();
  const out: CorrectionConflict[] = [];
  for (const c of corrections) {
    if (c.column === undefined || c.role === undefined || !ONE_COLUMN_ROLES.includes(c.role)) continue;
    const key = `${c.sheet}\u0000${(c.table ?? '').toUpperCase()}\u0000${c.role}`;
    const column = c.column.toUpperCase();
    const taken = first.get(key);
    if (taken === undefined) first.set(key, column);
    else if (taken !== column) out.push({ correction: c, role: c.role, takenBy: taken });
  }
  return out;
}
