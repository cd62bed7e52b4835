/**
 * The CLI's streaming summary writer (src/xlsx/write-stream.ts) against the in-memory one
 * (`writeSummaryWorkbook`, src/xlsx/write.ts, which the browser keeps): for every sample's
 * summary document and for a document of hostile text, both files must read back (ExcelJS)
 * equal cell by cell — sheet names, values, hyperlinks, row counts, styles, column widths,
 * views and filters — read the same as Excel reads the XML, and hold no formula.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

import { checkWorkbook, type DocCell, type Lang, type SummaryDocument } from '../../src/core';
import { buildSummaryDocument } from '../../src/render';
import { OutputRefused, writeOutputWith } from '../../src/cli/files';
import { readWorkbook } from '../../src/xlsx/read';
import { MAX_CELL_CHARS, writeSummaryWorkbook } from '../../src/xlsx/write';
import { writeSummaryWorkbookFile } from '../../src/xlsx/write-stream';
import { allTexts, readXlsxCells } from '../hostile/xlsx-text';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-write-stream-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

let serial = 0;
async function streamed(doc: SummaryDocument): Promise<Buffer> {
  const file = path.join(dir, `out-${serial++}.xlsx`);
  await writeSummaryWorkbookFile(doc, file);
  return fs.readFile(file);
}

/** Everything ExcelJS reads back from a workbook, as plain data. */
async function readBack(data: Uint8Array): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells.push({ c, address: cell.address, type: cell.type, value: cell.value, text: cell.text, hyperlink: cell.hyperlink, style: cell.style });
      });
      rows.push({ r, cells });
    });
    return {
      name: ws.name,
      rowCount: ws.rowCount,
      actualRowCount: ws.actualRowCount,
      columnCount: ws.columnCount,
      widths: (ws.columns ?? []).map((c) => c.width),
      views: ws.views,
      autoFilter: ws.autoFilter,
      rows,
    };
  });
}

async function expectSameWorkbook(doc: SummaryDocument): Promise<void> {
  const memory = await writeSummaryWorkbook(doc);
  const stream = await streamed(doc);
  const [a, b] = await Promise.all([readBack(memory), readBack(stream)]);
  expect(b).toEqual(a);
  // And as Excel reads the XML: the same text in the same cells, no formula anywhere.
  const [xa, xb] = await Promise.all([readXlsxCells(memory), readXlsxCells(stream)]);
  expect(xb.text).toEqual(xa.text);
  expect(xb.formulaSheets).toEqual([]);
  for (const xml of xb.sheetXml.values()) expect(xml).not.toMatch(/<f[\s>/]/);
}

async function sampleDocument(name: string, lang: Lang): Promise<SummaryDocument> {
  const file = path.join(ROOT, 'samples', name);
  const snapshot = await readWorkbook(new Uint8Array(await fs.readFile(file)), name);
  const { report } = checkWorkbook(snapshot, { fileName: name });
  return buildSummaryDocument(report, lang, { sourceFile: `../in put/${name}` });
}

