/**
 * What real Excel does differently from a naive fake, each point as the fake now models it
 * (sources in tests/excel/fake-excel.ts). These pass on the fake; the same assumptions are
 * checked inside a real Excel by 設定 › 診断 (tests/excel/diagnostics.test.ts).
 */
import { cellAt, type Finding, type SummaryDocument } from '../../src/core';
import { applyHighlights, clearHighlights, HIGHLIGHT_COLOURS, originalFill } from '../../src/excel/highlight';
import { readLiveSnapshot, WEB_LIMITS } from '../../src/excel/read-live';
import { writeSummaryLive, freeName } from '../../src/excel/write-live';
import { createLivePort } from '../../src/excel/live-port';
import { cellEditSafeRunner, fileNameFromUrl } from '../../src/excel/connect';
import { jsonBytes } from '../../src/excel/payload';
import { OUTPUT_SHEETS_KEY } from '../../src/excel/workbook-keys';
import { FakeWorkbook, PAYLOAD_LIMIT, sheetState } from './fake-excel';
import { fakeFromSnapshot, sampleSnapshot } from './populate';

const finding = (sheet: string, cell: string, severity: Finding['severity'] = 'error'): Finding =>
  ({ rule: 'x', severity, messageId: 'x', params: {}, sheet, cell, row: 1 });

describe('1. no fill: #FFFFFF, pattern null, tintAndShade null (office-js #4900)', () => {
  it('tells no fill from a white fill by tintAndShade and gives no fill back with clear()', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S');
    s.setRows([['none', 'white', 'blue']]);
    s.ensure(0, 1).fill = '#FFFFFF';
    s.ensure(0, 2).fill = '#0000FF';
    const before = sheetState(s);
    const out = await applyHighlights(wb.context(), ['A1', 'B1', 'C1'].map((c) => finding('S', c)), { tintAndShade: true });
    expect(out).toEqual({ count: 3, protectedSheets: [] });
    expect([0, 1, 2].map((c) => s.cell(0, c)?.fill)).toEqual([HIGHLIGHT_COLOURS.error, HIGHLIGHT_COLOURS.error, HIGHLIGHT_COLOURS.error]);
    expect((wb.settings.get('hyoka.highlights') as { original: string | null }[]).map((h) => h.original)).toEqual([null, '#FFFFFF', '#0000FF']);
    wb.writes = [];
    await clearHighlights(wb.context());
    expect(sheetState(s)).toBe(before);
    // A1 went back through clear() (a null fill), never painted solid white.
    expect(wb.writes.filter((w) => w.kind === 'fill')).toEqual([
      { sheet: 'S', cell: 'A1', kind: 'fill', value: null },
      { sheet: 'S', cell: 'B1', kind: 'fill', value: '#FFFFFF' },
      { sheet: 'S', cell: 'C1', kind: 'fill', value: '#0000FF' },
    ]);
  });

  it('the old test (pattern "None") would have painted white: pattern is null for both', () => {
    expect(originalFill({ color: '#FFFFFF', pattern: null, tintAndShade: null }, { tintAndShade: true })).toBeNull();
    expect(originalFill({ color: '#FFFFFF', pattern: null, tintAndShade: 0 }, { tintAndShade: true })).toBe('#FFFFFF');
    // Without ExcelApi 1.9 a white cell is taken for no fill: restored by clear(), the safe side.
    expect(originalFill({ color: '#FFFFFF' }, { tintAndShade: false })).toBeNull();
  });
});

