/**
 * The shared strings read on another thread while the sheets are read (ReadOptions
 * .stringsElsewhere, the CLI's worker): the snapshot must be the one the reader makes with the
 * strings in hand, or the file refused for the same reason. Here the "other thread" is this
 * one, answering later, so the deferred path (indices held in cells, resolved afterwards) is
 * what is tested; the worker itself is tested through the real CLI (tests/hostile/strings-thread).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { nodeInflater } from '../../src/cli/inflate';
import { isUnreadable } from '../../src/xlsx/errors';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../src/xlsx/limits';
import { readWorkbook, type StringsElsewhere } from '../../src/xlsx/read';
import { readSharedStrings } from '../../src/xlsx/shared-strings';
import { sharedTotal, ZipReader } from '../../src/xlsx/zip';
import { buildSeedWorkbook, SEED_LAYOUTS, toBuffer } from '../fixtures/workbooks';
import * as hostile from '../hostile/generate';
import { book, si } from './parts';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');

/** Reads the strings "elsewhere": on this thread, after the sheets have had a turn, counting into one shared total. */
function laterHere(calls: string[] = []): StringsElsewhere {
  return (bytes, limits) => {
    const total = sharedTotal(new SharedArrayBuffer(8));
    return {
      total,
      read: async (part) => {
        calls.push(part);
        await new Promise((resolve) => setTimeout(resolve, 0));
        return readSharedStrings(new ZipReader(bytes, limits, nodeInflater, total), part, limits);
      },
    };
  };
}

type Outcome = { snapshot: WorkbookSnapshot } | { unreadable: string };

async function outcome(data: Uint8Array, options: Parameters<typeof readWorkbook>[2] = {}): Promise<Outcome> {
  try {
    return { snapshot: await readWorkbook(data, 'x.xlsx', { inflater: nodeInflater, ...options }) };
  } catch (e) {
    if (isUnreadable(e)) return { unreadable: e.reason };
    throw e;
  }
}

async function expectSame(data: Uint8Array, limits?: ReadLimits): Promise<Outcome> {
  const here = await outcome(data, { limits });
  const elsewhere = await outcome(data, { limits, stringsElsewhere: laterHere() });
  expect(elsewhere).toEqual(here);
  // Sparse stays sparse: the same rows exist, not only equal-looking arrays.
  if ('snapshot' in here && 'snapshot' in elsewhere) {
    here.snapshot.sheets.forEach((s, i) => expect(Object.keys(elsewhere.snapshot.sheets[i].rows)).toEqual(Object.keys(s.rows)));
  }
  return here;
}

const sheet = (rows: string, more = ''): string => `<sheetData>${rows}</sheetData>${more}`;

