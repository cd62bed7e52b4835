/**
 * Issue 9 part 3: one cell normaliser (src/core/cells.ts) for both adapters. The same raw
 * cells — a value, a number format, a value type — given to the file reader as SpreadsheetML
 * and to the live reader as the arrays Office.js returns (values / numberFormat / valueTypes,
 * through tests/excel/fake-excel.ts) must give the same snapshot values.
 */
import { isDateFormat, isPercentFormat, normaliseCell } from '../../src/core/cells';
import { readLiveSnapshot } from '../../src/excel/read-live';
import { readWorkbook } from '../../src/xlsx/read';
import { FakeWorkbook } from '../excel/fake-excel';
import { book, si } from './parts';

interface Raw {
  /** What Office.js reports in `values`. */
  value: string | number | boolean;
  format: string;
  type: 'Double' | 'String' | 'Boolean' | 'Error';
  expected: unknown;
}

const CASES: Raw[] = [
  { value: 45017.520833333336, format: 'yyyy/m/d h:mm', type: 'Double', expected: '2023-04-01 12:30:00' },
  { value: 45017, format: 'yyyy/m/d', type: 'Double', expected: '2023-04-01' },
  { value: 45017, format: '[$-ja-JP]ggge"年"m"月"d"日"', type: 'Double', expected: '2023-04-01' },
  { value: 0.5, format: 'h:mm', type: 'Double', expected: '1899-12-30 12:00:00' },
  { value: 0.5, format: '0.0\\%', type: 'Double', expected: 0.5 },
  { value: 0.5, format: '0"%"', type: 'Double', expected: 0.5 },
  { value: 0.75, format: '0%', type: 'Double', expected: { percent: 0.75 } },
  { value: 0.25, format: '[Red]0.0%;-0.0%', type: 'Double', expected: { percent: 0.25 } },
  { value: 1.5, format: '0.00E+00', type: 'Double', expected: 1.5 },
  { value: 3, format: 'General', type: 'Double', expected: 3 },
  { value: 1234, format: '#,##0"円"', type: 'Double', expected: 1234 },
  { value: '100%', format: '@', type: 'String', expected: '100%' },
  { value: 'A', format: 'General', type: 'String', expected: 'A' },
  { value: true, format: 'General', type: 'Boolean', expected: true },
  { value: '#N/A', format: 'General', type: 'Error', expected: { error: '#N/A' } },
];

describe('one cell normaliser, both adapters', () => {
  it('the file reader and the live reader agree on every case, and on the expected value', async () => {
    // File: one row, each case in its own column with its own style.
    const formats: Record<number, string> = {};
    const xfs = [0];
    const strings: string[] = [];
    const cells = CASES.map((c, i) => {
      const ref = `${String.fromCharCode(65 + i)}1`;
      formats[164 + i] = c.format;
      xfs.push(164 + i);
      const s = ` s="${i + 1}"`;
      if (c.type === 'String') {
        strings.push(si(String(c.value)));
        return `<c r="${ref}"${s} t="s"><v>${strings.length - 1}</v></c>`;
      }
      if (c.type === 'Boolean') return `<c r="${ref}"${s} t="b"><v>${c.value ? 1 : 0}</v></c>`;
      if (c.type === 'Error') return `<c r="${ref}"${s} t="e"><f>NA()</f><v>${c.value}</v></c>`;
      return `<c r="${ref}"${s}><v>${c.value}</v></c>`;
    });
    const file = await readWorkbook(book({ sheets: [{ name: 'S', body: `<sheetData><row r="1">${cells.join('')}</row></sheetData>` }], numFmts: formats, xfs, strings }));

    // Live: the same cells as Office.js reports them.
    const wb = new FakeWorkbook();
    const sheet = wb.addSheet('S');
    CASES.forEach((c, i) => {
      const cell = sheet.ensure(0, i);
      cell.value = c.value;
      cell.numberFormat = c.format;
      if (c.type === 'Error') cell.error = true;
    });
    const live = await readLiveSnapshot(wb.context(), {});

    const expected = CASES.map((c) => c.expected);
    expect(file.sheets[0].rows[0]).toEqual(expected);
    expect(live.sheets[0].rows[0]).toEqual(expected);
  });

  it('format classification', () => {
    expect(isPercentFormat('0.0\\%')).toBe(false);
    expect(isPercentFormat('0"%"')).toBe(false);
    expect(isPercentFormat('0%')).toBe(true);
    expect(isDateFormat('[h]:mm:ss')).toBe(true);
    expect(isDateFormat('mm:ss.0')).toBe(true);
    expect(isDateFormat('# ?/?')).toBe(false);
    expect(isDateFormat('[Blue]General')).toBe(false);
    expect(normaliseCell('', 'General')).toBeNull();
    expect(normaliseCell(1e20, 'yyyy/m/d')).toBe(1e20); // no such date: the number stays
  });
});
