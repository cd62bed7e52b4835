/**
 * The one reader (src/xlsx/read.ts) against the oracle — the ExcelJS-based reader Hyoka had
 * before (tests/xlsx/oracle-read.ts, with its documented corrections): for every sample, seed
 * fixture, hostile file and a set of hand-written parts that take the rarer paths (hyperlinks,
 * shared formulas, inline rich text, 1904 dates, repeated rows, cells without addresses), the
 * two snapshots must be deeply equal apart from the fields only the new reader fills, or both
 * readers must refuse the file for the same reason.
 */
import { promises as fs } from 'node:fs';

import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { isUnreadable } from '../../src/xlsx/errors';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, SEED_LAYOUTS, toBuffer } from '../fixtures/workbooks';
import * as hostile from '../hostile/generate';
import { oracleReadWorkbook } from './oracle-read';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');

type Outcome = { snapshot: WorkbookSnapshot } | { unreadable: string };

async function outcome(read: () => Promise<WorkbookSnapshot>): Promise<Outcome> {
  try {
    return { snapshot: await read() };
  } catch (e) {
    if (isUnreadable(e)) return { unreadable: e.reason };
    throw e;
  }
}

/** The new reader's snapshot without the fields the oracle cannot produce. */
function withoutNewFields(out: Outcome): Outcome {
  if (!('snapshot' in out)) return out;
  return {
    snapshot: {
      sheets: out.snapshot.sheets.map((sheet) => {
        const copy = { ...sheet };
        delete copy.hiddenRows;
        delete copy.hiddenCols;
        delete copy.validations;
        delete copy.uncachedFormulas;
        delete copy.formulaCells;
        delete copy.notes;
        return copy;
      }),
    },
  };
}

async function expectSame(data: Uint8Array, fileName = 'book.xlsx'): Promise<Outcome> {
  const a = await outcome(() => oracleReadWorkbook(data, fileName));
  const b = withoutNewFields(await outcome(() => readWorkbook(data, fileName)));
  expect(b).toEqual(a);
  // Sparse stays sparse: the same rows exist, not only equal-looking arrays.
  if ('snapshot' in a && 'snapshot' in b) {
    a.snapshot.sheets.forEach((s, i) => expect(Object.keys(b.snapshot.sheets[i].rows)).toEqual(Object.keys(s.rows)));
  }
  return a;
}

