/**
 * What the one reader (src/xlsx/read.ts) reads beyond the old oracle, and the bounds it keeps:
 * every case is a workbook written part by part in memory (tests/xlsx/parts.ts) as a producer
 * or an attacker could write it, read through `readWorkbook`, the entry point of every host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';

import { parseSettings } from '../../src/core';
import { isUnreadable } from '../../src/xlsx/errors';
import { DEFAULT_READ_LIMITS, parseReadLimits, type ReadLimits } from '../../src/xlsx/limits';
import { HYOKA_ADDIN_ID, readWorkbook, resolveTarget } from '../../src/xlsx/read';
import { ZipReader } from '../../src/xlsx/zip';
import { nodeInflater } from '../../src/cli/inflate';
import { book, si, type BookOptions } from './parts';

jest.setTimeout(60_000);

async function refusal(data: Uint8Array, limits?: ReadLimits): Promise<string | null> {
  try {
    await readWorkbook(data, 'x.xlsx', { limits });
    return null;
  } catch (e) {
    if (isUnreadable(e)) return e.reason;
    throw e;
  }
}

const one = (body: string, more: Partial<BookOptions> = {}): Uint8Array => book({ sheets: [{ name: '評価', body }], ...more });

describe('values', () => {
  it('shared strings (runs joined, readings left out), inline strings, cached formula results, t="d", booleans, errors', async () => {
    const data = one(
      '<sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><r><t>前</t></r><r><t>後</t></r></is></c><c r="D1" t="d"><v>2023-04-01T00:00:00Z</v></c><c r="E1" t="d"><v>2023-04-01T12:30:00</v></c></row>' +
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>4</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="str"><f>"a"</f><v>a</v></c></row>' +
        '<row r="3"><c r="B3"><f t="shared" si="0"/><v>0</v></c><c r="C3"><f>NOW()</f></c><c r="D3"><f t="shared" si="0"/></c><c r="E3"><v>7</v></c></row>' +
        '</sheetData>',
      { strings: ['<si><t>地域福祉</t><rPh sb="0" eb="2"><t>チイキ</t></rPh></si>', '<si><r><rPr><b/></rPr><t>A</t></r><r><t xml:space="preserve"> 評価_x000D_</t></r></si>'] },
    );
    const { sheets } = await readWorkbook(data);
    expect(sheets[0].rows).toEqual([
      ['地域福祉', 'A 評価\r', '前後', '2023-04-01', '2023-04-01 12:30:00'],
      [2, 4, true, { error: '#N/A' }, 'a'],
      [null, 0, null, null, 7],
    ]);
    // Never calculated: blank, not zero, and listed.
    expect(sheets[0].uncachedFormulas).toEqual([
      { row: 2, col: 2 },
      { row: 2, col: 3 },
    ]);
    // Formulas with a cached result, as runs down each column (a grade that is a formula's result).
    expect(sheets[0].formulaCells).toEqual([
      { top: 1, bottom: 1, left: 0, right: 0 },
      { top: 1, bottom: 2, left: 1, right: 1 },
      { top: 1, bottom: 1, left: 4, right: 4 },
    ]);
  });

  it('number formats: custom and built-in dates (Japanese era ids too), percent, literal %', async () => {
    const data = one('<sheetData><row r="1"><c r="A1" s="1"><v>45383</v></c><c r="B1" s="2"><v>45383</v></c><c r="C1" s="3"><v>0.25</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5"><v>0.5</v></c><c r="F1" s="6"><v>45383.5</v></c></row></sheetData>', {
      numFmts: { 164: '0.0\\%', 165: '0"%"', 166: '[$-411]ggge"年"m"月"d"日"' },
      xfs: [0, 14, 28, 9, 164, 165, 166],
    });
    expect((await readWorkbook(data)).sheets[0].rows[0]).toEqual(['2024-04-01', '2024-04-01', { percent: 0.25 }, 0.5, 0.5, '2024-04-01 12:00:00']);
  });

  it('1904 dates', async () => {
    const data = one('<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData>', { xfs: [0, 14], workbookPr: '<workbookPr date1904="1"/>' });
    expect((await readWorkbook(data)).sheets[0].rows[0]).toEqual(['1904-01-01']);
  });
});

describe('structure', () => {
  it('hidden rows and columns, merges (followers cleared), sheet visibility', async () => {
    const data = book({
      sheets: [
        {
          name: '評価',
          body:
            '<cols><col min="2" max="3" width="0" hidden="1"/><col min="5" max="5" hidden="true"/><col min="6" max="6" width="9"/></cols>' +
            '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="3" hidden="1"/><row r="4" hidden="1"><c r="A4"><v>4</v></c></row></sheetData>' +
            '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>',
        },
        { name: '隠し', body: '<sheetData/>', state: 'hidden' },
        { name: 'とても', body: '<sheetData/>', state: 'veryHidden' },
      ],
    });
    const { sheets } = await readWorkbook(data);
    expect(sheets[0]).toMatchObject({ hiddenRows: [2, 3], hiddenCols: [1, 2, 4], merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] });
    expect(sheets[0].rows[0]).toEqual([1]);
    expect(sheets.map((s) => s.visibility)).toEqual(['visible', 'hidden', 'veryHidden']);
  });

  it('data-validation lists: literal, on the same sheet, on another sheet, by defined name, in the x14 extension', async () => {
    const data = book({
      sheets: [
        {
          name: '評価',
          body:
            '<sheetData><row r="1"><c r="H1" t="inlineStr"><is><t>実施</t></is></c></row><row r="2"><c r="H2" t="inlineStr"><is><t>未実施</t></is></c></row></sheetData>' +
            '<dataValidations count="4">' +
            '<dataValidation type="list" allowBlank="1" sqref="C2:C20 E2:E20"><formula1>"A,B,C,D"</formula1></dataValidation>' +
            '<dataValidation type="list" sqref="F2:F9"><formula1>$H$1:$H$2</formula1></dataValidation>' +
            '<dataValidation type="list" sqref="G2:G9"><formula1>grades</formula1></dataValidation>' +
            '<dataValidation type="whole" sqref="D2:D9"><formula1>0</formula1></dataValidation>' +
            '</dataValidations>' +
            '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list"><x14:formula1><xm:f>\'評価 基準\'!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>B2:B50</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>',
        },
        { name: '評価 基準', body: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>B</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>C</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>D</t></is></c></row></sheetData>' },
      ],
      workbookPr: '<definedNames><definedName name="grades">\'評価 基準\'!$A$1:$A$2</definedName></definedNames>',
    });
    const { sheets } = await readWorkbook(data);
    expect(sheets[0].validations).toEqual([
      { ranges: [{ top: 1, left: 2, bottom: 19, right: 2 }, { top: 1, left: 4, bottom: 19, right: 4 }], items: ['A', 'B', 'C', 'D'] },
      { ranges: [{ top: 1, left: 5, bottom: 8, right: 5 }], items: ['実施', '未実施'] },
      { ranges: [{ top: 1, left: 6, bottom: 8, right: 6 }], items: ['A', 'B'] },
      { ranges: [{ top: 1, left: 1, bottom: 49, right: 1 }], items: ['A', 'B', 'C', 'D'] },
    ]);
    expect(sheets[1].validations).toEqual([]);
  });

  it('namespace-prefixed (x:) and Strict OOXML parts read like transitional ones', async () => {
    const body = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.5</v></c></row></sheetData><mergeCells><mergeCell ref="C1:D1"/></mergeCells>';
    const opts: BookOptions = { sheets: [{ name: 'S', body }], strings: [si('地域')], xfs: [0, 9] };
    const plain = await readWorkbook(book(opts));
    expect(plain.sheets[0].rows).toEqual([['地域', { percent: 0.5 }]]);
    expect(await readWorkbook(book({ ...opts, prefix: 'x' }))).toEqual(plain);
    expect(await readWorkbook(book({ ...opts, mainNs: 'http://purl.oclc.org/ooxml/spreadsheetml/main', relNs: 'http://purl.oclc.org/ooxml/officeDocument/relationships' }))).toEqual(plain);
  });

  it('UTF-16 parts with a byte-order mark, little- and big-endian', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>評価Ａ</t></si></sst>`;
    const le = new Uint8Array(2 + xml.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      le[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = xml.charCodeAt(i) >> 8;
    }
    const be = le.map((_, i) => (i % 2 === 0 ? le[i + 1] : le[i - 1]));
    for (const bytes of [le, be]) {
      const data = one('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', { strings: [], extra: { 'xl/sharedStrings.xml': bytes } });
      expect((await readWorkbook(data)).sheets[0].rows).toEqual([['評価Ａ']]);
    }
  });

  it('relationship targets: relative, absolute, with ./ and ../; a workbook part that is not xl/workbook.xml', async () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', './worksheets/../worksheets/a%20b.xml')).toBe('xl/worksheets/a b.xml');
    expect(resolveTarget('', 'book/main.xml')).toBe('book/main.xml');
    const files = {
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/main.xml"/></Relationships>`,
      'book/main.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="a"/><sheet name="B" sheetId="2" r:id="b"/></sheets></workbook>`,
      'book/_rels/main.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../sheets/one.xml"/><Relationship Id="b" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/sheets/two.xml"/></Relationships>`,
      'sheets/one.xml': '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
      'sheets/two.xml': '<worksheet><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>',
    };
    const data = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
    expect((await readWorkbook(data)).sheets.map((s) => [s.name, s.rows[0]])).toEqual([
      ['A', [1]],
      ['B', [2]],
    ]);
  });

  it('the settings Hyoka stored in the file (its webextension), not another add-in’s', async () => {
    const ext = (id: string, props: string): string =>
      `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{1}"><we:reference id="${id}" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences><we:reference id="zzz" version="1" store="x" storeType="y"/></we:alternateReferences><we:properties>${props}</we:properties><we:bindings/><we:snapshot/></we:webextension>`;
    const data = one('<sheetData/>', {
      extra: {
        'xl/webextensions/webextension1.xml': ext('{0A0B}', '<we:property name="other" value="&quot;x&quot;"/>'),
        'xl/webextensions/webextension2.xml': ext(`{${HYOKA_ADDIN_ID.toUpperCase()}}`, '<we:property name="hyoka.settings" value="{&quot;reportYear&quot;:&quot;R5&quot;}"/>'),
      },
    });
    expect((await readWorkbook(data)).storedSettings).toEqual({ 'hyoka.settings': '{"reportYear":"R5"}' });
    expect((await readWorkbook(one('<sheetData/>'))).storedSettings).toBeUndefined();
  });

  it('HYOKA_ADDIN_ID is manifest.xml’s <Id>', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = (require('node:fs') as typeof import('node:fs')).readFileSync(require('node:path').join(__dirname, '../../manifest.xml'), 'utf8');
    expect(/<Id>([^<]+)<\/Id>/.exec(manifest)?.[1]).toBe(HYOKA_ADDIN_ID);
  });
});

describe('missing parts', () => {
  it('a sheet whose part is missing is named, the others are read', async () => {
    const data = book({
      sheets: [
        { name: '評価', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' },
        { name: '消えた', body: null },
      ],
    });
    const snapshot = await readWorkbook(data);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['評価']);
    expect(snapshot.unreadableSheets).toEqual([{ name: '消えた', reason: 'missing-part' }]);
  });

  it('cells pointing into a shared-strings part the file lacks: unreadable', async () => {
    expect(await refusal(one('<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'))).toBe('missing-strings');
    // Without such cells the part is not needed.
    expect(await refusal(one('<sheetData><row r="1"><c r="A1"><v>0</v></c></row></sheetData>'))).toBeNull();
  });
});

describe('bounds (src/xlsx/limits.ts), refused while reading', () => {
  it('a row or column past Excel’s limits — the 14 KB file with row 4294967295 — is refused, not looped over', async () => {
    expect(await refusal(one('<sheetData><row r="4294967295"><c r="A4294967295"><v>1</v></c></row></sheetData>'))).toBe('beyond-limits');
    expect(await refusal(one('<sheetData><row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>'))).toBe('beyond-limits');
    expect(await refusal(one('<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>'))).toBe('beyond-limits');
    expect(await refusal(one('<sheetData/><mergeCells><mergeCell ref="A1:A1048577"/></mergeCells>'))).toBe('beyond-limits');
    // Excel's last cell itself is fine.
    expect(await refusal(one('<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))).toBeNull();
  });

  it('total inflated size and per-part ratio', async () => {
    // 6 MB of one repeated row compresses ~1000×. The bounds are lowered here only to keep
    // the test small; the defaults (1 GiB; 200× past 16 MB) work the same way.
    const row = '<row><c><v>1</v></c></row>';
    const data = one(`<sheetData>${row.repeat(Math.ceil((6 * 1024 * 1024) / row.length))}</sheetData>`);
    expect(data.length).toBeLessThan(100 * 1024);
    expect(await refusal(data, { ...DEFAULT_READ_LIMITS, ratioFloorBytes: 1024 * 1024 })).toBe('zip-bomb');
    expect(await refusal(data, { ...DEFAULT_READ_LIMITS, maxInflatedBytes: 2 * 1024 * 1024 })).toBe('too-large');
    expect(await refusal(data)).toBeNull();
  });

  it('shared-string count and characters, cell text, sheets, nesting depth', async () => {
    const cell = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>';
    expect(await refusal(one(cell, { strings: Array.from({ length: 11 }, (_, i) => si(`s${i}`)) }), { ...DEFAULT_READ_LIMITS, maxSharedStrings: 10 })).toBe('too-many-strings');
    expect(await refusal(one(cell, { strings: [si('x'.repeat(30_000)), si('y'.repeat(30_000))] }), { ...DEFAULT_READ_LIMITS, maxSharedStringChars: 50_000 })).toBe('too-many-strings');
    expect(await refusal(one(cell, { strings: [si('x'.repeat(32_768))] }))).toBe('cell-too-long');
    expect(await refusal(one(cell, { strings: [si('x'.repeat(32_767))] }))).toBeNull();
    expect(await refusal(one(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(32_768)}</t></is></c></row></sheetData>`))).toBe('cell-too-long');
    const many = book({ sheets: Array.from({ length: 1001 }, (_, i) => ({ name: `S${i}`, body: '<sheetData/>' })) });
    expect(await refusal(many)).toBe('too-many-sheets');
    const deep = `<sheetData/><extLst>${'<ext>'.repeat(100)}${'</ext>'.repeat(100)}</extLst>`;
    expect(await refusal(one(deep))).toBe('too-deep');
  });

  it('limits come from the CLI profile only: workbook settings cannot carry them', async () => {
    const long = one(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row></sheetData>`, {
      extra: {
        'xl/webextensions/webextension1.xml': `<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{1}"><we:reference id="${HYOKA_ADDIN_ID}" version="1" store="d" storeType="Registry"/><we:properties><we:property name="limits" value="{&quot;maxCellChars&quot;:100000}"/></we:properties></we:webextension>`,
      },
    });
    expect(await refusal(long)).toBe('cell-too-long');
    // Settings from any source other than the profile file have no `limits`.
    const parsed = parseSettings({ limits: { maxCellChars: 100_000 }, reportYear: 'R5' });
    expect(parsed.ok && 'limits' in parsed.settings).toBe(false);
    const raised = parseReadLimits({ maxCellChars: 100_000 });
    expect(raised.ok).toBe(true);
    if (raised.ok) expect(await refusal(long, raised.limits)).toBeNull();
    expect(parseReadLimits({ maxRows: 2_000_000, nope: 1, maxSheets: -1 })).toEqual({ ok: false, problems: expect.arrayContaining([expect.stringContaining('maxRows'), expect.stringContaining('nope'), expect.stringContaining('maxSheets')]) });
  });
});

describe('inflaters: the platform’s DecompressionStream, the CLI’s node:zlib and fflate read the same', () => {
  const samplesDir = path.join(__dirname, '..', '..', 'samples');
  const INFLATERS = [undefined, nodeInflater, null];
  const all = async (data: Uint8Array): Promise<unknown[]> => Promise.all(INFLATERS.map((inflater) => readWorkbook(data, 'x.xlsx', { inflater })));

  it('the platform inflater is there in this Node, so the default path is the native one', () => {
    expect(typeof DecompressionStream).toBe('function');
    expect(() => new DecompressionStream('deflate-raw')).not.toThrow();
  });

  it.each(readdirSync(samplesDir).filter((f) => f.endsWith('.xlsx')))('%s: the same snapshot', async (name) => {
    const [web, node, js] = await all(new Uint8Array(readFileSync(path.join(samplesDir, name))));
    expect(web).toEqual(js);
    expect(node).toEqual(js);
  });

  it('a part stored uncompressed, an empty part and a multi-megabyte part: the same snapshot', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i % 50}</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    const strings = Array.from({ length: 50 }, (_, i) => si(`施策の方向性と具体的な取組${i}`));
    for (const level of [0, 6] as const) {
      const data = book({ sheets: [{ name: '評価', body: `<sheetData>${rows}</sheetData>` }], strings, level });
      const [web, node, js] = await all(data);
      expect(web).toEqual(js);
      expect(node).toEqual(js);
    }
    const empty = book({ sheets: [{ name: '評価', body: '<sheetData/>' }], extra: { 'xl/sharedStrings.xml': '' } });
    // An empty part is no XML document, whichever inflater reads it.
    expect(await Promise.all(INFLATERS.map((inflater) => refusalWith(empty, { inflater })))).toEqual(['corrupt', 'corrupt', 'corrupt']);
  });

  it('the same bounds and the same refusal of a damaged stream', async () => {
    const row = '<row><c><v>1</v></c></row>';
    const bomb = one(`<sheetData>${row.repeat(Math.ceil((6 * 1024 * 1024) / row.length))}</sheetData>`);
    for (const inflater of INFLATERS) {
      expect(await refusalWith(bomb, { inflater, limits: { ...DEFAULT_READ_LIMITS, ratioFloorBytes: 1024 * 1024 } })).toBe('zip-bomb');
      expect(await refusalWith(bomb, { inflater, limits: { ...DEFAULT_READ_LIMITS, maxInflatedBytes: 2 * 1024 * 1024 } })).toBe('too-large');
    }
    // The sheet's deflate data overwritten in its middle: every inflater refuses it as damaged.
    const data = one(`<sheetData>${Array.from({ length: 2_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 7919}</v></c></row>`).join('')}</sheetData>`);
    const entry = new ZipReader(data, DEFAULT_READ_LIMITS).entries.get('xl/worksheets/sheet1.xml')!;
    const broken = data.slice();
    broken.fill(0xff, entry.dataStart + (entry.compressedSize >> 1), entry.dataStart + (entry.compressedSize >> 1) + 64);
    for (const inflater of INFLATERS) expect(await refusalWith(broken, { inflater })).toBe('corrupt');
  });
});

async function refusalWith(data: Uint8Array, options: Parameters<typeof readWorkbook>[2]): Promise<string | null> {
  try {
    await readWorkbook(data, 'x.xlsx', options);
    return null;
  } catch (e) {
    if (isUnreadable(e)) return e.reason;
    throw e;
  }
}
