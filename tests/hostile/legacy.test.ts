/**
 * Legacy .xls and .ods through the real CLI: converted by LibreOffice on a private copy (the
 * original untouched, nothing left in the temporary folder), said so in the report; without
 * LibreOffice, the clear message plus how to enable it; a conversion that hangs is killed at the
 * time limit. The .xls/.ods are made here by LibreOffice itself from a generated .xlsx.
 * soffice runs cost seconds each: five in all (two to make the files, three conversions).
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { findSoffice } from '../../src/cli/convert';
import { ensureBuilt, expectNoCrash, runCli, tempDir } from './cli';
import * as g from './generate';

let soffice: string | null = null;
let root: string;
let folder: string;
let tmp: string;
let xlsx: string;

/** LibreOffice converts `file` into `outDir` as `format`, with a profile of its own. */
function convert(file: string, format: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const profile = pathToFileURL(path.join(root, `profile-${format}`)).href;
    execFile(soffice ?? 'soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file], { timeout: 120_000 }, (e) =>
      e ? reject(e) : resolve(),
    );
  });
}

beforeAll(async () => {
  soffice = await findSoffice({ PATH: process.env.PATH });
  if (!soffice) {
    if (process.env.CI === 'true') throw new Error('soffice (LibreOffice) is required under CI=true');
    console.warn('legacy.test: soffice not found, LibreOffice cases skipped');
    return;
  }
  ensureBuilt();
  root = await tempDir('legacy');
  folder = path.join(root, '提出');
  tmp = path.join(root, 'tmp');
  await fs.mkdir(folder);
  await fs.mkdir(tmp);
  const source = path.join(root, 'source');
  await fs.mkdir(source);
  xlsx = path.join(source, '福祉課.xlsx');
  await fs.writeFile(xlsx, await g.cleanWorkbook());
  await Promise.all([convert(xlsx, 'xls', folder), convert(xlsx, 'ods', source)]);
  await fs.rename(path.join(source, '福祉課.ods'), path.join(folder, '介護課.ods'));
}, 240_000);

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** Running (a zombie waiting for a container's init to reap it is not). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

const withSoffice = (name: string, fn: () => Promise<void>, timeout: number): void =>
  test(name, async () => {
    if (!soffice) return;
    await fn();
  }, timeout);

withSoffice(
  'check and consolidate read .xls and .ods through a converted copy, say so, and leave the originals and the temp folder as they were',
  async () => {
    const xls = path.join(folder, '福祉課.xls');
    const before = await Promise.all([fs.readFile(xls), fs.readFile(path.join(folder, '介護課.ods'))]);
    const env = { TMPDIR: tmp };
    const [check, cons, consText] = await Promise.all([
      runCli(['check', xls, xlsx, '--json'], { env, timeoutMs: 200_000 }),
      runCli(['consolidate', folder, '--json'], { env, timeoutMs: 200_000 }),
      runCli(['consolidate', folder, '--lang', 'en', '--year', '2024'], { env: { ...env, HYOKA_SOFFICE: 'none' }, timeoutMs: 60_000 }),
    ]);
    for (const r of [check, cons, consText]) expectNoCrash(r);
    const [fromXls, original] = JSON.parse(check.stdout) as { file: string; convertedFrom?: string; policies: { name: string }[]; sheets: { name: string }[] }[];
    expect(fromXls.convertedFrom).toBe('xls');
    expect(original.convertedFrom).toBeUndefined();
    // LibreOffice's reading of the file checks as the original does.
    expect(fromXls.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect(fromXls.policies.map((p) => p.name)).toEqual(original.policies.map((p) => p.name));

    const doc = JSON.parse(cons.stdout) as { files: { file: string; status: string; convertedFrom?: string }[] };
    expect(doc.files.map((f) => [path.basename(f.file), f.status, f.convertedFrom])).toEqual([
      ['介護課.ods', 'ok', 'ods'],
      ['福祉課.xls', 'ok', 'xls'],
    ]);
    // Without LibreOffice: both files are in the run as unreadable, with how to enable conversion.
    expect(consText.stdout).toMatch(/HYOKA_SOFFICE/);
    expect(consText.stdout).toMatch(/OpenDocument \(\.ods\)/);

    const after = await Promise.all([fs.readFile(xls), fs.readFile(path.join(folder, '介護課.ods'))]);
    expect(after.map((b, i) => b.equals(before[i]))).toEqual([true, true]);
    expect(await fs.readdir(tmp)).toEqual([]);
    expect((await fs.readdir(folder)).sort()).toEqual(['介護課.ods', '福祉課.xls']);
  },
  240_000,
);

withSoffice(
  'without LibreOffice: the clear message and how to enable it; a conversion that hangs is killed at the time limit',
  async () => {
    const xls = path.join(folder, '福祉課.xls');
    // A stand-in soffice that never finishes (and starts a child, which must die with it).
    const fake = path.join(root, 'hanging-soffice');
    const pidFile = path.join(root, 'child.pid');
    await fs.writeFile(fake, `#!/bin/sh\nsleep 300 &\necho $! > '${pidFile}'\nwait\n`, { mode: 0o755 });
    const [none, en, hung] = await Promise.all([
      runCli(['check', xls], { env: { HYOKA_SOFFICE: 'none' } }),
      runCli(['check', xls, '--lang', 'en'], { env: { HYOKA_SOFFICE: path.join(root, 'no-such-soffice') } }),
      runCli(['check', xls], { env: { HYOKA_SOFFICE: fake, HYOKA_CONVERT_TIMEOUT_MS: '1500', TMPDIR: tmp }, timeoutMs: 60_000 }),
    ]);
    for (const r of [none, en, hung]) {
      expectNoCrash(r);
      expect(r.code).toBe(2);
    }
    expect(none.stderr).toMatch(/読み込めません — 古い形式（\.xls）.*LibreOffice を入れると.*HYOKA_SOFFICE/);
    // HYOKA_SOFFICE names a path that is not there: said as such, with the path.
    expect(en.stderr).toMatch(/cannot read — a legacy \.xls workbook; it could not be converted: .*no-such-soffice.*named by the HYOKA_SOFFICE environment variable, was not found/);
    expect(hung.stderr).toMatch(/時間内に終わらなかった/);
    const child = Number(await fs.readFile(pidFile, 'utf8'));
    expect(alive(child)).toBe(false);
    expect(await fs.readdir(tmp)).toEqual([]);
    expect(existsSync(xls)).toBe(true);
  },
  120_000,
);
