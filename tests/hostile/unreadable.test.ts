/**
 * Files that are not readable workbooks: each gets its own clear message in Japanese and
 * English, exit code 2, no stack trace, quickly.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { type CliResult, ensureBuilt, expectNoCrash, runCli, tempDir } from './cli';
import * as g from './generate';

interface Case {
  file: string;
  make: () => Buffer | Promise<Buffer>;
  ja: RegExp;
  en: RegExp;
}

const CASES: Case[] = [
  { file: 'not-a-zip.xlsx', make: g.notAZip, ja: /Excelブック（\.xlsx）ではありません/, en: /not an Excel workbook/ },
  { file: 'truncated.xlsx', make: g.truncated, ja: /壊れているか、途中までしかありません/, en: /damaged or truncated/ },
  { file: 'encrypted.xlsx', make: g.encryptedWorkbook, ja: /パスワードで保護されています/, en: /password-protected/ },
  { file: 'legacy.xls', make: g.legacyXls, ja: /古い形式（\.xls）/, en: /legacy \.xls workbook/ },
  { file: 'legacy-renamed.xlsx', make: g.legacyXls, ja: /古い形式（\.xls）/, en: /legacy \.xls workbook/ },
  { file: 'csv-renamed.xlsx', make: g.csvText, ja: /CSV・テキストファイルのようです/, en: /looks like a CSV\/text file/ },
  { file: 'zip-without-workbook.xlsx', make: g.zipWithoutWorkbook, ja: /Excelブック（\.xlsx）ではありません/, en: /not an Excel workbook/ },
  { file: 'empty-file.xlsx', make: () => Buffer.alloc(0), ja: /空のファイルです/, en: /an empty file/ },
  { file: 'no-sheets.xlsx', make: g.noSheets, ja: /シートがありません/, en: /without sheets/ },
];

let dir: string;
/** One run per language over every file at once (one process each keeps the suite fast). */
let ja: CliResult;
let en: CliResult;
let json: CliResult;

beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('unreadable');
  for (const c of CASES) await fs.writeFile(path.join(dir, c.file), await c.make());
  const files = CASES.map((c) => path.join(dir, c.file));
  // Without LibreOffice: the .xls cases get the message a machine without it gives (conversion: tests/hostile/legacy.test.ts).
  const env = { HYOKA_SOFFICE: 'none' };
  [ja, en, json] = await Promise.all([
    runCli(['check', ...files], { env }),
    runCli(['check', ...files, '--lang', 'en'], { env }),
    runCli(['check', ...files, '--json', '--lang=en'], { env }),
  ]);
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('exit 2, no stack trace, no hang, nothing on stdout but an empty report', () => {
  for (const r of [ja, en, json]) {
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(20_000);
  }
  // One line per file, nothing else.
  expect(ja.stderr.trim().split('\n')).toHaveLength(CASES.length);
  expect(en.stderr.trim().split('\n')).toHaveLength(CASES.length);
  // --json keeps stdout machine-readable: no report for files that could not be read.
  expect(JSON.parse(json.stdout)).toEqual([]);
});

function lineFor(r: CliResult, file: string): string {
  const line = r.stderr.split('\n').find((l) => l.startsWith(`${path.join(dir, file)}: `));
  if (!line) throw new Error(`no message for ${file} in:\n${r.stderr}`);
  return line;
}

describe.each(CASES)('$file', (c) => {
  test('a clear message in Japanese and in English', () => {
    expect(lineFor(ja, c.file)).toMatch(/: 読み込めません — /);
    expect(lineFor(ja, c.file)).toMatch(c.ja);
    expect(lineFor(en, c.file)).toMatch(/: cannot read — /);
    expect(lineFor(en, c.file)).toMatch(c.en);
    expect(lineFor(json, c.file)).toMatch(c.en);
  });
});

test('one unreadable file among good ones: the others are still checked, exit 2', async () => {
  const good = path.join(dir, 'good.xlsx');
  await fs.writeFile(good, await g.cleanWorkbook());
  const r = await runCli(['check', good, path.join(dir, 'encrypted.xlsx'), '--json']);
  expectNoCrash(r);
  expect(r.code).toBe(2);
  const docs = JSON.parse(r.stdout) as { file: string }[];
  expect(docs.map((d) => d.file)).toEqual([good]);
  expect(r.stderr).toMatch(/パスワードで保護/);
}, 60_000);

test('a missing file: a message, exit 2', async () => {
  const [ja, en] = await Promise.all([runCli(['check', path.join(dir, 'nope.xlsx')]), runCli(['check', path.join(dir, 'nope.xlsx'), '--lang', 'en'])]);
  for (const r of [ja, en]) {
    expectNoCrash(r);
    expect(r.code).toBe(2);
  }
  expect(ja.stderr).toMatch(/ファイルが見つかりません/);
  expect(en.stderr).toMatch(/no such file/);
}, 60_000);
