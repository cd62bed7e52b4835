/**
 * Hostile input files, built in code: not-a-zip, truncated, encrypted and legacy OLE2
 * containers, CSV in disguise, macros, hidden sheets, a stray cell on the last row, 10,000
 * merges, a 32,767-character cell, control characters, odd sheet names, dates as grades.
 * Everything is deterministic; `scripts/make-hostile.ts` writes them to a folder to inspect.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { escapeCellText } from '../../src/xlsx/write';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';

// ---------------------------------------------------------------------------------------------
// OLE2 / Compound File Binary (MS-CFB), version 3, 512-byte sectors: the container of a
// legacy .xls and of a password-protected .xlsx (streams EncryptionInfo + EncryptedPackage).

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
const SECTOR = 512;

/** A minimal valid compound file holding the given streams (each stored in regular sectors). */
export function compoundFile(streams: { name: string; data: Uint8Array }[]): Buffer {
  if (streams.length > 3) throw new Error('compoundFile: at most 3 streams (one directory sector)');
  // Streams under the 4096-byte mini-stream cutoff would belong in the mini stream; pad them.
  const padded = streams.map((s) => {
    const size = Math.max(4096, Math.ceil(s.data.length / SECTOR) * SECTOR);
    const data = Buffer.alloc(size);
    data.set(s.data);
    return { name: s.name, data };
  });
  // Sector 0: FAT, sector 1: directory, then the streams.
  const starts: number[] = [];
  let next = 2;
  for (const s of padded) {
    starts.push(next);
    next += s.data.length / SECTOR;
  }
  const sectorCount = next;
  if (sectorCount > SECTOR / 4) throw new Error('compoundFile: streams too large for one FAT sector');
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(ENDOFCHAIN, 4);
  padded.forEach((s, i) => {
    const n = s.data.length / SECTOR;
    for (let k = 0; k < n; k++) fat.writeUInt32LE(k === n - 1 ? ENDOFCHAIN : starts[i] + k + 1, (starts[i] + k) * 4);
  });

  const dir = Buffer.alloc(SECTOR);
  const entry = (index: number, name: string, type: number, left: number, right: number, child: number, start: number, size: number): void => {
    const o = index * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(dir, o);
    dir.writeUInt16LE(encoded.length, o + 0x40);
    dir.writeUInt8(type, o + 0x42);
    dir.writeUInt8(1, o + 0x43); // black
    dir.writeUInt32LE(left, o + 0x44);
    dir.writeUInt32LE(right, o + 0x48);
    dir.writeUInt32LE(child, o + 0x4c);
    dir.writeUInt32LE(start, o + 0x74);
    dir.writeUInt32LE(size, o + 0x78);
  };
  // Siblings form a binary tree ordered by (name length, upper-cased name): chain them rightwards.
  const order = padded.map((s, i) => ({ s, i })).sort((a, b) => a.s.name.length - b.s.name.length || (a.s.name.toUpperCase() < b.s.name.toUpperCase() ? -1 : 1));
  entry(0, 'Root Entry', 5, NOSTREAM, NOSTREAM, order.length ? order[0].i + 1 : NOSTREAM, ENDOFCHAIN, 0);
  order.forEach(({ s, i }, k) => {
    const right = k + 1 < order.length ? order[k + 1].i + 1 : NOSTREAM;
    entry(i + 1, s.name, 2, NOSTREAM, right, NOSTREAM, starts[i], streams[i].data.length);
  });
  for (let k = padded.length + 1; k < 4; k++) {
    dir.writeUInt32LE(NOSTREAM, k * 128 + 0x44);
    dir.writeUInt32LE(NOSTREAM, k * 128 + 0x48);
    dir.writeUInt32LE(NOSTREAM, k * 128 + 0x4c);
  }

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 0x18); // minor version
  header.writeUInt16LE(0x0003, 0x1a); // major version 3
  header.writeUInt16LE(0xfffe, 0x1c); // little-endian
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt16LE(6, 0x20); // 64-byte mini sectors
  header.writeUInt32LE(0, 0x28); // directory sectors (0 in v3)
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(0x1000, 0x38); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 0x3c); // no mini FAT
  header.writeUInt32LE(0, 0x40);
  header.writeUInt32LE(ENDOFCHAIN, 0x44); // no DIFAT sectors
  header.writeUInt32LE(0, 0x48);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREESECT, 0x4c + i * 4);
  return Buffer.concat([header, fat, dir, ...padded.map((s) => s.data)]);
}

