/**
 * The reader's bounds through the real CLI: a file past one exits 2 with its reason; a profile
 * given with --config (key `limits`) raises it; a bad `limits` is refused like any bad profile.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { ensureBuilt, runCli, tempDir } from '../hostile/cli';
import { book } from './parts';

jest.setTimeout(120_000);

let dir: string;
let file: string;
beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('limits');
  file = path.join(dir, 'long.xlsx');
  await fs.writeFile(file, book({ sheets: [{ name: '評価', body: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'長'.repeat(40_000)}</t></is></c></row></sheetData>` }] }));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('read limits from the CLI profile', () => {
  it('refused by default with the reason, in both languages', async () => {
    const ja = await runCli(['check', file]);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain('32,767 文字');
    const en = await runCli(['check', file, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain("more than Excel's 32,767 characters");
  });

  it('read once the profile raises the bound; a bad limit is a profile error', async () => {
    const profile = path.join(dir, 'profile.json');
    await fs.writeFile(profile, JSON.stringify({ reportYear: '令和5', limits: { maxCellChars: 50_000 } }));
    const raised = await runCli(['check', file, '--config', profile, '--json']);
    expect(raised.code).not.toBe(2);
    expect(JSON.parse(raised.stdout)).toMatchObject({ reportYear: 2023 });
    await fs.writeFile(profile, JSON.stringify({ limits: { maxRows: 5_000_000 } }));
    const bad = await runCli(['check', file, '--config', profile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('limits.maxRows');
  });
});
