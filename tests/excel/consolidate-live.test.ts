import { MASTER_FILE, buildDepartmentSet } from '../../scripts/make-department-set';
import { createLivePort } from '../../src/excel/live-port';
import type { PickedFile } from '../../src/excel/picked-files';
import { OUTPUT_SHEETS_KEY } from '../../src/excel/workbook-keys';
import { describe as describeFinding } from '../../src/render/describe';
import { readWorkbook } from '../../src/xlsx/read';
import { createPaneStore } from '../../src/taskpane/store';
import { FakeWorkbook, sheetState } from './fake-excel';
import { fakeFromSnapshot } from './populate';

jest.setTimeout(60_000);

/** 取りまとめ as the pane runs it inside Excel: the open workbook holds the 計画体系 sheet. */
const OUTPUT = ['取りまとめ', '評価集計', '点検結果', '提出状況'];
let departments: PickedFile[];
let masterData: Buffer;

beforeAll(async () => {
  const set = await buildDepartmentSet();
  masterData = set.find((f) => f.name === MASTER_FILE)!.data;
  departments = set.filter((f) => f.name !== MASTER_FILE).map((f) => picked(f.name, f.data));
});

function picked(name: string, data: Buffer): PickedFile {
  return { name, arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer };
}

async function secretariatWorkbook(): Promise<FakeWorkbook> {
  const wb = fakeFromSnapshot(await readWorkbook(masterData, MASTER_FILE));
  wb.addSheet('メモ').setRows([['督促先', '=SUM(1,2)'], ['健康課', 3]]);
  wb.sheet('メモ')!.ensure(0, 0).fill = '#FFFF00';
  return wb;
}

function userSheets(wb: FakeWorkbook): Record<string, string> {
  return Object.fromEntries(wb.sheets.filter((s) => !OUTPUT.includes(s.name)).map((s) => [s.name, sheetState(s)]));
}