describe('2. payload: 5 MB per request and response on the web', () => {
  const bigText = (r: number, c: number) => `福祉政策課の事業${r}-${c}：`.padEnd(60, '記');
  function bigWorkbook(rows: number): FakeWorkbook {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('大きい');
    for (let r = 0; r < rows; r++) for (let c = 0; c < 8; c++) s.ensure(r, c).value = bigText(r, c);
    return wb;
  }

  it('the fake refuses a response over 5 MB, as Excel on the web does', async () => {
    const wb = bigWorkbook(4000); // 32,000 cells of ~190 bytes: ~6 MB of values alone
    const ctx = wb.context();
    const range = ctx.workbook.worksheets.getItem('大きい').getRangeByIndexes(0, 0, 4000, 8);
    range.load('values,numberFormat,valueTypes');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('reads such a sheet in chunks under the budget, halving a chunk Excel still refuses, and loses nothing', async () => {
    const wb = bigWorkbook(4000);
    const progress: number[] = [];
    const snap = await readLiveSnapshot(wb.context(), { limits: WEB_LIMITS, caps: wb.caps(), onProgress: (done) => progress.push(done) });
    for (const bytes of wb.responseBytesPerSync) expect(bytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    // The estimate (80 bytes a cell) is low for 60-character Japanese cells: Excel refused and the reader halved.
    expect(wb.payloadFailures.length).toBeGreaterThan(0);
    expect(cellAt(snap.sheets[0], 3999, 7)).toBe(bigText(3999, 7));
    expect(snap.sheets[0].rows).toHaveLength(4000);
    expect(progress[progress.length - 1]).toBe(32000);
  });

  it('stays at 3 syncs below the budget and adds one per chunk above it', async () => {
    const small = bigWorkbook(50);
    await readLiveSnapshot(small.context(), { limits: WEB_LIMITS, caps: small.caps() });
    expect(small.syncs).toBe(3);
    const wb = bigWorkbook(1000);
    const limits = { ...WEB_LIMITS, maxBytesPerSync: 8 * 80 * 250 }; // 250 rows a chunk
    await readLiveSnapshot(wb.context(), { limits, caps: wb.caps() });
    expect(wb.payloadFailures).toEqual([]);
    expect(wb.syncs).toBe(2 + 4);
  });

  it('writes a large summary in row blocks, every request under the limit', async () => {
    const wb = new FakeWorkbook();
    const rows = Array.from({ length: 30000 }, (_x, r) => [`${r}`, `福祉政策課の事業${r}`.padEnd(40, '記'), r % 4]);
    const doc: SummaryDocument = { sheets: [{ name: '点検結果', blocks: [{ kind: 'table', title: '大量', columns: [{ header: '番号', width: 6 }, { header: '事業', width: 30 }, { header: '値', width: 6 }], rows }] }] };
    expect(jsonBytes(rows)).toBeGreaterThan(PAYLOAD_LIMIT / 2);
    await writeSummaryLive(wb.context(), doc);
    expect(wb.payloadFailures).toEqual([]);
    expect(wb.syncs).toBeGreaterThan(2);
    for (const bytes of wb.requestBytesPerSync) expect(bytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(wb.sheet('点検結果')!.cell(2 + 29999, 1)?.value).toBe(rows[29999][1]);
  });
});

describe('3. never clear a sheet the user made', () => {
  const doc = (names: string[]): SummaryDocument => ({
    sheets: names.map((name) => ({ name, blocks: [{ kind: 'table' as const, title: name, columns: [{ header: 'h', width: 5 }], rows: [[{ text: '→', link: { sheet: names[0], cell: 'A1' } }]] }] })),
  });

  it.each(['評価集計', '点検結果', '取りまとめ', '提出状況', '前年度比較'])('a user sheet named %s is left alone and the output goes beside it as "(n)"', async (name) => {
    const wb = new FakeWorkbook();
    const mine = wb.addSheet(name).setRows([['利用者のメモ']]);
    wb.addSheet(`${name} (2)`).setRows([['これも利用者']]);
    const before = sheetState(mine);
    const out = await writeSummaryLive(wb.context(), doc([name]));
    expect(out).toEqual({ sheets: [`${name} (3)`], renamed: [{ wanted: name, written: `${name} (3)` }] });
    expect(sheetState(mine)).toBe(before);
    expect(wb.sheet(`${name} (2)`)!.cell(0, 0)?.value).toBe('これも利用者');
    expect(wb.sheet(`${name} (3)`)!.cell(2, 0)?.hyperlink?.documentReference).toBe(`'${name} (3)'!A1`);
    // Hyoka's own sheet from now on: the next run replaces it and still leaves the user's alone.
    const again = await writeSummaryLive(wb.context(), doc([name]));
    expect(again.sheets).toEqual([`${name} (3)`]);
    expect(wb.sheets).toHaveLength(3);
    expect(sheetState(mine)).toBe(before);
  });

  it('replaces only sheets recorded as Hyoka’s own', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('評価集計').setRows([['old output']]);
    wb.settings.set(OUTPUT_SHEETS_KEY, ['評価集計']);
    const out = await writeSummaryLive(wb.context(), doc(['評価集計']));
    expect(out.renamed).toEqual([]);
    expect(wb.sheet('評価集計')!.cell(0, 0)?.value).toBe('評価集計');
    expect(freeName('x'.repeat(31), new Set(['x'.repeat(31)]))).toHaveLength(31);
  });

  it('the store says so in the notice', async () => {
    const { createPaneStore } = await import('../../src/taskpane/store');
    const wb = fakeFromSnapshot(await sampleSnapshot('komae-policy-grades.xlsx'));
    wb.addSheet('評価集計').setRows([['自分の集計']]);
    const port = createLivePort({ ...wb.env(), web: false, fileName: 'k.xlsx' });
    const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => undefined });
    await store.openPort(port);
    await store.runCheck();
    await store.writeSummary();
    expect(store.getState().notice).toMatchObject({ intent: 'warning' });
    expect(store.getState().notice!.text).toContain('「評価集計 (2)」');
    expect(wb.sheet('評価集計')!.cell(0, 0)?.value).toBe('自分の集計');
  });
});

describe('4. cell-edit mode and protected sheets', () => {
  it('runs every batch with delayForCellEdit', async () => {
    const seen: unknown[] = [];
    const excel = { run: (options: unknown, batch: (c: unknown) => Promise<unknown>) => (seen.push(options), batch('ctx')) } as unknown as Pick<typeof Excel, 'run'>;
    expect(await cellEditSafeRunner(excel)(async (c) => c)).toBe('ctx');
    expect(seen).toEqual([{ delayForCellEdit: true }]);
  });

  it('skips a protected sheet with a notice instead of failing the batch', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('開いた').setRows([['a']]);
    const locked = wb.addSheet('保護');
    locked.setRows([['b']]);
    locked.protected = true;
    // The fake fails a batch that writes a fill on a protected sheet, as Excel does.
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem('保護').getRange('A1').format.fill.color = '#FF0000';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    locked.ensure(0, 0).fill = null;

    const out = await applyHighlights(wb.context(), [finding('開いた', 'A1'), finding('保護', 'A1')], { tintAndShade: true });
    expect(out).toEqual({ count: 1, protectedSheets: ['保護'] });
    expect(locked.cell(0, 0)?.fill).toBeNull();
    expect(await clearHighlights(wb.context())).toBe(1);
  });
});

