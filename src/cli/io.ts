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

/**
 * A stream the reader has closed (`hyoka check … --json | head`) is left alone: what was to be
 * printed is not wanted, and the rest of the command (a summary being written) still finishes,
 * where the stream's error would otherwise end the process with a stack trace.
 */
const closed = new WeakSet<NodeJS.WriteStream>();
const guarded = new WeakSet<NodeJS.WriteStream>();
function write(stream: NodeJS.WriteStream, text: string): void {
  if (closed.has(stream)) return;
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', () => closed.add(stream));
  }
  stream.write(text);
}

export const processIo: Io = {
  stdout: (text) => write(process.stdout, text.endsWith('\n') ? text : `${text}\n`),
  stdoutPieces(pieces) {
    let last = '';
    for (const piece of pieces) {
      write(process.stdout, piece);
      last = piece;
    }
    if (!last.endsWith('\n')) write(process.stdout, '\n');
  },
  stderr: (text) => write(process.stderr, text.endsWith('\n') ? text : `${text}\n`),
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
