/// <reference types="office-js" />
import type { Finding, Settings, SummaryDocument, WorkbookSnapshot } from '../core';
import type { ReadProgressOptions, WorkbookPort, WriteOutcome } from './port';
import { readLiveSnapshot, DESKTOP_LIMITS, WEB_LIMITS, type ReadLimits } from './read-live';
import { writeSummaryLive } from './write-live';
import { applyHighlights, clearHighlights, readHighlightState } from './highlight';
import { loadWorkbookSettings, saveWorkbookSettings } from './workbook-settings';
import { runDiagnostics } from './diagnostics';
import { capabilities, type Capabilities, type OfficeLibrary } from './capability';
import { EXCEL_WAIT_NOTICE_MS, watchedRunner } from './waiting';

/** Excel.run, injectable so tests can hand in a fake workbook. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface LiveEnvironment {
  run: ExcelRunner;
  /** The host's requirement sets (Office.context.requirements.isSetSupported). */
  isSetSupported: (name: string, version: string) => boolean;
  /** The Office.js library actually loaded: a feature needs the host's set AND the library's members. */
  library: OfficeLibrary;
  /** Excel on the web has the 5 MB request/response limit. */
  web: boolean;
  fileName: string | null;
  /** Office.context.diagnostics, for 設定 › 診断. */
  host?: { host: string; platform: string; version: string };
  /** Tests only: a smaller read budget. */
  limits?: ReadLimits;
  /** After how long a sync that has not answered is shown as waiting (tests: fake timers). */
  waitNoticeMs?: number;
  /** What a read could not supply (validation lists, …): the pane may say so. */
  onUnread?: (what: string) => void;
}

/** The live workbook, for the task pane inside Excel. */
export function createLivePort(liveEnv: LiveEnvironment): WorkbookPort {
  const caps: Capabilities = capabilities(liveEnv.isSetSupported, liveEnv.library);
  // Every batch goes through the watch: a pane that never looks hung (src/excel/waiting.ts).
  const watched = watchedRunner(liveEnv.run, liveEnv.waitNoticeMs ?? EXCEL_WAIT_NOTICE_MS);
  const env: LiveEnvironment = { ...liveEnv, run: watched.run };
  const read = (options: ReadProgressOptions = {}) =>
    env.run((context) =>
      readLiveSnapshot(context, {
        ...options,
        limits: env.limits ?? (env.web ? WEB_LIMITS : DESKTOP_LIMITS),
        caps,
        onUnread: env.onUnread,
      }),
    );
  const port: WorkbookPort = {
    kind: 'live',
    fileName: env.fileName,
    excelWait: watched.wait,
    readSnapshot: (options?: ReadProgressOptions): Promise<WorkbookSnapshot> => read(options),
    loadSettings: () => env.run((context) => loadWorkbookSettings(context, caps)),
    saveSettings: (settings: Settings) => env.run((context) => saveWorkbookSettings(context, settings, caps)),
    async writeSummary(doc: SummaryDocument): Promise<WriteOutcome> {
      const { sheets, renamed } = await env.run((context) => writeSummaryLive(context, doc, { caps }));
      return { kind: 'written', sheets, renamed };
    },
    selectCell: (sheet: string, cell: string) =>
      env.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      }),
    highlight: (findings: readonly Finding[]) =>
      env.run((context) => applyHighlights(context, findings, { tintAndShade: caps.usable('tintAndShade') })),
    clearHighlights: () => env.run((context) => clearHighlights(context)),
    highlightState: () => env.run(async (context) => (await readHighlightState(context)).length > 0),
    diagnose: () => runDiagnostics(env, caps),
  };
  return port;
}