/** What Excel writes for "Encrypt with Password": an OLE2 file with the encrypted package inside. */
export function encryptedWorkbook(): Buffer {
  const info = Buffer.alloc(256);
  info.writeUInt16LE(4, 0); // Agile encryption: version 4.4
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"/>').copy(info, 8);
  const pkg = Buffer.alloc(8192, 0x5a);
  pkg.writeUInt32LE(7000, 0); // decrypted size
  return compoundFile([
    { name: 'EncryptionInfo', data: info },
    { name: 'EncryptedPackage', data: pkg },
  ]);
}

/** An Excel 97–2003 .xls: a "Workbook" stream starting with a BIFF8 BOF record. */
export function legacyXls(): Buffer {
  const biff = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0x54, 0x38, 0xcd, 0x07, 0xc1, 0x00, 0x01, 0x00, 0x06, 0x04, 0x00, 0x00]);
  return compoundFile([{ name: 'Workbook', data: biff }]);
}

// ---------------------------------------------------------------------------------------------
// Files that are not workbooks at all.

/** A PNG header and some noise, saved as .xlsx. */
export function notAZip(): Buffer {
  const noise = Buffer.alloc(4096);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = x & 0xff;
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise]);
}

export function csvText(): Buffer {
  return Buffer.from('番号,取組,担当課,評価\n取組1,福祉の理解の推進,地域福祉課,A\n取組2,ボランティア活動の支援,社会福祉協議会,B\n', 'utf8');
}

/** A zip that holds no workbook (a renamed .zip of documents). */
export async function zipWithoutWorkbook(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('readme.txt', '評価調書は別送します。');
  return zip.generateAsync({ type: 'nodebuffer' });
}

// ---------------------------------------------------------------------------------------------
// Real workbooks, built from the seed fixtures and then made hostile.

export type Built = ReturnType<typeof buildSeedWorkbook>;

/** The Kiyose 取組 layout (one grade per program, sheet 評価調書, grade column F, names in C). */
export function kiyose(): Built {
  return buildSeedWorkbook('kiyose-programs');
}

export async function cleanWorkbook(): Promise<Buffer> {
  return toBuffer(kiyose().workbook);
}

export async function truncated(): Promise<Buffer> {
  const full = await cleanWorkbook();
  return full.subarray(0, Math.floor(full.length * 0.6));
}

/** An .xlsm: the same workbook with a VBA project and the macro-enabled content type. */
export async function withMacros(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await cleanWorkbook());
  const vba = compoundFile([{ name: 'VBA', data: Buffer.from('Attribute VB_Name = "ThisWorkbook"\r\nSub Workbook_Open()\r\n  Kill "C:\\*.*"\r\nEnd Sub\r\n', 'latin1') }]);
  zip.file('xl/vbaProject.bin', vba);
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types
      .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
      .replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"'),
  );
  const relsPath = 'xl/_rels/workbook.xml.rels';
  const rels = await zip.file(relsPath)!.async('string');
  zip.file(
    relsPath,
    rels.replace('</Relationships>', '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function allSheetsHidden(): Promise<Buffer> {
  const { workbook } = kiyose();
  workbook.worksheets.forEach((ws, i) => (ws.state = i === 0 ? 'veryHidden' : 'hidden'));
  return toBuffer(workbook);
}

/** One sheet, no cells. */
export async function emptyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1');
  return toBuffer(wb);
}

/** A workbook whose workbook.xml lists no sheets. */
export async function noSheets(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  return toBuffer(wb);
}

/** One stray value on row 1,048,576 (and column XFD): the used range covers the whole sheet. */
export async function strayBottom(): Promise<Buffer> {
  const { workbook } = kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  ws.getCell('A1048576').value = 'x';
  ws.getCell('XFD1048576').value = 1;
  return toBuffer(workbook);
}

