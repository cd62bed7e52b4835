import {
  checkWorkbook,
  consolidate,
  ConsolidationCancelled,
  type ConsolidationResult,
  type InputSnapshot,
  type Lang,
  type Report,
  type Settings,
  type SheetLayout,
  type WorkbookSnapshot,
} from '../core';
import type { PickedFile } from '../excel/picked-files';
import { format, type MessageKey } from '../i18n/taskpane';
import { isUnreadable, UnreadableWorkbookError, type UnreadableReason } from '../xlsx/errors';

/**
 * What the pane asks of the engine: read files, check, consolidate. In the browser a Web Worker
 * does it (src/taskpane/engine-worker-client.ts), so the pane stays responsive and 中止 can stop
 * a read at any moment; jsdom tests and hosts without workers use `createInProcessEngine`.
 * Both run the same `runEngineRequest`, so they cannot drift apart.
 */
export interface EngineTask<T> {
  readonly result: Promise<T>;
  /** Stops the task; `result` then rejects with `TaskCancelled` (`ConsolidationCancelled` for 取りまとめ). */
  cancel(): void;
}

export interface CheckOutcome {
  report: Report;
  layouts: SheetLayout[];
}

export interface CheckJob {
  settings: Settings;
  fileName: string | null;
}

export interface ConsolidateJob {
  master?: WorkbookSnapshot;
  masterName: string | null;
  settings: Settings;
  /** The language unreadable files are described in (findings themselves are worded by describe()). */
  lang: Lang;
}

/** Progress the engine reports: the phase of a check, or files done in 取りまとめ. */
export type EngineProgress = { kind: 'phase'; phase: 'reading' | 'checking' } | { kind: 'files'; done: number; total: number; file: string };

export interface PaneEngine {
  /** Reads a dropped file and checks it. */
  checkFile(file: PickedFile, job: CheckJob, onProgress?: (p: EngineProgress) => void): EngineTask<CheckOutcome>;
  /** Checks a snapshot read elsewhere (the live workbook, read by Office.js on the page). */
  checkSnapshot(snapshot: WorkbookSnapshot, job: CheckJob): EngineTask<CheckOutcome>;
  /** Reads one file; an unreadable one is a value (`{ unreadable }`), as consolidation and 前年度比較 want it. */
  readFile(file: PickedFile, lang: Lang): EngineTask<InputSnapshot>;
  consolidate(files: readonly PickedFile[], job: ConsolidateJob, onProgress?: (p: EngineProgress) => void): EngineTask<ConsolidationResult>;
}

export class TaskCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'TaskCancelled';
  }
}

/** A request as posted to the worker: files already as bytes. */
export type EngineRequest =
  | { kind: 'check-file'; file: NamedBytes; job: CheckJob }
  | { kind: 'check-snapshot'; snapshot: WorkbookSnapshot; job: CheckJob }
  | { kind: 'read-file'; file: NamedBytes; lang: Lang }
  | { kind: 'consolidate'; files: NamedBytes[]; job: ConsolidateJob };

export interface NamedBytes {
  name: string;
  data: ArrayBuffer;
}

/** An error as it crosses the worker boundary (class instances do not survive structured cloning). */
export interface EngineError {
  name: string;
  message: string;
  reason?: UnreadableReason;
  detail?: string;
}

