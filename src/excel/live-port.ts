/// <reference types="office-js" />
import type { Finding, Settings, SummaryDocument, WorkbookSnapshot } from '../core';
import type { WorkbookPort, WriteOutcome } from './port';
import { readLiveSnapshot, DESKTOP_LIMITS, WEB_LIMITS } from './read-live';
import { writeSummaryLive } from './write-live';
import { applyHighlights, clearHighlights, readHighlightState } from './highlight';
import { loadWorkbookSettings, saveWorkbookSettings } from './workbook-settings';

/** Excel.run, injectable so tests can hand in a fake workbook. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface LiveEnvironment {
  run: ExcelRunner;
  isSetSupported: (name: string, version: string) => boolean;
  /** Excel on the web has the 5 MB response limit. */
  web: boolean;
  fileName: string | null;
}

/** The live workbook, for the task pane inside Excel. */
export function createLivePort(env: LiveEnvironment): WorkbookPort {
  return {
    kind: 'live',
    fileName: env.fileName,
    readSnapshot(): Promise<WorkbookSnapshot> {
      return env.run((context) =>
        readLiveSnapshot(context, {
          limits: env.web ? WEB_LIMITS : DESKTOP_LIMITS,
          mergesSupported: env.isSetSupported('ExcelApi', '1.13'),
        }),
      );
    },
    loadSettings: () => env.run((context) => loadWorkbookSettings(context)),
    saveSettings: (settings: Settings) => env.run((context) => saveWorkbookSettings(context, settings)),
    async writeSummary(doc: SummaryDocument): Promise<WriteOutcome> {
      const sheets = await env.run((context) => writeSummaryLive(context, doc));
      return { kind: 'written', sheets };
    },
    selectCell: (sheet: string, cell: string) =>
      env.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      }),
    highlight: (findings: readonly Finding[]) =>
      env.run((context) => applyHighlights(context, findings, { pattern: env.isSetSupported('ExcelApi', '1.9') })),
    clearHighlights: () => env.run((context) => clearHighlights(context)),
    highlightState: () => env.run(async (context) => (await readHighlightState(context)).length > 0),
  };

}
