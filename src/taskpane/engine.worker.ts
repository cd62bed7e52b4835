import { runEngineRequest, toEngineError, type EngineRequest } from './engine';

/**
 * The pane's engine in a Web Worker: each task gets a worker of its own (engine-worker-client.ts),
 * so 中止 is simply `terminate()`. One request in, progress messages and one answer out.
 */
// The DOM and WebWorker libs cannot both be loaded in one program: only what is used, typed here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  runEngineRequest(event.data, (progress) => scope.postMessage({ kind: 'progress', progress })).then(
    (value) => scope.postMessage({ kind: 'done', value }),
    (e: unknown) => scope.postMessage({ kind: 'failed', error: toEngineError(e) }),
  );
};
