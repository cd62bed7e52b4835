import { processTerminal, type Terminal } from './terminal';

/** Where the CLI prints: the real streams in `main`, captured ones in tests. */
export interface Io {
  stdout(text: string): void;
  /**
   * Long output (a large report's JSON) in pieces, written as they come so the whole text is
   * never held; one newline after the last. Absent: the pieces are joined and given to stdout.
   */
  stdoutPieces?(pieces: Iterable<string>): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bars only there). */
  interactive: boolean;
  /** Colour and width of the report (absent: plain, 100 columns — captured output). */
  terminal?: Terminal;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stdoutPieces(pieces) {
    let last = '';
    for (const piece of pieces) {
      process.stdout.write(piece);
      last = piece;
    }
    if (!last.endsWith('\n')) process.stdout.write('\n');
  },
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
  get terminal(): Terminal {
    return processTerminal();
  },
};

/** Prints `pieces` through the Io's streaming output where it has one. */
export function printPieces(io: Io, pieces: Iterable<string>): void {
  if (io.stdoutPieces) io.stdoutPieces(pieces);
  else io.stdout([...pieces].join(''));
}
