/**
 * The worker thread that reads a workbook's shared strings while the main thread reads its
 * sheets (strings-thread.ts). The texts go back packed in one UTF-16 buffer with their end
 * offsets, both transferred, not copied: a structured-cloned list of 200k strings would cost the
 * main thread more than reading them did.
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

export type StringsReply =
  | { id: number; ok: true; chars: ArrayBuffer; length: number; ends: ArrayBuffer; count: number }
  | { id: number; ok: false; unreadable: { reason: UnreadableReason; detail: string | undefined } | null; message: string };

/** Every text's UTF-16 code units one after another, and where each one ends. */
class Utf16Sink implements StringSink {
  chars: Uint16Array;
  length = 0;
  ends = new Uint32Array(1 << 14);
  count = 0;

  add(text: string): void {
    const n = text.length;
    if (this.length + n > this.chars.length) this.chars = grown(this.chars, this.length + n);
    const chars = this.chars;
    for (let i = 0, at = this.length; i < n; i++, at++) chars[at] = text.charCodeAt(i);
    this.length += n;
    if (this.count === this.ends.length) this.ends = grown(this.ends, this.count + 1);
    this.ends[this.count++] = this.length;
  }

  /**
   * Room for `expected` code units from the start: regrowing copies everything written so far
   * (here, touching memory is what costs). Pages never written are never taken from the system.
   */
  constructor(expected: number) {
    this.chars = new Uint16Array(Math.max(1024, expected));
  }

  written(): void {}
}

function grown<T extends Uint16Array | Uint32Array>(list: T, needed: number): T {
  let size = list.length;
  while (size < needed) size *= 2;
  const out = new (list.constructor as new (n: number) => T)(size);
  out.set(list);
  return out;
}

async function answer(request: StringsRequest): Promise<StringsReply> {
  try {
    const zip = new ZipReader(request.bytes, request.limits, nodeInflater, sharedTotal(request.total));
    // A text has at most as many UTF-16 code units as its UTF-8 bytes: the part's stated size
    // is room enough, unless it lies (then the buffer grows), and never more than the bound.
    const sink = new Utf16Sink(Math.min(zip.statedSize(request.part), request.limits.maxSharedStringChars));
    await scanSharedStrings(zip, request.part, request.limits, sink);
    return { id: request.id, ok: true, chars: sink.chars.buffer as ArrayBuffer, length: sink.length, ends: sink.ends.buffer as ArrayBuffer, count: sink.count };
  } catch (e) {
    const unreadable = e instanceof UnreadableWorkbookError ? { reason: e.reason, detail: e.detail } : null;
    return { id: request.id, ok: false, unreadable, message: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.on('message', (request: StringsRequest) => {
  void answer(request).then((reply) => {
    const transfer = reply.ok ? [reply.chars, reply.ends] : [];
    parentPort?.postMessage(reply, transfer);
  });
});
