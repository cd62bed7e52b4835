import { checkWorkbook, type SummaryDocument } from '../../src/core';
import { buildSummaryDocument } from '../../src/render';
import { createLivePort } from '../../src/excel/live-port';
import { writeSummaryLive } from '../../src/excel/write-live';
import { applyHighlights, clearHighlights, HIGHLIGHT_COLOURS } from '../../src/excel/highlight';
import { loadWorkbookSettings, saveWorkbookSettings } from '../../src/excel/workbook-settings';
import { HIGHLIGHTS_KEY, SETTINGS_KEY } from '../../src/excel/workbook-keys';
import { FakeWorkbook, sheetState } from './fake-excel';
import { fakeFromSnapshot, sampleSnapshot } from './populate';

const OUTPUT = ['評価集計', '点検結果'];

function userSheets(wb: FakeWorkbook): Record<string, string> {
  return Object.fromEntries(wb.sheets.filter((s) => !OUTPUT.includes(s.name)).map((s) => [s.name, sheetState(s)]));
}

async function liveSample(name: string) {
  const wb = fakeFromSnapshot(await sampleSnapshot(name));
  // A user fill that highlighting must give back exactly.
  wb.sheets[0].ensure(0, 0).fill = '#123456';
  const port = createLivePort({ ...wb.env(), isSetSupported: () => true, web: false, fileName: name });
  return { wb, port };
}

describe('writing 評価集計 / 点検結果 into the live workbook', () => {
  it('writes both sheets in 2 syncs, and a second run leaves exactly one of each', async () => {
    const { wb, port } = await liveSample('komae-policy-grades.xlsx');
    const before = userSheets(wb);
    const { report } = checkWorkbook(await port.readSnapshot(), { fileName: 'komae' });
    const doc = buildSummaryDocument(report, 'ja');
    wb.syncs = 0;
    await port.writeSummary(doc);
    expect(wb.syncs).toBe(2);
    const firstRun = OUTPUT.map((n) => sheetState(wb.sheet(n)!));

    // Second run: re-read (output sheets are skipped), re-check, re-write.
    const again = checkWorkbook(await port.readSnapshot(), { fileName: 'komae' });
    expect(again.report.findings).toEqual(report.findings);
    wb.syncs = 0;
    await port.writeSummary(buildSummaryDocument(again.report, 'ja'));
    expect(wb.syncs).toBe(3); // one more: the state part the first run wrote is read first
    for (const name of OUTPUT) expect(wb.sheets.filter((s) => s.name === name)).toHaveLength(1);
    expect(OUTPUT.map((n) => sheetState(wb.sheet(n)!))).toEqual(firstRun);
    expect(wb.sheet('評価集計')!.charts.filter((c) => !c.deleted)).toHaveLength(doc.sheets[0].blocks.filter((b) => b.kind === 'chart').length);
    expect(wb.writes.filter((w) => w.kind === 'delete-sheet')).toEqual([]);
    expect(userSheets(wb)).toEqual(before);
  });

  it('stores text that looks like a formula as text', async () => {
    const wb = new FakeWorkbook();
    wb.library = 'newer'; // valuesAsJson: ExcelApi 1.16 and a library that defines it
    wb.addSheet('Sheet1');
    const nasty = ['=SUM(A1)', '+1', '-1', '@x', '=HYPERLINK("http://x")'];
    const doc: SummaryDocument = {
      sheets: [{ name: '点検結果', blocks: [{ kind: 'table', title: '=title', columns: [{ header: '-h', width: 10 }], rows: nasty.map((t) => [t]) }] }],
    };
    await writeSummaryLive(wb.context(), doc, { caps: wb.caps() });
    const out = wb.sheet('点検結果')!;
    expect([...out.cells.values()].filter((c) => c.formula)).toEqual([]);
    expect(out.cell(0, 0)?.value).toBe('=title');
    expect(out.cell(1, 0)?.value).toBe('-h');
    nasty.forEach((t, i) => expect(out.cell(2 + i, 0)?.value).toBe(t));
  });

  it('links each finding to its cell', async () => {
    const { wb, port } = await liveSample('kiyose-programs.xlsx');
    const { report } = checkWorkbook(await port.readSnapshot());
    await port.writeSummary(buildSummaryDocument(report, 'ja'));
    const links = [...wb.sheet('点検結果')!.cells.values()].filter((c) => c.hyperlink).map((c) => c.hyperlink!.documentReference);
    const located = report.findings.filter((f) => f.sheet && f.cell);
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeGreaterThanOrEqual(located.length);
    expect(links).toContain(`'${located[0].sheet}'!${located[0].cell}`);
  });
});

