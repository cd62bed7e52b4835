/**
 * Every output safe and whole (issue #25): each part of each written workbook is well-formed
 * XML 1.0 whatever text the inputs hold; outputs are created exclusively (of two runs racing
 * for one name, one is refused) and atomically (a signal leaves no temporary file); file names
 * are made by one function for the CLI and the pane; --per-department is checked before
 * anything is written and either completes or says exactly what was written; file names
 * print on one line.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import JSZip from 'jszip';

import { main } from '../../src/cli/main';
import { consolidate, defaultSettings, type ConsolidationResult } from '../../src/core';
import type { SummaryDocument } from '../../src/core/summary-document';
import { safeFileName, MAX_FILE_NAME_BYTES } from '../../src/render/file-name';
import { createConsolidationActions } from '../../src/taskpane/consolidation';
import { reportFileName } from '../../src/excel/file-port';
import { readWorkbook } from '../../src/xlsx/read';
import { writeSummaryWorkbook } from '../../src/xlsx/write';
import { writeSummaryWorkbookFile } from '../../src/xlsx/write-stream';
import { captureIo } from '../cli/capture-io';
import { toBuffer } from '../fixtures/workbooks';
import { BUILT_LAUNCHER, ROOT, ensureBuilt, expectNoCrash, hashFolder, runCli, tempDir } from './cli';
import * as g from './generate';
import { allTexts, readXlsxCells } from './xlsx-text';

/** Characters XML 1.0 does not allow (saxes misses a lone high surrogate, so this looks too). */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Parses every XML part of a workbook; returns the parts' texts by name. Fails the test on the first part that is not well-formed. */
function expectWellFormed(bytes: Uint8Array, label: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels|vml)$/.test(name)) continue;
    const text = strFromU8(data);
    const parser = new SaxesParser({ xmlns: true });
    let error: string | null = null;
    parser.on('error', (e) => void (error ??= e.message));
    try {
      parser.write(text).close();
    } catch (e) {
      error ??= String(e);
    }
    const bad = NOT_XML.exec(text);
    expect([label, name, error, bad ? JSON.stringify(text.slice(Math.max(0, bad.index - 30), bad.index + 5)) : null]).toEqual([label, name, null, null]);
    parts[name] = text;
  }
  expect(Object.keys(parts)).toContain('xl/workbook.xml');
  return parts;
}

/** Text with every kind of character XML cannot hold, plus markup and escape look-alikes. */
const HOSTILE = 'a\u001b[31m\u0001\u0008\u000b\u000c\r\u001f\u007f\ud800x\udc00\ufffe\uffff_x0041_<&>"\'';

