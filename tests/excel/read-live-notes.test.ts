/**
 * The add-in reads cell notes and comments as the file reader does (issue #20: a legend in a
 * note): notes (Worksheet.notes, ExcelApi 1.18) and threaded comments (Worksheet.comments,
 * ExcelApi 1.10) only where this Excel AND the loaded Office.js have them, riding along with
 * the read's own syncs, by index and bounded; what cannot be read is said, never skipped.
 */
import ExcelJS from 'exceljs';
import { checkWorkbook, type WorkbookSnapshot } from '../../src/core';
import { MAX_NOTES, MAX_NOTE_CHARS } from '../../src/core/cells';
import { describe as describeFinding } from '../../src/render/describe';
import { readLiveSnapshot } from '../../src/excel/read-live';
import { readWorkbook } from '../../src/xlsx/read';
import { FakeWorkbook } from './fake-excel';
import { fakeFromSnapshot } from './populate';

const LEGEND = '凡例\nS：目標を大きく上回った\nA：目標を達成した\nB：概ね達成した\nC：達成できなかった';

/** An S–C sheet whose legend is only in a note on the 評価 header (D3), read by the file reader. */
async function fileSnapshot(): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('評価');
  ws.getCell('A1').value = '令和5年度 事業評価シート';
  ws.addRow([]);
  ws.addRow(['番号', '事業名', '担当課', '評価']);
  ['S', 'A', 'B', 'C', 'A', 'S', 'B', 'A'].forEach((g, i) => ws.addRow([String(i + 1), `事業${i + 1}`, '福祉課', g]));
  ws.getCell('D3').note = LEGEND;
  return readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'book.xlsx');
}

/** The same workbook open in Excel: the note as Excel lists it, on a host and library of the given level. */
function liveBook(file: WorkbookSnapshot, level: { api: string; library: 'bundled' | 'newer' }, as: 'notes' | 'comments' = 'notes'): FakeWorkbook {
  const wb = fakeFromSnapshot(file);
  wb.apiVersion = level.api;
  wb.library = level.library;
  if (as === 'comments') {
    const sheet = wb.sheets[0];
    sheet.comments = sheet.notes;
    sheet.notes = [];
  }
  return wb;
}

const notesUnreadFinding = (snapshot: WorkbookSnapshot) => checkWorkbook(snapshot).report.findings.find((f) => f.rule === 'layout-uncertain' && f.messageId === 'notes-unread');

describe('cell notes in the open workbook', () => {
  it('ExcelApi 1.18 and a library that defines notes: the same notes as the file, the legend read, still 3 syncs', async () => {
    const file = await fileSnapshot();
    expect(file.sheets[0].notes).toHaveLength(1);
    const wb = liveBook(file, { api: '1.18', library: 'newer' });
    const live = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    expect(wb.syncs).toBe(3);
    expect(live.sheets[0].notes).toEqual(file.sheets[0].notes);
    expect(live.notesUnread).toBeUndefined();
    const { report, layouts } = checkWorkbook(live);
    expect(layouts[0].scale?.source).toBe('legend');
    expect(layouts[0].scale?.levels.map((l) => l.label)).toEqual(['S', 'A', 'B', 'C']);
    expect(report.sheets[0].gradeCounts).toEqual({ S: 2, A: 3, B: 2, C: 1 });
    expect(notesUnreadFinding(live)).toBeUndefined();
  });

  it('the bundled library on Microsoft 365: notes are not called (the library lacks them), comments are read, and the report says notes were not read', async () => {
    const file = await fileSnapshot();
    const wb = liveBook(file, { api: '1.18', library: 'bundled' }, 'comments');
    const live = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    expect(wb.syncs).toBe(3);
    // A legend in a threaded comment is read like one in a note.
    expect(live.sheets[0].notes).toEqual(file.sheets[0].notes);
    expect(live.notesUnread).toEqual(['notes']);
    expect(checkWorkbook(live).layouts[0].scale?.source).toBe('legend');
    const said = notesUnreadFinding(live);
    expect(said).toMatchObject({ severity: 'info', params: { kinds: ['notes'] } });
    expect(describeFinding(said!, 'ja')).toContain('セルのメモ（ExcelApi 1.18 が必要）を読み取れないため、読んでいません');
    expect(describeFinding(said!, 'en')).toContain('cannot read cell notes (needs ExcelApi 1.18)');
  });

  it('without the capability (Excel 2019, ExcelApi 1.9): nothing about notes or comments is called, and the report says neither was read', async () => {
    const file = await fileSnapshot();
    const wb = liveBook(file, { api: '1.9', library: 'bundled' });
    wb.sheets[0].comments = [{ row: 2, col: 3, text: LEGEND }];
    const live = await readLiveSnapshot(wb.context(), { caps: wb.caps() });
    expect(wb.annotationCalls).toBe(0);
    expect(wb.syncs).toBe(3);
    expect(live.sheets[0].notes).toBeUndefined();
    expect(live.notesUnread).toEqual(['notes', 'comments']);
    // The scale falls back to what the cells show; the report says why a legend may be missed.
    expect(notesUnreadFinding(live)).toMatchObject({ params: { kinds: ['notes', 'comments'] } });
    // No capabilities handed in at all: nothing called either.
    const bare = liveBook(file, { api: '1.18', library: 'newer' });
    expect((await readLiveSnapshot(bare.context(), {})).notesUnread).toEqual(['notes', 'comments']);
    expect(bare.annotationCalls).toBe(0);
  });

  it('a host that says yes but cannot (the set above the host): the fake fails the batch as Excel does, so the capability check is what keeps the read working', async () => {
    const file = await fileSnapshot();
    const wb = liveBook(file, { api: '1.17', library: 'newer' });
    // Told the host has 1.18 when it has not: the call reaches Excel and the batch fails.
    const lying = { ...wb.caps(), usable: () => true, missing: () => null };
    await expect(readLiveSnapshot(wb.context(), { caps: lying })).rejects.toThrow(/ApiNotFound/);
    const honest = liveBook(file, { api: '1.17', library: 'newer' });
    expect((await readLiveSnapshot(honest.context(), { caps: honest.caps() })).notesUnread).toEqual(['notes']);
  });

  it('bounded like the file reader: at most MAX_NOTES a sheet, each cut at MAX_NOTE_CHARS, by index; the rest is said', async () => {
    const wb = new FakeWorkbook();
    wb.apiVersion = '1.18';
    wb.library = 'newer';
    const sheet = wb.addSheet('評価').setRows([['番号', '事業名', '評価'], ['1', '事業', 'A']]);
    for (let i = 0; i < MAX_NOTES + 5; i++) sheet.notes.push({ row: i, col: 5, text: i === 0 ? `  ${'長'.repeat(MAX_NOTE_CHARS + 10)}  ` : `メモ${i}` });
    sheet.comments.push({ row: 1, col: 2, text: '   ' });
    const unread: string[] = [];
    const live = await readLiveSnapshot(wb.context(), { caps: wb.caps(), onUnread: (w) => unread.push(w) });
    expect(wb.syncs).toBe(3);
    const notes = live.sheets[0].notes ?? [];
    expect(notes).toHaveLength(MAX_NOTES);
    // Cut at MAX_NOTE_CHARS as typed, then trimmed: the two leading spaces count, as in the file reader.
    expect([notes[0].text.length, /^長+$/.test(notes[0].text)]).toEqual([MAX_NOTE_CHARS - 2, true]);
    expect(unread).toEqual([`6 notes or comments of sheet "評価" beyond the first ${MAX_NOTES}`]);
  });
});
