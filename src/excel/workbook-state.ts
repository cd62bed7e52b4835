/// <reference types="office-js" />
import { HYOKA_STATE_NAMESPACE, stateFromXml, stateToXml, trimOutputSheets, type WorkbookState } from '../core';
import { customXmlPartsOf, sheetNamesOf, type Capabilities } from './capability';
import { OUTPUT_SHEETS_KEY, SETTINGS_KEY } from './workbook-keys';

/**
 * Hyoka's state in the open workbook: a custom XML part in Hyoka's namespace (src/core/
 * workbook-state.ts says why and what it holds), read and written through the capability
 * check. A workbook saved by an earlier Hyoka keeps its state in `workbook.settings`: it is read
 * from there, and moved into the part (the old keys removed) the next time Hyoka saves state.
 * Where custom XML parts are not usable, `workbook.settings` stays the store.
 */

/** The sheet-scoped defined name Hyoka writes with each output sheet (ExcelApi 1.4). */
export const OUTPUT_MARKER = '_hyoka_output';

export interface LoadedState {
  state: WorkbookState;
  /** The existing part, to rewrite in place (same request context). */
  part: Excel.CustomXmlPart | null;
  /** The state came from the old workbook.settings keys: saving moves it. */
  legacy: boolean;
  /** Why a stored state was not usable (then the defaults are used). */
  problems: string[];
}

/** The first half of a state read: queued, resolved after the caller's sync (no sync of its own). */
export interface PendingState {
  scoped: Excel.CustomXmlPartScopedCollection | null;
  oldSettings: Excel.Setting;
  oldOutputs: Excel.Setting;
  xml?: OfficeExtension.ClientResult<string> | null;
}

export function queueStateLoad(context: Excel.RequestContext, caps: Capabilities | undefined): PendingState {
  const parts = caps ? customXmlPartsOf(caps, context.workbook) : null;
  const scoped = parts?.getByNamespace(HYOKA_STATE_NAMESPACE) ?? null;
  scoped?.load('items/id');
  const oldSettings = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  oldSettings.load('value');
  const oldOutputs = context.workbook.settings.getItemOrNullObject(OUTPUT_SHEETS_KEY);
  oldOutputs.load('value');
  return { scoped, oldSettings, oldOutputs };
}

/** After the first sync: queues the part's text when there is a part; true if a second sync is needed. */
export function queueStateXml(pending: PendingState): boolean {
  const part = pending.scoped && pending.scoped.items.length > 0 ? pending.scoped.items[0] : null;
  pending.xml = part ? part.getXml() : null;
  return pending.xml !== null;
}

/** After the sync that brought the part's text (if any): the state. */
export function resolveState(pending: PendingState): LoadedState {
  const problems: string[] = [];
  const part = pending.scoped && pending.scoped.items.length > 0 ? pending.scoped.items[0] : null;
  if (part && pending.xml) {
    const reading = stateFromXml(pending.xml.value);
    if (reading.ok) return { state: reading.state, part, legacy: false, problems };
    problems.push(reading.problem);
  }
  const { oldSettings, oldOutputs } = pending;
  const settings = oldSettings.isNullObject ? undefined : typeof oldSettings.value === 'string' ? tryJson(oldSettings.value) : (oldSettings.value as unknown);
  const outputs = oldOutputs.isNullObject || !Array.isArray(oldOutputs.value) ? [] : (oldOutputs.value as unknown[]);
  const legacy = !oldSettings.isNullObject || !oldOutputs.isNullObject;
  return { state: { settings, outputSheets: trimOutputSheets(outputs) }, part, legacy, problems };
}

/** Reads the state in one sync, two when a part exists. */
export async function loadWorkbookState(context: Excel.RequestContext, caps: Capabilities | undefined): Promise<LoadedState> {
  const pending = queueStateLoad(context, caps);
  await context.sync();
  if (queueStateXml(pending)) await context.sync();
  return resolveState(pending);
}

/** Queues the state's write (the caller syncs). Throws StateTooLargeError before queuing anything. */
export function queueSaveWorkbookState(context: Excel.RequestContext, caps: Capabilities | undefined, loaded: LoadedState, state: WorkbookState): void {
  const parts = caps ? customXmlPartsOf(caps, context.workbook) : null;
  if (!parts) {
    if (state.settings !== undefined) context.workbook.settings.add(SETTINGS_KEY, JSON.parse(JSON.stringify(state.settings)) as unknown);
    context.workbook.settings.add(OUTPUT_SHEETS_KEY, trimOutputSheets(state.outputSheets));
    return;
  }
  const xml = stateToXml(state);
  if (loaded.part) loaded.part.setXml(xml);
  else parts.add(xml);
  if (loaded.legacy) {
    // Moved: the old keys go, so two stores never disagree.
    context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).delete();
    context.workbook.settings.getItemOrNullObject(OUTPUT_SHEETS_KEY).delete();
  }
}

/** Marks a sheet as Hyoka's output (a sheet-scoped name on its A1); false where names are not usable. */
export function queueOutputMarker(caps: Capabilities | undefined, ws: Excel.Worksheet): boolean {
  const names = caps ? sheetNamesOf(caps, ws) : null;
  if (!names) return false;
  names.add(OUTPUT_MARKER, ws.getRange('A1'), 'Hyoka output sheet: rewritten by Hyoka, never read as evaluation data');
  return true;
}

/** Load options for the worksheet collection that also bring each sheet's names, where usable. */
export function namesLoad(caps: Capabilities | undefined): { names: { $all: false; name: true } } | Record<string, never> {
  return caps?.usable('sheetNames') ? { names: { $all: false, name: true } } : {};
}

/** Whether a worksheet loaded with namesLoad() carries Hyoka's marker. */
export function hasOutputMarker(caps: Capabilities | undefined, ws: Excel.Worksheet): boolean {
  const names = caps ? sheetNamesOf(caps, ws) : null;
  return names !== null && names.items.some((n) => n.name.toLowerCase() === OUTPUT_MARKER);
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
