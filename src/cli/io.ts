import { processTerminal, type Terminal } from './terminal';

/** Where the CLI prints: the real streams in `main`, captured ones in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bars only there). */
  interactive: boolean;
  /** Colour and width of the report (absent: plain, 100 columns — captured output). */
  terminal?: Terminal;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: Boolean(process.stderr.isTTY),
  get terminal(): Terminal {
    return processTerminal();
  },
};
