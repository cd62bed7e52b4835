import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCellError, isPercent, type WorkbookSnapshot } from '../../src/core';
import { readWorkbook } from '../../src/xlsx/read';
import { FakeWorkbook } from './fake-excel';

/** A fake live workbook holding the same cells as a snapshot (as Excel would show them). */
export function fakeFromSnapshot(snapshot: WorkbookSnapshot): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (const s of snapshot.sheets) {
    const sheet = wb.addSheet(s.name, s.visibility === 'visible' ? 'Visible' : s.visibility === 'hidden' ? 'Hidden' : 'VeryHidden');
    s.rows.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = sheet.ensure(r, c);
        if (isCellError(v)) {
          cell.value = v.error;
          cell.error = true;
        } else if (isPercent(v)) {
          cell.value = v.percent;
          cell.numberFormat = '0%';
        } else cell.value = v;
      }),
    );
    sheet.merges = s.merges.map((m) => ({ ...m }));
    // The file's notes (メモ) are what Excel lists as Worksheet.notes.
    sheet.notes = (s.notes ?? []).map((n) => ({ ...n }));
  }
  return wb;
}

export async function sampleSnapshot(name: string): Promise<WorkbookSnapshot> {
  return readWorkbook(readFileSync(join(__dirname, '../../samples', name)), name);
}

/** n copies of a simple evaluation sheet with `rows` program rows each. */
export function syntheticWorkbook(sheets: number, rows: number): FakeWorkbook {
  const wb = new FakeWorkbook();
  for (let i = 0; i < sheets; i++) {
    const s = wb.addSheet(`評価${i + 1}`);
    s.setRows([['令和5年度 事業評価調書'], [], ['番号', '事業名', '担当課', '評価', '達成度']]);
    for (let r = 0; r < rows; r++) {
      s.setRows([[`${r + 1}`, `事業${r + 1}`, '福祉政策課', 'ABCD'[r % 4], null]], 3 + r);
      s.ensure(3 + r, 4).value = (r % 5) / 4;
      s.ensure(3 + r, 4).numberFormat = '0%';
    }
    s.merges.push({ top: 0, left: 0, bottom: 0, right: 4 });
  }
  return wb;
}
