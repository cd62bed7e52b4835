/**
 * 設定 › 診断 against the fake Excel: the same function the button calls (port.diagnose()).
 * On the fake every check must pass; where the fake models a host that lacks something
 * (ExcelApi below 1.16 with the @-format behaviour not assumed), the check must say ✗.
 */
import { createLivePort } from '../../src/excel/live-port';
import { DIAGNOSTIC_IDS, DIAGNOSTICS_SHEET, diagnosticsText } from '../../src/excel/diagnostics';
import { DIAGNOSTICS_SHEET_KEY } from '../../src/excel/workbook-keys';
import { readLiveSnapshot } from '../../src/excel/read-live';
import { FakeWorkbook, sheetState } from './fake-excel';

function portFor(wb: FakeWorkbook) {
  return createLivePort({
    ...wb.env(),
    web: true,
    fileName: 'x.xlsx',
    host: { host: 'Excel', platform: 'OfficeOnline', version: '16.0.fake' },
  });
}

describe('設定 › 診断 on the fake Excel', () => {
  it('passes every check, on one hidden scratch sheet created once and reused, leaving the user’s sheets alone', async () => {
    const wb = new FakeWorkbook();
    wb.library = 'newer'; // a library with valuesAsJson (ExcelApi 1.16), as fetched from the CDN
    const user = wb.addSheet('評価').setRows([['番号', '事業名'], ['1', '事業A']]);
    const before = sheetState(user);
    const port = portFor(wb);
    const first = await port.diagnose!();
    expect(first.checks.map((c) => c.id)).toEqual([...DIAGNOSTIC_IDS]);
    for (const c of first.checks) expect([c.id, c.ok, c.detail]).toEqual([c.id, true, c.detail]);
    expect(first).toMatchObject({ host: 'Excel', platform: 'OfficeOnline', version: '16.0.fake' });
    expect(first.apiSets[0]).toBe('ExcelApi 1.17');
    expect(first.checks[0].detail).toMatch(/created/);
    expect(wb.sheet(DIAGNOSTICS_SHEET)!.visibility).toBe('Hidden');
    expect(wb.settings.get(DIAGNOSTICS_SHEET_KEY)).toBe(DIAGNOSTICS_SHEET);

    const second = await port.diagnose!();
    expect(second.checks.every((c) => c.ok)).toBe(true);
    expect(second.checks[0].detail).toMatch(/reused/);
    expect(wb.sheets.map((s) => s.name)).toEqual(['評価', DIAGNOSTICS_SHEET]);
    expect(wb.writes.filter((w) => w.kind === 'delete-sheet')).toEqual([]);
    expect(sheetState(user)).toBe(before);
    // The state check leaves no part and no name behind.
    expect(wb.xmlParts).toEqual([]);
    expect(wb.sheet(DIAGNOSTICS_SHEET)!.names.size).toBe(0);
    // The scratch sheet is never part of a check.
    const snap = await readLiveSnapshot(wb.context(), {});
    expect(snap.sheets.map((s) => s.name)).toEqual(['評価']);

    const text = diagnosticsText(second, (c) => c.id);
    // Four heading lines, what is not used (cell notes need ExcelApi 1.18, above this host's 1.17), the checks.
    expect(text.split('\n')).toHaveLength(5 + DIAGNOSTIC_IDS.length);
    expect(text).toContain('not used: notes — this Excel does not support ExcelApi 1.18');
    expect(text).toContain('Office.js: fake: a library with ExcelApi 1.16 / defines up to ExcelApi 1.16');
    expect(text).toContain('host: Excel / platform: OfficeOnline / version: 16.0.fake');
  });

  it('a user sheet already called "Hyoka 診断" is not taken over', async () => {
    const wb = new FakeWorkbook();
    wb.library = 'newer';
    wb.addSheet(DIAGNOSTICS_SHEET).setRows([['mine']]);
    const report = await portFor(wb).diagnose!();
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(wb.sheet(DIAGNOSTICS_SHEET)!.cell(0, 0)?.value).toBe('mine');
    expect(wb.settings.get(DIAGNOSTICS_SHEET_KEY)).toBe(`${DIAGNOSTICS_SHEET} (2)`);
  });

  it('Microsoft 365 with the bundled library: the host says 1.17, the library stops at 1.15; the report says both and why valuesAsJson is not used', async () => {
    const wb = new FakeWorkbook(); // host 1.17, library 'bundled'
    const report = await portFor(wb).diagnose!();
    expect(report.apiSets[0]).toBe('ExcelApi 1.17');
    expect(report.library.highestExcelApi).toBe('1.15');
    expect(report.unusable).toEqual([
      { feature: 'valuesAsJson', why: expect.stringMatching(/lacks Range\.valuesAsJson \(ExcelApi 1\.16\)/) },
      { feature: 'notes', why: 'this Excel does not support ExcelApi 1.18' },
    ]);
    // Text went through the @ format and values: whether that keeps "=1+1" text is not documented.
    const text = report.checks.find((c) => c.id === 'text')!;
    expect(text).toMatchObject({ ok: false, detail: expect.stringMatching(/@ format and values; valuesAsJson not used/) });
    const assumed = new FakeWorkbook();
    assumed.atFormatKeepsText = true;
    expect((await portFor(assumed).diagnose!()).checks.every((c) => c.ok)).toBe(true);
    expect(diagnosticsText(report, (c) => c.id)).toContain('not used: valuesAsJson — the loaded Office.js');
  });

  it('says ✗ for the state check where custom XML parts are not usable (ExcelApi below 1.5)', async () => {
    const wb = new FakeWorkbook();
    wb.library = 'newer';
    wb.apiVersion = '1.4';
    const state = (await portFor(wb).diagnose!()).checks.find((c) => c.id === 'state')!;
    expect(state).toMatchObject({ ok: false, detail: expect.stringMatching(/custom XML parts cannot be used \(this Excel does not support ExcelApi 1\.5\)/) });
  });

  it('says ✗ where this Excel lacks what Hyoka relies on', async () => {
    const wb = new FakeWorkbook();
    wb.apiVersion = '1.8'; // no tintAndShade, no valuesAsJson; the @-format behaviour not assumed
    const report = await portFor(wb).diagnose!();
    const failed = report.checks.filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toEqual(expect.arrayContaining(['noFill', 'text']));
    expect(report.checks.find((c) => c.id === 'text')!.detail).toMatch(/=1\+1/);
    expect(report.checks.find((c) => c.id === 'settings')!.ok).toBe(true);
  });
});