/** Grade cells whose formulas evaluate to errors. Returns the cells it broke. */
export async function formulaErrors(): Promise<{ data: Buffer; cells: string[] }> {
  const { workbook, index } = kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  const col = index.columns['評価調書'].grade;
  const rows = index.entries.slice(0, 3).map((e) => e.row);
  const results: ExcelJS.CellErrorValue[] = [{ error: '#N/A' }, { error: '#REF!' }, { error: '#DIV/0!' }];
  rows.forEach((r, i) => (ws.getCell(`${col}${r}`).value = { formula: i === 1 ? '#REF!' : `VLOOKUP(C${r},Z:Z,2,FALSE)`, result: results[i] } as ExcelJS.CellFormulaValue));
  return { data: await toBuffer(workbook), cells: rows.map((r) => `${col}${r}`) };
}

/** 10,000 merged 1×2 ranges below the table, written straight into the sheet XML. */
export async function manyMerges(count = 10_000): Promise<Buffer> {
  const { workbook } = kiyose();
  const sheetIndex = workbook.worksheets.findIndex((w) => w.name === '評価調書') + 1;
  const zip = await JSZip.loadAsync(await toBuffer(workbook));
  const path = `xl/worksheets/sheet${sheetIndex}.xml`;
  const xml = await zip.file(path)!.async('string');
  const refs: string[] = [];
  for (let i = 0; i < count; i++) refs.push(`<mergeCell ref="H${200 + i}:I${200 + i}"/>`);
  const block = `<mergeCells count="${count}">${refs.join('')}</mergeCells>`;
  const patched = xml.includes('<mergeCells')
    ? xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + count}">${refs.join('')}`)
    : xml.replace('</sheetData>', `</sheetData>${block}`);
  zip.file(path, patched);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export const MAX_CELL = 32_767;

/** A program name and a grade cell of 32,767 characters each. */
export async function longCell(): Promise<Buffer> {
  const { workbook, index } = kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  const e = index.entries[0];
  const cols = index.columns['評価調書'];
  ws.getCell(`${cols.name}${e.row}`).value = '長'.repeat(MAX_CELL);
  ws.getCell(`${cols.grade}${index.entries[1].row}`).value = 'Ｚ'.repeat(MAX_CELL);
  return toBuffer(workbook);
}

