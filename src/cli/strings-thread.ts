import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UnreadableWorkbookError } from '../xlsx/errors';
import type { StringsElsewhere } from '../xlsx/read';
import { sharedTotal } from '../xlsx/zip';
import type { StringsReply, StringsRequest } from './strings-worker';

/**
 * The CLI reads a workbook's shared strings on a worker thread while the main thread reads its
 * sheets: the two largest parts of a big workbook, each tokenised on its own thread. On two
 * cores this saves less than it promises (0.1–0.25 s of a 60k-row check, not half the read):
 * both threads, zlib's thread pool and the collector share them.
 *
 * A worker serves the files asked for while it runs and stops when it has none left (its heap
 * would stay with the process otherwise). A small file is read on one thread: starting the
 * worker costs more than it saves there. Run from the TypeScript sources (tests) there is no
 * compiled worker, and everything is read on one thread.
 */
/** Below this the strings are read on the main thread. */
export const STRINGS_THREAD_MIN_BYTES = 1 << 20;

/** Files of `minBytes` or more have their strings read by the worker script `script` (tests choose both). */
export function stringsOnWorkerAt(script: string, minBytes = STRINGS_THREAD_MIN_BYTES): StringsElsewhere {
  return (bytes, limits) => {
    if (bytes.length < minBytes || !existsSync(script)) return null;
    const total = new SharedArrayBuffer(8);
    return {
      total: sharedTotal(total),
      read: (part) => ask(script, { bytes, part, limits, total }),
    };
  };
}

export const stringsOnWorker = stringsOnWorkerAt(path.join(__dirname, 'strings-worker.js'));

let worker: { script: string; thread: Worker } | null = null;
let nextId = 0;
/** Each request's texts so far (runs decoded as they arrive), and how it ends. */
const waiting = new Map<number, { strings: string[]; resolve: (strings: string[]) => void; reject: (e: Error) => void }>();

function ask(script: string, request: Omit<StringsRequest, 'id' | 'bytes'> & { bytes: Uint8Array }): Promise<string[]> {
  const w = worker?.script === script ? worker.thread : start(script);
  const id = nextId++;
  // The file in shared memory (readInput reads it there): the worker reads it without a copy.
  let bytes = request.bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) {
    bytes = new Uint8Array(new SharedArrayBuffer(request.bytes.length));
    bytes.set(request.bytes);
  }
  return new Promise((resolve, reject) => {
    waiting.set(id, { strings: [], resolve, reject });
    w.ref();
    w.postMessage({ ...request, id, bytes } satisfies StringsRequest);
  });
}

const stopping = new WeakSet<Worker>();

function stop(w: Worker): void {
  stopping.add(w);
  if (worker?.thread === w) worker = null;
  void w.terminate();
}

function start(script: string): Worker {
  // A small young generation: the worker keeps nothing but the run it is filling.
  const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  w.on('message', (reply: StringsReply) => {
    const asked = waiting.get(reply.id);
    if (reply.kind === 'run') {
      if (asked) unpack(reply, asked.strings);
      return;
    }
    waiting.delete(reply.id);
    // Its heap would otherwise stay with the process for the rest of the run, at the very
    // time the plan is built: the next large file starts another.
    if (waiting.size === 0) stop(w);
    if (!asked) return;
    if (reply.kind === 'done' && asked.strings.length === reply.count) asked.resolve(asked.strings);
    else if (reply.kind === 'done') asked.reject(new Error(`shared strings thread: ${asked.strings.length} of ${reply.count} strings arrived`));
    else if (reply.unreadable) asked.reject(new UnreadableWorkbookError(reply.unreadable.reason, reply.unreadable.detail));
    else asked.reject(new Error(`shared strings thread: ${reply.message}`));
  });
  const fail = (why: string): void => {
    if (worker?.thread === w) worker = null;
    if (stopping.has(w)) return;
    for (const asked of waiting.values()) asked.reject(new Error(`shared strings thread: ${why}`));
    waiting.clear();
  };
  w.on('error', (e) => fail(e.message));
  w.on('exit', (code) => fail(`stopped (${code})`));
  w.unref();
  worker = { script, thread: w };
  return w;
}

/**
 * One run of packed texts → strings appended to `out`: the run is decoded once (as UTF-16 code
 * units, lone surrogates kept as they were) and every text cut from it.
 */
function unpack(run: Extract<StringsReply, { kind: 'run' }>, out: string[]): void {
  const text = Buffer.from(run.chars, 0, run.length * 2).toString('utf16le');
  const ends = new Uint32Array(run.ends, 0, run.count);
  let at = 0;
  for (let k = 0; k < run.count; k++) {
    out.push(text.slice(at, ends[k]));
    at = ends[k];
  }
}
