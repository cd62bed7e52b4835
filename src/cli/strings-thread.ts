import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UnreadableWorkbookError } from '../xlsx/errors';
import type { StringsElsewhere } from '../xlsx/read';
import { sharedTotal } from '../xlsx/zip';
import type { StringsReply, StringsRequest } from './strings-worker';

/**
 * The CLI reads a workbook's shared strings on a worker thread while the main thread reads its
 * sheets: the two largest parts of a big workbook, each inflated and tokenised on its own core
 * (a 60k-row file's read takes about the longer of the two instead of both).
 *
 * A worker serves the files asked for while it runs and stops when it has none left (its heap
 * would stay with the process otherwise). A small file is read on one thread: starting the worker costs more than
 * it saves there. Run from the TypeScript sources (tests) there is no compiled worker, and
 * everything is read on one thread.
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
const waiting = new Map<number, { resolve: (strings: string[]) => void; reject: (e: Error) => void }>();

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
    waiting.set(id, { resolve, reject });
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
  const w = new Worker(script);
  w.on('message', (reply: StringsReply) => {
    const asked = waiting.get(reply.id);
    waiting.delete(reply.id);
    // Its heap would otherwise stay with the process for the rest of the run (~40 MB at 100k
    // rows, at the very time the plan is built): the next large file starts another.
    if (waiting.size === 0) stop(w);
    if (!asked) return;
    if (reply.ok) asked.resolve(unpack(reply));
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

/** Decoding ~1M code units at a time keeps each decoded string well below V8's longest. */
const CHUNK = 1 << 20;

/**
 * The packed texts → strings: each run of texts is decoded once (as UTF-16 code units, lone
 * surrogates kept as they were) and every text cut from its run.
 */
function unpack(reply: Extract<StringsReply, { ok: true }>): string[] {
  const chars = Buffer.from(reply.chars, 0, reply.length * 2);
  const ends = new Uint32Array(reply.ends, 0, reply.count);
  const out = new Array<string>(reply.count);
  let i = 0;
  let runStart = 0;
  while (i < reply.count) {
    let j = i;
    while (j < reply.count && ends[j] - runStart <= CHUNK) j++;
    if (j === i) j = i + 1; // one text longer than a run (limits raised by a profile)
    const runEnd = ends[j - 1];
    const run = chars.toString('utf16le', 2 * runStart, 2 * runEnd);
    let at = 0;
    for (let k = i; k < j; k++) {
      const end = ends[k] - runStart;
      out[k] = run.slice(at, end);
      at = end;
    }
    runStart = runEnd;
    i = j;
  }
  return out;
}
