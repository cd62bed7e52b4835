/**
 * Stored data never blocks a read (issue #25, case 2): a webextension property too large to
 * parse — Hyoka's own remembered highlights, a 10 MB setting, another add-in's 2 MB value —
 * leaves the workbook checkable; Hyoka's own is skipped with a notice naming it, another
 * add-in's is not Hyoka's business. And a binary workbook renamed .xlsx is called what it is
 * (case 11).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

import { readWorkbook, HYOKA_ADDIN_ID, MAX_STORED_PROPERTY_CHARS } from '../../src/xlsx/read';
import { ensureBuilt, expectNoCrash, runCli, tempDir } from './cli';
import * as g from './generate';

const NS = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
const ext = (id: string, props: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="${NS}" id="{1}"><we:reference id="${id}" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties>${props}</we:properties><we:bindings/><we:snapshot/></we:webextension>`;
const prop = (name: string, value: string): string => `<we:property name="${name}" value="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`;

/** The clean Kiyose workbook with webextension parts added. */
async function withParts(parts: Record<string, string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await g.cleanWorkbook());
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A JSON array of remembered cells, as the pane stores highlights, of about `chars` characters. */
function highlights(chars: number): string {
  const cells: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const cell = JSON.stringify({ sheet: '評価調書', cell: `F${i + 6}`, fill: '#FFC7CE' });
    cells.push(cell);
    n += cell.length + 1;
  }
  return `[${cells.join(',')}]`;
}

const SETTINGS = JSON.stringify({ reportYear: '令和5年度' });

let dir: string;
beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('stored');
}, 120_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('Hyoka’s own highlights past the bound and another add-in’s 2 MB property: read, checked, Hyoka’s skipped value named', async () => {
  const big = highlights(MAX_STORED_PROPERTY_CHARS * 3);
  const data = await withParts({
    'xl/webextensions/webextension1.xml': ext('{0A0B0C0D-0000-0000-0000-000000000000}', prop('theirs', 'x'.repeat(2 * 1024 * 1024))),
    'xl/webextensions/webextension2.xml': ext(`{${HYOKA_ADDIN_ID.toUpperCase()}}`, prop('hyoka.highlights', big) + prop('hyoka.settings', SETTINGS)),
  });
  const snapshot = await readWorkbook(new Uint8Array(data), 'stored.xlsx');
  expect(snapshot.sheets.map((s) => s.name)).toContain('評価調書');
  // The small setting beside it is still read; the large one is named, with its size.
  expect(snapshot.storedSettings).toEqual({ 'hyoka.settings': SETTINGS });
  expect(snapshot.storedSettingsSkipped).toEqual([{ name: 'hyoka.highlights', chars: expect.any(Number) }]);
  expect(snapshot.storedSettingsSkipped![0].chars).toBeGreaterThan(MAX_STORED_PROPERTY_CHARS);

  const file = path.join(dir, 'stored.xlsx');
  await fs.writeFile(file, data);
  const [ja, en] = await Promise.all([runCli(['check', file, '--json']), runCli(['check', file, '--lang', 'en'])]);
  for (const r of [ja, en]) {
    expectNoCrash(r);
    expect(r.code).not.toBe(2);
    expect(r.stderr).not.toMatch(/読み込めません|cannot read/);
    // Another add-in's property is not mentioned at all.
    expect(r.stderr).not.toMatch(/theirs/);
  }
  expect(ja.stderr).toMatch(/stored\.xlsx: ブックに保存されたアドインのデータ「hyoka\.highlights」（[\d,]+文字）は大きすぎるため読み込まずに点検しました。/);
  expect(en.stderr).toMatch(/add-in data stored in the workbook \("hyoka\.highlights", [\d,]+ characters\) is too large and was not read; checked without it\./);
  expect(JSON.parse(ja.stdout).sheets.length).toBeGreaterThan(0);
}, 120_000);

test('a 10 MB stored setting: skipped with a notice, the workbook checked with the defaults', async () => {
  const huge = JSON.stringify({ reportYear: '令和5年度', note: 'x'.repeat(10 * 1024 * 1024) });
  const data = await withParts({ 'xl/webextensions/webextension1.xml': ext(HYOKA_ADDIN_ID, prop('hyoka.settings', huge)) });
  const snapshot = await readWorkbook(new Uint8Array(data), 'huge.xlsx');
  expect(snapshot.storedSettings).toEqual({});
  expect(snapshot.storedSettingsSkipped?.map((p) => p.name)).toEqual(['hyoka.settings']);
  const file = path.join(dir, 'huge.xlsx');
  await fs.writeFile(file, data);
  const r = await runCli(['check', file]);
  expectNoCrash(r);
  expect(r.code).not.toBe(2);
  expect(r.stderr).toMatch(/「hyoka\.settings」（[\d,]+文字）は大きすぎるため読み込まずに点検しました/);
}, 120_000);

test('another add-in’s part that is not even well-formed is left alone; Hyoka’s small settings still read', async () => {
  const data = await withParts({
    'xl/webextensions/webextension1.xml': `<we:webextension xmlns:we="${NS}"><we:reference id="{0A0B}"/><we:properties><we:property name="a" value="<<<"`,
    'xl/webextensions/webextension2.xml': ext(HYOKA_ADDIN_ID, prop('hyoka.settings', SETTINGS)),
  });
  const snapshot = await readWorkbook(new Uint8Array(data), 'x.xlsx');
  expect(snapshot.storedSettings).toEqual({ 'hyoka.settings': SETTINGS });
  expect(snapshot.storedSettingsSkipped).toBeUndefined();
});

describe('an .xlsb renamed .xlsx', () => {
  async function xlsb(withRels: boolean): Promise<Buffer> {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
    );
    if (withRels) {
      zip.file(
        '_rels/.rels',
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
      );
    }
    // BrtBeginBook and a few binary records: not XML.
    zip.file('xl/workbook.bin', new Uint8Array([0x83, 0x01, 0x00, 0x80, 0x01, 0x00, 0x99, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00]));
    zip.file('xl/worksheets/sheet1.bin', new Uint8Array([0x81, 0x01, 0x00, 0x82, 0x01, 0x00]));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  test.each([true, false])('is called a binary workbook, with how to save it as .xlsx (relationships: %s)', async (withRels) => {
    const file = path.join(dir, `binary-${withRels}.xlsx`);
    await fs.writeFile(file, await xlsb(withRels));
    const [ja, en] = await Promise.all([runCli(['check', file]), runCli(['check', file, '--lang', 'en'])]);
    for (const r of [ja, en]) {
      expectNoCrash(r);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/壊れて|damaged/);
    }
    expect(ja.stderr).toMatch(/読み込めません — Excel バイナリブック（\.xlsb）です.*「名前を付けて保存」で「Excelブック\(\.xlsx\)」を選んで保存し直してください/);
    expect(en.stderr).toMatch(/cannot read — an Excel Binary Workbook \(\.xlsb\), whatever its name says; open it in Excel and use Save As → Excel Workbook \(\.xlsx\)/);
  }, 60_000);
});
