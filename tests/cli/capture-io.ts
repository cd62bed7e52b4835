import type { Io } from '../../src/cli/io';

/** An Io that keeps what the CLI prints, for the in-process CLI tests. */
export function captureIo(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    interactive: false,
    stdout(text: string) {
      io.out += `${text}\n`;
    },
    stderr(text: string) {
      io.err += `${text}\n`;
    },
  };
  return io;
}
