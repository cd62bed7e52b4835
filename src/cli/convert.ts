import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { onAbort, removeOnAbort, testSeam } from './cleanup';
import { readInput } from './files';
import type { ConversionProblem, LegacyKind } from '../i18n/cli';

export type { ConversionProblem, LegacyKind };

/**
 * Legacy `.xls` and OpenDocument `.ods` workbooks, converted to .xlsx by LibreOffice where it is
 * installed. The original is never opened by LibreOffice: a copy goes into a private temporary
 * folder (mode 0700), converted there with a private profile whose macro security forbids every
 * macro, under a time limit (the whole process group is killed past it); the folder is removed
 * afterwards, whatever happened.
 */

/** Past this, LibreOffice is killed and the file reported as not converted. */
export const CONVERT_TIMEOUT_MS = 60_000;

/** `HYOKA_SOFFICE`: the soffice to use; empty or `none` turns conversion off (tests choose with it). */
export const SOFFICE_ENV = 'HYOKA_SOFFICE';

export class ConversionFailed extends Error {
  constructor(
    readonly problem: ConversionProblem,
    readonly detail = '',
  ) {
    super(`conversion failed: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'ConversionFailed';
  }
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * An Excel 97–2003 workbook (an OLE2 container with a Workbook/Book stream, not an encrypted
 * .xlsx) or an OpenDocument spreadsheet (a zip whose first entry is its mimetype), whatever
 * the file is called; null for anything else.
 */
export function legacyKind(bytes: Uint8Array): LegacyKind | null {
  if (OLE2.every((b, i) => bytes[i] === b)) {
    if (containsUtf16(bytes, 'EncryptedPackage')) return null;
    return containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book') ? 'xls' : null;
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  return null;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern: number[] = [];
  for (const ch of text) pattern.push(ch.charCodeAt(0), 0);
  const limit = Math.min(bytes.length, 1 << 16) - pattern.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** The soffice to run: $HYOKA_SOFFICE, else `soffice` or `libreoffice` on PATH; null when there is none. */
export async function findSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const chosen = env[SOFFICE_ENV];
  if (chosen !== undefined) {
    if (chosen === '' || chosen === 'none') return null;
    return (await executable(chosen)) ? chosen : null;
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = path.join(dir, name);
      if (await executable(candidate)) return candidate;
    }
  }
  return null;
}

async function executable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    await fs.access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Macro security "very high" and macro execution off, in the private profile LibreOffice starts with. */
const NO_MACROS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

/**
 * `bytes` (the file's content, already read as a regular file) → .xlsx bytes, through
 * `soffice --headless --convert-to xlsx` on a private copy. Throws `ConversionFailed`. The
 * private folder is removed however this ends: an error, the time limit, or a signal to Hyoka.
 */
export async function convertToXlsx(bytes: Uint8Array, kind: LegacyKind, soffice: string, timeoutMs = CONVERT_TIMEOUT_MS): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-convert-'));
  const guard = removeOnAbort(dir);
  try {
    const profile = path.join(dir, 'profile');
    await fs.mkdir(path.join(profile, 'user'), { recursive: true });
    await fs.writeFile(path.join(profile, 'user', 'registrymodifications.xcu'), NO_MACROS);
    const input = path.join(dir, `input.${kind}`);
    await fs.writeFile(input, bytes, { mode: 0o600 });
    const outDir = path.join(dir, 'out');
    await fs.mkdir(outDir);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--invisible',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      outDir,
      input,
    ];
    await run(soffice, args, dir, timeoutMs);
    try {
      return await readInput(path.join(outDir, 'input.xlsx'));
    } catch {
      throw new ConversionFailed('failed', 'no output');
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    guard.release();
  }
}

/** The environment variable that marks every process a conversion starts (see `endMarked`). */
export const CONVERT_MARK_ENV = 'HYOKA_CONVERT_RUN';

/** After the helper has exited, how long its stderr may stay open before Hyoka stops reading it. */
const STDERR_GRACE_MS = 500;

/**
 * Runs the helper and settles when it exits or at the time limit, whichever comes first; never
 * waits for its pipes to close (a process it started may hold them open for ever). Then ends
 * everything it started: its process group (POSIX; soffice.bin and the helpers it starts are in
 * it) and any process that left the group (setsid) but still carries this run's mark in its
 * environment. On a signal to Hyoka the same happens before Hyoka ends.
 */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  const mark = randomBytes(12).toString('hex');
  return new Promise((resolve, reject) => {
    // A group of its own, so the time limit kills soffice.bin and whatever it started too; a
    // private HOME, so nothing it writes lands in the user's.
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: cwd, [CONVERT_MARK_ENV]: mark } });
    const endAll = (): void => {
      killGroup(child.pid);
      endMarked(mark);
    };
    const guard = onAbort(endAll);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 2000) stderr += d.toString();
    });
    let settled = false;
    const settle = (error: ConversionFailed | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      endAll();
      guard.release();
      // What is left of stderr is not waited for: the pipe is closed on Hyoka's side.
      child.stderr?.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(new ConversionFailed('timeout')), timeoutMs);
    child.on('error', (e) => settle(new ConversionFailed('failed', e.message)));
    child.on('exit', (code, signal) => {
      // Its stderr may still hold its last words: read them briefly, unless an escaped helper keeps the pipe open.
      const done = (): void => settle(code === 0 ? null : new ConversionFailed('failed', `exit ${code ?? signal}: ${stderr.trim().split('\n')[0] ?? ''}`));
      if (!child.stderr || child.stderr.readableEnded) return done();
      const grace = setTimeout(done, STDERR_GRACE_MS);
      child.stderr.once('close', () => {
        clearTimeout(grace);
        done();
      });
    });
    void testSeam('converting', cwd, false);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    // No process groups on Windows: the helper's whole tree, by parent ids.
    spawnSync('taskkill', ['/PID', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Ends every process whose environment carries `mark`: those a helper started in a session of
 * its own (setsid), outside the group killGroup reaches. Linux only (/proc); elsewhere the
 * group is all that is ended (docs/output-safety.md). Synchronous, for the signal handler.
 */
export function endMarked(mark: string): number {
  let ended = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  const needle = Buffer.from(`${CONVERT_MARK_ENV}=${mark}\0`);
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${pid}/environ`);
    } catch {
      continue; // gone, or not ours to read
    }
    if (environ.indexOf(needle) < 0) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      ended++;
    } catch {
      // Gone meanwhile.
    }
  }
  return ended;
}
