import { Inflate, strFromU8 } from 'fflate';
import { UnreadableWorkbookError } from './errors';
import type { ReadLimits } from './limits';

/**
 * The zip container of an .xlsx, read from its central directory, each part inflated in slices
 * (by the host's inflater, or fflate) so that the inflated bytes are counted, and refused past
 * the bounds, as they are produced, never materialised whole. Pure JS: runs in Node and in a
 * browser or Web Worker; a host's native inflater comes in through `Inflater`.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  dataStart: number;
}

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  /** Bytes inflated so far over every part of the file: the file's bound holds over them all. */
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
    /** What inflateAsync uses; null: fflate only (tests of the fallback). */
    private readonly inflater: Inflater | null = platformInflater(),
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEocd(bytes);
    if (eocd < 0) throw new UnreadableWorkbookError('corrupt', 'no end of central directory');
    let count = view.getUint16(eocd + 10, true);
    let offset = view.getUint32(eocd + 16, true);
    if (offset === 0xffffffff || count === 0xffff) {
      // Zip64: the locator just before the end record points at the zip64 end record.
      const loc = eocd - 20;
      if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) throw new UnreadableWorkbookError('corrupt', 'zip64 locator missing');
      const z64 = Number(view.getBigUint64(loc + 8, true));
      if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== 0x06064b50) throw new UnreadableWorkbookError('corrupt', 'zip64 end record missing');
      count = Number(view.getBigUint64(z64 + 32, true));
      offset = Number(view.getBigUint64(z64 + 48, true));
    }
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new UnreadableWorkbookError('corrupt', 'central directory damaged');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      let compressedSize = view.getUint32(p + 20, true);
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      let local = view.getUint32(p + 42, true);
      const name = strFromU8(bytes.subarray(p + 46, p + 46 + nameLen));
      if (compressedSize === 0xffffffff || local === 0xffffffff) {
        // Zip64 extra field: uncompressed, compressed, offset — each present only when its 32-bit field is saturated.
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = view.getUint16(e, true);
          const size = view.getUint16(e + 2, true);
          if (id === 1) {
            let q = e + 4;
            if (view.getUint32(p + 24, true) === 0xffffffff) q += 8;
            if (compressedSize === 0xffffffff) {
              compressedSize = Number(view.getBigUint64(q, true));
              q += 8;
            }
            if (local === 0xffffffff) local = Number(view.getBigUint64(q, true));
          }
          e += 4 + size;
        }
      }
      p += 46 + nameLen + extraLen + commentLen;
      if (name.endsWith('/')) continue;
      if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new UnreadableWorkbookError('corrupt', `local header of ${name} missing`);
      const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (dataStart + compressedSize > bytes.length) throw new UnreadableWorkbookError('corrupt', `${name} is truncated`);
      if (flags & 1) throw new UnreadableWorkbookError('encrypted', `${name} is zip-encrypted`);
      // Names are compared without a leading slash and case-insensitively, as Office does.
      this.entries.set(normalisePartName(name), { name, method, compressedSize, dataStart });
    }
  }

  has(part: string): boolean {
    return this.entries.has(normalisePartName(part));
  }

  /**
   * Inflates one part, handing the bytes on in slices. Refuses (too-large / zip-bomb) as soon as
   * the whole file's inflated total or this part's ratio goes past its bound.
   */
  inflate(part: string, onData: (chunk: Uint8Array) => void): void {
    this.inflateWithFflate(this.open(part, onData));
  }

  private inflateWithFflate({ entry, data, meter }: OpenedPart): void {
    if (entry.method === 0) {
      for (let i = 0; i < data.length; i += SLICE) meter.count(data.subarray(i, Math.min(data.length, i + SLICE)));
      return;
    }
    let ended = false;
    const inflater = new Inflate((chunk, final) => {
      if (chunk.length > 0) meter.count(chunk);
      if (final) ended = true;
    });
    // Small compressed slices bound what one push can produce (deflate expands at most ~1032×).
    for (let i = 0; i < data.length; i += INFLATE_SLICE) {
      const end = Math.min(data.length, i + INFLATE_SLICE);
      meter.consumed = end;
      try {
        inflater.push(data.subarray(i, end), end === data.length);
      } catch (e) {
        throw corrupt(entry, e);
      }
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    if (!ended && data.length > 0) throw new UnreadableWorkbookError('corrupt', `${entry.name} is truncated`);
  }

  /**
   * `inflate` through the host's inflater where it has one: natively, and in Node on the thread
   * pool while this thread handles the slices already out. fflate's streaming inflate regrows
   * and copies its buffer on every push. The same bounds are checked on the same slices, the
   * ratio against the compressed bytes the inflater has taken so far, so a bomb is still
   * stopped a few MB in.
   */
  async inflateAsync(part: string, onData: (chunk: Uint8Array) => void): Promise<void> {
    const opened = this.open(part, onData);
    const { entry, data, meter } = opened;
    if (entry.method === 0 || data.length === 0 || this.inflater === null) {
      this.inflateWithFflate(opened);
      return;
    }
    const stream = this.inflater(data);
    try {
      for (let chunk = await stream.read(); chunk !== null; chunk = await stream.read()) {
        meter.consumed = stream.consumed();
        if (chunk.length > 0) meter.count(chunk);
      }
    } catch (e) {
      // Stop the inflater (a refused bomb, a damaged stream) before giving up on the part.
      await stream.cancel();
      throw corrupt(entry, e);
    }
  }

  private open(part: string, onData: (chunk: Uint8Array) => void): OpenedPart {
    const entry = this.entries.get(normalisePartName(part));
    if (!entry) throw new Error(`no part ${part}`);
    if (entry.method !== 0 && entry.method !== 8) throw new UnreadableWorkbookError('corrupt', `${entry.name}: compression method ${entry.method}`);
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let produced = 0;
    const meter = {
      // Compressed bytes consumed so far: the ratio is judged on what has been read, so a bomb
      // is stopped a few MB in, not after its whole (gigabyte) output.
      consumed: entry.compressedSize,
      count: (chunk: Uint8Array): void => {
        produced += chunk.length;
        if ((this.inflated += chunk.length) > this.limits.maxInflatedBytes) throw new UnreadableWorkbookError('too-large', `more than ${this.limits.maxInflatedBytes} bytes inflated`);
        if (produced > this.limits.ratioFloorBytes && produced > Math.max(1, meter.consumed) * this.limits.maxInflateRatio) {
          throw new UnreadableWorkbookError('zip-bomb', `${entry.name} inflates more than ${this.limits.maxInflateRatio}×`);
        }
        onData(chunk);
      },
    };
    return { entry, data, meter };
  }
}

