import { migrateSettingsInput, parseSettings, type Settings, type WorkbookSnapshot } from '../core';
import { SETTINGS_KEY } from '../excel/workbook-keys';

/**
 * Corrections travel inside the workbook: the add-in saves its settings (column roles, header
 * rows, report year …) in the file, and the CLI applies them when it checks that file. What
 * `--config` and `--year` say overrides them, field by field.
 */
export type StoredSettingsResult =
  | { kind: 'none' }
  | { kind: 'applied'; settings: Settings }
  | { kind: 'invalid'; problems: string[] };

export function settingsFromWorkbook(snapshot: WorkbookSnapshot, overrides: unknown): StoredSettingsResult {
  const raw = snapshot.storedSettings?.[SETTINGS_KEY];
  if (raw === undefined) return snapshot.storedStateProblem ? { kind: 'invalid', problems: [snapshot.storedStateProblem] } : { kind: 'none' };
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
    // Office stores the value as JSON; a value saved as a JSON string is one level deeper.
    if (typeof stored === 'string') stored = JSON.parse(stored);
  } catch (e) {
    return { kind: 'invalid', problems: [e instanceof Error ? e.message : String(e)] };
  }
  const own = parseSettings(stored);
  if (!own.ok) return { kind: 'invalid', problems: own.problems };
  const merged = parseSettings(mergeSettingsInput(stored, overrides));
  return merged.ok ? { kind: 'applied', settings: merged.settings } : { kind: 'invalid', problems: merged.problems };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `over` wins: objects merge key by key (thresholds, rules), corrections are joined with
 * `over`'s after (the later correction of a target wins), anything else is replaced. Each side's
 * old `sheets` shape is migrated into corrections first, so old and new shapes merge alike.
 */
export function mergeSettingsInput(base: unknown, over: unknown): unknown {
  base = migrateSettingsInput(base);
  over = migrateSettingsInput(over);
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === 'corrections' && Array.isArray(base[k]) && Array.isArray(v)) out[k] = [...(base[k] as unknown[]), ...v];
    else out[k] = k in base ? mergeObjects(base[k], v) : v;
  }
  return out;
}

function mergeObjects(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeObjects(base[k], v) : v;
  return out;
}
