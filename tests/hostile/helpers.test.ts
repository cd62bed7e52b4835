/**
 * The LibreOffice helper bounded for real (issue #25, cases 5 and 9): fake `HYOKA_SOFFICE`
 * scripts that start a process in a session of their own (setsid), keep stderr open, or leave
 * a process behind with its stdio closed. The time limit ends the wait whatever pipes are open;
 * every process started is ended; the private temporary folder is removed on every path,
 * a SIGTERM to Hyoka included. POSIX only (process groups, setsid, /proc): these run on Linux CI.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

import { BUILT_LAUNCHER, ROOT, ensureBuilt, expectNoCrash, runCli, tempDir } from './cli';
import * as g from './generate';

/** True while the process runs (a zombie waiting for its parent counts as ended). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

let root: string;
let tmp: string;
let xls: string;

beforeAll(async () => {
  ensureBuilt();
  root = await tempDir('helpers');
  xls = path.join(root, '福祉課.xls');
  await fs.writeFile(xls, g.legacyXls());
}, 120_000);

beforeEach(async () => {
  // Hyoka's temporary folders go here (TMPDIR), so what is left behind can be seen.
  tmp = await fs.mkdtemp(path.join(root, 'tmp-'));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** A fake soffice: `body` runs in sh; `$PIDS` is a folder where it records the pids it starts. */
async function fakeSoffice(name: string, body: string): Promise<{ file: string; pids: string }> {
  const pids = path.join(root, `${name}-pids`);
  await fs.mkdir(pids, { recursive: true });
  const file = path.join(root, name);
  await fs.writeFile(file, `#!/bin/sh\nexport PIDS='${pids}'\necho $$ > "$PIDS/main"\n${body}\n`, { mode: 0o755 });
  return { file, pids };
}

async function recorded(pids: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of await fs.readdir(pids)) out[n] = Number((await fs.readFile(path.join(pids, n), 'utf8')).trim());
  return out;
}

test('a helper in its own session holding stderr open: the time limit ends the wait, every process ends, no folder left', async () => {
  // The escapee inherits stderr (the pipe to Hyoka) and sleeps; the main script waits too.
  const fake = await fakeSoffice('held-stderr', `setsid sh -c 'echo $$ > "$PIDS/escapee"; exec sleep 300' &\nsleep 300`);
  const r = await runCli(['check', xls], { env: { HYOKA_SOFFICE: fake.file, HYOKA_CONVERT_TIMEOUT_MS: '1500', TMPDIR: tmp }, timeoutMs: 60_000 });
  expectNoCrash(r);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/時間内に終わらなかった/);
  const pids = await recorded(fake.pids);
  expect(Object.keys(pids).sort()).toEqual(['escapee', 'main']);
  for (const pid of Object.values(pids)) expect([pid, alive(pid)]).toEqual([pid, false]);
  expect(await fs.readdir(tmp)).toEqual([]);
}, 90_000);

test('a helper that leaves a process behind with its stdio closed and exits: that process is ended when Hyoka returns', async () => {
  const fake = await fakeSoffice('escapee-closed', `setsid sh -c 'echo $$ > "$PIDS/escapee"; exec sleep 300' </dev/null >/dev/null 2>&1 &\nsleep 0.2\nexit 0`);
  const r = await runCli(['check', xls, '--lang', 'en'], { env: { HYOKA_SOFFICE: fake.file, TMPDIR: tmp }, timeoutMs: 60_000 });
  expectNoCrash(r);
  expect(r.code).toBe(2);
  // It wrote nothing: the conversion failed, and says so.
  expect(r.stderr).toMatch(/cannot read — .*\.xls/);
  const pids = await recorded(fake.pids);
  expect(Object.keys(pids).sort()).toEqual(['escapee', 'main']);
  for (const pid of Object.values(pids)) expect([pid, alive(pid)]).toEqual([pid, false]);
  expect(await fs.readdir(tmp)).toEqual([]);
}, 90_000);

test('SIGTERM to Hyoka during a conversion: the helper and its escapee end, the private copy of the input is removed', async () => {
  const fake = await fakeSoffice('slow', `setsid sh -c 'echo $$ > "$PIDS/escapee"; exec sleep 300' </dev/null >/dev/null 2>&1 &\nsleep 300 &\necho $! > "$PIDS/child"\nwait`);
  const child = spawn(process.execPath, [BUILT_LAUNCHER, 'check', xls], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', HYOKA_SOFFICE: fake.file, TMPDIR: tmp, HYOKA_TEST_SEAM: 'converting' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.resume();
  let stderr = '';
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const folder = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /hyoka-test-seam: ready converting (.*)\n/.exec(stderr);
      if (m) resolve(m[1]);
    });
    void closed.then(() => reject(new Error(`ended before converting: ${stderr}`)));
  });
  // The private folder holds the copy of the input while LibreOffice runs.
  expect(path.dirname(folder)).toBe(tmp);
  expect(existsSync(path.join(folder, 'input.xls'))).toBe(true);
  // The fake has recorded its processes once its child is started.
  for (let i = 0; i < 200 && !existsSync(path.join(fake.pids, 'child')); i++) await new Promise((r) => setTimeout(r, 25));
  child.kill('SIGTERM');
  const r = await closed;
  expect(r.signal).toBe('SIGTERM');
  expect(await fs.readdir(tmp)).toEqual([]);
  const pids = await recorded(fake.pids);
  expect(Object.keys(pids)).toEqual(expect.arrayContaining(['main', 'child']));
  for (const pid of Object.values(pids)) expect([pid, alive(pid)]).toEqual([pid, false]);
}, 90_000);