describe('5. document URL', () => {
  it.each([
    ['C:\\Users\\福祉\\達成率100%.xlsx', '達成率100%.xlsx'],
    ['https://city.sharepoint.com/sites/x/%E8%A9%95%E4%BE%A1.xlsx?web=1', '評価.xlsx'],
    ['/Users/a/評価#1.xlsx', '評価#1.xlsx'],
    ['', null],
    [undefined, null],
  ])('%s → %s, never throws', (url, name) => {
    expect(fileNameFromUrl(url)).toBe(name);
  });
});

describe('6. merged areas: only those whose top-left is in the range (office-js #3611)', () => {
  it('reads every merge: across band edges and with an empty top-left before the used range', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('結合');
    // Values start at C3; A1:D2 is merged with an empty master, outside the used range's corner.
    s.merges.push({ top: 0, left: 0, bottom: 2, right: 3 });
    for (let r = 2; r < 700; r++) s.setRows([['x', 'y', 'z']], r, 2);
    // 3 columns wide from A: bands of 170 rows; these merges start in one band and end in the next.
    for (const top of [169, 339, 509]) s.merges.push({ top, left: 2, bottom: top + 3, right: 3 });
    const ctx = wb.context();
    const band = ctx.workbook.worksheets.getItem('結合').getRangeByIndexes(2, 2, 698, 3).getMergedAreasOrNullObject();
    band.load('areas/items/address');
    await ctx.sync();
    expect(band.areas.items).toHaveLength(3); // the A1 merge is not reported for a range starting at C3
    const snap = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    expect(snap.sheets[0].merges).toEqual(expect.arrayContaining(s.merges));
    expect(snap.sheets[0].merges).toHaveLength(4);
  });
});

