/**
 * Nothing lost: the CLI never writes to an input, writes its output whole or not at all,
 * does not overwrite without --force, and never overwrites an input, even with --force.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

import { OutputRefused, writeOutputAtomically, writeOutputWith } from '../../src/cli/files';
import { BUILT_LAUNCHER, ROOT, STACK, ensureBuilt, expectNoCrash, hashFolder, runCli, tempDir } from './cli';
import * as g from './generate';

let dir: string;
let inputs: string[];
let before: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('noloss');
  const made: Record<string, Buffer | Promise<Buffer>> = {
    'clean.xlsx': g.cleanWorkbook(),
    'lookalikes.xlsx': g.formulaLookalikes().then((x) => x.data),
    'macros.xlsm': g.withMacros(),
    'hidden.xlsx': g.allSheetsHidden(),
    'odd-names.xlsx': g.oddSheetNames(),
    'encrypted.xlsx': g.encryptedWorkbook(),
    'truncated.xlsx': g.truncated(),
  };
  for (const [name, data] of Object.entries(made)) await fs.writeFile(path.join(dir, name), await data);
  inputs = Object.keys(made).map((n) => path.join(dir, n));
  before = await hashFolder(dir);
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function inputsUnchanged(): Promise<void> {
  const now = await hashFolder(dir);
  for (const [name, hash] of Object.entries(before)) expect([name, now[name]]).toEqual([name, hash]);
}

async function leftovers(): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp') || n.startsWith('.'));
}

test('check, check --json, check --out, --force: every input byte-identical, no temp files', async () => {
  const out = path.join(dir, 'result.xlsx');
  const runs = await Promise.all([runCli(['check', ...inputs]), runCli(['check', ...inputs, '--json']), runCli(['check', ...inputs, '--lang', 'en'])]);
  runs.push(await runCli(['check', ...inputs, '--out', out]));
  expect(existsSync(out)).toBe(true);
  const first = await fs.readFile(out);
  // Again without --force: refused, the existing output untouched.
  const [again, againEn] = await Promise.all([runCli(['check', ...inputs, '--out', out]), runCli(['check', ...inputs, '--out', out, '--lang', 'en'])]);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/既にあります。上書きするには --force/);
  expect(againEn.stderr).toMatch(/already exists\. Add --force/);
  expect((await fs.readFile(out)).equals(first)).toBe(true);
  runs.push(await runCli(['check', ...inputs, '--out', out, '--force', '--json']));
  for (const r of [...runs, again, againEn]) expectNoCrash(r);
  await inputsUnchanged();
  expect(await leftovers()).toEqual([]);
}, 90_000);

describe('--out naming an input is refused, even with --force', () => {
  test.each([
    ['the same path', (f: string) => f],
    ['a path through ..', (f: string) => path.join(dir, '..', path.basename(dir), path.basename(f))],
    ['a relative path', (f: string) => path.relative(ROOT, f)],
  ])('%s', async (_label, alias) => {
    const target = inputs[0];
    const [ja, en] = await Promise.all([
      runCli(['check', target, '--out', alias(target), '--force']),
      runCli(['check', target, '--out', alias(target), '--force', '--lang', 'en']),
    ]);
    for (const r of [ja, en]) {
      expectNoCrash(r);
      expect(r.code).toBe(2);
    }
    expect(ja.stderr).toMatch(/入力ファイルです。入力ファイルには書き込みません/);
    expect(en.stderr).toMatch(/is an input file; Hyoka never writes to its inputs/);
    await inputsUnchanged();
  }, 60_000);

  test('a hard link or a symbolic link to an input', async () => {
    const hard = path.join(dir, 'link.xlsx');
    const soft = path.join(dir, 'symlink.xlsx');
    await fs.link(inputs[0], hard);
    await fs.symlink(inputs[1], soft);
    try {
      const [h, l] = await Promise.all([runCli(['check', inputs[0], '--out', hard, '--force']), runCli(['check', inputs[1], '--out', soft, '--force'])]);
      for (const r of [h, l]) {
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/入力ファイルです/);
      }
      await inputsUnchanged();
    } finally {
      await fs.rm(hard);
      await fs.rm(soft);
    }
  }, 60_000);
});

test('a reader that stops reading (`| head`): no stack trace, the summary still written whole', async () => {
  const out = path.join(dir, 'head-summary.xlsx');
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BUILT_LAUNCHER, 'check', path.join(ROOT, 'samples', 'komae-policy-grades.xlsx'), '--json', '--out', out], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The reading end closed before anything is printed, as a `head` that has had enough does.
    child.stdout.destroy();
    child.on('close', (c) => resolve({ code: c, stderr }));
  });
  expect(stderr).not.toMatch(STACK);
  expect(stderr).not.toMatch(/EPIPE|Unhandled/);
  expect(code).toBe(1);
  const written = await fs.readFile(out);
  expect(written.subarray(0, 2).toString()).toBe('PK');
  await fs.rm(out);
  await inputsUnchanged();
});

test('--out into a folder that does not exist: a message, exit 2, nothing written', async () => {
  const out = path.join(dir, 'missing', 'result.xlsx');
  const [ja, en] = await Promise.all([runCli(['check', inputs[0], '--out', out]), runCli(['check', inputs[0], '--out', out, '--lang', 'en'])]);
  for (const r of [ja, en]) {
    expectNoCrash(r);
    expect(r.code).toBe(2);
  }
  expect(ja.stderr).toMatch(/書き出せませんでした（書き出し先のフォルダがありません）.*何も書き込んでいません/);
  expect(en.stderr).toMatch(/Could not write .* \(the folder does not exist\).*nothing was written/);
  expect(existsSync(path.dirname(out))).toBe(false);
  await inputsUnchanged();
}, 60_000);

const consolidateCli = path.join(ROOT, 'src', 'cli', 'consolidate.ts');
const ifConsolidate = existsSync(consolidateCli) ? describe : describe.skip;
ifConsolidate('consolidate', () => {
  test('inputs byte-identical after consolidate, --json and --out', async () => {
    const out = path.join(dir, 'merged.xlsx');
    const runs = await Promise.all([runCli(['consolidate', dir, '--json']), runCli(['consolidate', ...inputs, '--out', out])]);
    for (const r of runs) expect(r.stderr).not.toMatch(/internal error/);
    await inputsUnchanged();
    expect(await leftovers()).toEqual([]);
    await fs.rm(out, { force: true });
  }, 60_000);

  test('--out naming a file given as an input is refused, even with --force', async () => {
    const r = await runCli(['consolidate', ...inputs.slice(0, 2), '--out', inputs[0], '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/入力ファイルです/);
    await inputsUnchanged();
  }, 60_000);

  // A folder's workbook named by --out must not be dropped from the inputs and then overwritten.
  test('--out naming a department workbook inside the input folder is refused, even with --force', async () => {
    const copy = await tempDir('folder');
    try {
      await fs.copyFile(inputs[0], path.join(copy, 'dept-a.xlsx'));
      await fs.copyFile(inputs[1], path.join(copy, 'dept-b.xlsx'));
      const hash = await hashFolder(copy);
      const r = await runCli(['consolidate', copy, '--out', path.join(copy, 'dept-a.xlsx'), '--force']);
      expect(await hashFolder(copy)).toEqual(hash);
      expect(r.code).toBe(2);
    } finally {
      await fs.rm(copy, { recursive: true, force: true });
    }
  }, 60_000);

  test('an earlier 取りまとめ output inside the folder is not read as a department and is replaced with --force', async () => {
    const copy = await tempDir('rerun');
    try {
      await fs.copyFile(inputs[0], path.join(copy, 'dept-a.xlsx'));
      await fs.copyFile(inputs[1], path.join(copy, 'dept-b.xlsx'));
      const out = path.join(copy, 'merged.xlsx');
      const first = await runCli(['consolidate', copy, '--out', out, '--json']);
      const second = await runCli(['consolidate', copy, '--out', out, '--force', '--json']);
      expect(second.code).toBe(first.code);
      expect(JSON.parse(second.stdout).files).toHaveLength(2);
    } finally {
      await fs.rm(copy, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('writeOutputAtomically', () => {
  let wdir: string;
  beforeEach(async () => {
    wdir = await tempDir('atomic');
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(wdir, { recursive: true, force: true });
  });

  test('a write that fails half-way leaves no partial file and no temp file', async () => {
    const target = path.join(wdir, 'out.xlsx');
    const real = fs.writeFile;
    jest.spyOn(fs, 'writeFile').mockImplementation(async (file, data, options) => {
      await real(file as string, (data as Uint8Array).subarray(0, 10), options as { flag: string });
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    await expect(writeOutputAtomically(target, new Uint8Array(1000), [], false)).rejects.toThrow(/ENOSPC/);
    expect(await fs.readdir(wdir)).toEqual([]);
  });

  test('a rename that fails keeps the old output intact and removes the temp file', async () => {
    const target = path.join(wdir, 'out.xlsx');
    await fs.writeFile(target, 'old');
    jest.spyOn(fs, 'rename').mockRejectedValue(Object.assign(new Error('EXDEV'), { code: 'EXDEV' }));
    await expect(writeOutputAtomically(target, new Uint8Array([1, 2, 3]), [], true)).rejects.toThrow(/EXDEV/);
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
    expect(await fs.readFile(target, 'utf8')).toBe('old');
  });

  test('the target appears only complete: a short temp file beside it, then linked under the name (exclusive)', async () => {
    const target = path.join(wdir, 'out.xlsx');
    const seen: string[] = [];
    const realLink = fs.link;
    jest.spyOn(fs, 'link').mockImplementation(async (from, to) => {
      seen.push(path.basename(from as string), String((await fs.stat(from as string)).size), String(existsSync(to as string)));
      return realLink(from, to);
    });
    await writeOutputAtomically(target, new Uint8Array(4096), [], false);
    expect(seen[0]).toMatch(/^\.hyoka-[0-9a-f]{12}\.tmp$/);
    expect(seen.slice(1)).toEqual(['4096', 'false']);
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
  });

  test('with --force: the complete temp file renamed over the old output', async () => {
    const target = path.join(wdir, 'out.xlsx');
    await fs.writeFile(target, 'old');
    const seen: string[] = [];
    const realRename = fs.rename;
    jest.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      seen.push(path.basename(from as string), String((await fs.stat(from as string)).size));
      return realRename(from, to);
    });
    await writeOutputAtomically(target, new Uint8Array(4096), [], true);
    expect(seen[0]).toMatch(/^\.hyoka-[0-9a-f]{12}\.tmp$/);
    expect(seen[1]).toBe('4096');
    expect((await fs.stat(target)).size).toBe(4096);
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
  });

  test('a file system without hard links: the name claimed exclusively, then the temp file renamed over the claim', async () => {
    const target = path.join(wdir, 'out.xlsx');
    jest.spyOn(fs, 'link').mockRejectedValue(Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' }));
    await writeOutputAtomically(target, new Uint8Array(100), [], false);
    expect((await fs.stat(target)).size).toBe(100);
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
    // And a second run to the same name is refused the same way, its temp file removed.
    await expect(writeOutputAtomically(target, new Uint8Array(5), [], false)).rejects.toEqual(new OutputRefused('exists'));
    expect((await fs.stat(target)).size).toBe(100);
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
  });

  test('a file that appears at the name while the output is written is not replaced (the race two runs have)', async () => {
    const target = path.join(wdir, 'out.xlsx');
    // The existence check passes; the other run's file lands before this one publishes.
    await expect(
      writeOutputWith(target, async (temp) => {
        await fs.writeFile(temp, 'mine', { flag: 'wx' });
        await fs.writeFile(target, 'theirs');
      }, [], false),
    ).rejects.toEqual(new OutputRefused('exists'));
    expect(await fs.readFile(target, 'utf8')).toBe('theirs');
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
  });

  test('a legal 245-byte output name works: the temporary name does not grow with it', async () => {
    const target = path.join(wdir, `${'評'.repeat(80)}.xlsx`);
    expect(Buffer.byteLength(path.basename(target))).toBe(245);
    await writeOutputAtomically(target, new Uint8Array(10), [], false);
    expect(await fs.readdir(wdir)).toEqual([path.basename(target)]);
  });

  test('an existing file without force, and an input even with force, are refused before writing', async () => {
    const target = path.join(wdir, 'out.xlsx');
    await fs.writeFile(target, 'keep');
    await expect(writeOutputAtomically(target, new Uint8Array(1), [], false)).rejects.toEqual(new OutputRefused('exists'));
    await expect(writeOutputAtomically(target, new Uint8Array(1), [target], true)).rejects.toEqual(new OutputRefused('is-input'));
    expect(await fs.readFile(target, 'utf8')).toBe('keep');
    expect(await fs.readdir(wdir)).toEqual(['out.xlsx']);
  });
});
