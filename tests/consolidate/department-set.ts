import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MASTER_FILE, writeDepartmentSet } from '../../scripts/make-department-set';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';

/** The generated set in a fresh temporary folder. */
export async function departmentSetDir(): Promise<{ dir: string; master: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-departments-'));
  await writeDepartmentSet(dir);
  return { dir, master: join(dir, MASTER_FILE), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`), stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`), interactive: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
