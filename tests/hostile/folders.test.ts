/**
 * A folder given to `consolidate`, as a hostile or careless sender leaves it: a symlink to a
 * workbook elsewhere (read), a symlink loop, a link to nothing, a FIFO, a text file, a damaged
 * workbook and a subfolder — the skipped entries are listed with their reason (text and JSON),
 * the damaged file is a file-unreadable finding, and every other file is still reported.
 * Then control characters in a file name and in cells never reach the terminal raw. Last, a zip
 * bomb and a row-4294967295 file among 300 department workbooks, on a 256 MB heap: each hostile
 * file costs only its own bound and is reported with its reason, and all 300 others are read.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { cliMessages } from '../../src/i18n/cli';
import { book } from '../xlsx/parts';
import { ensureBuilt, expectNoCrash, ROOT, runCli, tempDir } from './cli';
import * as g from './generate';

const GUARD = { timeoutMs: 60_000 };
let root: string;
let folder: string;

beforeAll(async () => {
  ensureBuilt();
  root = await tempDir('folders');
  folder = path.join(root, '提出');
  const elsewhere = path.join(root, 'elsewhere');
  await fs.mkdir(folder);
  await fs.mkdir(elsewhere);
  await fs.mkdir(path.join(folder, 'old'));
  const clean = await g.cleanWorkbook();
  await fs.writeFile(path.join(folder, '福祉課.xlsx'), clean);
  await fs.writeFile(path.join(elsewhere, 'target.xlsx'), clean);
  await fs.symlink(path.join(elsewhere, 'target.xlsx'), path.join(folder, '介護課.xlsx'));
  await fs.symlink(path.join(folder, 'loop-b.xlsx'), path.join(folder, 'loop-a.xlsx'));
  await fs.symlink(path.join(folder, 'loop-a.xlsx'), path.join(folder, 'loop-b.xlsx'));
  await fs.symlink(path.join(root, 'nowhere.xlsx'), path.join(folder, 'dangling.xlsx'));
  execFileSync('mkfifo', [path.join(folder, 'pipe.xlsx')]);
  await fs.writeFile(path.join(folder, 'メモ.txt'), 'not a workbook');
  await fs.writeFile(path.join(folder, '壊れた課.xlsx'), await g.truncated());
  await fs.writeFile(path.join(folder, '~$福祉課.xlsx'), 'lock');
}, 60_000);

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

interface Json {
  files: { file: string; status: string }[];
  skipped: { file: string; reason: string }[];
  findings: { file: string | null; rule: string; params?: { detail?: string } }[];
}

test('consolidate reads linked workbooks, lists what it skipped and why, and reports a damaged file among the others', async () => {
  const [json, text] = await Promise.all([runCli(['consolidate', folder, '--json'], GUARD), runCli(['consolidate', folder], GUARD)]);
  for (const r of [json, text]) {
    expectNoCrash(r);
    expect(r.timedOut).toBe(false);
    expect([0, 1]).toContain(r.code);
  }
  const doc = JSON.parse(json.stdout) as Json;
  const at = (name: string): string => path.join(folder, name);
  expect(doc.files.map((f) => [path.basename(f.file), f.status]).sort()).toEqual([
    ['介護課.xlsx', 'ok'],
    ['壊れた課.xlsx', 'unreadable'],
    ['福祉課.xlsx', 'ok'],
  ]);
  expect(doc.findings.filter((f) => f.rule === 'file-unreadable').map((f) => f.file)).toEqual([at('壊れた課.xlsx')]);
  expect(doc.skipped).toEqual([
    { file: at('dangling.xlsx'), reason: 'dangling-link' },
    { file: at('loop-a.xlsx'), reason: 'link-loop' },
    { file: at('loop-b.xlsx'), reason: 'link-loop' },
    { file: at('pipe.xlsx'), reason: 'not-a-file' },
    { file: at('~$福祉課.xlsx'), reason: 'lock-file' },
    { file: at('メモ.txt'), reason: 'not-a-workbook' },
  ]);
  expect(text.stdout).toContain('読まなかった項目');
  expect(text.stdout).toMatch(/loop-a\.xlsx\s+シンボリックリンクが循環しています/);
  expect(text.stdout).toMatch(/pipe\.xlsx\s+通常のファイルではありません/);
  expect(text.stdout).toMatch(/メモ\.txt\s+ブック（/);
}, 90_000);

test('control characters from a file name and from cells are shown escaped, never sent to the terminal', async () => {
  const dir = await tempDir('escape');
  const name = '評価\x1b[31m赤\x07\r\u202eslx.xlsx';
  const file = path.join(dir, name);
  await fs.writeFile(file, await g.controlChars());
  const [text, json, missing] = await Promise.all([
    runCli(['check', file], GUARD),
    runCli(['check', file, '--json'], GUARD),
    runCli(['check', path.join(dir, '\x1b]0;title\x07.xlsx')], GUARD),
  ]);
  // eslint-disable-next-line no-control-regex -- the characters that must not get through
  const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
  for (const r of [text, json, missing]) {
    expectNoCrash(r);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
  }
  expect(text.stdout).toContain('評価\\x1b[31m赤\\x07\\x0d\\u202eslx.xlsx');
  expect(missing.stderr).toContain('\\x1b]0;title\\x07.xlsx');
  // The JSON still says exactly what the name is.
  expect((JSON.parse(json.stdout) as { file: string }).file).toBe(file);
  await fs.rm(dir, { recursive: true, force: true });
}, 90_000);

test('a zip bomb and a row-4294967295 file among 300 department workbooks cost only their own bound: both are file-unreadable with their reason, all 300 others are read', async () => {
  const dir = await tempDir('three-hundred');
  // One small real department workbook, written 300 times under different names.
  const good = await fs.readFile(path.join(ROOT, 'samples', 'departments', '交通対策課.xlsx'));
  const names = Array.from({ length: 300 }, (_, i) => `課${String(i + 1).padStart(3, '0')}.xlsx`);
  await Promise.all(names.map((name) => fs.writeFile(path.join(dir, name), good)));
  const sheet = (body: string): Uint8Array => book({ sheets: [{ name: '評価', body }] });
  // A few KB that claim row 4294967295: refused as beyond Excel's limits, not looped over.
  await fs.writeFile(path.join(dir, 'row.xlsx'), sheet('<sheetData><row r="4294967295"><c r="A4294967295"><v>1</v></c></row></sheetData>'));
  // A ratio bomb kept small by design: 17 MB of one repeated row (past the 16 MB floor, ~400×)
  // in under 100 KB on disk; refused at the default bounds, a few MB into inflating.
  const row = '<row><c><v>1</v></c></row>';
  const bomb = sheet(`<sheetData>${row.repeat(Math.ceil((17 * 1024 * 1024) / row.length))}</sheetData>`);
  expect(bomb.length).toBeLessThan(100 * 1024);
  await fs.writeFile(path.join(dir, 'bomb.xlsx'), bomb);

  // A small heap: the hostile files must not need more than the clean ones. The timeout only guards against a hang.
  const r = await runCli(['consolidate', dir, '--json'], { timeoutMs: 120_000, nodeArgs: ['--max-old-space-size=256'] });
  expectNoCrash(r);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout) as Json;
  const status = new Map(doc.files.map((f) => [path.basename(f.file), f.status]));
  expect(status.size).toBe(302);
  expect(status.get('row.xlsx')).toBe('unreadable');
  expect(status.get('bomb.xlsx')).toBe('unreadable');
  expect(names.filter((name) => status.get(name) !== 'ok')).toEqual([]);
  const unreadable = doc.findings.filter((f) => f.rule === 'file-unreadable').map((f) => [f.file, f.params?.detail]);
  expect(unreadable.sort()).toEqual([
    [path.join(dir, 'bomb.xlsx'), cliMessages.ja.unreadableReason('zip-bomb')],
    [path.join(dir, 'row.xlsx'), cliMessages.ja.unreadableReason('beyond-limits')],
  ]);
  await fs.rm(dir, { recursive: true, force: true });
}, 180_000);
