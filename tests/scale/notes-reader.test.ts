/**
 * The file reader hands cell notes (メモ) to the snapshot, and a legend in a note defines the
 * scale the sheet's grades are read on (issue #20).
 */
import ExcelJS from 'exceljs';
import { checkWorkbook } from '../../src/core';
import { readWorkbook } from '../../src/xlsx/read';

async function book(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('評価');
  ws.getCell('A1').value = '令和5年度 事業評価シート';
  ws.addRow([]);
  ws.addRow(['番号', '事業名', '担当課', '評価']);
  const grades = ['S', 'A', 'B', 'C', 'A', 'S', 'B', 'A'];
  grades.forEach((g, i) => ws.addRow([String(i + 1), `事業${i + 1}`, '福祉課', g]));
  ws.getCell('D3').note = '凡例\nS：目標を大きく上回った\nA：目標を達成した\nB：概ね達成した\nC：達成できなかった';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test('a note is read as plain text at its cell', async () => {
  const snapshot = await readWorkbook(await book(), 'book.xlsx');
  expect(snapshot.sheets[0].notes).toEqual([{ row: 2, col: 3, text: expect.stringContaining('S：目標を大きく上回った') }]);
});

test('a legend in a note defines the scale, with the meanings', async () => {
  const snapshot = await readWorkbook(await book(), 'book.xlsx');
  const { report, layouts } = checkWorkbook(snapshot);
  const scale = layouts[0].scale!;
  expect(scale.levels.map((l) => l.label)).toEqual(['S', 'A', 'B', 'C']);
  expect(scale.source).toBe('legend');
  expect(scale.evidence).toContain('(note)');
  expect(scale.levels[0].meaning).toBe('目標を大きく上回った');
  expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(report.sheets[0].gradeCounts).toEqual({ S: 2, A: 3, B: 2, C: 1 });
});
