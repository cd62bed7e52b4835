/**
 * Row roles by evidence (#20 item 5): headings, examples, totals and footnotes are no programs,
 * whatever columns they fill; identifiers Excel stored as dates are read back.
 */
import ExcelJS from 'exceljs';

import { checkWorkbook } from '../../src/core';
import { parseSettings } from '../../src/core/settings';
import { detectLayout } from '../../src/core/layout/detect';
import { classifyRows, recoverDateIdentifiers } from '../../src/core/layout/row-roles';
import { buildSheetPlan } from '../../src/core/plan/build';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot';
import { readWorkbook } from '../../src/xlsx/read';

const HEADER: CellValue[] = ['施策番号', '事業名', '担当課', '評価'];

function sheet(rows: (CellValue[] | undefined)[], extra: Partial<SheetSnapshot> = {}): SheetSnapshot {
  return { name: '評価表', visibility: 'visible', rows: [['令和5年度 事業評価表'], undefined, HEADER, ...rows], merges: [], ...extra };
}

const DATA: CellValue[][] = [
  ['1-1', '見守り活動の推進', '福祉総務課', 'A'],
  ['1-2', '相談窓口の充実', '地域福祉課', 'B'],
  ['1-3', 'ボランティア養成', '地域福祉課', 'C'],
  ['2-1', '災害時要援護者の支援', '防災課', 'A'],
];

function roles(s: SheetSnapshot): Record<number, string> {
  const layout = detectLayout(s);
  const out: Record<number, string> = {};
  for (const m of classifyRows(s, layout).marks) out[m.row] = m.role;
  return out;
}

function programFindings(s: SheetSnapshot): string[] {
  return checkWorkbook({ sheets: [s] }).report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.cell}`);
}

describe('row roles', () => {
  test('a bracketed title alone in the department column heads the rows: no department line, no finding', () => {
    const s = sheet([['【基本施策】', null, null, null].map((v, i) => (i === 2 ? '【基本施策】' : null)), ...DATA]);
    expect(roles(s)).toEqual({ 3: 'heading' });
    expect(programFindings(s)).toEqual([]);
  });

  test('記入例 / （例） / 例： rows are examples, wherever the word stands', () => {
    for (const word of ['【記入例】〇〇事業', '（例）〇〇事業', '例：〇〇事業', '記入例']) {
      const s = sheet([[null, word, '〇〇課', 'A'], ...DATA]);
      expect(roles(s)).toEqual({ 3: 'example' });
    }
    // a name that merely starts with 例 is a program
    expect(roles(sheet([...DATA, ['2-2', '例年どおりの講座開催', '生涯学習課', 'B']]))).toEqual({});
  });

  test('an italic or grey row just under the header is an example; a grey row further down is data', () => {
    const top = sheet([['0-0', '〇〇事業の推進', '〇〇課', 'A'], ...DATA], { rowStyles: [{ row: 3, italic: true }] });
    expect(classifyRows(top, detectLayout(top)).marks).toEqual([{ row: 3, role: 'example', evidence: [{ kind: 'example-style', style: 'italic' }] }]);
    const down = sheet([...DATA, ['2-2', '廃止予定の事業', '福祉総務課', 'D']], { rowStyles: [{ row: 7, grey: true }] });
    expect(roles(down)).toEqual({});
    expect(checkWorkbook({ sheets: [down] }).report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 1, D: 1 });
  });

  test('合計 rows and a counts row closing the table are totals, and never grades', () => {
    const word = sheet([...DATA, [null, '合計', null, 4]]);
    expect(roles(word)).toEqual({ 7: 'total' });
    const counts = sheet([...DATA, [null, null, null, 39]]);
    expect(roles(counts)).toEqual({ 7: 'total' });
    expect(programFindings(counts)).toEqual([]);
    expect(checkWorkbook({ sheets: [counts] }).report.sheets[0].gradeCounts).toEqual({ A: 2, B: 1, C: 1, D: 0 });
    // a number amid the rows, with programs after it, is no total
    const amid = sheet([DATA[0], [null, null, null, 3], ...DATA.slice(1)]);
    expect(roles(amid)).toEqual({});
  });

  test('a ※ footnote under the table is no program with a missing grade', () => {
    const s = sheet([...DATA, ['※ 新型コロナウイルス感染症の影響により、一部の事業は縮小した。']]);
    expect(roles(s)).toEqual({ 7: 'footnote' });
    expect(programFindings(s)).toEqual([]);
  });

  test('evidence is data: the word, the column', () => {
    const s = sheet([...DATA, [null, '小計', null, 4]]);
    expect(classifyRows(s, detectLayout(s)).marks).toEqual([{ row: 7, role: 'total', evidence: [{ kind: 'total-word', col: 1, word: '小計' }] }]);
  });

  test('corrections win over evidence', () => {
    const s = sheet([...DATA, [null, '合計', null, 4]]);
    const marks = classifyRows(s, detectLayout(s), new Map([[7, 'data'], [3, 'example']])).marks;
    expect(marks).toEqual([
      { row: 3, role: 'example', evidence: [{ kind: 'correction' }] },
      { row: 7, role: 'data', evidence: [{ kind: 'correction' }] },
    ]);
  });
});

describe('row-role corrections through settings', () => {
  test('a person says a row is an example, or that a 合計 row is data: the check follows', () => {
    const s = sheet([[null, '見本の事業', '〇〇課', 'E'], ...DATA, [null, '合計', null, 4]]);
    expect(programFindings(s)).toEqual(['grade-invalid D4']);
    const parsed = parseSettings({ corrections: [{ sheet: '評価表', row: 4, rowRole: 'example' }, { sheet: '評価表', row: 9, rowRole: 'data' }] });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const result = checkWorkbook({ sheets: [s] }, { settings: parsed.settings });
    expect(result.report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${f.cell}`)).toEqual(['grade-invalid D9']);
    expect(result.unmatchedCorrections).toEqual([]);
    expect(result.layouts[0].rowRoles?.map((m) => [m.row, m.role, m.evidence[0].kind])).toEqual([[3, 'example', 'correction'], [8, 'data', 'correction']]);
  });
});