describe('取りまとめ into the open workbook (fake Excel)', () => {
  it('writes the four sheets in two syncs, leaves the user’s sheets alone, and a re-run leaves one of each', async () => {
    const wb = await secretariatWorkbook();
    const before = userSheets(wb);
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true, web: false, fileName: '取りまとめ.xlsx' });
    const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => { throw new Error('no download inside Excel'); } });
    await store.openPort(port);
    await store.findWorkbookMaster();
    expect(store.getState().consolidation.workbookMaster).toBe('計画体系');

    store.addConsolidationFiles(departments);
    expect(store.getState().consolidation.files).toHaveLength(12);
    const progress: number[] = [];
    const unsubscribe = store.subscribe(() => {
      const p = store.getState().consolidation.progress;
      if (p && progress[progress.length - 1] !== p.done) progress.push(p.done);
    });
    wb.syncs = 0;
    wb.writes = [];
    await store.runConsolidation();
    unsubscribe();

    const { result } = store.getState().consolidation;
    expect(store.getState().notice?.text).toBe('「取りまとめ」「評価集計」「点検結果」「提出状況」シートを開いているブックに書き込みました。元のファイルは変更していません。');
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result?.rows).toHaveLength(57);
    expect(
      result?.findings
        .filter((f) => ['program-unreported', 'department-missing', 'duplicate-program', 'program-unknown', 'year-mismatch', 'file-unreadable'].includes(f.rule))
        .map((f) => `${f.file ?? '(open workbook)'} ${f.rule}`),
    ).toEqual([
      '交通対策課.xlsx year-mismatch',
      '公民館.xlsx file-unreadable',
      '地域安全課.xlsx program-unknown',
      '地域福祉課.xlsx duplicate-program',
      '(open workbook) program-unreported',
      '(open workbook) program-unreported',
      '(open workbook) department-missing',
      '(open workbook) program-unreported',
    ]);
    expect(describeFinding(result!.findings.find((f) => f.rule === 'file-unreadable')!, 'ja')).toMatch(/ファイルが壊れています|Excel ブックではありません/);

    // 3 syncs to read the 計画体系 sheet from the open workbook, 2 to write all four sheets.
    expect(wb.syncs).toBe(5);
    expect(wb.writes.filter((w) => w.kind === 'add-sheet').map((w) => w.sheet)).toEqual(OUTPUT);
    expect(wb.writes.filter((w) => !OUTPUT.includes(w.sheet) && w.kind !== 'select')).toEqual([]);
    expect(userSheets(wb)).toEqual(before);
    const firstRun = OUTPUT.map((n) => sheetState(wb.sheet(n)!));
    // Links go into this workbook only (the 計画体系 cells), never to the dropped files.
    const links = OUTPUT.flatMap((n) => [...wb.sheet(n)!.cells.values()].filter((c) => c.hyperlink).map((c) => c.hyperlink!.documentReference ?? ''));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => /^'?(計画体系|取りまとめ)'?!/.test(l))).toBe(true);

    // Re-run: the output sheets are rewritten in place, never deleted or duplicated.
    wb.syncs = 0;
    wb.writes = [];
    await store.runConsolidation();
    expect(wb.syncs).toBe(6); // one more: the state part written by the first run is read first
    for (const name of OUTPUT) expect(wb.sheets.filter((s) => s.name === name)).toHaveLength(1);
    expect(wb.writes.filter((w) => w.kind === 'add-sheet' || w.kind === 'delete-sheet')).toEqual([]);
    expect(OUTPUT.map((n) => sheetState(wb.sheet(n)!))).toEqual(firstRun);
    expect(userSheets(wb)).toEqual(before);
    expect(wb.sheets.map((s) => s.name)).toEqual(['計画体系', 'メモ', ...OUTPUT]);

    // A check of this workbook afterwards reads none of Hyoka's own sheets.
    expect(wb.storedState()?.outputSheets).toEqual(OUTPUT);
    expect(wb.settings.get(OUTPUT_SHEETS_KEY)).toBeUndefined();
    const after = await port.readSnapshot();
    expect(after.sheets.filter((s) => !s.hyokaOutput).map((s) => s.name)).toEqual(['計画体系', 'メモ']);
    expect(after.sheets.filter((s) => s.hyokaOutput).map((s) => [s.name, s.rows.length])).toEqual(OUTPUT.map((n) => [n, 0]));
  });

  it('remembers every sheet Hyoka wrote when 集計 and 取りまとめ both write', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('評価調書');
    // Written by an earlier Hyoka, which kept its record in workbook.settings.
    wb.addSheet('評価集計');
    wb.addSheet('点検結果');
    wb.settings.set(OUTPUT_SHEETS_KEY, ['評価集計', '点検結果']);
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true, web: false, fileName: null });
    await port.writeSummary({ sheets: [{ name: '取りまとめ', blocks: [] }, { name: '提出状況', blocks: [] }] });
    // Recorded in Hyoka's state part (the file carries it), each sheet with its marker too.
    expect(wb.storedState()?.outputSheets).toEqual(['評価集計', '点検結果', '取りまとめ', '提出状況']);
    expect(wb.markedSheets()).toEqual(['取りまとめ', '提出状況']);
    // Moved, not copied: the old key is gone.
    expect(wb.settings.has(OUTPUT_SHEETS_KEY)).toBe(false);
  });

  it('stops at the cancel button and writes nothing', async () => {
    const wb = await secretariatWorkbook();
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true, web: false, fileName: null });
    const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => undefined });
    await store.openPort(port);
    await store.findWorkbookMaster();
    store.addConsolidationFiles(departments);
    const unsubscribe = store.subscribe(() => {
      if (store.getState().consolidation.progress?.done === 2) store.cancelConsolidation();
    });
    wb.writes = [];
    await store.runConsolidation();
    unsubscribe();
    expect(store.getState().consolidation.result).toBeNull();
    expect(store.getState().consolidation.running).toBe(false);
    expect(store.getState().notice?.text).toBe('取りまとめを中止しました。ブックには何も書き込んでいません。');
    expect(wb.writes).toEqual([]);
    expect(wb.sheets.map((s) => s.name)).toEqual(['計画体系', 'メモ']);
  });
});
