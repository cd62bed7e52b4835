/**
 * The pane's engine protocol without a browser: the worker client driven by a stand-in worker
 * that runs the real worker body (runEngineRequest) on the same bytes, so progress, answers,
 * unreadable errors and cancel (terminate) are the ones the Web Worker gives.
 */
import { defaultSettings, ConsolidationCancelled } from '../../src/core';
import { createWorkerEngine, type WorkerLike } from '../../src/taskpane/engine-worker-client';
import { runEngineRequest, TaskCancelled, toEngineError, type EngineProgress, type EngineRequest } from '../../src/taskpane/engine';
import { isUnreadable } from '../../src/xlsx/errors';
import { bigEvaluationWorkbook } from '../hostile/big-workbook';

jest.setTimeout(60_000);

/** Work the stand-ins still run after a terminate (a real worker would simply stop). */
const pending: Promise<unknown>[] = [];
afterAll(() => Promise.allSettled(pending));

/** A worker that runs the engine in this process, asynchronously, and can be terminated. */
function standInWorker(log: string[]): WorkerLike {
  let terminated = false;
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => {
      terminated = true;
      log.push('terminated');
    },
    postMessage(message: unknown) {
      const reply = (data: unknown): void => {
        if (!terminated) worker.onmessage?.({ data } as MessageEvent);
      };
      pending.push(
        new Promise((r) => setTimeout(r, 0)).then(() =>
          runEngineRequest(message as EngineRequest, (progress) => reply({ kind: 'progress', progress })).then(
            (value) => reply({ kind: 'done', value: structuredClone(value) }),
            (e: unknown) => reply({ kind: 'failed', error: toEngineError(e) }),
          ),
        ),
      );
    },
  };
  log.push('started');
  return worker;
}

const job = { settings: defaultSettings(), fileName: '評価調書.xlsx' };
const picked = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer as ArrayBuffer });

test('a file is read and checked through the worker, with its phases, and the worker is ended', async () => {
  const log: string[] = [];
  const engine = createWorkerEngine(() => standInWorker(log));
  const phases: EngineProgress[] = [];
  const { report } = await engine.checkFile(picked('評価調書.xlsx', bigEvaluationWorkbook(50)), job, (p) => phases.push(p)).result;
  expect(report.sheets.map((s) => s.name)).toEqual(['評価調書']);
  expect(phases).toEqual([
    { kind: 'phase', phase: 'reading' },
    { kind: 'phase', phase: 'checking' },
  ]);
  expect(log).toEqual(['started', 'terminated']);
});

test('an unreadable file comes back as the unreadable error the pane words', async () => {
  const engine = createWorkerEngine(() => standInWorker([]));
  const error = await engine.checkFile(picked('x.xlsx', new TextEncoder().encode('a,b,c\n1,2,3\n')), job).result.catch((e: unknown) => e);
  expect(isUnreadable(error)).toBe(true);
  expect((error as { reason: string }).reason).toBe('csv');
  // Consolidation turns it into a value in the pane's words instead.
  const read = await engine.readFile(picked('x.xlsx', new Uint8Array()), 'en').result;
  expect(read).toEqual({ unreadable: expect.stringMatching(/empty/i) });
});

test('cancel terminates the worker at once; a cancelled 取りまとめ says so as before', async () => {
  const log: string[] = [];
  const engine = createWorkerEngine(() => standInWorker(log));
  const task = engine.checkFile(picked('big.xlsx', bigEvaluationWorkbook(1_000)), job);
  await new Promise((r) => setTimeout(r, 0));
  task.cancel();
  await expect(task.result).rejects.toBeInstanceOf(TaskCancelled);
  expect(log).toContain('terminated');
  const run = engine.consolidate([picked('a.xlsx', bigEvaluationWorkbook(10))], { masterName: null, settings: defaultSettings(), lang: 'ja' });
  run.cancel();
  await expect(run.result).rejects.toBeInstanceOf(ConsolidationCancelled);
});

test('the store: 中止 during a file read stops the check and says so; nothing is reported', async () => {
  const { createPaneStore } = await import('../../src/taskpane/store');
  const { createFilePort } = await import('../../src/excel/file-port');
  const log: string[] = [];
  const store = createPaneStore({ lang: 'ja', host: 'browser', download: () => undefined, engine: createWorkerEngine(() => standInWorker(log)) });
  const bytes = bigEvaluationWorkbook(1_000);
  await store.openPort(createFilePort({ name: '大きい.xlsx', data: bytes.slice().buffer as ArrayBuffer }, null));
  const run = store.runCheck();
  await new Promise((r) => setTimeout(r, 0));
  expect(store.getState().phase).toBe('reading');
  store.cancelCheck();
  await run;
  expect(store.getState()).toMatchObject({ phase: 'idle', report: null, notice: { intent: 'info', text: '点検を中止しました。' } });
  expect(log).toContain('terminated');
  // And the same file checks to the end when left alone.
  await store.runCheck();
  expect(store.getState().report?.sheets.map((s) => s.name)).toEqual(['評価調書']);
});
