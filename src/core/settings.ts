import { z } from 'zod';

/**
 * One schema for every configuration source: the CLI's `--config profile.json` and the
 * add-in's per-workbook settings (context.workbook.settings) are both parsed with this.
 */

export const GRADE_METHODS = ['mean', 'share'] as const;
export type GradeMethod = (typeof GRADE_METHODS)[number];

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

const columnLetters = z.string().regex(/^[A-Za-z]{1,3}$/, 'a column letter such as "F"');

export const ColumnOverrideSchema = z.object({
  role: z.enum(COLUMN_ROLES),
  /** Fiscal year (western) for the per-year roles. */
  year: z.number().int().min(1989).max(2100).optional(),
});
export type ColumnOverride = z.infer<typeof ColumnOverrideSchema>;

/** A correction to one table region of a sheet, named by the (1-based, last) header row detection found. */
export const RegionOverrideSchema = z.object({
  /** 1-based row of the region's (last) header row, when detection picked the wrong one. */
  headerRow: z.number().int().min(1).optional(),
  columns: z.record(columnLetters, ColumnOverrideSchema).optional(),
});
export type RegionOverride = z.infer<typeof RegionOverrideSchema>;

export const SheetOverrideSchema = z.object({
  kind: z.enum(['evaluation', 'summary-table', 'other']).optional(),
  /** 1-based row of the (last) header row. */
  headerRow: z.number().int().min(1).optional(),
  columns: z.record(columnLetters, ColumnOverrideSchema).optional(),
  /**
   * Corrections per table region, keyed by a header row of the region (1-based) as detected
   * before any correction ("12"): its last header row, or its first. `headerRow`/`columns`
   * above apply to the sheet's evaluation region too; a region's own entries win.
   */
  regions: z.record(z.string().regex(/^\d+$/, 'a 1-based row number such as "12"'), RegionOverrideSchema).optional(),
});
export type SheetOverride = z.infer<typeof SheetOverrideSchema>;

export const ThresholdsSchema = z.object({
  /** mean method: minimum mean score (A=4 … D=1) for A, B, C. */
  mean: z
    .object({ A: z.number(), B: z.number(), C: z.number() })
    .default({ A: 3.5, B: 2.5, C: 1.5 }),
  /** share method: minimum share of programs graded A (0–1) for A, B, C — Komae's 70/40/20 %. */
  share: z
    .object({ A: z.number().min(0).max(1), B: z.number().min(0).max(1), C: z.number().min(0).max(1) })
    .default({ A: 0.7, B: 0.4, C: 0.2 }),
});

export const RuleSettingSchema = z.enum(['on', 'off']);

export const SettingsSchema = z.object({
  /** Report year (報告年度) as typed by a person: 2023, "R5", "令和5", "令和５年度". */
  reportYear: z.union([z.number().int(), z.string().min(1)]).optional(),
  method: z.enum(GRADE_METHODS).default('mean'),
  thresholds: ThresholdsSchema.default({ mean: { A: 3.5, B: 2.5, C: 1.5 }, share: { A: 0.7, B: 0.4, C: 0.2 } }),
  /** 次年度方針の語彙. */
  nextPolicyVocabulary: z.array(z.string().min(1)).default(['新規', '継続', '充実', '改善', '縮小', '廃止', '終了', '統合']),
  /** Per sheet (by name) overrides of what layout detection found. */
  sheets: z.record(z.string(), SheetOverrideSchema).default({}),
  /** Turn individual rules off, as in ESLint. */
  rules: z.record(z.string(), RuleSettingSchema).default({}),
});

export type Settings = z.infer<typeof SettingsSchema>;
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