describe('streaming summary writer = in-memory writer, read back', () => {
  const samples = ['kiyose-multi-year.xlsx', 'kiyose-plan-master.xlsx', 'kiyose-programs.xlsx', 'koganei-departments.xlsx', 'komae-policy-grades.xlsx'];

  test.each(samples.flatMap((s) => (['ja', 'en'] as const).map((l): [string, Lang] => [s, l])))('sample %s (%s)', async (name, lang) => {
    const doc = await sampleDocument(name, lang);
    expect(doc.sheets.length).toBeGreaterThan(0);
    await expectSameWorkbook(doc);
  });

  test('samples/*.xlsx: every sample is covered', async () => {
    const all = (await fs.readdir(path.join(ROOT, 'samples'))).filter((f) => f.endsWith('.xlsx')).sort();
    expect(all).toEqual([...samples].sort());
  });

  test('all samples merged into one document (links into several files)', async () => {
    const docs = await Promise.all(samples.map((s) => sampleDocument(s, 'ja')));
    // Sheet names must be unique in a workbook: suffix them as a merge would.
    const doc: SummaryDocument = { sheets: docs.flatMap((d, k) => d.sheets.map((s) => ({ ...s, name: `${s.name}${k}` }))) };
    await expectSameWorkbook(doc);
  });

  const LEADS = ['=', '+', '-', '@', '\t', '\r'];

  function hostileDocument(): SummaryDocument {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\ufffe\uffff';
    const rows: DocCell[][] = [];
    for (const lead of LEADS) {
      rows.push([`${lead}SUM(A1:A9)`, `${lead}HYPERLINK("http://evil.example","x")`, `${lead}cmd|"/c calc"!A0`, 1]);
      rows.push([
        { text: `${lead}link`, link: { sheet: `${lead}It's "q"`, cell: 'B2', file: 'in put.xlsx' } },
        { text: `${lead}same book`, link: { sheet: "Sheet'1", cell: 'C3' } },
        { text: `${lead}error`, emphasis: 'error' },
        { text: `${lead}warning`, emphasis: 'warning' },
      ]);
      rows.push([{ text: `${lead}info`, emphasis: 'info' }, { text: `${lead}total`, emphasis: 'total' }, null, -0.5]);
    }
    rows.push([controls, `a${controls}b`, '_x0041_ stays', '_x005F_x0041_ too']);
    rows.push(['長'.repeat(40_000), 'end\r', '\r\n2 lines', `${'😀'.repeat(5)}`]);
    rows.push([null, null, null, null]);
    rows.push(['  spaces kept  ', '', 0, 1e21]);
    rows.push(['short row']);
    const columns = [
      { header: '=header', width: 30 },
      { header: '+header', width: 12, align: 'center' as const },
      { header: '-header', width: 8, align: 'right' as const },
      { header: '@header', width: 5 },
    ];
    return {
      sheets: [
        { name: "It's \"quoted\"", blocks: [{ kind: 'table', title: '=title', columns, rows }] },
        {
          name: '=評価集計',
          blocks: [
            { kind: 'table', title: '\ttitle one', columns, rows: rows.slice(0, 5) },
            { kind: 'chart', title: '@chart', categories: ['=a', '+b', '\rc'], series: [{ name: 'A', values: [1, 2, 3] }, { name: 'B', values: [0, 5, 1] }] },
            { kind: 'table', title: 'empty', columns: columns.slice(0, 2), rows: [] },
          ],
        },
        { name: 'only an empty table', blocks: [{ kind: 'table', title: 't', columns, rows: [] }] },
        { name: 'no blocks', blocks: [] },
      ],
    };
  }

  test('hostile text: formula leads, control characters, 40,000 characters, quoted sheet names', async () => {
    const doc = hostileDocument();
    await expectSameWorkbook(doc);
    const cells = await readXlsxCells(await streamed(doc));
    const written = allTexts(cells);
    for (const lead of LEADS) expect(written).toContain(`${lead}SUM(A1:A9)`);
    expect(written).toContain('_x0041_ stays');
    const long = written.find((t) => t.startsWith('長'))!;
    expect(long.length).toBe(MAX_CELL_CHARS);
    expect(long.endsWith('…')).toBe(true);
    for (const t of written) expect(t.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect([...cells.text.keys()]).toEqual(["It's \"quoted\"", '=評価集計', 'only an empty table', 'no blocks']);
  });

  test('40,000 characters outside the BMP: cut at the cell limit, no pair split', async () => {
    // Not compared with writeSummaryWorkbook: its in-memory zip writes U+FFFD into the shared
    // strings for this text (a UTF-16 pair split between chunks); the streaming writer does not.
    const doc: SummaryDocument = { sheets: [{ name: 'S', blocks: [{ kind: 'table', title: 't', columns: [{ header: 'h', width: 3 }], rows: [['長'.repeat(40_000), '😀'.repeat(20_000)]] }] }] };
    const data = await streamed(doc);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const text = String(wb.worksheets[0].getCell('B3').value);
    expect(text).toBe(`${'😀'.repeat((MAX_CELL_CHARS - 1) / 2)}…`);
    expect(allTexts(await readXlsxCells(data))).toContain(text);
  });

  test.each([['a [bracket]'], ["'leading quote"], ['x'.repeat(32)]])('sheet name %s: accepted or refused as by the in-memory writer', async (name) => {
    const doc: SummaryDocument = { sheets: [{ name, blocks: [{ kind: 'table', title: 't', columns: [{ header: 'h', width: 3 }], rows: [['v']] }] }] };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const memory = await writeSummaryWorkbook(doc).then((d) => ({ ok: d }), (e: Error) => ({ error: e.message }));
      const file = path.join(dir, `name-${serial++}.xlsx`);
      const stream = await writeSummaryWorkbookFile(doc, file).then(() => ({ ok: true }), (e: Error) => ({ error: e.message }));
      if ('error' in memory) {
        expect(stream).toEqual(memory);
        await expect(fs.access(file)).rejects.toThrow(); // refused before the file was created
      } else {
        expect(stream).toEqual({ ok: true });
        expect(await readBack(await fs.readFile(file))).toEqual(await readBack(memory.ok));
      }
    } finally {
      warn.mockRestore();
    }
  });

  test('an existing file is never overwritten', async () => {
    const file = path.join(dir, 'exists.xlsx');
    await fs.writeFile(file, 'keep');
    await expect(writeSummaryWorkbookFile({ sheets: [] }, file)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fs.readFile(file, 'utf8')).toBe('keep');
  });
});

