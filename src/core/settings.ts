import { z } from 'zod';
import { CorrectionSchema, LegacySheetsSchema, migrateLegacySheets } from './corrections';

/**
 * One schema for every configuration source: the CLI's `--config profile.json` and the
 * add-in's per-workbook settings (context.workbook.settings) are both parsed with this.
 */

export const GRADE_METHODS = ['mean', 'share'] as const;

// Column roles live with the corrections that set them; re-exported here where callers look.
export { COLUMN_ROLES, type ColumnRole } from './corrections';

/**
 * Thresholds are lists, best level first, so they hold on any scale. The old shape keyed by
 * the first three letters (`{ "A": 3.5, "B": 2.5, "C": 1.5 }`) is read as that list.
 */
const thresholdList = (item: z.ZodNumber) =>
  z.preprocess((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]) : v), z.array(item).min(1).max(9));

export const ThresholdsSchema = z.object({
  /** mean method: the lowest mean score for each level but the last (levels score n … 1; A–D: 3.5, 2.5, 1.5). A list that does not fit a scale's levels gives way to even midpoints. */
  mean: thresholdList(z.number()).default([3.5, 2.5, 1.5]),
  /** share method: the lowest share (0–1) of programs in the best level for the first, second, … level — Komae's 70/40/20 %. */
  share: thresholdList(z.number().min(0).max(1)).default([0.7, 0.4, 0.2]),
});

export const RuleSettingSchema = z.enum(['on', 'off']);

const SettingsObjectSchema = z.object({
  /** Report year (報告年度) as typed by a person: 2023, "R5", "令和5", "令和５年度". */
  reportYear: z.union([z.number().int(), z.string().min(1)]).optional(),
  method: z.enum(GRADE_METHODS).default('mean'),
  thresholds: ThresholdsSchema.default({ mean: [3.5, 2.5, 1.5], share: [0.7, 0.4, 0.2] }),
  /** 次年度方針の語彙. */
  nextPolicyVocabulary: z.array(z.string().min(1)).default(['新規', '継続', '充実', '改善', '縮小', '廃止', '終了', '統合']),
  /** A person's corrections of what layout detection read (src/core/corrections.ts). */
  corrections: z.array(CorrectionSchema).default([]),
  /**
   * The old per-sheet shape (`sheets[x].columns/headerRow/kind/regions[row]`), still read from
   * profiles and workbooks saved before: migrated into `corrections` on parsing, never output.
   */
  sheets: LegacySheetsSchema.optional(),
  /** Turn individual rules off, as in ESLint. */
  rules: z.record(z.string(), RuleSettingSchema).default({}),
});

/** Parsed settings carry corrections only: the old shape is moved into them, before the newer ones. */
export const SettingsSchema = SettingsObjectSchema.transform(({ sheets, corrections, ...rest }) => ({
  ...rest,
  corrections: [...migrateLegacySheets(sheets), ...corrections],
}));

export type Settings = z.output<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** Parses settings from any source; the error lists every bad field in a person's words. */
export function parseSettings(input: unknown): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  const result = SettingsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
  };
}
