import { rmSync } from 'node:fs';

/**
 * What a run leaves on disk or running while it works — a temporary file beside an output, a
 * conversion's private folder, a LibreOffice process — removed or ended however the run ends:
 * normally (each owner removes its own), by an exception, or by Ctrl+C / SIGTERM / SIGHUP,
 * where the handler here does it and then lets the signal end the process as it would have.
 * (On Windows only Ctrl+C arrives as SIGINT; see docs/output-safety.md.)
 */

type Undo = () => void;

const pending = new Set<Undo>();
let installed = false;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runAll(): void {
  for (const undo of [...pending]) {
    pending.delete(undo);
    try {
      undo();
    } catch {
      // Best effort: one failure must not keep the others from running.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // The signal's own end (exit status 128 + n, as a shell reports it), now that nothing is left.
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  // process.exit() elsewhere: synchronous removal still runs.
  process.on('exit', runAll);
}

/** Registers a synchronous undo to run if the process ends before `release` is called. */
export function onAbort(undo: Undo): { release(): void } {
  install();
  pending.add(undo);
  return { release: () => void pending.delete(undo) };
}

/** A file or folder removed if the process ends before `release`. */
export function removeOnAbort(file: string): { release(): void } {
  return onAbort(() => rmSync(file, { recursive: true, force: true }));
}

/**
 * A seam for tests only (HYOKA_TEST_SEAM=<point>): at that point the run prints
 * `hyoka-test-seam: ready <point> <detail>` on stderr and (with `wait`) waits for a line on
 * stdin, so a test can send a signal, or let another run go first, at exactly that moment
 * instead of after a guessed sleep. Without the variable it does nothing.
 */
export async function testSeam(point: string, detail: string, wait = true): Promise<void> {
  if (process.env.HYOKA_TEST_SEAM !== point) return;
  process.stderr.write(`hyoka-test-seam: ready ${point} ${detail}\n`);
  if (!wait) return;
  await new Promise<void>((resolve) => {
    const go = (): void => {
      process.stdin.destroy();
      resolve();
    };
    process.stdin.once('data', go);
    process.stdin.once('end', go);
    process.stdin.resume();
  });
}
