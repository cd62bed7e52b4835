/**
 * Cells that hold shared strings, read with the strings in hand (they are read first, on the
 * reader's one thread): empty strings, rows and cells out of order, merges, indices that point
 * nowhere, and the strings' own bounds — each with the snapshot or the refusal it must give.
 */
import { unzipSync } from 'fflate';

import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { nodeInflater } from '../../src/cli/inflate';
import { isUnreadable } from '../../src/xlsx/errors';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../src/xlsx/limits';
import { readWorkbook } from '../../src/xlsx/read';
import { book, si } from './parts';

type Outcome = { snapshot: WorkbookSnapshot } | { unreadable: string };

async function outcome(data: Uint8Array, limits?: ReadLimits): Promise<Outcome> {
  try {
    return { snapshot: await readWorkbook(data, 'x.xlsx', { inflater: nodeInflater, limits }) };
  } catch (e) {
    if (isUnreadable(e)) return { unreadable: e.reason };
    throw e;
  }
}

async function read(data: Uint8Array): Promise<WorkbookSnapshot> {
  const out = await outcome(data);
  if (!('snapshot' in out)) throw new Error(`unreadable: ${out.unreadable}`);
  return out.snapshot;
}

const sheet = (rows: string, more = ''): string => `<sheetData>${rows}</sheetData>${more}`;

describe('cells holding shared strings', () => {
  it('empty strings: a cell with one is empty, a row with only such cells is no row', async () => {
    const strings = [si(''), si('施策'), si('')];
    const rows =
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>' + // trailing empty cell dropped
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>2</v></c></row>' + // nothing left
      '<row r="3"><c r="B3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c></row>'; // a hole before a value
    const s = (await read(book({ sheets: [{ name: 'S', body: sheet(rows) }], strings }))).sheets[0];
    expect(s.rows[0]).toEqual(['施策']);
    expect(1 in s.rows).toBe(false);
    expect(s.rows[2]).toEqual([null, null, '施策']);
  });

  it('rows and cells that come again or out of order: the later one wins', async () => {
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
    const rows = (await read(book({ sheets, strings }))).sheets.map((s) => s.rows.filter(Boolean));
    expect(rows.slice(0, 5)).toEqual([[['B'], ['A']], [[null, 'C']], [[2]], [[null, 'A']], [[1, null, 'B']]]);
    // Cells outside a row are no cells.
    expect(rows.slice(5, 7)).toEqual([[[null, 5]], [[5], [1]]]);
    expect(rows[8]).toEqual([['C', 2]]);
  });

  it('merged followers are cleared', async () => {
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>';
    const s = (await read(book({ sheets: [{ name: 'S', body: sheet(rows, '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>') }], strings: [si('評価'), si('x')] }))).sheets[0];
    expect(s.rows[0]?.[0]).toBe('評価');
    expect(s.rows[0]?.[1] ?? null).toBeNull();
    expect(s.rows[1]?.[0] ?? null).toBeNull();
  });
});

describe('refusals', () => {
  it('an index past the strings, or no index at all: corrupt', async () => {
    for (const v of ['2', '-1', 'x', '99999999999999999999']) {
      const out = await outcome(book({ sheets: [{ name: 'S', body: sheet(`<row r="1"><c r="A1" t="s"><v>${v}</v></c></row>`) }], strings: [si('a'), si('b')] }));
      expect(out).toEqual({ unreadable: 'corrupt' });
    }
  });

  it('the strings’ own refusal comes first: they are read before any sheet', async () => {
    const cell = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    const many = Array.from({ length: 11 }, (_, i) => si(`s${i}`));
    expect(await outcome(book({ sheets: [{ name: 'S', body: cell }], strings: many }), { ...DEFAULT_READ_LIMITS, maxSharedStrings: 10 })).toEqual({ unreadable: 'too-many-strings' });
    // A sheet past Excel's rows in the same file: still the strings' reason.
    const both = book({ sheets: [{ name: 'S', body: sheet('<row r="1048577"><c r="A1048577" t="s"><v>0</v></c></row>') }], strings: many });
    expect(await outcome(both, { ...DEFAULT_READ_LIMITS, maxSharedStrings: 10 })).toEqual({ unreadable: 'too-many-strings' });
    expect(await outcome(both)).toEqual({ unreadable: 'beyond-limits' });
  });

  it('the file’s inflated total holds over the strings and the sheets together', async () => {
    // Each part alone is under the bound; together they are over it.
    const strings = Array.from({ length: 3_000 }, (_, i) => si(`地域福祉の推進に関する取組の説明 ${i}`.repeat(4)));
    const rows = Array.from({ length: 3_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}"><v>${i * 3}</v></c></row>`).join('');
    const data = book({ sheets: [{ name: 'S', body: sheet(rows) }], strings });
    const parts = unzipSync(data);
    const sst = parts['xl/sharedStrings.xml'].length;
    const sheetSize = parts['xl/worksheets/sheet1.xml'].length;
    const limits = { ...DEFAULT_READ_LIMITS, maxInflatedBytes: Math.max(sst, sheetSize) + 10_000 };
    expect(sst + sheetSize).toBeGreaterThan(limits.maxInflatedBytes);
    expect(await outcome(data, limits)).toEqual({ unreadable: 'too-large' });
    expect('snapshot' in (await outcome(data))).toBe(true);
  });
});
