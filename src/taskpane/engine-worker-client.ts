import { ConsolidationCancelled } from '../core';
import type { PickedFile } from '../excel/picked-files';
import { fromEngineError, TaskCancelled, type EngineError, type EngineProgress, type EngineRequest, type EngineTask, type NamedBytes, type PaneEngine } from './engine';

/** What the worker posts back. */
export type EngineReply = { kind: 'progress'; progress: EngineProgress } | { kind: 'done'; value: unknown } | { kind: 'failed'; error: EngineError };

/** The part of a DOM Worker the client uses (so a test can hand in something else). */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/**
 * The engine in Web Workers: one worker per task, ended when the task is done or cancelled —
 * terminating it stops a read mid-file, which no flag checked between steps could. The files'
 * bytes are read on the page (File.arrayBuffer does not block) and transferred, not copied.
 */
export function createWorkerEngine(startWorker: () => WorkerLike): PaneEngine {
  function run<T>(request: () => Promise<{ message: EngineRequest; transfer: ArrayBuffer[] }>, onProgress?: (p: EngineProgress) => void, cancelled: () => Error = () => new TaskCancelled()): EngineTask<T> {
    let worker: WorkerLike | null = null;
    let settle: { resolve: (v: T) => void; reject: (e: Error) => void } | null = null;
    let stopped = false;
    const end = (): void => {
      worker?.terminate();
      worker = null;
    };
    const result = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
      request().then(
        ({ message, transfer }) => {
          if (stopped) return;
          worker = startWorker();
          worker.onmessage = (event: MessageEvent) => {
            const reply = event.data as EngineReply;
            if (reply.kind === 'progress') onProgress?.(reply.progress);
            else {
              end();
              if (reply.kind === 'done') resolve(reply.value as T);
              else reject(fromEngineError(reply.error));
            }
          };
          worker.onerror = (event: ErrorEvent) => {
            end();
            reject(new Error(event.message || 'worker failed'));
          };
          worker.postMessage(message, transfer);
        },
        (e: unknown) => reject(e instanceof Error ? e : new Error(String(e))),
      );
    });
    return {
      result,
      cancel() {
        stopped = true;
        end();
        settle?.reject(cancelled());
      },
    };
  }

  const bytes = async (file: PickedFile): Promise<NamedBytes> => ({ name: file.name, data: await file.arrayBuffer() });

  return {
    checkFile: (file, job, onProgress) =>
      run(async () => {
        const f = await bytes(file);
        return { message: { kind: 'check-file', file: f, job }, transfer: [f.data] };
      }, onProgress),
    checkSnapshot: (snapshot, job) => run(async () => ({ message: { kind: 'check-snapshot', snapshot, job }, transfer: [] })),
    readFile: (file, lang) =>
      run(async () => {
        const f = await bytes(file);
        return { message: { kind: 'read-file', file: f, lang }, transfer: [f.data] };
      }),
    consolidate: (files, job, onProgress) =>
      run(
        async () => {
          const all: NamedBytes[] = [];
          for (const f of files) all.push(await bytes(f));
          return { message: { kind: 'consolidate', files: all, job }, transfer: all.map((f) => f.data) };
        },
        onProgress,
        () => new ConsolidationCancelled(),
      ),
  };
}
