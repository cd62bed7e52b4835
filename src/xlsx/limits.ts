/**
 * The bounds the workbook reader enforces while it reads, so that a crafted or broken file costs
 * a bounded amount of time and memory and is refused with a reason instead of hanging the CLI or
 * the browser tab. Excel's own limits where Excel has one; otherwise far above any real
 * evaluation workbook (the largest city workbook seen has a few thousand rows).
 *
 * Only a profile file given to the CLI (`--config`, key `limits`) can raise them; settings stored
 * in the workbook being read never can (see `parseReadLimits`, used only by the CLI).
 */
export interface ReadLimits {
  /** Bytes inflated from the whole file (all parts read), 1 GiB. */
  maxInflatedBytes: number;
  /** Inflated ÷ compressed size of one part, checked once the part is past `ratioFloorBytes`. */
  maxInflateRatio: number;
  /** Parts smaller than this inflated are never refused for their ratio (a sparse sheet compresses well). */
  ratioFloorBytes: number;
  /** Excel's last row: 1,048,576. */
  maxRows: number;
  /** Excel's last column (XFD): 16,384. */
  maxColumns: number;
  /** Entries in the shared-string table. */
  maxSharedStrings: number;
  /** Characters in the shared-string table, all entries together. */
  maxSharedStringChars: number;
  /** Characters in one cell: Excel's 32,767. */
  maxCellChars: number;
  /** Sheets in the workbook. */
  maxSheets: number;
  /** Nesting depth of any XML part read. */
  maxXmlDepth: number;
}

export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;
export const MAX_INFLATE_RATIO = 200;
export const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
export const MAX_SHARED_STRINGS = 2_000_000;
export const MAX_SHARED_STRING_CHARS = 30_000_000;
export const MAX_CELL_CHARS = 32_767;
export const MAX_SHEETS = 1_000;
export const MAX_XML_DEPTH = 64;

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxInflatedBytes: MAX_INFLATED_BYTES,
  maxInflateRatio: MAX_INFLATE_RATIO,
  ratioFloorBytes: RATIO_FLOOR_BYTES,
  maxRows: MAX_ROWS,
  maxColumns: MAX_COLUMNS,
  maxSharedStrings: MAX_SHARED_STRINGS,
  maxSharedStringChars: MAX_SHARED_STRING_CHARS,
  maxCellChars: MAX_CELL_CHARS,
  maxSheets: MAX_SHEETS,
  maxXmlDepth: MAX_XML_DEPTH,
});

/**
 * The `limits` object of a CLI profile file → the limits to read with; unknown keys and values
 * that are not positive integers are reported. Rows and columns cannot go past Excel's own
 * limits (no real workbook has more), only the resource bounds can be raised.
 */
export function parseReadLimits(input: unknown): { ok: true; limits: ReadLimits } | { ok: false; problems: string[] } {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS };
  if (input === undefined) return { ok: true, limits };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: ['limits: expected an object'] };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in limits)) {
      problems.push(`limits.${key}: unknown limit`);
      continue;
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      problems.push(`limits.${key}: expected a positive whole number`);
      continue;
    }
    if ((key === 'maxRows' && value > MAX_ROWS) || (key === 'maxColumns' && value > MAX_COLUMNS)) {
      problems.push(`limits.${key}: at most ${key === 'maxRows' ? MAX_ROWS : MAX_COLUMNS} (Excel's own limit)`);
      continue;
    }
    limits[key as keyof ReadLimits] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, limits };
}
