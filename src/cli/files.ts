import { constants, promises as fs, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { removeOnAbort, testSeam } from './cleanup';
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
    const buffer = new Uint8Array(opened.size);
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
 * Writes the whole file or nothing: a temporary file beside the target, then published under
 * the target's name. Refuses to replace an input, and an existing file unless `force`.
 */
export async function writeOutputAtomically(target: string, data: Uint8Array, inputs: readonly string[], force: boolean): Promise<void> {
  await writeOutputWith(target, (temp) => fs.writeFile(temp, data, { flag: 'wx' }), inputs, force);
}

/**
 * A temporary name beside `target`, short whatever the target is called (a 245-byte output name
 * must still leave room for it: file names are bounded to 255 bytes), a dotfile so a folder
 * listing does not show it, random so two runs never pick the same one.
 */
export function tempNameBeside(target: string): string {
  return path.join(path.dirname(target), `.hyoka-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * `writeOutputAtomically` for a writer that streams to a file: `write` gets the path of a
 * temporary file beside the target (which does not exist yet) and must create it and
 * resolve once it is complete and closed. It is then published under the target's name:
 * without `force` exclusively (a hard link, which fails if the name exists, so of two runs
 * racing for one name exactly one succeeds and the other is refused as `exists`), with `force`
 * by a rename over the old file. Either way the target appears only complete. The same
 * refusals; on any failure, or a signal, the temporary file is removed and the target left
 * as it was.
 */
export async function writeOutputWith(target: string, write: (tempPath: string) => Promise<void>, inputs: readonly string[], force: boolean): Promise<void> {
  if (target.trim() === '') throw new OutputRefused('empty');
  const resolved = path.resolve(target);
  for (const input of inputs) {
    if (path.resolve(input) === resolved || (await sameFile(input, resolved))) throw new OutputRefused('is-input');
  }
  const problem = await outputProblem(resolved, force);
  if (problem) throw new OutputRefused(problem);
  const temp = tempNameBeside(resolved);
  const guard = removeOnAbort(temp);
  try {
    await write(temp);
    await testSeam('before-publish', temp);
    if (force) await fs.rename(temp, resolved);
    else await publishExclusively(temp, resolved);
  } finally {
    await fs.rm(temp, { force: true });
    guard.release();
  }
}

/** Link errors that mean "this file system has no hard links", not "cannot write here". */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * The complete temporary file under the target's name, never replacing a file that appeared
 * there meanwhile. Where the file system has no hard links (FAT, some network shares), the name
 * is claimed by creating it exclusively (empty, removed again on a signal) and the temporary
 * file renamed over that claim.
 */
async function publishExclusively(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new OutputRefused('exists');
    if (!NO_LINKS.has(code)) throw e;
  }
  let claim: fs.FileHandle;
  try {
    claim = await fs.open(target, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new OutputRefused('exists');
    throw e;
  }
  await claim.close();
  const guard = removeOnAbort(target);
  try {
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(target, { force: true });
    throw e;
  } finally {
    guard.release();
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
