import { createContext, useContext, useSyncExternalStore } from 'react';
import {
  defaultSettings,
  withCorrection,
  correctionConflicts,
  sameTarget,
  type Correction,
  type Finding,
  type InputSnapshot,
  type Lang,
  type Report,
  type Settings,
  type SheetLayout,
  type Severity,
} from '../core';
import { cliMessages } from '../i18n/cli';
import { EXPLAIN_MESSAGES } from '../i18n/explain';
import { linksWithinDocument } from '../core/links';
import type { WorkbookPort } from '../excel/port';
import type { PickedFile } from '../excel/picked-files';
import { buildSummaryDocument } from '../render/summary-document';
import { summaryWorkbookBytes } from '../excel/picked-files';
import { format, unreadableKey, type MessageKey } from '../i18n/taskpane';
import { createInProcessEngine, TaskCancelled, type CheckOutcome, type EngineTask, type PaneEngine, type ReadInput } from './engine';
import { createConsolidationActions, initialConsolidation, type ConsolidationActions, type ConsolidationDeps, type ConsolidationState } from './consolidation';

/**
 * The pane's one store. Screens read it with usePane() and call its actions; only the store
 * talks to the WorkbookPort, and only the port talks to Excel or ExcelJS.
 */
export type Tab = 'check' | 'findings' | 'summary' | 'settings' | 'consolidate' | 'compare';
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
  /** A live read's progress (cells read of all), while it runs. */
  readProgress: { done: number; total: number } | null;
  notice: Notice | null;
  /** 取りまとめ: the picked files, the run's progress and its result. */
  consolidation: ConsolidationState;
  /** 指摘一覧 opens filtered to this severity (a severity card on 点検 was clicked). */
  findingsSeverity: Severity | null;
  /** Inside Excel, while Office.js loads and the workbook is first asked (the pane is already shown). */
  connecting: boolean;
  /** A batch has not been answered for a while (the user may be editing a cell): the pane says so. */
  excelWaiting: boolean;
}

export interface PaneActions extends ConsolidationActions {
  setTab(tab: Tab): void;
  /** 指摘一覧, filtered to one severity (null: all). */
  showFindings(severity: Severity | null): void;
  openPort(port: WorkbookPort): Promise<void>;
  runCheck(): Promise<void>;
  /** 中止: stops the check being run (a live read at its next sync, a dropped file's read at once). */
  cancelCheck(): void;
  writeSummary(): Promise<void>;
  selectFinding(finding: Finding): Promise<void>;
  /** Reads one picked file in the engine (off the page); an unreadable one is `{ unreadable }` (前年度比較). */
  readPickedFile(file: PickedFile): Promise<InputSnapshot>;
  toggleHighlights(): Promise<void>;
  saveSettings(settings: Settings): Promise<void>;
  /** Saves one correction of what was read (either screen's) and rechecks: see applyCorrection. */
  correct(correction: Correction): Promise<void>;
  dismissNotice(): void;
  /** 中止 while Excel does not answer: stop waiting; nothing further is sent. */
  stopWaitingForExcel(): void;
  /** Office.js could not be loaded: the pane stays, saying so. */
  connectionFailed(): void;
  /** The display language Office reports, once connected (the pane rendered before). */
  setLang(lang: Lang): void;
  showError(key: MessageKey, params?: Record<string, string | number>): void;
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
  /**
   * Where files are read and checked: a Web Worker in the built pane (index.tsx); by default the
   * same engine in the page (jsdom tests, hosts without workers).
   */
  engine?: PaneEngine;
  /** With the default in-page engine: how a picked file is read (tests pace the files with it). */
  readInput?: ReadInput;
  /** Inside Excel: the pane is shown before Office.js answers (openPort or connectionFailed ends it). */
  connecting?: boolean;
  /** 取りまとめ in the browser: the merged workbook's bytes (default: ExcelJS, lazily loaded). */
  workbookBytes?: ConsolidationDeps['workbookBytes'];
}

