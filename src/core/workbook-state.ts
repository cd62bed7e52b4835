import { utf8Length } from './text';
/**
 * Hyoka's state kept inside the workbook, independent of the add-in's Id: a custom XML part
 * (`customXml/itemN.xml`, ExcelApi 1.5 `workbook.customXmlParts`) whose root element is in
 * Hyoka's namespace. Office keeps `workbook.settings` per add-in Id (a workbook opened from
 * another catalog, or on a PC where the add-in was deployed differently, does not see them);
 * a custom XML part is part of the file and travels with every copy.
 *
 * Layout: `<hyoka xmlns="…" version="1"><state>{JSON}</state></hyoka>`, the JSON being
 * `{ settings, outputSheets }`: the settings exactly as `Settings` serialises (corrections,
 * report year, …) and the names of the sheets Hyoka wrote. The highlight memory (which cells
 * Hyoka coloured and their fills before) stays in `workbook.settings`: it matters only to the
 * add-in that coloured them, can hold thousands of cells, and the CLI never needs it.
 * Pure string code: used by the live adapter (src/excel) and the file reader (src/xlsx).
 */

export const HYOKA_STATE_NAMESPACE = 'urn:hyoka:workbook-state:1';

/** The part is refused above this (UTF-8 bytes), written or read. */
export const MAX_STATE_BYTES = 512 * 1024;
/** Output sheets remembered at most (a workbook has at most a few hundred sheets). */
export const MAX_OUTPUT_SHEETS = 256;

export interface WorkbookState {
  /** Settings as stored (parsed with parseSettings by whoever reads them); absent: none saved. */
  settings?: unknown;
  /** Sheets Hyoka wrote (評価集計, 点検結果, …), so a later check skips them. */
  outputSheets: string[];
}

export class StateTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`Hyoka's workbook state would be ${bytes} bytes, more than ${MAX_STATE_BYTES}`);
    this.name = 'StateTooLargeError';
  }
}

/** Names deduplicated, trimmed of blanks, at most MAX_OUTPUT_SHEETS (the newest kept). */
export function trimOutputSheets(names: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const n of names) if (typeof n === 'string' && n.trim() !== '' && n.length <= 31) seen.add(n);
  const list = [...seen];
  return list.slice(Math.max(0, list.length - MAX_OUTPUT_SHEETS));
}

export function stateToXml(state: WorkbookState): string {
  const json = JSON.stringify({ settings: state.settings, outputSheets: trimOutputSheets(state.outputSheets) });
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<hyoka xmlns="${HYOKA_STATE_NAMESPACE}" version="1"><state>${escapeXml(json)}</state></hyoka>`;
  const bytes = utf8Length(xml);
  if (bytes > MAX_STATE_BYTES) throw new StateTooLargeError(bytes);
  return xml;
}

export type StateReading = { ok: true; state: WorkbookState } | { ok: false; problem: string };

/** The part's XML → state; a part that is too large or not Hyoka's layout says why. */
export function stateFromXml(xml: string): StateReading {
  if (utf8Length(xml) > MAX_STATE_BYTES) return { ok: false, problem: `Hyoka's state part is larger than ${MAX_STATE_BYTES} bytes: ignored` };
  const m = /<(?:[\w.-]+:)?state(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?state>/.exec(xml);
  if (!m) return { ok: false, problem: "Hyoka's state part has no <state> element: ignored" };
  return stateFromJson(unescapeXml(m[1]).trim());
}

/** The JSON inside `<state>` (the file reader hands it in once it has the element's text). */
export function stateFromJson(json: string): StateReading {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, problem: `Hyoka's state part is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: "Hyoka's state part does not hold an object" };
  const o = raw as { settings?: unknown; outputSheets?: unknown };
  return { ok: true, state: { settings: o.settings, outputSheets: trimOutputSheets(Array.isArray(o.outputSheets) ? o.outputSheets : []) } };
}

/** The root element's namespace of an XML text (`<hyoka xmlns="…">`, or a prefixed root). */
export function rootNamespace(xml: string): string | null {
  const body = xml.replace(/^\uFEFF?\s*(<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/, '');
  const m = /^<([\w.-]+:)?[\w.-]+((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(body);
  if (!m) return null;
  const prefix = m[1] ? m[1].slice(0, -1) : null;
  const attr = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[2]);
  return attr ? unescapeXml(attr[1] ?? attr[2]) : null;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

