/// <reference types="office-js" />
import { defaultSettings, parseSettings, type Settings } from '../core';
import type { Capabilities } from './capability';
import { loadWorkbookState, queueSaveWorkbookState } from './workbook-state';

/**
 * Per-workbook settings (corrections, report year, …) live in Hyoka's state part inside the file
 * (src/excel/workbook-state.ts; old workbooks: workbook.settings, moved on the next save) and are
 * validated with the same zod schema as the CLI's --config file. Invalid stored settings fall
 * back to defaults and say why.
 */
export async function loadWorkbookSettings(context: Excel.RequestContext, caps?: Capabilities): Promise<{ settings: Settings; problems: string[] }> {
  const loaded = await loadWorkbookState(context, caps);
  if (loaded.state.settings === undefined) return { settings: defaultSettings(), problems: loaded.problems };
  const parsed = parseSettings(loaded.state.settings);
  return parsed.ok ? { settings: parsed.settings, problems: loaded.problems } : { settings: defaultSettings(), problems: [...loaded.problems, ...parsed.problems] };
}

export async function saveWorkbookSettings(context: Excel.RequestContext, settings: Settings, caps?: Capabilities): Promise<void> {
  const loaded = await loadWorkbookState(context, caps);
  queueSaveWorkbookState(context, caps, loaded, { ...loaded.state, settings: JSON.parse(JSON.stringify(settings)) as unknown });
  await context.sync();
}
