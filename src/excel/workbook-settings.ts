/// <reference types="office-js" />
import { defaultSettings, parseSettings, type Settings } from '../core';
import { SETTINGS_KEY } from './workbook-keys';

/**
 * Per-workbook settings live in context.workbook.settings and are validated with the same zod
 * schema as the CLI's --config file. Invalid stored settings fall back to defaults and say why.
 */
export async function loadWorkbookSettings(context: Excel.RequestContext): Promise<{ settings: Settings; problems: string[] }> {
  const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load('value');
  await context.sync();
  if (item.isNullObject) return { settings: defaultSettings(), problems: [] };
  const raw: unknown = typeof item.value === 'string' ? tryJson(item.value) : item.value;
  const parsed = parseSettings(raw);
  return parsed.ok ? { settings: parsed.settings, problems: [] } : { settings: defaultSettings(), problems: parsed.problems };
}

export async function saveWorkbookSettings(context: Excel.RequestContext, settings: Settings): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, JSON.parse(JSON.stringify(settings)) as unknown);
  await context.sync();
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