export function toEngineError(e: unknown): EngineError {
  if (isUnreadable(e)) return { name: 'UnreadableWorkbookError', message: e.message, reason: e.reason, detail: e.detail };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export function fromEngineError(e: EngineError): Error {
  if (e.reason) return new UnreadableWorkbookError(e.reason, e.detail);
  if (e.name === 'ConsolidationCancelled') return new ConsolidationCancelled();
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}

/** The sentence a consolidation finding gives for an unreadable file, in the pane's words. */
export function describeUnreadable(lang: Lang, reason: UnreadableReason): string {
  return format(lang, `unreadableWhy_${reason}` as MessageKey);
}

/** How a file becomes a snapshot; the store's tests inject one to pace the files. */
export type ReadInput = (file: PickedFile, describe: (reason: UnreadableReason) => string) => Promise<InputSnapshot>;

async function readBytes(file: NamedBytes): Promise<WorkbookSnapshot> {
  // The reader is a chunk of its own: the page loads it only when a file is read.
  const { readWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../xlsx/read');
  return readWorkbook(file.data, file.name);
}

async function readOrUnreadable(file: PickedFile, lang: Lang, readInput?: ReadInput): Promise<InputSnapshot> {
  const describe = (reason: UnreadableReason): string => describeUnreadable(lang, reason);
  if (readInput) return readInput(file, describe);
  try {
    return await readBytes({ name: file.name, data: await file.arrayBuffer() });
  } catch (e) {
    if (!isUnreadable(e)) throw e;
    return { unreadable: describe(e.reason) };
  }
}

const pick = (f: NamedBytes): PickedFile => ({ name: f.name, arrayBuffer: async () => f.data });

/**
 * Does one request: the worker's whole body, and the in-process engine's. `signal` is checked
 * between files and phases (a worker is simply terminated instead).
 */
export async function runEngineRequest(
  request: EngineRequest,
  onProgress: (p: EngineProgress) => void,
  signal?: AbortSignal,
  readInput?: ReadInput,
): Promise<CheckOutcome | InputSnapshot | ConsolidationResult> {
  switch (request.kind) {
    case 'check-file': {
      onProgress({ kind: 'phase', phase: 'reading' });
      const snapshot = await readBytes(request.file);
      if (signal?.aborted) throw new TaskCancelled();
      onProgress({ kind: 'phase', phase: 'checking' });
      return check(snapshot, request.job);
    }
    case 'check-snapshot':
      return check(request.snapshot, request.job);
    case 'read-file':
      return readOrUnreadable(pick(request.file), request.lang, readInput);
    case 'consolidate':
      return consolidateFiles(request.files.map(pick), request.job, onProgress, signal, readInput);
  }
}

function consolidateFiles(
  files: readonly PickedFile[],
  job: ConsolidateJob,
  onProgress: (p: EngineProgress) => void,
  signal?: AbortSignal,
  readInput?: ReadInput,
  yieldToHost?: () => Promise<void>,
): Promise<ConsolidationResult> {
  return consolidate(
    files.map((f) => ({ name: f.name, snapshot: () => readOrUnreadable(f, job.lang, readInput) })),
    {
      master: job.master,
      masterName: job.masterName,
      settings: job.settings,
      signal,
      yieldToHost,
      onProgress: (done, total) => onProgress({ kind: 'files', done, total, file: files[done]?.name ?? '' }),
    },
  );
}

function check(snapshot: WorkbookSnapshot, job: CheckJob): CheckOutcome {
  const { report, layouts } = checkWorkbook(snapshot, { settings: job.settings, fileName: job.fileName ?? undefined });
  return { report, layouts };
}

/**
 * The engine on the page itself: for jsdom tests and a host without Web Workers. `readInput`
 * replaces how a picked file becomes a snapshot (tests pace the files with it).
 */
export function createInProcessEngine(options: { readInput?: ReadInput; yieldToUi?: () => Promise<void> } = {}): PaneEngine {
  const yieldToUi = options.yieldToUi ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  function start<T>(run: (signal: AbortSignal) => Promise<T>, cancelled: () => Error = () => new TaskCancelled()): EngineTask<T> {
    const controller = new AbortController();
    let rejectNow: (e: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => (rejectNow = reject));
    // A cancelled task settles at once, whatever the work still running does afterwards.
    const result = Promise.race([run(controller.signal), stopped]);
    return {
      result,
      cancel() {
        controller.abort();
        rejectNow(cancelled());
      },
    };
  }
  return {
    checkFile: (file, job, onProgress = () => undefined) =>
      start(async (signal) => {
        onProgress({ kind: 'phase', phase: 'reading' });
        const snapshot = await readBytes({ name: file.name, data: await file.arrayBuffer() });
        onProgress({ kind: 'phase', phase: 'checking' });
        // Lets the progress bar paint between reading and checking.
        await yieldToUi();
        if (signal.aborted) throw new TaskCancelled();
        return check(snapshot, job);
      }),
    checkSnapshot: (snapshot, job) =>
      start(async (signal) => {
        await yieldToUi();
        if (signal.aborted) throw new TaskCancelled();
        return check(snapshot, job);
      }),
    readFile: (file, lang) => start(() => readOrUnreadable(file, lang, options.readInput)),
    consolidate: (files, job, onProgress = () => undefined) =>
      // On the page: let it paint its progress bar (and 中止 be clicked) between files.
      start((signal) => consolidateFiles(files, job, onProgress, signal, options.readInput, yieldToUi), () => new ConsolidationCancelled()),
  };
}
