import { cellAt, columnCount } from '../../src/core';
import { readLiveSnapshot, parseRangeAddress } from '../../src/excel/read-live';
import { toCellValue, isDateFormat } from '../../src/excel/cell-values';
import { OUTPUT_SHEETS_KEY } from '../../src/excel/workbook-keys';
import { FakeWorkbook } from './fake-excel';
import { fakeFromSnapshot, sampleSnapshot, syntheticWorkbook } from './populate';

describe('readLiveSnapshot', () => {
  it.each([1, 10, 50])('reads %i sheets in 3 syncs whatever their row count', async (n) => {
    for (const rows of [5, 400]) {
      const wb = syntheticWorkbook(n, rows);
      const snap = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
      expect(wb.syncs).toBe(3);
      expect(snap.sheets).toHaveLength(n);
      expect(snap.sheets[0].rows).toHaveLength(3 + rows);
    }
  });

  it('splits into more syncs only above the cell limit, each under it', async () => {
    const wb = syntheticWorkbook(3, 400); // 3 × 403 × 5 cells
    await readLiveSnapshot(wb.context(), { limits: { maxBytesPerSync: 1e9, maxCellsPerSync: 2500, mergeBandCells: 512 }, caps: wb.caps() });
    expect(wb.syncs).toBeGreaterThan(3);
    for (const cells of wb.cellsLoadedPerSync) expect(cells).toBeLessThanOrEqual(2500);
  });

  it('asks for merged areas in bands that cannot exceed 512 areas', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('結合');
    for (let r = 0; r < 1200; r++) {
      s.setRows([['x', null]], r);
      s.merges.push({ top: r, left: 0, bottom: r, right: 1 });
    }
    const snap = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    expect(snap.sheets[0].merges).toHaveLength(1200);
    expect(wb.syncs).toBe(3);
  });

  it('pads rows from A1, keeps only the master value of a merge, and maps percent, errors and dates', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('Sheet1');
    s.setRows([['見出し', '続き'], [0.5, '#N/A', 45017]], 2, 1); // starts at B3
    s.ensure(3, 1).numberFormat = '0%';
    s.ensure(3, 2).error = true;
    s.ensure(3, 3).numberFormat = 'yyyy/m/d';
    s.merges.push({ top: 2, left: 1, bottom: 2, right: 2 });
    const snap = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    const sheet = snap.sheets[0];
    expect(cellAt(sheet, 2, 1)).toBe('見出し');
    expect(cellAt(sheet, 2, 2)).toBeNull();
    expect(cellAt(sheet, 3, 1)).toEqual({ percent: 0.5 });
    expect(cellAt(sheet, 3, 2)).toEqual({ error: '#N/A' });
    expect(cellAt(sheet, 3, 3)).toBe('2023-04-01');
    expect(sheet.rows[0]).toBeUndefined();
    expect(sheet.merges).toEqual([{ top: 2, left: 1, bottom: 2, right: 2 }]);
  });

  it('reads no merges without the merged-areas capability (ExcelApi 1.13)', async () => {
    const wb = syntheticWorkbook(1, 3);
    const snap = await readLiveSnapshot(wb.context(), {});
    expect(snap.sheets[0].merges).toEqual([]);
    expect(wb.syncs).toBe(3);
  });

  it('lists hidden sheets without reading them and skips its own output sheets', async () => {
    const wb = syntheticWorkbook(1, 3);
    wb.addSheet('隠し', 'Hidden').setRows([['a']]);
    wb.addSheet('評価集計').setRows([['output']]);
    wb.settings.set(OUTPUT_SHEETS_KEY, ['評価集計']);
    const snap = await readLiveSnapshot(wb.context(), {});
    // The output sheet is listed, flagged and not read (interfaces §5).
    expect(snap.sheets.map((s) => [s.name, s.visibility, s.rows.length, s.hyokaOutput ?? false])).toEqual([
      ['評価1', 'visible', 6, false],
      ['隠し', 'hidden', 0, false],
      ['評価集計', 'visible', 0, true],
    ]);
  });

  it('gives the same snapshot as the file reader for every sample workbook', async () => {
    for (const name of ['kiyose-programs.xlsx', 'komae-policy-grades.xlsx', 'koganei-departments.xlsx', 'kiyose-multi-year.xlsx']) {
      const fromFile = await sampleSnapshot(name);
      const wb = fakeFromSnapshot(fromFile);
      const live = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
      expect(live.sheets.map((s) => s.name)).toEqual(fromFile.sheets.map((s) => s.name));
      live.sheets.forEach((sheet, i) => {
        const file = fromFile.sheets[i];
        expect(sheet.merges.length).toBe(file.merges.length);
        const rows = Math.max(sheet.rows.length, file.rows.length);
        const cols = Math.max(columnCount(sheet), columnCount(file));
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expect([name, r, c, cellAt(sheet, r, c)]).toEqual([name, r, c, cellAt(file, r, c)]);
      });
    }
  });
});

describe('cell values', () => {
  it('tells date formats from number formats', () => {
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('0.00E+00')).toBe(false);
    expect(isDateFormat('#,##0')).toBe(false);
    expect(isDateFormat('yyyy/m/d')).toBe(true);
    expect(isDateFormat('[$-ja-JP]ggge"年"m"月"d"日"')).toBe(true);
    expect(toCellValue(1, '0%', 'Double')).toEqual({ percent: 1 });
    expect(toCellValue('', 'General', 'Empty')).toBeNull();
    expect(toCellValue('100%', '@', 'String')).toBe('100%');
  });

  it('parses merged-area addresses with quoted sheet names', () => {
    expect(parseRangeAddress("'評価 (1)'!B2:C4")).toEqual({ top: 1, left: 1, bottom: 3, right: 2 });
    expect(parseRangeAddress('Sheet1!$A$1')).toEqual({ top: 0, left: 0, bottom: 0, right: 0 });
  });
});
