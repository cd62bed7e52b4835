import { createInflateRaw } from 'node:zlib';
import type { Inflater } from '../xlsx/zip';

/**
 * The CLI's inflater for the reader: node:zlib on the thread pool. Output comes in 64 KB
 * slices, the next one inflated while the reader tokenises this one (the whole compressed part
 * is handed over at once; zlib takes it only as its output is read, and says how much it has
 * taken, which the ratio bound uses). At 60k rows the sheet and shared strings are read in
 * about half fflate's time; the web DecompressionStream, which inflates on demand in 16 KB
 * slices, sits between the two.
 */
export const nodeInflater: Inflater = (data) => {
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  inflate.end(data);
  const chunks = inflate[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return {
    async read() {
      const next = await chunks.next();
      return next.done ? null : next.value;
    },
    consumed: () => inflate.bytesWritten,
    async cancel() {
      inflate.destroy();
      await chunks.return?.();
    },
  };
};