/**
 * The one code path by which the pane writes a correction, whichever screen it comes from
 * (設定's column roles edit a draft with it; 読み取った表 saves through `correct`): one entry per
 * corrected target in settings.corrections, the newer fields winning.
 */
export function applyCorrection(settings: Settings, correction: Correction): Settings {
  return { ...settings, corrections: withCorrection(settings.corrections, correction) };
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
    readProgress: null,
    notice: null,
    consolidation: initialConsolidation(),
    findingsSeverity: null,
    connecting: deps.connecting ?? false,
    excelWaiting: false,
  };
  let unwatch: (() => void) | null = null;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<PaneState>): void => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const engine = deps.engine ?? createInProcessEngine({ readInput: deps.readInput, yieldToUi });
  /** The check being run, so 中止 can stop it. */
  let checking: { task: EngineTask<CheckOutcome> | null; cancelled: boolean; abort: AbortController } | null = null;
  const t = (key: MessageKey, params?: Record<string, string | number>): string => format(state.lang, key, params);

  const fail = (e: unknown): void => {
    if (e instanceof Error && e.name === 'ExcelWaitAbandoned') {
      set({ phase: 'idle', readProgress: null, excelWaiting: false, notice: { intent: 'info', text: t('excelWaitStopped') } });
      return;
    }
    const err = typeof e === 'object' && e !== null ? (e as { code?: unknown; reason?: unknown }) : {};
    const text = err.code === 'unreadable' ? t(unreadableKey(err.reason)) : t('errorGeneric', { message: e instanceof Error ? e.message : String(e) });
    set({ phase: 'idle', notice: { intent: 'error', text } });
  };

  const consolidation = createConsolidationActions(
    { get: () => state, set, t, fail },
    { engine, workbookBytes: deps.workbookBytes ?? summaryWorkbookBytes, download: deps.download },
  );

  const store: PaneStore = {
    ...consolidation,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTab: (tab) => set({ tab, findingsSeverity: tab === 'findings' ? state.findingsSeverity : null }),
    showFindings: (severity) => set({ tab: 'findings', findingsSeverity: severity }),
    dismissNotice: () => set({ notice: null }),
    showError: (key, params) => set({ notice: { intent: 'error', text: t(key, params) } }),

    stopWaitingForExcel() {
      state.port?.excelWait?.abandon();
    },
    connectionFailed() {
      set({ connecting: false, host: 'browser', notice: { intent: 'error', text: t('officeMissing') } });
    },
    setLang(lang) {
      set({ lang });
    },

    async openPort(port) {
      unwatch?.();
      unwatch = port.excelWait ? port.excelWait.subscribe((waiting) => set({ excelWaiting: waiting })) : null;
      set({ port, report: null, layouts: [], lastRun: null, notice: null, highlighted: false, connecting: false, excelWaiting: false });
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
      set({ phase: 'reading', notice: null, readProgress: null });
      const run: { task: EngineTask<CheckOutcome> | null; cancelled: boolean; abort: AbortController } = { task: null, cancelled: false, abort: new AbortController() };
      checking = run;
      const job = { settings: state.settings, fileName: port.fileName };
      try {
        if (port.source) {
          // A dropped file: read and checked off the page, so the pane stays usable meanwhile.
          run.task = engine.checkFile(port.source, job, (p) => {
            if (p.kind === 'phase' && checking === run) set({ phase: p.phase });
          });
        } else {
          // The live workbook is read through Office.js on the page (in chunks, with progress and
          // 中止 between syncs); the check runs in the engine.
          const snapshot = await port.readSnapshot({
            signal: run.abort.signal,
            onProgress: (done, total) => {
              if (checking === run) set({ readProgress: { done, total } });
            },
          });
          if (run.cancelled) throw new TaskCancelled();
          set({ phase: 'checking', readProgress: null });
          run.task = engine.checkSnapshot(snapshot, job);
        }
        const { report, layouts } = await run.task.result;
        set({ phase: 'idle', report, layouts, lastRun: now(), readProgress: null });
      } catch (e) {
        if (e instanceof TaskCancelled || (e instanceof Error && e.name === 'AbortError')) {
          // A live read cancelled before the engine got it was already reported by cancelCheck.
          if (run.task) set({ phase: 'idle', readProgress: null, notice: { intent: 'info', text: t('checkCancelled') } });
          return;
        }
        // A dropped file that cannot be read: the CLI's reason, and back to choosing a file
        // (no 点検する button for a file that will never check).
        const err = typeof e === 'object' && e !== null ? (e as { code?: unknown; reason?: unknown }) : {};
        if (port.kind === 'file' && err.code === 'unreadable') {
          const reason = String(err.reason) as Parameters<(typeof cliMessages)['ja']['unreadableReason']>[0];
          const why = cliMessages[state.lang].unreadableReason(reason) ?? t(unreadableKey(err.reason));
          set({ phase: 'idle', port: null, report: null, notice: { intent: 'error', text: t('fileUnreadable', { name: port.fileName ?? '', reason: why }) } });
          return;
        }
        fail(e);
      } finally {
        if (checking === run) checking = null;
      }
    },

    cancelCheck() {
      if (!checking) return;
      checking.cancelled = true;
      checking.abort.abort();
      checking.task?.cancel();
      if (!checking.task) set({ phase: 'idle', readProgress: null, notice: { intent: 'info', text: t('checkCancelled') } });
    },

    async writeSummary() {
      const port = state.port;
      if (!port || !state.report) {
        set({ notice: { intent: 'info', text: t('checkFirst') } });
        return;
      }
      set({ phase: 'writing', notice: null });
      try {
        const doc = buildSummaryDocument(state.report, state.lang);
        // A downloaded report holds only its own sheets: links to the checked sheets would open nothing.
        const outcome = await port.writeSummary(port.kind === 'file' ? linksWithinDocument(doc) : doc);
        if (outcome.kind === 'file') {
          deps.download(outcome.bytes, outcome.fileName);
          set({ phase: 'idle', notice: { intent: 'success', text: t('reportDownloaded', { file: outcome.fileName }) } });
        } else {
          const written = t('summaryWritten', { sheets: outcome.sheets.join('」「') });
          const renamed = (outcome.renamed ?? []).map((r) => t('summaryRenamed', { wanted: r.wanted, written: r.written })).join(' ');
          set({ phase: 'idle', notice: { intent: renamed ? 'warning' : 'success', text: renamed ? `${written} ${renamed}` : written } });
        }
      } catch (e) {
        fail(e);
      }
    },

    readPickedFile(file) {
      return engine.readFile(file, state.lang).result;
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
          const { count, protectedSheets } = await port.highlight(state.report.findings);
          const skipped = protectedSheets.length > 0 ? ` ${t('highlightProtected', { sheets: protectedSheets.join('」「') })}` : '';
          set({ highlighted: count > 0, notice: { intent: skipped ? 'warning' : 'success', text: t('highlightDone', { count }) + skipped } });
        }
      } catch (e) {
        fail(e);
      }
    },

    async correct(correction) {
      const next = applyCorrection(state.settings, correction);
      // A correction that cannot take effect (a second 評価 column) is refused with the reason, never saved as 修正済み.
      const refused = correctionConflicts(next.corrections).find((x) => sameTarget(x.correction, { ...correction, column: correction.column?.toUpperCase() }));
      if (refused) {
        const role = EXPLAIN_MESSAGES[state.lang].role[refused.role];
        set({ notice: { intent: 'error', text: t('correctionRefused', { column: refused.correction.column ?? '', role, takenBy: refused.takenBy }) } });
        return;
      }
      await store.saveSettings(next);
    },

    async saveSettings(settings) {
      const port = state.port;
      set({ settings, settingsProblems: [] });
      if (!port) return;
      try {
        await port.saveSettings(settings);
        set({ notice: { intent: 'success', text: t('settingsSaved') } });
        if (state.report) {
          await store.runCheck();
          // The check clears notices as it starts: confirm once it is done (unless it failed).
          if (state.notice === null) set({ notice: { intent: 'success', text: t('settingsSavedRechecked') } });
        }
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
