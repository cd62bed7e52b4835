/**
 * The worker thread that reads a workbook's shared strings while the main thread reads its
 * sheets (strings-thread.ts). The texts go back in runs as they are read: each run's UTF-16
 * code units in one buffer with where each text ends, transferred, not copied (a structured-
 * cloned list of 200k strings would cost the main thread more than reading them did), and
 * decoded there as it arrives, so neither thread holds more than a run of them twice.
 */
import { parentPort } from 'node:worker_threads';
import { UnreadableWorkbookError, type UnreadableReason } from '../xlsx/errors';
import type { ReadLimits } from '../xlsx/limits';
import { scanSharedStrings, type StringSink } from '../xlsx/shared-strings';
import { sharedTotal, ZipReader } from '../xlsx/zip';
import { nodeInflater } from './inflate';

export interface StringsRequest {
  id: number;
  /** The whole file, in shared memory: the worker only reads it. */
  bytes: Uint8Array;
  part: string;
  limits: ReadLimits;
  /** The file's inflated total (sharedTotal), counted into by both threads. */
  total: SharedArrayBuffer;
}

/** A run of texts, then the end (with how many texts there were in all) or the refusal. */
export type StringsReply =
  | { id: number; kind: 'run'; chars: ArrayBuffer; length: number; ends: ArrayBuffer; count: number }
  | { id: number; kind: 'done'; count: number }
  | { id: number; kind: 'failed'; unreadable: { reason: UnreadableReason; detail: string | undefined } | null; message: string };

/** Code units per run: ~2 MB, and any one text fits (a profile may allow cells longer than Excel's). */
const RUN = 1 << 20;

/** Packs texts into runs and sends each run on once it is full. */
class RunSink implements StringSink {
  private chars = new Uint16Array(RUN);
  private length = 0;
  private ends: number[] = [];

  constructor(private readonly send: (run: Extract<StringsReply, { kind: 'run' }>) => void, private readonly id: number) {}

  add(text: string): void {
    const n = text.length;
    if (this.length + n > this.chars.length) {
      this.flush();
      if (n > this.chars.length) this.chars = new Uint16Array(n);
    }
    const chars = this.chars;
    for (let i = 0, at = this.length; i < n; i++, at++) chars[at] = text.charCodeAt(i);
    this.length += n;
    this.ends.push(this.length);
  }

  written(): void {}

  flush(): void {
    if (this.ends.length === 0) return;
    const ends = Uint32Array.from(this.ends);
    this.send({ id: this.id, kind: 'run', chars: this.chars.buffer as ArrayBuffer, length: this.length, ends: ends.buffer as ArrayBuffer, count: ends.length });
    this.chars = new Uint16Array(RUN);
    this.length = 0;
    this.ends = [];
  }
}

async function answer(request: StringsRequest, send: (reply: StringsReply) => void): Promise<void> {
  try {
    const zip = new ZipReader(request.bytes, request.limits, nodeInflater, sharedTotal(request.total));
    const sink = new RunSink(send, request.id);
    const count = await scanSharedStrings(zip, request.part, request.limits, sink);
    sink.flush();
    send({ id: request.id, kind: 'done', count });
  } catch (e) {
    const unreadable = e instanceof UnreadableWorkbookError ? { reason: e.reason, detail: e.detail } : null;
    send({ id: request.id, kind: 'failed', unreadable, message: e instanceof Error ? e.message : String(e) });
  }
}

const port = parentPort;
port?.on('message', (request: StringsRequest) => {
  void answer(request, (reply) => port.postMessage(reply, reply.kind === 'run' ? [reply.chars, reply.ends] : []));
});
