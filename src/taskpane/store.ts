import { createContext, useContext, useSyncExternalStore } from 'react';
import {
  checkWorkbook,
  defaultSettings,
  type Finding,
  type Lang,
  type Report,
  type Settings,
  type SheetLayout,
} from '../core';
import type { WorkbookPort } from '../excel/port';
import { buildSummaryDocument } from '../render/summary-document';
import { readPickedSnapshot, summaryWorkbookBytes } from '../excel/picked-files';
import { format, unreadableKey, type MessageKey } from '../i18n/taskpane';
import { createConsolidationActions, initialConsolidation, type ConsolidationActions, type ConsolidationDeps, type ConsolidationState } from './consolidation';

/**
 * The pane's one store. Screens read it with usePane() and call its actions; only the store
 * talks to the WorkbookPort, and only the port talks to Excel or ExcelJS.
 */
export type Tab = 'check' | 'findings' | 'summary' | 'settings' | 'consolidate';
export type Phase = 'idle' | 'reading' | 'checking' | 'writing';

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export interface PaneState {
  lang: Lang;
  host: 'excel' | 'browser';
  port: WorkbookPort | null;
  tab: Tab;
  phase: Phase;
  report: Report | null;
  layouts: SheetLayout[];
  settings: Settings;
  settingsProblems: string[];
  lastRun: Date | null;
  highlighted: boolean;
  notice: Notice | null;
  /** 取りまとめ: the picked files, the run's progress and its result. */
  consolidation: ConsolidationState;
}

export interface PaneActions extends ConsolidationActions {
  setTab(tab: Tab): void;
  openPort(port: WorkbookPort): Promise<void>;
  runCheck(): Promise<void>;
  writeSummary(): Promise<void>;
  selectFinding(finding: Finding): Promise<void>;
  toggleHighlights(): Promise<void>;
  saveSettings(settings: Settings): Promise<void>;
  dismissNotice(): void;
  showError(key: MessageKey): void;
}

export interface PaneStore extends PaneActions {
  getState(): PaneState;
  subscribe(listener: () => void): () => void;
}

export interface StoreDeps {
  lang: Lang;
  host: 'excel' | 'browser';
  /** Saves a report workbook in browser mode (an <a download> in the page). */
  download: (bytes: Uint8Array, fileName: string) => void;
  now?: () => Date;
  /** Lets the progress bar paint between reading and checking. */
  yieldToUi?: () => Promise<void>;
  /** 取りまとめ: how a picked file is read (default: ExcelJS in the page, lazily loaded). */
  readInput?: ConsolidationDeps['readInput'];
  /** 取りまとめ in the browser: the merged workbook's bytes (default: ExcelJS, lazily loaded). */
  workbookBytes?: ConsolidationDeps['workbookBytes'];
}

export function createPaneStore(deps: StoreDeps): PaneStore {
  const now = deps.now ?? (() => new Date());
  const yieldToUi = deps.yieldToUi ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  let state: PaneState = {
    lang: deps.lang,
    host: deps.host,
    port: null,
    tab: 'check',
    phase: 'idle',
    report: null,
    layouts: [],
    settings: defaultSettings(),
    settingsProblems: [],
    lastRun: null,
    highlighted: false,
    notice: null,
    consolidation: initialConsolidation(),
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<PaneState>): void => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const t = (key: MessageKey, params?: Record<string, string | number>): string => format(state.lang, key, params);

  const fail = (e: unknown): void => {
    const err = typeof e === 'object' && e !== null ? (e as { code?: unknown; reason?: unknown }) : {};
    const text = err.code === 'unreadable' ? t(unreadableKey(err.reason)) : t('errorGeneric', { message: e instanceof Error ? e.message : String(e) });
    set({ phase: 'idle', notice: { intent: 'error', text } });
  };

  const consolidation = createConsolidationActions(
    { get: () => state, set, t, fail },
    { readInput: deps.readInput ?? readPickedSnapshot, workbookBytes: deps.workbookBytes ?? summaryWorkbookBytes, download: deps.download },
  );

  const store: PaneStore = {
    ...consolidation,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTab: (tab) => set({ tab }),
    dismissNotice: () => set({ notice: null }),
    showError: (key) => set({ notice: { intent: 'error', text: t(key) } }),

    async openPort(port) {
      set({ port, report: null, layouts: [], lastRun: null, notice: null, highlighted: false });
      try {
        const { settings, problems } = await port.loadSettings();
        const highlighted = port.highlightState ? await port.highlightState() : false;
        set({ settings, settingsProblems: problems, highlighted });
      } catch (e) {
        fail(e);
      }
    },

    async runCheck() {
      const port = state.port;
      if (!port || state.phase !== 'idle') return;
      set({ phase: 'reading', notice: null });
      try {
        const snapshot = await port.readSnapshot();
        set({ phase: 'checking' });
        await yieldToUi();
        const { report, layouts } = checkWorkbook(snapshot, { settings: state.settings, fileName: port.fileName });
        set({ phase: 'idle', report, layouts, lastRun: now() });
      } catch (e) {
        fail(e);
      }
    },

    async writeSummary() {
      const port = state.port;
      if (!port || !state.report) {
        set({ notice: { intent: 'info', text: t('checkFirst') } });
        return;
      }
      set({ phase: 'writing', notice: null });
      try {
        const outcome = await port.writeSummary(buildSummaryDocument(state.report, state.lang));
        if (outcome.kind === 'file') {
          deps.download(outcome.bytes, outcome.fileName);
          set({ phase: 'idle', notice: { intent: 'success', text: t('reportDownloaded', { file: outcome.fileName }) } });
        } else {
          set({ phase: 'idle', notice: { intent: 'success', text: t('summaryWritten', { sheets: outcome.sheets.join('」「') }) } });
        }
      } catch (e) {
        fail(e);
      }
    },

    async selectFinding(finding) {
      const port = state.port;
      if (!port?.selectCell || !finding.sheet || !finding.cell) return;
      try {
        await port.selectCell(finding.sheet, finding.cell);
      } catch (e) {
        fail(e);
      }
    },

    async toggleHighlights() {
      const port = state.port;
      if (!port?.highlight || !port.clearHighlights) return;
      try {
        if (state.highlighted) {
          const n = await port.clearHighlights();
          set({ highlighted: false, notice: { intent: 'success', text: t('highlightCleared', { count: n }) } });
        } else {
          if (!state.report) {
            set({ notice: { intent: 'info', text: t('checkFirst') } });
            return;
          }
          const n = await port.highlight(state.report.findings);
          set({ highlighted: n > 0, notice: { intent: 'success', text: t('highlightDone', { count: n }) } });
        }
      } catch (e) {
        fail(e);
      }
    },

    async saveSettings(settings) {
      const port = state.port;
      set({ settings, settingsProblems: [] });
      if (!port) return;
      try {
        await port.saveSettings(settings);
        set({ notice: { intent: 'success', text: t('settingsSaved') } });
        if (state.report) await store.runCheck();
      } catch (e) {
        fail(e);
      }
    },
  };
  return store;
}

export const PaneContext = createContext<PaneStore | null>(null);

/** The one hook screens read from: the current state and the actions. */
export function usePane(): PaneState & { actions: PaneActions; t: (key: MessageKey, params?: Record<string, string | number>) => string } {
  const store = useContext(PaneContext);
  if (!store) throw new Error('usePane outside PaneContext');
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return { ...state, actions: store, t: (key, params) => format(state.lang, key, params) };
}