describe('the one reader = the oracle', () => {
  const samples = async (dir: string): Promise<string[]> =>
    (await fs.readdir(path.join(ROOT, dir))).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(ROOT, dir, f));

  it('every samples/*.xlsx and samples/departments/*.xlsx', async () => {
    const files = [...(await samples('samples')), ...(await samples(path.join('samples', 'departments')))];
    expect(files.length).toBeGreaterThan(10);
    const unreadable: string[] = [];
    for (const file of files) {
      const out = await expectSame(new Uint8Array(await fs.readFile(file)), file);
      if ('unreadable' in out) unreadable.push(`${path.basename(file)}: ${out.unreadable}`);
    }
    // The department set includes one damaged submission on purpose.
    expect(unreadable).toEqual(['公民館.xlsx: corrupt']);
  });

  it.each(SEED_LAYOUTS.flatMap((layout) => [[layout, false] as const, [layout, true] as const]))('seed fixture %s (sample defects: %s)', async (layout, withSampleDefects) => {
    const data = await toBuffer(buildSeedWorkbook(layout, { withSampleDefects }).workbook);
    const out = await expectSame(data);
    expect('snapshot' in out).toBe(true);
  });

  const files: [string, () => Promise<Uint8Array>][] = [
    ['encrypted', async () => hostile.encryptedWorkbook()],
    ['legacy .xls', async () => hostile.legacyXls()],
    ['not a zip', async () => hostile.notAZip()],
    ['CSV', async () => hostile.csvText()],
    ['empty file', async () => new Uint8Array(0)],
    ['zip without a workbook', hostile.zipWithoutWorkbook],
    ['truncated', hostile.truncated],
    ['clean', hostile.cleanWorkbook],
    ['macros', hostile.withMacros],
    ['all sheets hidden', hostile.allSheetsHidden],
    ['empty workbook', hostile.emptyWorkbook],
    ['no sheets', hostile.noSheets],
    ['stray cell on the last row', hostile.strayBottom],
    ['formula errors', async () => (await hostile.formulaErrors()).data],
    ['10,000 merges', () => hostile.manyMerges()],
    ['32,767-character cell', hostile.longCell],
    ['control characters', hostile.controlChars],
    ['odd sheet names', hostile.oddSheetNames],
    ['dates as grades', async () => (await hostile.datesAsGrades()).data],
    ['formula look-alikes', async () => (await hostile.formulaLookalikes()).data],
    ['whole-sheet ranges', hostile.wholeSheetRanges],
  ];
  it.each(files)('hostile: %s', async (_name, make) => {
    await expectSame(await make());
  });

  it('refuses the unreadable kinds for the same reasons', async () => {
    const reasons = [];
    for (const [, make] of files.slice(0, 7)) {
      const out = await expectSame(await make(), 'x.xlsx');
      reasons.push('unreadable' in out ? out.unreadable : null);
    }
    expect(reasons).toEqual(['encrypted', 'legacy-xls', 'not-xlsx', 'csv', 'empty-file', 'not-xlsx', 'corrupt']);
    expect(await outcome(() => readWorkbook(hostile.csvText(), 'list.csv'))).toEqual({ unreadable: 'csv' });
  });

  it('keeps a far-away stray cell sparse', async () => {
    const snapshot = await readWorkbook(await hostile.strayBottom());
    const sheet = snapshot.sheets.find((s) => s.name === '評価調書')!;
    const present = Object.keys(sheet.rows).map(Number);
    expect(present[present.length - 1]).toBe(1_048_575);
    expect(present.length).toBeLessThan(1000);
    expect(sheet.rows[1_048_575]).toHaveLength(16_384);
  });

  it('percent formats, dates, rich text, hyperlinks, hidden sheets built with ExcelJS', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('評価');
    ws.getCell('A1').value = 0.75;
    ws.getCell('A1').numFmt = '0.0%';
    ws.getCell('A2').value = 0.5;
    ws.getCell('A2').numFmt = '"達成率"0';
    ws.getCell('B1').value = new Date(Date.UTC(2024, 3, 1));
    ws.getCell('B2').value = new Date(Date.UTC(2024, 3, 1, 9, 30));
    ws.getCell('C1').value = { richText: [{ text: '福祉', font: { bold: true } }, { text: 'の推進' }] };
    ws.getCell('C2').value = { text: '市のページ', hyperlink: 'https://example.jp/' };
    ws.getCell('C3').value = { text: '内部', hyperlink: '#評価!A1' };
    ws.getCell('D1').value = { formula: 'A1*2', result: 1.5 };
    ws.getCell('D2').value = { formula: 'A1*0', result: 0 };
    ws.getCell('D3').value = { formula: 'NA()', result: { error: '#N/A' } };
    ws.getCell('D4').value = { formula: 'B1', result: new Date(Date.UTC(2024, 0, 2)) };
    ws.getCell('D4').numFmt = 'yyyy/mm/dd';
    ws.getCell('E1').value = true;
    ws.getCell('E2').value = { error: '#REF!' };
    ws.getCell('F3').value = 'B';
    ws.mergeCells('F3:G5');
    ws.getCell('G4').value = 'slave';
    wb.addWorksheet('hidden', { state: 'hidden' }).getCell('A1').value = 'x';
    wb.addWorksheet('very', { state: 'veryHidden' }).getCell('B2').value = 2;
    await expectSame(await toBuffer(wb));
  });

  /** A workbook written by hand: one sheet part, `sheetXml` inside <worksheet>. */
  async function handWritten(sheetXml: string, opts: { strings?: string; date1904?: boolean; sheetRels?: string } = {}): Promise<Uint8Array> {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
    zip.file(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${opts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Sheet&amp;1" sheetId="1" r:id="rId1"/><sheet name="Data: 2024" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    );
    zip.file(
      'xl/styles.xml',
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    );
    zip.file(
      'xl/sharedStrings.xml',
      opts.strings ??
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>地域福祉</t><rPh sb="0" eb="2"><t>チイキ</t></rPh></si><si><r><rPr><b/></rPr><t>A</t></r><r><t xml:space="preserve"> 評価</t></r></si><si><t>取組&amp;&lt;x&gt;</t></si></sst>',
    );
    zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${sheetXml}</worksheet>`);
    zip.file('xl/worksheets/sheet2.xml', '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="B2" t="s"><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells></worksheet>');
    if (opts.sheetRels) zip.file('xl/worksheets/_rels/sheet1.xml.rels', opts.sheetRels);
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }

  const ROWS =
    '<sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>0.25</v></c><c r="D1" s="2"><v>45383</v></c><c r="E1" s="3"><v>45383.5</v></c></row>' +
    '<row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">B1&amp;"x"</f><v>7</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2"><f>0*1</f><v>0</v></c></row>' +
    '<row r="3"><c r="A3"><f t="shared" si="0"/><v>8</v></c><c r="B3" t="inlineStr"><is><r><t>前</t></r><r><t>後</t></r></is></c><c r="C3" t="inlineStr"><is><t>inline</t></is></c><c r="D3" t="b"><v>0</v></c><c r="E3" t="e"><v>#N/A</v></c></row>' +
    '<row r="4"><c r="A4" t="s"><v>2</v></c><c t="s"><v>0</v></c><c><v>3</v></c><c r="E4" s="1"/><c r="F4"/></row>' +
    '<row r="4"><c r="B4"><v>44</v></c></row>' +
    '<row r="6"><c r="A6"><v>1</v></c></row><row r="6"><c r="A6" s="1"/></row>' +
    '<row r="8"><c r="C9"><v>9</v></c><c r="C9"><v>10</v></c><c r="D9" t="s"><v>2</v></c><c r="D9" s="1"/></row>' +
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' +
    '</sheetData>';

  it('hand-written parts: shared strings with phonetics, formulas, inline text, repeated rows and cells', async () => {
    await expectSame(await handWritten(`${ROWS}<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C2:C3"/></mergeCells>`));
  });

  it('hand-written parts: 1904 dates, no shared strings part', async () => {
    await expectSame(await handWritten(ROWS.replace(/t="s"/g, 't="n"'), { date1904: true, strings: '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' }));
  });

  it('hand-written parts: hyperlinks (read again knowing them)', async () => {
    const rels =
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.jp/" TargetMode="External"/></Relationships>';
    const links = '<hyperlinks><hyperlink ref="A1" r:id="rIdH1"/><hyperlink ref="C1" r:id="rIdH1"/><hyperlink ref="A2" r:id="rIdH1"/><hyperlink ref="D1" r:id="rIdH1"/><hyperlink ref="D2" r:id="rIdH1"/><hyperlink ref="B3" location="Sheet1!A1"/></hyperlinks>';
    await expectSame(await handWritten(`${ROWS}<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>${links}`, { sheetRels: rels }));
  });

  it('hand-written parts: mergeCell tags inside sheetData text do not count, only after the last sheetData>', async () => {
    await expectSame(await handWritten(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCell ref="A1:B2"/&gt;</t></is></c><c r="B1"><v>2</v></c></row></sheetData><mergeCells><mergeCell ref="B1:C1"/><x:mergeCell ref="D5:E5"/></mergeCells>`));
  });
});
