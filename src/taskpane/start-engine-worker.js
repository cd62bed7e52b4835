/* global Worker, URL */
// Plain JavaScript on purpose: webpack 5 turns exactly this `new Worker(new URL(…, import.meta.url))`
// into a worker chunk, and `import.meta` does not type-check under the repository's
// `module: commonjs` (which the CLI build and jest need). Types: start-engine-worker.d.ts.
export function startEngineWorker() {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { name: 'hyoka-engine' });
}
