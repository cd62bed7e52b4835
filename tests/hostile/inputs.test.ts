/**
 * Inputs must be regular files, --out must be somewhere a file can be written: each case a
 * generated file (FIFO, socket, folder, sparse giant, /dev/zero…) through the real CLI. A FIFO
 * nobody writes to would block a reader forever, so a generous kill-timeout guards every run;
 * the assertions are outcomes: exit 2 and the right one-line message, never "file not found".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { outputFailure } from '../../src/cli/check';
import { ensureBuilt, expectNoCrash, runCli, runsAs, shownAs, tempDir, type CliResult } from './cli';
import * as g from './generate';

const GUARD = { timeoutMs: 30_000 };
let dir: string;
let good: string;
let fifo: string;
let socket: string;
let server: net.Server;

beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('inputs');
  good = path.join(dir, 'good.xlsx');
  await fs.writeFile(good, await g.cleanWorkbook());
  fifo = path.join(dir, 'pipe.xlsx');
  execFileSync('mkfifo', [fifo]);
  socket = path.join(dir, 'sock.xlsx');
  server = net.createServer();
  await new Promise<void>((ok) => server.listen(socket, ok));
  await fs.mkdir(path.join(dir, 'folder.xlsx'));
  // A sparse file over the input limit: its size is what is refused, nothing is read.
  const huge = await fs.open(path.join(dir, 'huge.xlsx'), 'w');
  await huge.truncate(600 * 1024 * 1024);
  await huge.close();
  await fs.symlink(path.join(dir, 'nowhere.xlsx'), path.join(dir, 'dangling.xlsx'));
  await fs.writeFile(path.join(dir, 'profile.json'), '{}');
}, 60_000);

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  await fs.rm(dir, { recursive: true, force: true });
});

function refused(r: CliResult): void {
  expectNoCrash(r);
  expect(r.timedOut).toBe(false);
  expect(r.code).toBe(2);
}

test('check refuses a folder (pointing at consolidate), a FIFO, a socket, a device and a giant, each with its own message', async () => {
  const target = (name: string): string => path.join(dir, name);
  const [ja, en] = await Promise.all([
    runCli(['check', target('folder.xlsx'), fifo, socket, '/dev/zero', target('huge.xlsx'), target('missing.xlsx'), good], GUARD),
    runCli(['check', target('folder.xlsx'), fifo, '--lang', 'en', '--json'], GUARD),
  ]);
  refused(ja);
  refused(en);
  const line = (file: string): string => ja.stderr.split('\n').find((l) => l.startsWith(file)) ?? `(no line for ${file})`;
  expect(line(target('folder.xlsx'))).toMatch(/フォルダです.*hyoka consolidate/);
  for (const f of [fifo, socket, '/dev/zero']) expect(line(f)).toMatch(/通常のファイルではありません/);
  expect(line(target('huge.xlsx'))).toMatch(/大きすぎます/);
  expect(line(target('missing.xlsx'))).toMatch(/見つかりません/);
  for (const f of [target('folder.xlsx'), fifo, socket, '/dev/zero', target('huge.xlsx')]) expect(line(f)).not.toMatch(/見つかりません/);
  // The good file among them is still checked.
  expect(ja.stdout).toContain(shownAs(good));
  expect(en.stderr).toMatch(/is a folder\. .*hyoka consolidate/);
  expect(en.stderr).toMatch(/not a regular file/);
  expect(JSON.parse(en.stdout)).toEqual([]);
}, 60_000);

test('a FIFO or /dev/zero as --master or --config is refused, not waited on', async () => {
  const runs = await Promise.all([
    runCli(['consolidate', good, '--master', fifo], GUARD),
    runCli(['consolidate', good, '--master', '/dev/zero', '--lang', 'en'], GUARD),
    runCli(['check', good, '--config', fifo], GUARD),
    runCli(['check', good, '--config', '/dev/zero', '--lang', 'en'], GUARD),
  ]);
  // (The sparse giant is read by nobody: 600 MB of zeros would only cost the test time.)
  runs.forEach(refused);
  expect(runs[0].stderr).toMatch(/通常のファイルではありません/);
  expect(runs[1].stderr).toMatch(/not a regular file/);
  expect(runs[2].stderr).toMatch(/通常のファイルではありません/);
  expect(runs[3].stderr).toMatch(/not a regular file/);
}, 60_000);

test('--out: a FIFO, a device, a socket, a dangling link, a folder and an empty name are refused even with --force; nothing is written', async () => {
  const before = await fs.readFile(good);
  const entries = (await fs.readdir(dir)).sort();
  const cases: [string, RegExp][] = [
    [fifo, /通常のファイルではありません.*--force でも/],
    ['/dev/null', /通常のファイルではありません.*--force でも/],
    [socket, /通常のファイルではありません/],
    [path.join(dir, 'dangling.xlsx'), /行き先のないシンボリックリンク/],
    [path.join(dir, 'folder.xlsx'), /フォルダです/],
    ['', /ファイル名が空です/],
  ];
  const runs = await Promise.all(cases.map(([out]) => runCli(['check', good, '--out', out, '--force'], GUARD)));
  runs.forEach((r, i) => {
    refused(r);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(cases[i][1]);
    // Refused before anything was read or checked.
    expect(r.stdout.trim()).toBe('');
  });
  expect(await fs.readlink(path.join(dir, 'dangling.xlsx'))).toBe(path.join(dir, 'nowhere.xlsx'));
  expect(existsSync(path.join(dir, 'nowhere.xlsx'))).toBe(false);
  expect((await fs.readFile(good)).equals(before)).toBe(true);
  expect((await fs.readdir(dir)).sort()).toEqual(entries);
  const en = await runCli(['consolidate', good, '--out', fifo, '--force', '--lang', 'en'], GUARD);
  refused(en);
  expect(en.stderr).toMatch(/not a regular file.*even with --force/);
}, 60_000);

test('write errors are one line in the user\'s language, never "internal error"', () => {
  const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: oops`), { code });
  expect(outputFailure('r.xlsx', error('ENOSPC'), 'ja')).toMatch(/^r\.xlsx に書き出せませんでした（ディスクに空きがありません）/);
  expect(outputFailure('r.xlsx', error('EACCES'), 'en')).toMatch(/^Could not write r\.xlsx \(permission denied\)/);
  expect(outputFailure('r.xlsx', error('EISDIR'), 'en')).toMatch(/a folder of that name/);
  expect(outputFailure('r.xlsx', error('EROFS'), 'ja')).toMatch(/読み取り専用/);
  expect(outputFailure('r.xlsx', new Error('zip\nwriter\nfailed'), 'en')).not.toMatch(/\n/);
});

// Root reads and writes through any permission bits: as root (CI), the command runs as the
// unprivileged user `nobody` (65534), so the permission bits mean what they mean for a city's staff.
const asRoot = process.getuid?.() === 0;
const user = asRoot ? { uid: 65534, gid: 65534 } : {};
// A checkout under a folder `nobody` may not enter (/root) leaves only root, for whom the bits mean nothing.
const permissionsMean = !asRoot || runsAs(65534, 65534);
if (!permissionsMean) console.warn('inputs.test: root, and nobody cannot run this checkout: permission cases skipped');
const asUser = permissionsMean ? test : test.skip;
asUser('an unreadable input and an unwritable --out folder: permission denied, not "not found"', async () => {
  const locked = path.join(dir, 'locked.xlsx');
  await fs.copyFile(good, locked);
  await fs.chmod(locked, 0o000);
  const ro = path.join(dir, 'ro');
  await fs.mkdir(ro, { mode: 0o555 });
  if (asRoot) {
    // nobody must reach the folder and read the good file, but not the locked one nor write in ro.
    await fs.chmod(dir, 0o755);
    await fs.chmod(good, 0o644);
  }
  const [a, b] = await Promise.all([runCli(['check', locked], { ...GUARD, ...user }), runCli(['check', good, '--out', path.join(ro, 'r.xlsx'), '--lang', 'en'], { ...GUARD, ...user })]);
  refused(a);
  refused(b);
  expect(a.stderr).toMatch(/読む権限がありません/);
  expect(b.stderr).toMatch(/permission denied/);
}, 60_000);