describe('highlighting', () => {
  it('colours flagged cells by severity and restores the original fills exactly', async () => {
    const { wb, port } = await liveSample('kiyose-programs.xlsx');
    const { report } = checkWorkbook(await port.readSnapshot());
    const flagged = report.findings.filter((f) => f.sheet && f.cell);
    expect(flagged.length).toBeGreaterThan(0);
    // Put a user fill on a flagged cell too.
    const first = flagged[0];
    const target = wb.sheet(first.sheet!)!;
    const m = /^([A-Z]+)(\d+)$/.exec(first.cell!)!;
    const col = m[1].charCodeAt(0) - 65;
    target.ensure(Number(m[2]) - 1, col).fill = '#ABCDEF';
    const before = userSheets(wb);

    const { count: n, protectedSheets } = await port.highlight!(report.findings);
    expect(protectedSheets).toEqual([]);
    expect(n).toBeGreaterThan(0);
    expect(await port.highlightState!()).toBe(true);
    expect(wb.settings.get(HIGHLIGHTS_KEY)).toHaveLength(n);
    const fills = wb.writes.filter((w) => w.kind === 'fill').map((w) => w.value);
    expect(fills.every((f) => Object.values(HIGHLIGHT_COLOURS).includes(f as string))).toBe(true);
    expect(wb.writes.filter((w) => w.kind === 'value' || w.kind === 'numberFormat')).toEqual([]);

    // Highlighting twice must not record our own colour as "original".
    await port.highlight!(report.findings);
    const restored = await port.clearHighlights!();
    expect(restored).toBe(n);
    expect(userSheets(wb)).toEqual(before);
    expect(wb.settings.has(HIGHLIGHTS_KEY)).toBe(false);
    expect(await port.highlightState!()).toBe(false);
  });

  it('leaves a cell the user recoloured after highlighting alone, and works without fill patterns', async () => {
    const wb = new FakeWorkbook();
    const s = wb.addSheet('S');
    s.setRows([['A', 'B']]);
    const findings = [
      { rule: 'x', severity: 'error' as const, messageId: 'x', params: {}, sheet: 'S', cell: 'A1', row: 1 },
      { rule: 'x', severity: 'warning' as const, messageId: 'x', params: {}, sheet: 'S', cell: 'B1', row: 1 },
    ];
    await applyHighlights(wb.context(), findings, { tintAndShade: false });
    s.ensure(0, 1).fill = '#00FF00';
    expect(await clearHighlights(wb.context())).toBe(1);
    expect(s.cell(0, 0)?.fill).toBeNull();
    expect(s.cell(0, 1)?.fill).toBe('#00FF00');
  });
});

describe('per-workbook settings', () => {
  it('round-trips through workbook settings, validated by the CLI schema', async () => {
    const wb = new FakeWorkbook();
    const first = await loadWorkbookSettings(wb.context());
    expect(first.problems).toEqual([]);
    await saveWorkbookSettings(wb.context(), { ...first.settings, reportYear: '令和5年度', method: 'share' });
    const again = await loadWorkbookSettings(wb.context());
    expect(again.settings.reportYear).toBe('令和5年度');
    expect(again.settings.method).toBe('share');

    wb.settings.set(SETTINGS_KEY, { method: 'median' });
    const bad = await loadWorkbookSettings(wb.context());
    expect(bad.settings.method).toBe('mean');
    expect(bad.problems.join()).toMatch(/method/);
  });
});

describe('output sheets carry a marker: recognised when the record is lost', () => {
  const doc: SummaryDocument = { sheets: [{ name: '評価集計', blocks: [{ kind: 'table', title: 't', columns: [{ header: 'h', width: 4 }], rows: [['x']] }] }] };

  it('a second write with the state part gone rewrites the marked sheet in place: no 評価集計 (2)', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('評価');
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
    await port.writeSummary(doc);
    expect(wb.markedSheets()).toEqual(['評価集計']);
    wb.xmlParts = []; // the record is lost (another tool dropped the part)
    const again = await port.writeSummary(doc);
    expect(again).toMatchObject({ kind: 'written', sheets: ['評価集計'], renamed: [] });
    expect(wb.sheets.map((s) => s.name)).toEqual(['評価', '評価集計']);
    // The marker was not added twice (Excel would refuse a duplicate name and fail the batch).
    expect([...wb.sheet('評価集計')!.names.keys()]).toEqual(['_hyoka_output']);
    // A later read lists it as Hyoka's and reads none of its cells.
    const snap = await port.readSnapshot();
    expect(snap.sheets.map((s) => [s.name, s.hyokaOutput ?? false, s.rows.length])).toEqual([['評価', false, 0], ['評価集計', true, 0]]);
  });

  it("a user's own sheet of the same name (no marker, no record) is never taken over", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('評価集計').setRows([['mine']]);
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
    const out = await port.writeSummary(doc);
    expect(out).toMatchObject({ renamed: [{ wanted: '評価集計', written: '評価集計 (2)' }] });
    expect(wb.sheet('評価集計')!.cell(0, 0)?.value).toBe('mine');
    expect(wb.markedSheets()).toEqual(['評価集計 (2)']);
  });
});
