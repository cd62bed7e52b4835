/** Starts the pane's engine worker (engine.worker.ts), built by webpack as a chunk of its own. */
export function startEngineWorker(): Worker;
