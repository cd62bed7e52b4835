import { constants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { InputProblem, OutputProblem, WriteProblem } from '../i18n/cli';

export type { InputProblem, OutputProblem, WriteProblem };

/**
 * The largest input file read at all (a workbook of a few hundred thousand rows is tens of MB;
 * the reader's own bounds then limit what the file inflates to). Not raisable by a workbook.
 */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;
/** A profile (--config) is a small JSON file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Why an input is refused before (or instead of) being read. */

export class InputRefused extends Error {
  constructor(
    readonly problem: InputProblem,
    readonly size?: number,
  ) {
    super(`input refused: ${problem}`);
    this.name = 'InputRefused';
  }
}

export function problemOf(e: unknown): InputProblem | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not-found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  if (code === 'ELOOP') return 'link-loop';
  if (code === 'EISDIR') return 'folder';
  return null;
}

function kindProblem(stat: Stats, max: number): InputProblem | null {
  if (stat.isDirectory()) return 'folder';
  // A FIFO would block the read forever, /dev/zero never ends, a socket cannot be opened.
  if (!stat.isFile()) return 'not-a-file';
  if (stat.size > max) return 'too-large';
  return null;
}

/**
 * Reads an input without ever opening it for writing. Only a regular file is read: a folder,
 * FIFO, device or socket is refused before it is opened (and again on the opened handle, in
 * case the path changed in between), a file over `max` bytes too. Throws `InputRefused`.
 */
export async function readInput(file: string, max = MAX_INPUT_BYTES): Promise<Uint8Array> {
  let stat: Stats;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    throw new InputRefused(problemOf(e) ?? 'not-found');
  }
  const before = kindProblem(stat, max);
  if (before) throw new InputRefused(before, stat.size);
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: should the path have become a FIFO since the stat, opening it does not wait.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new InputRefused(problemOf(e) ?? 'not-found');
  }
  try {
    const opened = await handle.stat();
    const after = kindProblem(opened, max);
    if (after) throw new InputRefused(after, opened.size);
    // Exactly the size stat gave (one byte more tells a file still growing): never unbounded.
    // In shared memory, so the thread that reads a large workbook's shared strings reads the
    // same bytes without a copy of its own (strings-thread.ts); nothing writes to them.
    const buffer = new Uint8Array(new SharedArrayBuffer(opened.size));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } catch (e) {
    if (e instanceof InputRefused) throw e;
    throw new InputRefused(problemOf(e) ?? 'not-a-file');
  } finally {
    await handle.close();
  }
}

export class OutputRefused extends Error {
  constructor(readonly reason: OutputProblem) {
    super(reason);
  }
}

/** Why `--out` is refused before anything is written. */

/**
 * What is at `target` now, as far as writing there goes: null when it may be written (absent, or
 * a regular file with `force`). A device, FIFO, socket or a symlink to nothing is refused even
 * with --force: replacing it would not write a file the user can open, and following it could
 * block or write elsewhere.
 */
export async function outputProblem(target: string, force: boolean): Promise<OutputProblem | null> {
  if (target.trim() === '') return 'empty';
  let link: Stats;
  try {
    link = await fs.lstat(target);
  } catch {
    return null;
  }
  let stat: Stats;
  try {
    stat = await fs.stat(target);
  } catch {
    return link.isSymbolicLink() ? 'dangling-link' : null;
  }
  if (stat.isDirectory()) return 'folder';
  if (!stat.isFile()) return 'not-a-file';
  return force ? null : 'exists';
}

/** A write error as a short reason in words (the messages put it in the user's language). */

export function writeProblemOf(e: unknown): WriteProblem {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no-folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'EISDIR':
      return 'folder';
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'disk-full';
    case 'EROFS':
      return 'read-only';
    default:
      return 'other';
  }
}

/**
 * Writes the whole file or nothing: a temporary file beside the target, then a rename.
 * Refuses to replace an input, and an existing file unless `force`.
 */
export async function writeOutputAtomically(target: string, data: Uint8Array, inputs: readonly string[], force: boolean): Promise<void> {
  await writeOutputWith(target, (temp) => fs.writeFile(temp, data, { flag: 'wx' }), inputs, force);
}

/**
 * `writeOutputAtomically` for a writer that streams to a file: `write` gets the path of a
 * temporary file beside the target (which does not exist yet) and must create it and
 * resolve once it is complete and closed; it is then renamed over the target. The same
 * refusals; on any failure the temporary file is removed and the target left as it was.
 */
export async function writeOutputWith(target: string, write: (tempPath: string) => Promise<void>, inputs: readonly string[], force: boolean): Promise<void> {
  if (target.trim() === '') throw new OutputRefused('empty');
  const resolved = path.resolve(target);
  for (const input of inputs) {
    if (path.resolve(input) === resolved || (await sameFile(input, resolved))) throw new OutputRefused('is-input');
  }
  const problem = await outputProblem(resolved, force);
  if (problem) throw new OutputRefused(problem);
  const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(temp);
    await fs.rename(temp, resolved);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}