describe('7. text stays text by documented means', () => {
  const nasty = ['=SUM(A1)', '+1', '-1', '@x'];
  const doc: SummaryDocument = { sheets: [{ name: '点検結果', blocks: [{ kind: 'table', title: '=t', columns: [{ header: 'h', width: 5 }], rows: nasty.map((t) => [t]) }] }] };

  it('ExcelApi 1.16 with a library that defines it: valuesAsJson stores strings, whatever the format', async () => {
    const wb = new FakeWorkbook();
    wb.library = 'newer';
    await writeSummaryLive(wb.context(), doc, { caps: wb.caps() });
    const out = wb.sheet('点検結果')!;
    expect([...out.cells.values()].filter((c) => c.formula)).toEqual([]);
    nasty.forEach((t, i) => expect(out.cell(2 + i, 0)?.value).toBe(t));
  });

  it('without 1.16 the @-format path relies on an undocumented behaviour: only when the fake is told to assume it does it hold', async () => {
    const documentedOnly = new FakeWorkbook();
    await writeSummaryLive(documentedOnly.context(), doc, {});
    expect([...documentedOnly.sheet('点検結果')!.cells.values()].filter((c) => c.formula).length).toBeGreaterThan(0);
    const assumed = new FakeWorkbook();
    assumed.atFormatKeepsText = true;
    await writeSummaryLive(assumed.context(), doc, {});
    expect([...assumed.sheet('点検結果')!.cells.values()].filter((c) => c.formula)).toEqual([]);
  });

  it('the live port picks valuesAsJson exactly when the host has ExcelApi 1.16 AND the loaded library defines it', async () => {
    for (const [version, library, formulas] of [['1.16', 'newer', 0], ['1.15', 'newer', 1], ['1.16', 'bundled', 1]] as const) {
      const wb = new FakeWorkbook();
      wb.apiVersion = version;
      wb.library = library;
      const port = createLivePort({ ...wb.env(), web: true, fileName: null });
      await port.writeSummary(doc);
      const cells = [...wb.sheet('点検結果')!.cells.values()];
      expect([version, library, Math.min(1, cells.filter((c) => c.formula).length)]).toEqual([version, library, formulas]);
      // Never blank: every row written reached the sheet one way or the other.
      expect([version, library, cells.filter((c) => c.value !== null).length]).toEqual([version, library, 2 + nasty.length]);
    }
  });
});

describe('hidden rows, hidden columns and validation lists from Office.js', () => {
  it('fills the snapshot fields in the same syncs, row by row only where some rows are hidden', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('評価');
    s.setRows([['番号', '事業名', '評価', 'メモ'], ['1', '事業A', 'A', ''], ['2', '廃止', 'B', ''], ['3', '事業C', 'C', 'x']]);
    s.hiddenRows.add(2);
    s.hiddenCols.add(3);
    s.validations.push({ range: { top: 1, left: 2, bottom: 3, right: 2 }, source: 'A,B,C,D' });
    const plain = wb.addSheet('無地').setRows([['a']]);
    plain.validations.push({ range: { top: 0, left: 0, bottom: 0, right: 0 }, source: '=$A$1:$A$1' });
    const snap = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    expect(snap.sheets[0]).toMatchObject({ hiddenRows: [2], hiddenCols: [3], validations: [{ ranges: [{ top: 1, left: 2, bottom: 3, right: 2 }], items: ['A', 'B', 'C', 'D'] }] });
    expect(snap.sheets[1]).toMatchObject({ hiddenRows: [], hiddenCols: [], validations: [{ ranges: [{ top: 0, left: 0, bottom: 0, right: 0 }], items: ['a'] }] });
    expect(wb.syncs).toBe(4); // the grade column's list covers part of the column: one more sync
  });

  it('leaves validations absent and says so when they cannot be read', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('S').setRows([['a']]);
    const unread: string[] = [];
    const snap = await readLiveSnapshot(wb.context(), { onUnread: (w) => unread.push(w) });
    expect(snap.sheets[0].validations).toBeUndefined();
    expect(snap.sheets[0].hiddenRows).toEqual([]);
  });
});

describe('中止 during a large live read', () => {
  it('stops at the next sync with an AbortError', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S');
    for (let r = 0; r < 2000; r++) s.setRows([['事業', r]], r);
    const controller = new AbortController();
    const limits = { ...WEB_LIMITS, maxBytesPerSync: 2 * 80 * 100 };
    const read = readLiveSnapshot(wb.context(), { limits, onProgress: (done) => done >= 400 && controller.abort(), signal: controller.signal });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(wb.syncs).toBeLessThan(10);
  });

  it('the live port reports progress through the store', async () => {
    const { createPaneStore } = await import('../../src/taskpane/store');
    const wb = fakeFromSnapshot(await sampleSnapshot('kiyose-programs.xlsx'));
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true, web: true, fileName: null, limits: { ...WEB_LIMITS, maxBytesPerSync: 20 * 80 * 10 } });
    const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => undefined });
    await store.openPort(port);
    const seen: number[] = [];
    store.subscribe(() => {
      const p = store.getState().readProgress;
      if (p) seen.push(p.done / p.total);
    });
    await store.runCheck();
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
    expect(store.getState().report).not.toBeNull();
  });
});