/** Control characters in names and grades (Excel stores them as _xHHHH_ escapes). */
export async function controlChars(): Promise<Buffer> {
  const { workbook, index } = kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  const cols = index.columns['評価調書'];
  const [a, b, c] = index.entries;
  // ExcelJS drops control characters when writing, so put placeholders and patch the XML.
  ws.getCell(`${cols.name}${a.row}`).value = 'CTLNAME';
  ws.getCell(`${cols.grade}${b.row}`).value = 'CTLGRADE';
  ws.getCell(`${cols.name}${c.row}`).value = 'CTLBELL';
  const zip = await JSZip.loadAsync(await toBuffer(workbook));
  const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
  zip.file(
    'xl/sharedStrings.xml',
    sst
      .replace('>CTLNAME<', '>福祉_x0001_の理解_x001F_推進_x000B_<')
      .replace('>CTLGRADE<', '>A_x0000__x0008_<')
      .replace('>CTLBELL<', ' xml:space="preserve">_x0007__x000D_\t取組_x001B_[0m<'),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Sheet names Excel allows but links must quote (', emoji, spaces) plus brackets, which only a hand-edited file has. */
export const ODD_SHEET_NAMES = ["O'Brien's 評価", '評価😀🏳️‍🌈', '[計画]'] as const;

export async function oddSheetNames(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const placeholders = ['SHEETQ', 'SHEETE', 'SHEETB'];
  const sources = [buildSeedWorkbook('kiyose-programs'), buildSeedWorkbook('komae-policy'), buildSeedWorkbook('kiyose-programs')];
  sources.forEach((src, i) => {
    const from = src.workbook.worksheets.find((w) => w.name === '評価調書' || w.name === '1 地域福祉計画')!;
    const ws = wb.addWorksheet(placeholders[i]);
    from.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => (ws.getCell(r, c).value = cell.value)));
    // A grade slip on the first graded row, so every sheet has a finding pointing into it.
    const first = src.index.entries.find((e) => e.sheet === from.name && e.grade !== null)!;
    ws.getCell(`${src.index.columns[from.name].grade}${first.row}`).value = 'E';
  });
  const zip = await JSZip.loadAsync(await toBuffer(wb));
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
  zip.file('xl/workbook.xml', placeholders.reduce((x, p, i) => x.replace(`name="${p}"`, `name="${esc(ODD_SHEET_NAMES[i])}"`), xml));
  const app = zip.file('docProps/app.xml');
  if (app) zip.file('docProps/app.xml', placeholders.reduce((x, p, i) => x.split(p).join(esc(ODD_SHEET_NAMES[i])), await app.async('string')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Real dates typed where the grades go. */
export async function datesAsGrades(): Promise<{ data: Buffer; cells: string[] }> {
  const { workbook, index } = kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  const col = index.columns['評価調書'].grade;
  const cells = index.entries.slice(0, 4).map((e) => `${col}${e.row}`);
  cells.forEach((c, i) => {
    const cell = ws.getCell(c);
    cell.value = new Date(Date.UTC(2023, 3 + i, 1));
    cell.numFmt = 'yyyy/m/d';
  });
  return { data: await toBuffer(workbook), cells };
}

/** Text that a spreadsheet would take for a formula if it were written carelessly. */
export const FORMULA_LEADS = ['=', '+', '-', '@', '\t', '\r'] as const;

export function injectionText(lead: string, i: number): string {
  return `${lead}HYPERLINK("http://evil.example/${i}","取組${i}")+1`;
}

/**
 * Names, departments and a sheet name that start with =, +, -, @, tab and CR, and grade slips
 * so that the messages quoting them land in 点検結果 too.
 */
export async function formulaLookalikes(): Promise<{ data: Buffer; texts: string[] }> {
  const { workbook, index } = kiyose();
  const ws = workbook.getWorksheet('評価調書')!;
  const cols = index.columns['評価調書'];
  const texts: string[] = [];
  FORMULA_LEADS.forEach((lead, i) => {
    const e = index.entries[i];
    const name = injectionText(lead, i);
    // escapeCellText stores a CR as _x000D_ (ExcelJS would write it raw and XML would make it a LF).
    ws.getCell(`${cols.name}${e.row}`).value = escapeCellText(name);
    ws.getCell(`${cols.grade}${e.row}`).value = escapeCellText(`${lead}A1`);
    texts.push(name, `${lead}A1`);
  });
  ws.name = '=評価調書';
  return { data: await toBuffer(workbook), texts };
}

/**
 * A grade dropdown on the whole of column F, a validation over the whole sheet, and one merge
 * covering everything below the table: ranges a reader must never walk cell by cell.
 */
export async function wholeSheetRanges(): Promise<Buffer> {
  const { workbook } = kiyose();
  const sheetIndex = workbook.worksheets.findIndex((w) => w.name === '評価調書') + 1;
  const zip = await JSZip.loadAsync(await toBuffer(workbook));
  const path = `xl/worksheets/sheet${sheetIndex}.xml`;
  const xml = await zip.file(path)!.async('string');
  const merge = '<mergeCell ref="A200:XFD1048575"/>';
  const withMerge = xml.includes('<mergeCells')
    ? xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}">${merge}`)
    : xml.replace('</sheetData>', `</sheetData><mergeCells count="1">${merge}</mergeCells>`);
  const validations =
    '<dataValidations count="2">' +
    '<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="F1:F1048576"><formula1>"A,B,C,D,-"</formula1></dataValidation>' +
    '<dataValidation type="textLength" operator="lessThan" allowBlank="1" sqref="A1:XFD1048576"><formula1>32768</formula1></dataValidation>' +
    '</dataValidations>';
  // Schema order: mergeCells … dataValidations come before pageMargins.
  zip.file(path, withMerge.replace(/<(pageMargins|pageSetup|headerFooter|drawing|tableParts|extLst)\b/, (m) => `${validations}${m}`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