describe('writeOutputWith: temp file, then rename', () => {
  const temps = async (d: string): Promise<string[]> => (await fs.readdir(d)).filter((f) => f.endsWith('.tmp'));

  test('writes through a temporary file beside the target', async () => {
    const d = await fs.mkdtemp(path.join(dir, 'ok-'));
    const target = path.join(d, 'out.xlsx');
    let seen = '';
    await writeOutputWith(target, async (temp) => {
      seen = temp;
      expect(path.dirname(temp)).toBe(d);
      await fs.access(temp).then(() => fail('the temporary file must not exist yet'), () => undefined);
      await writeSummaryWorkbookFile({ sheets: [{ name: 'S', blocks: [] }] }, temp);
    }, [], false);
    expect(seen).not.toBe(target);
    expect(await readBack(await fs.readFile(target))).toEqual(await readBack(await writeSummaryWorkbook({ sheets: [{ name: 'S', blocks: [] }] })));
    expect(await temps(d)).toEqual([]);
  });

  test('a failing writer leaves no temporary file and the target untouched', async () => {
    const d = await fs.mkdtemp(path.join(dir, 'fail-'));
    const target = path.join(d, 'out.xlsx');
    await fs.writeFile(target, 'old');
    await expect(
      writeOutputWith(target, async (temp) => {
        await fs.writeFile(temp, 'half');
        throw new Error('disk full');
      }, [], true),
    ).rejects.toThrow('disk full');
    expect(await fs.readFile(target, 'utf8')).toBe('old');
    expect(await temps(d)).toEqual([]);
  });

  test('refuses an existing file without force, and an input even with force', async () => {
    const d = await fs.mkdtemp(path.join(dir, 'refuse-'));
    const target = path.join(d, 'out.xlsx');
    await fs.writeFile(target, 'old');
    const write = jest.fn(async () => undefined);
    await expect(writeOutputWith(target, write, [], false)).rejects.toEqual(new OutputRefused('exists'));
    await expect(writeOutputWith(target, write, [target], true)).rejects.toEqual(new OutputRefused('is-input'));
    expect(write).not.toHaveBeenCalled();
    expect(await fs.readFile(target, 'utf8')).toBe('old');
  });
});
