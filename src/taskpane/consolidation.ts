import { ConsolidationCancelled, formatFiscalYear, parseFiscalYear, readPlanMaster, type ConsolidationResult, type InputSnapshot, type SummaryDocument, type WorkbookSnapshot } from '../core';
import { safeFileName } from '../render/file-name';
import { linksWithinDocument } from '../core/links';
import type { PickedFile } from '../excel/picked-files';
import { buildDepartmentDocuments } from '../render/consolidation-document';
import { buildConsolidationDocument } from '../render/consolidation-document';
import type { MessageKey } from '../i18n/taskpane';
import type { EngineTask, PaneEngine } from './engine';
import type { Notice, PaneState } from './store';

/**
 * 取りまとめ in the pane: the state of the screen and its actions, part of the one pane store.
 * The engine (a Web Worker in the built pane) reads the picked files one at a time and runs the
 * consolidation; 中止 ends it at once. The result goes into the open workbook (Excel) or a
 * downloaded workbook (browser) — the department files themselves are never written.
 */
export interface ConsolidationState {
  files: PickedFile[];
  masterFile: PickedFile | null;
  /** The plan-master sheet found in the open workbook; null none; undefined not looked at yet. */
  workbookMaster: string | null | undefined;
  useWorkbookMaster: boolean;
  /** The report-year field as typed (令和2年度, R2, 2020, or blank). */
  year: string;
  running: boolean;
  /** null before the first file is done; `file` is the one being read next. */
  progress: { done: number; total: number; file: string } | null;
  result: ConsolidationResult | null;
  /** How the master was named in the run's findings (its file name, or null for the open workbook). */
  masterName: string | null;
}

export interface ConsolidationActions {
  addConsolidationFiles(files: readonly PickedFile[]): void;
  removeConsolidationFile(name: string): void;
  clearConsolidationFiles(): void;
  setMasterFile(file: PickedFile | null): void;
  setUseWorkbookMaster(use: boolean): void;
  setConsolidationYear(year: string): void;
  /** Excel: looks for a 計画体系 sheet in the open workbook (once). */
  findWorkbookMaster(): Promise<void>;
  runConsolidation(): Promise<void>;
  cancelConsolidation(): void;
  /** Excel: writes the four sheets into the open workbook; browser: downloads them as a workbook. */
  saveConsolidation(): Promise<void>;
  /** One 点検結果 workbook per 担当課, downloaded together as one zip (browsers allow one download per click). */
  downloadPerDepartment(): Promise<void>;
}

export interface ConsolidationDeps {
  engine: PaneEngine;
  workbookBytes(doc: SummaryDocument): Promise<Uint8Array>;
  download(bytes: Uint8Array, fileName: string): void;
}

interface StoreAccess {
  get(): PaneState;
  set(patch: Partial<PaneState>): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  fail(e: unknown): void;
}

export function initialConsolidation(): ConsolidationState {
  return { files: [], masterFile: null, workbookMaster: undefined, useWorkbookMaster: true, year: '', running: false, progress: null, result: null, masterName: null };
}

/** Excel's lock files (~$…) and dotfiles are never department reports, as in the CLI. */
function isCandidate(name: string): boolean {
  return !name.startsWith('~$') && !name.startsWith('.');
}