describe('identifiers stored as dates', () => {
  test('1-2 stored as 1月2日 is read back with the separator the column uses', () => {
    const s = sheet([DATA[0], ['2026-01-02', '相談窓口の充実', '地域福祉課', 'B'], ...DATA.slice(2)]);
    const layout = detectLayout(s);
    expect(recoverDateIdentifiers(s, layout)).toEqual([{ row: 4, col: 0, text: '1-2', storedAs: '2026-01-02' }]);
    const dotted = sheet([['1.1', '見守り活動の推進', '福祉総務課', 'A'], ['2026-01-02', '相談窓口の充実', '地域福祉課', 'B'], ['1.3', 'ボランティア養成', '地域福祉課', 'C']]);
    expect(recoverDateIdentifiers(dotted, detectLayout(dotted))[0].text).toBe('1.2');
  });

  test('the plan names the program by the recovered identifier', () => {
    const s = sheet([DATA[0], ['2026-01-02', '相談窓口の充実', '地域福祉課', 'B'], ...DATA.slice(2)]);
    const layout = detectLayout(s);
    const plan = buildSheetPlan(s, layout);
    expect(plan.nodes.map((n) => n.id)).toContain('1-2');
    expect(plan.nodes.map((n) => n.id)).not.toContain('2026-01-02');
    expect(layout.recoveredIds).toEqual([{ row: 4, col: 0, text: '1-2', storedAs: '2026-01-02' }]);
  });
});

describe('the file reader gives the look of example rows', () => {
  test('rows whose every value is italic, or grey, are listed in rowStyles', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('評価表');
    ws.addRow(HEADER);
    ws.addRow(['0-0', '〇〇事業', '〇〇課', 'A']).eachCell((c) => (c.font = { italic: true }));
    ws.addRow(['1-1', '見守り活動の推進', '福祉総務課', 'A']).eachCell((c) => (c.font = { color: { argb: 'FF808080' } }));
    const mixed = ws.addRow(['1-2', '相談窓口の充実', '地域福祉課', 'B']);
    mixed.getCell(1).font = { italic: true };
    ws.addRow(['1-3', 'ボランティア養成', '地域福祉課', 'C']).eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } }));
    ws.addRow(['2-1', '災害時要援護者の支援', '防災課', 'A']).eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }));
    const snapshot = await readWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(snapshot.sheets[0].rowStyles).toEqual([{ row: 1, italic: true }, { row: 2, grey: true }, { row: 4, grey: true }]);
  });
});