describe('the same snapshot as with the strings in hand', () => {
  it('every samples/*.xlsx and samples/departments/*.xlsx', async () => {
    const dirs = [path.join(ROOT, 'samples'), path.join(ROOT, 'samples', 'departments')];
    const files = (await Promise.all(dirs.map(async (d) => (await fs.readdir(d)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(d, f))))).flat();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) await expectSame(new Uint8Array(await fs.readFile(file)));
  });

  it.each(SEED_LAYOUTS)('seed fixture %s', async (layout) => {
    const out = await expectSame(await toBuffer(buildSeedWorkbook(layout, { withSampleDefects: true }).workbook));
    expect('snapshot' in out).toBe(true);
  });

  it.each([
    ['merges', () => hostile.manyMerges(2_000)],
    ['32,767-character cell', hostile.longCell],
    ['control characters', hostile.controlChars],
    ['stray cell on the last row', hostile.strayBottom],
    ['truncated', hostile.truncated],
  ] as const)('hostile: %s', async (_name, make) => {
    await expectSame(new Uint8Array(await make()));
  });

  it('is asked only when the file has a shared-strings part', async () => {
    const calls: string[] = [];
    await readWorkbook(book({ sheets: [{ name: 'S', body: sheet('<row r="1"><c r="A1"><v>1</v></c></row>') }] }), 'x.xlsx', { stringsElsewhere: laterHere(calls) });
    expect(calls).toEqual([]);
    await readWorkbook(book({ sheets: [{ name: 'S', body: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], strings: [si('a')] }), 'x.xlsx', { stringsElsewhere: laterHere(calls) });
    expect(calls).toEqual(['xl/sharedStrings.xml']);
  });

  it('empty strings: a cell with one is empty, a row with only such cells is no row', async () => {
    const strings = [si(''), si('施策'), si('')];
    const rows =
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>' + // trailing empty cell dropped
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>2</v></c></row>' + // nothing left
      '<row r="3"><c r="B3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c></row>'; // a hole before a value
    const out = await expectSame(book({ sheets: [{ name: 'S', body: sheet(rows) }], strings }));
    if (!('snapshot' in out)) throw new Error('unreadable');
    expect(out.snapshot.sheets[0].rows[0]).toEqual(['施策']);
    expect(1 in out.snapshot.sheets[0].rows).toBe(false);
    expect(out.snapshot.sheets[0].rows[2]).toEqual([null, null, '施策']);
  });

  it('rows and cells that come again or out of order: the later one wins, as when read in order', async () => {
    const strings = [si('A'), si('B'), si('C')];
    // One oddity per sheet: each sheet is judged on its own.
    const sheets = [
      { name: 'rows out of order', body: sheet('<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="1"><c r="A1" t="s"><v>1</v></c></row>') },
      { name: 'a row again', body: sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1"><c r="B1" t="s"><v>2</v></c></row>') },
      { name: 'a number replaces an index equal to it', body: sheet('<row r="1"><c r="A1" t="s"><v>2</v></c><c r="A1"><v>2</v></c></row>') },
      { name: 'an index replaces a number', body: sheet('<row r="1"><c r="B1"><v>7</v></c><c r="B1" t="s"><v>0</v></c></row>') },
      { name: 'cells out of order', body: sheet('<row r="1"><c r="C1" t="s"><v>1</v></c><c r="A1"><v>1</v></c></row>') },
      { name: 'a cell before any row', body: sheet('<c r="A1" t="s"><v>0</v></c><row r="1"><c r="B1"><v>5</v></c></row>') },
      { name: 'a cell between rows', body: sheet('<row r="1"><c r="A1"><v>5</v></c></row><c r="B1" t="s"><v>1</v></c><row r="2"><c r="A2"><v>1</v></c></row>') },
      { name: 'a row in a row', body: sheet('<row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2" t="s"><v>0</v></c></row><c r="B2" t="s"><v>1</v></c></row>') },
      { name: 'in order', body: sheet('<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1"><v>2</v></c></row>') },
    ];
    const out = await expectSame(book({ sheets, strings }));
    if (!('snapshot' in out)) throw new Error('unreadable');
    const rows = out.snapshot.sheets.map((s) => s.rows.filter(Boolean));
    expect(rows.slice(0, 5)).toEqual([[['B'], ['A']], [[null, 'C']], [[2]], [[null, 'A']], [[1, null, 'B']]]);
    // Cells outside a row are no cells, as when read in order.
    expect(rows.slice(5, 7)).toEqual([[[null, 5]], [[5], [1]]]);
    expect(rows[8]).toEqual([['C', 2]]);
  });

  it('merged followers are cleared after the strings are in', async () => {
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>';
    const out = await expectSame(book({ sheets: [{ name: 'S', body: sheet(rows, '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>') }], strings: [si('評価'), si('x')] }));
    if (!('snapshot' in out)) throw new Error('unreadable');
    const read = out.snapshot.sheets[0].rows;
    expect(read[0]?.[0]).toBe('評価');
    expect(read[0]?.[1] ?? null).toBeNull();
    expect(read[1]?.[0] ?? null).toBeNull();
  });
});

describe('the same refusals', () => {
  it('an index past the strings, or no index at all: corrupt', async () => {
    for (const v of ['2', '-1', 'x', '99999999999999999999']) {
      const out = await expectSame(book({ sheets: [{ name: 'S', body: sheet(`<row r="1"><c r="A1" t="s"><v>${v}</v></c></row>`) }], strings: [si('a'), si('b')] }));
      expect(out).toEqual({ unreadable: 'corrupt' });
    }
  });

  it('the strings’ own refusal comes first, as when they are read first', async () => {
    const cell = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    const many = Array.from({ length: 11 }, (_, i) => si(`s${i}`));
    expect(await expectSame(book({ sheets: [{ name: 'S', body: cell }], strings: many }), { ...DEFAULT_READ_LIMITS, maxSharedStrings: 10 })).toEqual({ unreadable: 'too-many-strings' });
    // A sheet past Excel's rows in the same file: still the strings' reason.
    const both = book({ sheets: [{ name: 'S', body: sheet('<row r="1048577"><c r="A1048577" t="s"><v>0</v></c></row>') }], strings: many });
    expect(await expectSame(both, { ...DEFAULT_READ_LIMITS, maxSharedStrings: 10 })).toEqual({ unreadable: 'too-many-strings' });
    expect(await expectSame(both)).toEqual({ unreadable: 'beyond-limits' });
  });

  it('the file’s inflated total holds over both threads', async () => {
    // Each part alone is under the bound; together they are over it.
    const strings = Array.from({ length: 3_000 }, (_, i) => si(`地域福祉の推進に関する取組の説明 ${i}`.repeat(4)));
    const rows = Array.from({ length: 3_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}"><v>${i * 3}</v></c></row>`).join('');
    const data = book({ sheets: [{ name: 'S', body: sheet(rows) }], strings });
    const parts = unzipSync(data);
    const sst = parts['xl/sharedStrings.xml'].length;
    const sheetSize = parts['xl/worksheets/sheet1.xml'].length;
    const limits = { ...DEFAULT_READ_LIMITS, maxInflatedBytes: Math.max(sst, sheetSize) + 10_000 };
    expect(sst + sheetSize).toBeGreaterThan(limits.maxInflatedBytes);
    expect(await expectSame(data, limits)).toEqual({ unreadable: 'too-large' });
  });

  it('the other thread failing (not the file) reads the strings here instead', async () => {
    const data = book({ sheets: [{ name: 'S', body: sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>') }], strings: [si('a'), si('b')] });
    const broken: StringsElsewhere = () => ({ total: sharedTotal(new SharedArrayBuffer(8)), read: () => Promise.reject(new Error('worker stopped')) });
    const snapshot = await readWorkbook(data, 'x.xlsx', { stringsElsewhere: broken });
    expect(snapshot.sheets[0].rows[0]).toEqual(['b']);
  });
});
