/**
 * Runs the real `hyoka` command in a child process: the launcher bin/hyoka.js and the CLI
 * bundled from src by scripts/build-cli.js. Both go to a private folder under node_modules/.cache
 * (the launcher finds ../build/cli/main.js beside itself; packages resolve from the repo), so a
 * `npm run build:cli` running elsewhere at the same time cannot hand the tests a half-written
 * build. The build is refreshed when any CLI source is newer, under a lock shared by the files.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, promises as fs, readdirSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
// One per checkout: node_modules may be shared by several worktrees (a symlink), and one
// worktree's build must never run another's tests.
const PRIVATE = path.join(ROOT, 'node_modules', '.cache', `hyoka-hostile-${createHash('sha256').update(ROOT).digest('hex').slice(0, 10)}`);
const BIN = path.join(PRIVATE, 'bin', 'hyoka.js');
/** The launcher of that private build, for tests that drive the process themselves. */
export const BUILT_LAUNCHER = BIN;
const ENTRY = path.join(PRIVATE, 'build', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function stale(): boolean {
  if (!existsSync(ENTRY) || !existsSync(BIN)) return true;
  const built = statSync(ENTRY).mtimeMs;
  return (
    statSync(path.join(ROOT, 'bin', 'hyoka.js')).mtimeMs > built ||
    statSync(path.join(ROOT, 'scripts', 'build-cli.js')).mtimeMs > built ||
    ['core', 'xlsx', 'cli', 'i18n'].some((d) => newestSource(path.join(ROOT, 'src', d)) > built)
  );
}

/** Compiles the CLI if its sources changed since the last build. */
export function ensureBuilt(): void {
  if (!stale()) return;
  mkdirSync(PRIVATE, { recursive: true });
  const lock = path.join(PRIVATE, 'build.lock');
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) throw new Error('hyoka build lock held too long');
      execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 250)']);
    }
  }
  try {
    if (stale()) {
      // The bundle and code cache `npm install` makes (scripts/build-cli.js), in the private folder.
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.js'), path.join(PRIVATE, 'build')], { cwd: ROOT, stdio: 'pipe' });
      mkdirSync(path.join(PRIVATE, 'bin'), { recursive: true });
      copyFileSync(path.join(ROOT, 'bin', 'hyoka.js'), BIN);
    }
  } finally {
    rmdirSync(lock);
  }
  if (!existsSync(ENTRY)) throw new Error('the CLI did not build');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Killed by the timeout. */
  timedOut: boolean;
}

/** A path as the CLI's text report shows it: relative to where the command ran (runCli's cwd, ROOT by default). */
export function shownAs(file: string, cwd = ROOT): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel === '' ? file : rel).split(path.sep).join('/');
}

/** `node bin/hyoka.js …args`; never rejects. */
/**
 * Whether the built command runs as this (unprivileged) user: the checkout's folders must let it
 * in. Tests that need permission bits to mean something run the command as such a user when the
 * suite runs as root.
 */
export function runsAs(uid: number, gid: number): boolean {
  ensureBuilt();
  const r = spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT, uid, gid, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  return r.status === 0;
}

export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<CliResult> {
  const start = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), BIN, ...args],
      { cwd: options.cwd ?? ROOT, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env }, uid: options.uid, gid: options.gid },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; killed?: boolean; signal?: string }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout,
          stderr,
          ms: Date.now() - start,
          timedOut: Boolean(e?.killed && e.signal === 'SIGTERM'),
        });
      },
    );
  });
}

/** A JavaScript stack frame (`    at fn (file.js:1:2)`) or a raw Node error dump. */
export const STACK = /^\s+at .+(:\d+:\d+\)?|<anonymous>|node:internal)/m;

export function expectNoCrash(r: CliResult): void {
  expect(r.timedOut).toBe(false);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toMatch(STACK);
  expect(r.stderr).not.toMatch(/internal error|TypeError|RangeError|ReferenceError|Unhandled|heap out of memory/i);
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `hyoka-${prefix}-`));
}

/** sha256 of every file in a folder, by name. */
export async function hashFolder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await fs.readdir(dir)).sort()) {
    const p = path.join(dir, name);
    const st = await fs.lstat(p);
    if (st.isFile()) out[name] = createHash('sha256').update(await fs.readFile(p)).digest('hex');
  }
  return out;
}