/** A part about to be inflated: its compressed bytes, and the meter every output slice goes through. */
interface OpenedPart {
  entry: ZipEntry;
  data: Uint8Array;
  meter: { consumed: number; count(chunk: Uint8Array): void };
}

function corrupt(entry: ZipEntry, e: unknown): UnreadableWorkbookError {
  if (e instanceof UnreadableWorkbookError) return e;
  return new UnreadableWorkbookError('corrupt', `${entry.name}: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * A host's own raw-deflate inflater (the CLI's is node:zlib): output slices one `read` at a time
 * (null at the end), `consumed` the compressed bytes taken so far, `cancel` to stop early. It
 * refuses damaged data by rejecting a read.
 */
export type Inflater = (data: Uint8Array) => InflateStream;
export interface InflateStream {
  read(): Promise<Uint8Array | null>;
  consumed(): number;
  cancel(): Promise<void>;
}

/**
 * DecompressionStream with raw deflate where the platform has it (current browsers and Node;
 * older ones refuse 'deflate-raw'), else null (fflate). Compressed bytes go in 16 KB slices, each when
 * the stream is ready for it; reads are asked for ahead, as the stream itself buffers nothing
 * unasked, so the inflater works on the next slices while the reader handles this one.
 */
export function platformInflater(): Inflater | null {
  if (hasRawDecompressionStream === undefined) {
    try {
      // Older platforms have the class without raw deflate: constructing it throws.
      new DecompressionStream('deflate-raw');
      hasRawDecompressionStream = true;
    } catch {
      hasRawDecompressionStream = false;
    }
  }
  return hasRawDecompressionStream ? decompressionStreamInflater : null;
}
let hasRawDecompressionStream: boolean | undefined;

const decompressionStreamInflater: Inflater = (data) => {
    const stream = new DecompressionStream('deflate-raw');
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    let fed = 0;
    const feeding = (async () => {
      for (let i = 0; i < data.length; i += INFLATE_SLICE) {
        await writer.ready;
        const end = Math.min(data.length, i + INFLATE_SLICE);
        fed = end;
        void writer.write(data.subarray(i, end) as Uint8Array<ArrayBuffer>).catch(() => undefined);
      }
      await writer.close();
    })();
    // Settled here at once, so a failed feed is never an unhandled rejection while reads wait;
    // its error reaches the reader as the stream's.
    const done = feeding.then(
      () => null,
      (e: unknown) => ({ error: e }),
    );
    const ahead = [reader.read(), reader.read(), reader.read()];
    return {
      async read() {
        const { done: end, value } = await (ahead.shift() as ReturnType<typeof reader.read>);
        if (end) {
          const failed = await done;
          if (failed) throw failed.error;
          return null;
        }
        ahead.push(reader.read());
        return value;
      },
      consumed: () => fed,
      async cancel() {
        await reader.cancel().catch(() => undefined);
        await done;
      },
    };
};

const SLICE = 64 * 1024;
const INFLATE_SLICE = 16 * 1024;

export function normalisePartName(name: string): string {
  return (name.startsWith('/') ? name.slice(1) : name).toLowerCase();
}

function findEocd(bytes: Uint8Array): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}
