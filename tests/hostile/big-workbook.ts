/**
 * Large and hostile workbooks written straight as SpreadsheetML and zipped with fflate: fast to
 * build in a test (60k rows in well under a second) and exactly the shape the test needs.
 */
import { zipSync, strToU8 } from 'fflate';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="評価調書" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An .xlsx with one sheet: `rows` of [row number, text, department, grade] under a title and header. */
export function workbookFromRows(rows: (string | number)[][], options: { extraRowXml?: string } = {}): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sst = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const cols = 'ABCDEFGHIJ';
  const body: string[] = [];
  rows.forEach((row, r) => {
    const cells = row
      .map((v, c) =>
        typeof v === 'number' ? `<c r="${cols[c]}${r + 1}"><v>${v}</v></c>` : v === '' ? '' : `<c r="${cols[c]}${r + 1}" t="s"><v>${sst(v)}</v></c>`,
      )
      .join('');
    body.push(`<row r="${r + 1}">${cells}</row>`);
  });
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    body.join('') +
    (options.extraRowXml ?? '') +
    '</sheetData></worksheet>';
  const shared =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') +
    '</sst>';
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(ROOT_RELS),
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(shared),
  });
}

const GRADES = ['A', 'B', 'C', 'D'];
const DEPARTMENTS = ['福祉政策課', '高齢福祉課', '障がい福祉課', '子育て支援課', '健康推進課'];

/** A graded program list of `count` rows (令和5年度 評価調書), the shape of the seed fixtures. */
export function bigEvaluationWorkbook(count: number): Uint8Array {
  const rows: (string | number)[][] = [['令和5年度 評価調書'], [], ['番号', '取組', '担当課', '評価']];
  for (let i = 1; i <= count; i++) rows.push([i, `取組${i % 997}`, DEPARTMENTS[i % DEPARTMENTS.length], GRADES[i % GRADES.length]]);
  return workbookFromRows(rows);
}