/** The Kiyose layout with ESC and other controls (as Excel stores them, `_xHHHH_`) in every policy, pillar and program name. */
async function hostileWorkbook(): Promise<Buffer> {
  const { workbook, index } = g.kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  const cols = index.columns['評価調書'];
  const first = Math.min(...index.entries.map((e) => e.row));
  for (let row = first - 1; row <= ws.rowCount; row++) {
    for (const col of [cols.basicPolicy, cols.pillar, cols.name]) {
      const cell = ws.getCell(`${col}${row}`);
      if (typeof cell.value === 'string' && cell.value.trim() !== '') cell.value = `${cell.value}CTLMARK`;
    }
  }
  const zip = await JSZip.loadAsync(await toBuffer(workbook));
  const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
  zip.file('xl/sharedStrings.xml', sst.split('CTLMARK').join('_x001B_[31m_x0001__xFFFE__xD800_&lt;&amp;'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

let dir: string;
let hostile: string;
let clean: string;

beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('outputs');
  hostile = path.join(dir, 'hostile.xlsx');
  clean = path.join(dir, 'clean.xlsx');
  await fs.writeFile(hostile, await hostileWorkbook());
  await fs.writeFile(clean, await g.cleanWorkbook());
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function temps(folder: string): Promise<string[]> {
  return (await fs.readdir(folder)).filter((n) => n.endsWith('.tmp') || n.startsWith('.'));
}

describe('every part of every written workbook is well-formed XML 1.0', () => {
  test('check --out, compare --out, consolidate --out and --per-department, from names holding control characters', async () => {
    const out = await tempDir('parts');
    try {
      const folder = path.join(out, 'in');
      await fs.mkdir(folder);
      await fs.copyFile(hostile, path.join(folder, '福祉課.xlsx'));
      await fs.copyFile(hostile, path.join(folder, '介護課\u001b.xlsx'));
      const runs = await Promise.all([
        runCli(['check', hostile, '--out', path.join(out, 'check.xlsx')]),
        runCli(['compare', clean, hostile, '--out', path.join(out, 'compare.xlsx')]),
        runCli(['consolidate', folder, '--out', path.join(out, 'merged.xlsx'), '--per-department', path.join(out, 'dept')]),
      ]);
      for (const r of runs) {
        expectNoCrash(r);
        expect([r.code, r.stderr]).toEqual([expect.any(Number), expect.not.stringMatching(/書き出せませんでした/)]);
        expect(r.code).not.toBe(2);
      }
      const written = [
        ...['check.xlsx', 'compare.xlsx', 'merged.xlsx'].map((n) => path.join(out, n)),
        ...(await fs.readdir(path.join(out, 'dept'))).map((n) => path.join(out, 'dept', n)),
      ];
      expect(written.length).toBe(5);
      const checkParts = expectWellFormed(await fs.readFile(written[0]), 'check');
      // The chart names the policies: their ESC is kept as the escape Excel reads back, not raw.
      expect(checkParts['xl/charts/chart1.xml']).toContain('_x001B_[31m');
      expect(expectWellFormed(await fs.readFile(written[1]), 'compare')['xl/charts/chart1.xml']).toBeDefined();
      for (const f of written.slice(2)) expectWellFormed(await fs.readFile(f), path.basename(f));
      // The department file of the name with ESC is named without it.
      expect((await fs.readdir(path.join(out, 'dept'))).sort()).toEqual(['介護課_点検結果.xlsx', '福祉課_点検結果.xlsx']);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  }, 180_000);

  test('both writers (the CLI streaming one and the pane in-memory one), text in every place a document has', async () => {
    const doc: SummaryDocument = {
      sheets: [
        {
          name: 'S\u0001',
          footer: `foot${HOSTILE}`,
          blocks: [
            {
              kind: 'table',
              title: `T${HOSTILE}`,
              columns: [
                { header: `h${HOSTILE}`, width: 10 },
                { header: 'n', width: 5 },
              ],
              rows: [[{ text: `L${HOSTILE}`, link: { sheet: `S${HOSTILE}`, cell: 'A1', file: `f${HOSTILE}.xlsx` } }, 3], [{ text: `E${HOSTILE}`, emphasis: 'error' }, `v${HOSTILE}`]],
              notes: [`note${HOSTILE}`],
            },
            { kind: 'chart', title: `C${HOSTILE}`, categories: [`cat${HOSTILE}`, 'plain'], series: [{ name: `A${HOSTILE}`, values: [1, 2] }] },
          ],
        },
      ],
    };
    const inMemory = expectWellFormed(await writeSummaryWorkbook(doc), 'in-memory');
    const folder = await tempDir('writers');
    try {
      const file = path.join(folder, 'out.xlsx');
      await writeSummaryWorkbookFile(doc, file);
      const streamed = expectWellFormed(await fs.readFile(file), 'streaming');
      for (const parts of [inMemory, streamed]) {
        expect(parts['xl/charts/chart1.xml']).toContain('cata_x001B_[31m_x0001_');
        expect(parts['xl/charts/chart1.xml']).toContain('_x005F_x0041_');
      }
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('file names: one function for the CLI and the pane', () => {
  test('bytes, reserved device names, control characters, collisions', () => {
    const taken = new Set<string>();
    const suffix = '_点検結果.xlsx';
    const long = safeFileName('課'.repeat(200), suffix, taken);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(long.endsWith(`…${suffix}`)).toBe(true);
    const again = safeFileName('課'.repeat(200), suffix, taken);
    expect(again).not.toBe(long);
    expect(Buffer.byteLength(again)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(safeFileName('aux.x', suffix)).toBe('＿aux.x_点検結果.xlsx');
    expect(safeFileName('NUL', '.xlsx')).toBe('＿NUL.xlsx');
    expect(safeFileName('COM1', suffix)).toBe('COM1_点検結果.xlsx'); // the name is COM1_点検結果, not a device
    expect(safeFileName('a\u001b[31m\nb\u202ec\u0000', suffix)).toBe('a[31mbc_点検結果.xlsx');
    expect(safeFileName('a/b:c*?', suffix)).toBe('a＿b＿c＿＿_点検結果.xlsx');
    expect(safeFileName(' \u0007 ', suffix, new Set(), 'department')).toBe('department_点検結果.xlsx');
    expect(safeFileName('x. . ', suffix)).toBe('x_点検結果.xlsx');
    const cased = new Set<string>();
    expect([safeFileName('Ab', '.xlsx', cased), safeFileName('aB', '.xlsx', cased), safeFileName('ab', '.xlsx', cased)]).toEqual(['Ab.xlsx', 'aB_2.xlsx', 'ab_3.xlsx']);
    // The pane's report download is named by the same function.
    const report = reportFileName(`${'評'.repeat(81)}\u001b.xlsx`);
    expect(Buffer.byteLength(report)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(report).toMatch(/^評+…_点検結果\.xlsx$/);
    expect(reportFileName('評価調書.xlsx')).toBe('評価調書_点検結果.xlsx');
    // A surrogate pair is never cut in half.
    const emoji = safeFileName('😀'.repeat(100), suffix);
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(emoji).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  test('department names over 255 bytes, reserved, with controls or the same once cleaned: every department file written (CLI), named as the pane names its ZIP entries', async () => {
    const work = await tempDir('names');
    try {
      const folder = path.join(work, 'in');
      await fs.mkdir(folder);
      const data = await g.cleanWorkbook();
      // Departments known from the file names (the workbook names none): 245-byte names whose
      // department file would be 258 bytes, two that are the same after the cut, a reserved
      // device name, control characters, and two names differing only in case.
      const names = [`${'課'.repeat(80)}.xlsx`, `${'課'.repeat(79)}A.xlsx`, `${'課'.repeat(79)}B.xlsx`, 'aux.x.xlsx', 'ab\u001b\u0007c.xlsx', 'a:b.xlsx', 'a＿b.xlsx'];
      for (const n of names) await fs.writeFile(path.join(folder, n), data);
      const pd = path.join(work, 'dept');
      const r = await runCli(['consolidate', folder, '--per-department', pd, '--json']);
      expectNoCrash(r);
      expect(r.code).not.toBe(2);
      const written = (await fs.readdir(pd)).sort();
      expect(written).toHaveLength(names.length);
      for (const n of written) {
        expect(Buffer.byteLength(n)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        // eslint-disable-next-line no-control-regex -- none may remain
        expect(n).not.toMatch(/[\u0000-\u001f]/);
      }
      expect(written).toContain('＿aux.x_点検結果.xlsx');
      expect(written).toContain('abc_点検結果.xlsx');
      expect(written).toEqual(expect.arrayContaining(['a＿b_点検結果.xlsx', 'a＿b_2_点検結果.xlsx']));
      expect(await temps(pd)).toEqual([]);

      // The pane's department ZIP, from the same files: the same names, every part well-formed.
      const inputs = await Promise.all(
        names.map(async (n) => ({ name: n, snapshot: await readWorkbook(new Uint8Array(await fs.readFile(path.join(folder, n))), n) })),
      );
      const result: ConsolidationResult = await consolidate([...inputs].sort((a, b) => (a.name < b.name ? -1 : 1)), { settings: defaultSettings() });
      const zip = await paneDepartmentZip(result);
      expect(Object.keys(zip).sort()).toEqual(written);
      for (const [name, bytes] of Object.entries(zip)) expectWellFormed(bytes, `pane ${name}`);
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }, 180_000);
});

/** The pane's 担当課別 download, driven through its actions with the pane's in-memory writer. */
async function paneDepartmentZip(result: ConsolidationResult): Promise<Record<string, Uint8Array>> {
  let downloaded: { bytes: Uint8Array; fileName: string } | null = null;
  let failure: unknown = null;
  const state = { lang: 'ja', consolidation: { result } } as never;
  const actions = createConsolidationActions(
    { get: () => state, set: () => undefined, t: (key) => key, fail: (e) => void (failure = e) },
    { engine: {} as never, workbookBytes: (doc) => writeSummaryWorkbook(doc), download: (bytes, fileName) => void (downloaded = { bytes, fileName }) },
  );
  await actions.downloadPerDepartment();
  expect(failure).toBeNull();
  expect(downloaded).not.toBeNull();
  return unzipSync(downloaded!.bytes);
}

describe('writes are exclusive and atomic', () => {
  /** A CLI run stopped at a test seam: resolves once it printed its ready line. */
  function startAtSeam(args: string[], seam: string): Promise<{ child: ReturnType<typeof spawn>; detail: string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BUILT_LAUNCHER, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', HYOKA_TEST_SEAM: seam }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) => child.on('close', (code, signal) => res({ code, signal, stderr })));
      child.stdout.resume();
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = new RegExp(`hyoka-test-seam: ready ${seam} (.*)\\n`).exec(stderr);
        if (m) resolve({ child, detail: m[1], done });
      });
      void done.then((r) => reject(new Error(`ended before the seam: ${r.code} ${r.stderr}`)));
    });
  }

  test('two runs to one --out without --force: the one that publishes second is refused, the first output kept', async () => {
    const out = await tempDir('race');
    try {
      const target = path.join(out, 'report.xlsx');
      // The first run has passed its exists check and written its temporary file…
      const first = await startAtSeam(['check', clean, '--out', target], 'before-publish');
      expect(path.dirname(first.detail)).toBe(out);
      // …when the second run writes the same name to the end.
      const second = await runCli(['check', hostile, '--out', target]);
      expectNoCrash(second);
      expect(second.code).not.toBe(2);
      expect(second.stderr).toMatch(/書き出しました/);
      const secondBytes = await fs.readFile(target);
      first.child.stdin?.end('go\n');
      const r = await first.done;
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/report\.xlsx は既にあります。上書きするには --force/);
      expect(r.stderr).not.toMatch(/書き出しました/);
      expect((await fs.readFile(target)).equals(secondBytes)).toBe(true);
      expect(await fs.readdir(out)).toEqual(['report.xlsx']);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  }, 120_000);

  test.each(['SIGINT', 'SIGTERM'] as const)('%s while the output is being written: no temporary file left, no output, the signal ends the run', async (signal) => {
    const out = await tempDir('signal');
    try {
      const target = path.join(out, 'report.xlsx');
      const run = await startAtSeam(['consolidate', clean, hostile, '--out', target], 'before-publish');
      // The temporary file is there, complete, beside the target.
      expect(existsSync(run.detail)).toBe(true);
      expect(path.basename(run.detail)).toMatch(/^\.hyoka-[0-9a-f]+\.tmp$/);
      run.child.kill(signal);
      const r = await run.done;
      expect(r.signal).toBe(signal);
      expect(await fs.readdir(out)).toEqual([]);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  }, 120_000);

  test('a legal 245-byte --out name is written', async () => {
    const out = await tempDir('long');
    try {
      const target = path.join(out, `${'報'.repeat(80)}.xlsx`);
      expect(Buffer.byteLength(path.basename(target))).toBe(245);
      const r = await runCli(['check', clean, '--out', target]);
      expectNoCrash(r);
      expect(r.code).not.toBe(2);
      expect(await fs.readdir(out)).toEqual([path.basename(target)]);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('--per-department', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await tempDir('pd-in');
    for (const f of (await fs.readdir(path.join(ROOT, 'samples', 'departments'))).filter((n) => n.endsWith('.xlsx'))) {
      await fs.copyFile(path.join(ROOT, 'samples', 'departments', f), path.join(folder, f));
    }
  });
  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  test.each([
    ['an empty name', () => '', /--per-department '': フォルダ名が空です。何も書き込んでいません/],
    ['/dev/null', () => '/dev/null', /--per-department \/dev\/null: フォルダではありません.*何も書き込んでいません/],
    ['a file', (w: string) => path.join(w, 'a-file'), /a-file: フォルダではありません.*何も書き込んでいません/],
    ['a folder under a file', (w: string) => path.join(w, 'a-file', 'sub'), /sub: 途中にフォルダでないもの（ファイル）があり.*何も書き込んでいません/],
  ])('%s: a clear message, exit 2, and --out not written either', async (_label, target, message) => {
    const work = await tempDir('pd-bad');
    try {
      await fs.writeFile(path.join(work, 'a-file'), 'x');
      const out = path.join(work, 'merged.xlsx');
      const r = await runCli(['consolidate', folder, '--out', out, '--per-department', target(work)]);
      expectNoCrash(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(await fs.readdir(work)).toEqual(['a-file']);
      expect(await fs.readFile(path.join(work, 'a-file'), 'utf8')).toBe('x');
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }, 60_000);

  test('a folder that cannot be created (EACCES, injected: CI runs as root): a clear message, nothing written', async () => {
    const work = await tempDir('pd-eacces');
    const io = captureIo();
    const mkdir = jest.spyOn(fs, 'mkdir').mockRejectedValue(Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES' }));
    try {
      const out = path.join(work, 'merged.xlsx');
      const code = await main(['consolidate', folder, '--out', out, '--per-department', path.join(work, 'dept'), '--lang', 'en'], io);
      expect(mkdir).toHaveBeenCalled();
      expect(code).toBe(2);
      expect(io.err).toMatch(/--per-department .*dept: no permission to create or write to the folder; nothing was written\./);
      expect(await fs.readdir(work)).toEqual([]);
    } finally {
      mkdir.mockRestore();
      await fs.rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  test('into the input folder: refused with the reason, the folder unchanged', async () => {
    const before = await hashFolder(folder);
    const [ja, en] = await Promise.all([
      runCli(['consolidate', folder, '--per-department', folder]),
      runCli(['consolidate', path.join(folder, '地域福祉課.xlsx'), path.join(folder, '指導室.xlsx'), '--per-department', path.join(folder, '.', ''), '--lang', 'en']),
    ]);
    for (const r of [ja, en]) {
      expectNoCrash(r);
      expect(r.code).toBe(2);
    }
    expect(ja.stderr).toMatch(/入力のブックがあるフォルダです。ここに点検結果を書き出すと、次の取りまとめで提出されたブックとして読まれてしまいます/);
    expect(en.stderr).toMatch(/it holds the input workbooks: the findings written there would be read as submissions by the next consolidate/);
    expect(await hashFolder(folder)).toEqual(before);
  }, 120_000);

  test('disk full after 4 department files (ENOSPC, injected): exactly which were written and which were not, exit 2', async () => {
    const work = await tempDir('pd-full');
    const io = captureIo();
    const real = fs.link;
    let published = 0;
    const link = jest.spyOn(fs, 'link').mockImplementation(async (from, to) => {
      if (published === 4) throw Object.assign(new Error('ENOSPC: no space left on device, link'), { code: 'ENOSPC' });
      published++;
      return real(from, to);
    });
    try {
      const pd = path.join(work, 'dept');
      const code = await main(['consolidate', folder, '--per-department', pd], io);
      expect(code).toBe(2);
      const written = (await fs.readdir(pd)).sort();
      expect(written).toHaveLength(4);
      expect(io.err).toMatch(/_点検結果\.xlsx に書き出せませんでした（ディスクに空きがありません）。.*担当課別の点検結果は一部だけです/);
      expect(io.err).toMatch(/書き出したもの（4件）:/);
      const listed = io.err.split('書き出していないもの')[0];
      for (const f of written) expect(listed).toContain(f);
      const notWritten = /書き出していないもの（(\d+)件）:\n((?: {2}.*\n?)*)/.exec(io.err);
      expect(notWritten).not.toBeNull();
      const rest = notWritten![2].trim().split('\n');
      expect(rest).toHaveLength(Number(notWritten![1]));
      for (const f of rest) expect(existsSync(path.join(pd, path.basename(f.trim())))).toBe(false);
      expect(io.err).not.toMatch(/何も書き込んでいません/);
      expect(await temps(pd)).toEqual([]);
    } finally {
      link.mockRestore();
      await fs.rm(work, { recursive: true, force: true });
    }
  }, 120_000);

  test('a department known only from an unreadable file: its own workbook saying the file could not be read, or a line saying why there is none', async () => {
    const work = await tempDir('pd-unreadable');
    try {
      const input = path.join(work, 'in');
      await fs.mkdir(input);
      for (const f of await fs.readdir(folder)) await fs.copyFile(path.join(folder, f), path.join(input, f));
      await fs.writeFile(path.join(input, '福祉政策課.xlsx'), 'not a workbook');
      const pd = path.join(work, 'dept');
      const r = await runCli(['consolidate', input, '--per-department', pd]);
      expectNoCrash(r);
      const own = path.join(pd, '福祉政策課_点検結果.xlsx');
      if (existsSync(own)) {
        // Its workbook says why it holds no checked rows.
        const texts = allTexts(await readXlsxCells(await fs.readFile(own)));
        expect(texts.some((t) => t.includes('福祉政策課.xlsx'))).toBe(true);
        expect(texts.some((t) => /読み込めません/.test(t))).toBe(true);
        expect(r.stderr).not.toMatch(/福祉政策課」の点検結果は書き出していません/);
      } else {
        expect(r.stderr).toMatch(/担当課「福祉政策課」の点検結果は書き出していません: .*福祉政策課\.xlsx を読み込めなかったため/);
      }
      const count = Number(/担当課ごとの点検結果を(\d+)件書き出しました/.exec(r.stderr)?.[1]);
      expect((await fs.readdir(pd)).length).toBe(count);
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('terminal text', () => {
  test('a line feed (and every other control character) in a file name is escaped: no forged line', async () => {
    const work = await tempDir('lf');
    try {
      const forged = path.join(work, 'x\n指摘はありません\r\t.xlsx');
      await fs.writeFile(forged, 'not a workbook');
      const good = path.join(work, 'y\n  エラー 0.xlsx');
      await fs.copyFile(clean, good);
      const [bad, ok] = await Promise.all([runCli(['check', forged]), runCli(['check', good])]);
      for (const r of [bad, ok]) expectNoCrash(r);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('x\\x0a指摘はありません\\x0d\\x09.xlsx: 読み込めません');
      expect(bad.stderr.split('\n').some((line) => line.startsWith('指摘はありません'))).toBe(false);
      expect(ok.stdout).toContain('y\\x0a  エラー 0.xlsx');
      expect(ok.stdout.split('\n').some((line) => line.startsWith('  エラー 0.xlsx'))).toBe(false);
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }, 60_000);
});