export function createConsolidationActions(store: StoreAccess, deps: ConsolidationDeps): ConsolidationActions {
  let running: EngineTask<unknown> | null = null;
  const c = (): ConsolidationState => store.get().consolidation;
  const update = (patch: Partial<ConsolidationState>): void => store.set({ consolidation: { ...c(), ...patch } });
  const notice = (n: Notice): void => store.set({ notice: n });
  /** Runs one engine task so that 中止 can end it. */
  const track = async <T>(task: EngineTask<T>): Promise<T> => {
    running = task;
    return task.result;
  };

  const write = async (result: ConsolidationResult): Promise<void> => {
    const { port, host, lang } = store.get();
    // The pane's inputs are not files beside the workbook: provenance is plain text, no links.
    const doc = buildConsolidationDocument(result, lang);
    if (host === 'excel' && port?.kind === 'live') {
      const outcome = await port.writeSummary(doc);
      const sheets = outcome.kind === 'written' ? outcome.sheets : doc.sheets.map((s) => s.name);
      const written = store.t('consolidateWritten', { sheets: sheets.join('」「') });
      // A user's own sheet of the same name was left alone: say where the output went instead.
      const renamed = (outcome.kind === 'written' ? (outcome.renamed ?? []) : []).map((r) => store.t('summaryRenamed', { wanted: r.wanted, written: r.written })).join(' ');
      notice({ intent: renamed ? 'warning' : 'success', text: renamed ? `${written} ${renamed}` : written });
      return;
    }
    // Downloaded: only links into the sheets the file itself holds.
    const bytes = await deps.workbookBytes(linksWithinDocument(doc));
    const year = result.reportYear !== null ? formatFiscalYear(result.reportYear, lang) : 'unknown';
    const fileName = store.t('consolidateFileName', { year });
    deps.download(bytes, fileName);
    notice({ intent: 'success', text: store.t('reportDownloaded', { file: fileName }) });
  };

  /** The master as the run will use it, or a notice saying why it cannot (then null). */
  const loadMaster = async (): Promise<{ master?: WorkbookSnapshot; masterName: string | null } | null> => {
    const { masterFile, useWorkbookMaster, workbookMaster } = c();
    const port = store.get().port;
    if (masterFile) {
      const snapshot: InputSnapshot = await track(deps.engine.readFile(masterFile, store.get().lang));
      if ('unreadable' in snapshot) {
        notice({ intent: 'error', text: store.t('consolidateMasterUnreadable', { name: masterFile.name, detail: snapshot.unreadable }) });
        return null;
      }
      if (readPlanMaster(snapshot) === null) {
        notice({ intent: 'error', text: store.t('consolidateMasterWithoutPlan', { name: masterFile.name }) });
        return null;
      }
      return { master: snapshot, masterName: masterFile.name };
    }
    if (useWorkbookMaster && workbookMaster && port?.kind === 'live') {
      // Read afresh: the secretariat may have edited the 計画体系 sheet since the screen opened.
      return { master: await port.readSnapshot(), masterName: null };
    }
    return { masterName: null };
  };

  return {
    addConsolidationFiles(files) {
      const known = new Set(c().files.map((f) => f.name));
      const added = files.filter((f) => isCandidate(f.name) && !known.has(f.name) && (known.add(f.name), true));
      // Sorted by name as the CLI sorts a folder: the same files give the same run (the first of two
      // conflicting files is the one counted), whatever order the picker or the drop gave them in.
      update({ files: [...c().files, ...added].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) });
    },
    removeConsolidationFile: (name) => update({ files: c().files.filter((f) => f.name !== name) }),
    clearConsolidationFiles: () => update({ files: [], result: null, progress: null }),
    setMasterFile: (file) => update({ masterFile: file }),
    setUseWorkbookMaster: (use) => update({ useWorkbookMaster: use }),
    setConsolidationYear: (year) => update({ year }),

    async findWorkbookMaster() {
      const port = store.get().port;
      if (port?.kind !== 'live' || c().workbookMaster !== undefined) return;
      update({ workbookMaster: null });
      try {
        const master = readPlanMaster(await port.readSnapshot());
        update({ workbookMaster: master?.sheets[0] ?? null });
      } catch (e) {
        store.fail(e);
      }
    },

    async runConsolidation() {
      const state = c();
      if (state.running) return;
      if (state.files.length === 0) {
        notice({ intent: 'info', text: store.t('consolidateNoFiles') });
        return;
      }
      const year = state.year.trim();
      if (year !== '' && parseFiscalYear(year) === null) {
        notice({ intent: 'error', text: store.t('consolidateYearInvalid') });
        return;
      }
      update({ running: true, progress: null, result: null });
      store.set({ notice: null });
      try {
        const master = await loadMaster();
        if (master === null) {
          update({ running: false });
          return;
        }
        // The master file is not a department report, even when it was dropped with them.
        const files = state.masterFile ? state.files.filter((f) => f.name !== state.masterFile?.name) : state.files;
        update({ progress: { done: 0, total: files.length, file: files[0]?.name ?? '' } });
        const { settings, lang } = store.get();
        const result = await track(
          deps.engine.consolidate(
            files,
            {
              ...master,
              settings: year === '' ? settings : { ...settings, reportYear: /^\d{4}$/.test(year) ? Number(year) : year },
              lang,
            },
            (p) => {
              if (p.kind === 'files') update({ progress: { done: p.done, total: p.total, file: p.file } });
            },
          ),
        );
        update({ running: false, result, masterName: master.masterName });
        if (store.get().host === 'excel') await write(result);
      } catch (e) {
        update({ running: false });
        if (e instanceof ConsolidationCancelled || (e instanceof Error && e.name === 'TaskCancelled')) notice({ intent: 'info', text: store.t('consolidateCancelled') });
        else store.fail(e);
      } finally {
        running = null;
      }
    },

    cancelConsolidation() {
      running?.cancel();
    },

    async downloadPerDepartment() {
      const result = c().result;
      if (!result) return;
      const lang = store.get().lang;
      store.set({ phase: 'writing', notice: null });
      try {
        // Links point at each department's file by its name, for when the zip is unpacked beside them.
        const docs = buildDepartmentDocuments(result, lang, (file) => file.split(/[\\/]/).pop() ?? file);
        const entries: Record<string, Uint8Array> = {};
        // Named as the CLI names them (src/render/file-name.ts): every entry extracts on Windows too.
        const taken = new Set<string>();
        for (const d of docs) entries[safeFileName(d.department, '_点検結果.xlsx', taken, 'department')] = await deps.workbookBytes(d.document);
        const { zipSync } = await import('fflate');
        const year = result.reportYear !== null ? formatFiscalYear(result.reportYear, lang) : 'unknown';
        deps.download(zipSync(entries, { level: 0 }), `担当課別_点検結果_${year}.zip`);
        store.set({ phase: 'idle', notice: { intent: 'success', text: store.t('perDepartmentDone', { count: docs.length }) } });
      } catch (e) {
        store.fail(e);
      }
    },

    async saveConsolidation() {
      const result = c().result;
      if (!result) return;
      store.set({ phase: 'writing', notice: null });
      try {
        await write(result);
        store.set({ phase: 'idle' });
      } catch (e) {
        store.fail(e);
      }
    },
  };
}
