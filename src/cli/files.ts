import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Reads an input without ever opening it for writing. */
export async function readInput(file: string): Promise<Uint8Array> {
  const data = await fs.readFile(file);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class OutputRefused extends Error {
  constructor(readonly reason: 'exists' | 'is-input') {
    super(reason);
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
  const resolved = path.resolve(target);
  for (const input of inputs) {
    if (path.resolve(input) === resolved || (await sameFile(input, resolved))) throw new OutputRefused('is-input');
  }
  if (!force && (await exists(resolved))) throw new OutputRefused('exists');
  const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(temp);
    await fs.rename(temp, resolved);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
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
