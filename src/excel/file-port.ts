import { defaultSettings, parseSettings, type Settings, type SummaryDocument, type WorkbookSnapshot } from '../core';
import { safeFileName } from '../render/file-name';
import type { WorkbookPort, WriteOutcome } from './port';

/**
 * A workbook file chosen or dropped in the browser page. Nothing leaves the page: the pane's
 * engine worker reads and checks `source`; ExcelJS (loaded lazily, only in this mode) writes the
 * report workbook. `readSnapshot` reads on the page, for callers without an engine.
 * Settings are remembered per file name in this browser's localStorage.
 */
export interface DroppedFile {
  name: string;
  data: ArrayBuffer;
}

export function createFilePort(file: DroppedFile, storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeStorage()): WorkbookPort {
  const key = `hyoka.settings:${file.name}`;
  return {
    kind: 'file',
    fileName: file.name,
    // A copy each time: the engine transfers the bytes to its worker, and a re-run needs them again.
    source: { name: file.name, arrayBuffer: async () => file.data.slice(0) },
    async readSnapshot(): Promise<WorkbookSnapshot> {
      const { readWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/read');
      return readWorkbook(file.data, file.name);
    },
    async loadSettings(): Promise<{ settings: Settings; problems: string[] }> {
      const raw = storage?.getItem(key);
      if (!raw) return { settings: defaultSettings(), problems: [] };
      let value: unknown = null;
      try {
        value = JSON.parse(raw);
      } catch {
        value = null;
      }
      const parsed = parseSettings(value);
      return parsed.ok ? { settings: parsed.settings, problems: [] } : { settings: defaultSettings(), problems: parsed.problems };
    },
    async saveSettings(settings: Settings): Promise<void> {
      storage?.setItem(key, JSON.stringify(settings));
    },
    async writeSummary(doc: SummaryDocument): Promise<WriteOutcome> {
      const { writeSummaryWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/write');
      const bytes = await writeSummaryWorkbook(doc);
      return { kind: 'file', bytes, fileName: reportFileName(file.name) };
    },
  };
}

/** `評価調書.xlsx` → `評価調書_点検結果.xlsx`. */
export function reportFileName(name: string): string {
  // The same safe naming as every other output (a long name leaves room for the suffix).
  return safeFileName(name.replace(/\.xlsx$/i, ''), '_点検結果.xlsx', new Set(), 'report');
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
