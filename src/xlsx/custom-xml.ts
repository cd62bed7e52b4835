import { HYOKA_STATE_NAMESPACE, MAX_STATE_BYTES, rootNamespace, stateFromXml, type WorkbookSnapshot, type WorkbookState } from '../core';
import { OUTPUT_SHEETS_KEY, SETTINGS_KEY } from '../excel/workbook-keys';
import type { ReadLimits } from './limits';
import type { ZipReader } from './zip';
import { OUTPUT_MARKER_NAME } from './chart-parts';

/**
 * Hyoka's state part in a file (src/core/workbook-state.ts): among `customXml/item*.xml`, the one
 * whose root element is in Hyoka's namespace. Bounded: a part is read only up to
 * MAX_STATE_BYTES, and one larger (or damaged) is reported, never fatal to the workbook.
 * Kept apart from read.ts, which only calls `applyHyokaState`.
 */
export { OUTPUT_MARKER_NAME };

export type FoundState = { state: WorkbookState; part: string } | { problem: string; part: string };

class Stop extends Error {}

export function findHyokaState(zip: ZipReader, _limits: ReadLimits): FoundState | null {
  const parts = [...zip.entries.keys()].filter((p) => /^customXml\/item\d+\.xml$/i.test(p)).sort((a, b) => partNumber(a) - partNumber(b));
  for (const part of parts) {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let ours: boolean | null = null;
    let tooLarge = false;
    try {
      zip.inflate(part, (chunk) => {
        chunks.push(chunk);
        bytes += chunk.length;
        // The root element is in the first few hundred bytes: another part is left at once.
        if (ours === null && (bytes >= 4096 || /<[^?!][^>]*>/.test(decode(concat(chunks)).replace(/<\?[\s\S]*?\?>/g, '')))) {
          ours = rootNamespace(decode(concat(chunks))) === HYOKA_STATE_NAMESPACE;
          if (!ours) throw new Stop();
        }
        if (bytes > MAX_STATE_BYTES) {
          tooLarge = true;
          throw new Stop();
        }
      });
    } catch (e) {
      if (tooLarge) return { problem: `Hyoka's state in ${part} is larger than ${MAX_STATE_BYTES} bytes: not read`, part };
      if (e instanceof Stop) continue;
      if (ours) return { problem: `Hyoka's state in ${part} could not be read (${e instanceof Error ? e.message : String(e)})`, part };
      continue;
    }
    const text = decode(concat(chunks));
    if (rootNamespace(text) !== HYOKA_STATE_NAMESPACE) continue;
    const reading = stateFromXml(text);
    return reading.ok ? { state: reading.state, part } : { problem: reading.problem, part };
  }
  return null;
}

/**
 * Puts what the file says about Hyoka into the snapshot: its state part (over the webextension
 * property bag of older files, key by key), and `hyokaOutput` on sheets recorded there or marked
 * with the sheet-scoped name `_hyoka_output` (`definedNames` with the sheet's index).
 */
export function applyHyokaState(
  snapshot: WorkbookSnapshot,
  found: FoundState | null,
  definedNames: readonly { name: string; sheet: number | undefined }[],
  sheetNames: readonly string[],
): void {
  const outputs = new Set<string>();
  for (const d of definedNames) if (d.sheet !== undefined && d.name.toLowerCase() === OUTPUT_MARKER_NAME && sheetNames[d.sheet] !== undefined) outputs.add(sheetNames[d.sheet]);
  if (found && 'problem' in found) snapshot.storedStateProblem = found.problem;
  else if (found) {
    const stored = { ...(snapshot.storedSettings ?? {}) };
    if (found.state.settings !== undefined) stored[SETTINGS_KEY] = JSON.stringify(found.state.settings);
    stored[OUTPUT_SHEETS_KEY] = JSON.stringify(found.state.outputSheets);
    snapshot.storedSettings = stored;
  }
  // The record, from the state part or an older file's property bag.
  const recorded = snapshot.storedSettings?.[OUTPUT_SHEETS_KEY];
  if (recorded !== undefined) {
    try {
      const list: unknown = JSON.parse(recorded);
      if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') outputs.add(n);
    } catch {
      // an unreadable record marks nothing; the markers still do
    }
  }
  for (const sheet of snapshot.sheets) if (outputs.has(sheet.name)) sheet.hyokaOutput = true;
}

function partNumber(part: string): number {
  return Number(/(\d+)\.xml$/i.exec(part)?.[1] ?? 0);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** UTF-8, or UTF-16 with its byte-order mark (Office writes custom XML in either). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
