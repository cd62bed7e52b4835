import type ExcelJS from 'exceljs';

import { checkWorkbook } from '../../src/core';
import { MISREAD_SHARE, UNKNOWN_TOKEN_MIN_ROWS, UNKNOWN_TOKEN_MIN_SHARE } from '../../src/core/doubt';
import { describe as sentence } from '../../src/render/describe';
import { readWorkbook } from '../../src/xlsx/read';
import { cleanPlan } from '../layout/plan-model';
import { renderPlan } from '../layout/render';
import { snapshotOf } from '../layout/snapshot-of';
import { buildSeedWorkbook } from '../fixtures/workbooks';
import { runRuleTests } from './rule-tester';

const SHEET = '評価調書';

/** The Kiyose 評価調書 with its grade cells (column F, A–D) rewritten: `map(grade, index)`, null keeps it. */
function kiyoseGrades(map: (grade: string, i: number) => string | null): ExcelJS.Workbook {
  const { workbook } = buildSeedWorkbook('kiyose-programs');
  const ws = workbook.getWorksheet(SHEET);
  if (!ws) throw new Error('fixture: no 評価調書');
  let i = 0;
  ws.eachRow((row) => {
    const cell = row.getCell(6);
    if (typeof cell.value === 'string' && /^[A-D]$/.test(cell.value)) {
      const next = map(cell.value, i++);
      if (next !== null) cell.value = next === '' ? null : next;
    }
  });
  return workbook;
}

runRuleTests('reading-doubt', {
  valid: [
    { name: 'clean Kiyose 評価調書', layout: 'kiyose-programs' },
    { name: 'clean Koganei', layout: 'koganei-departments' },
    { name: 'clean Komae', layout: 'komae-policy' },
    { name: 'clean 自殺対策 table (years, no grade column)', layout: 'kiyose-multi-year' },
    { name: 'a single slip (継続 for a B) is an error, not a doubt', build: () => kiyoseGrades((g, i) => (i === 3 ? '継続' : null)) },
    { name: 'a clean plan master: no grades by design', layout: 'kiyose-plan' },
  ],
  invalid: [
    {
      name: 'X in many rows of the grade column: a scale not yet known, said once with its rows',
      build: () => kiyoseGrades((g, i) => (g === 'B' && i % 3 === 0 ? 'X' : null)),
      errors: [{ sheet: SHEET, cell: 'F10', row: 10, message: { ja: ['「X」は評価の段階として読めません', '良い順に設定（scale）'], en: ['"X" in column F does not read as a grade', 'scale correction'] } }],
    },
    {
      name: 'a grade column holding mostly something else was misread',
      build: () => kiyoseGrades((g, i) => (i % 5 < 2 ? g : ['甲', '乙', '丙', '丁'][i % 4])),
      errors: [{ sheet: SHEET, cell: null, row: null, message: { ja: ['F列を評価の列として読みましたが', '列の読み違い'], en: ['Column F was read as the grade column', 'misreading'] } }],
    },
    {
      name: 'a grade column with nothing that reads as a grade: the sheet is not silently passed',
      build: () => kiyoseGrades((_g, i) => ['甲', '乙', '丙', '丁'][i % 4]),
      errors: [{ sheet: SHEET, cell: null, row: null, message: { ja: ['評価として読める値が1つもない'], en: ['nothing in it reads as a grade'] } }],
    },
    {
      name: 'program rows but not one grade read',
      build: () => kiyoseGrades(() => ''),
      errors: [{ sheet: SHEET, cell: null, row: null, message: { ja: ['評価を1つも読み取れませんでした'], en: ['not one grade was read'] } }],
    },
  ],
});

async function check(workbook: ExcelJS.Workbook) {
  const snapshot = await readWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), 'kiyose.xlsx');
  return checkWorkbook(snapshot, { fileName: 'kiyose.xlsx' }).report;
}

describe('doubt before accusing', () => {
  test('the thresholds say what they are', () => {
    expect(UNKNOWN_TOKEN_MIN_ROWS).toBeGreaterThanOrEqual(2);
    expect(UNKNOWN_TOKEN_MIN_SHARE).toBeGreaterThan(0);
    expect(MISREAD_SHARE).toBeGreaterThanOrEqual(0.5);
  });

  test('an unknown scale level gives one warning instead of an error per row; other errors stay', async () => {
    const report = await check(kiyoseGrades((g, i) => (g === 'B' && i % 3 === 0 ? 'X' : i === 1 ? '継続' : null)));
    const invalid = report.findings.filter((f) => f.rule === 'grade-invalid');
    expect(invalid.map((f) => f.params.text)).toEqual(['継続']);
    const doubts = report.findings.filter((f) => f.rule === 'reading-doubt');
    expect(doubts).toHaveLength(1);
    expect(doubts[0].params).toMatchObject({ token: 'X', column: 'F' });
    expect((doubts[0].params.count as number)).toBeGreaterThanOrEqual(UNKNOWN_TOKEN_MIN_ROWS);
  });

  test('a misread column raises no grade-invalid at all, and the report is not silently empty', async () => {
    const report = await check(kiyoseGrades((g, i) => (i % 5 < 2 ? g : ['甲', '乙', '丙', '丁'][i % 4])));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toContain('reading-doubt');
  });

  test('the token is shown as typed (full-width Ｘ stays Ｘ)', async () => {
    const report = await check(kiyoseGrades((g, i) => (g === 'B' && i % 3 === 0 ? 'Ｘ' : null)));
    const doubt = report.findings.find((f) => f.rule === 'reading-doubt');
    expect(doubt?.params.token).toBe('Ｘ');
  });
});

describe('marks in per-year evaluation columns', () => {
  test('year-named 評価 columns holding ♠♥♦♣ are doubted on every sheet, in both languages', () => {
    const rendered = renderPlan(cleanPlan('koganei'), { yearSource: 'year-columns', hiddenEncoding: true });
    const { report } = checkWorkbook(snapshotOf(rendered.workbook), { fileName: rendered.fileName });
    const marks = report.findings.filter((f) => f.rule === 'reading-doubt' && f.messageId === 'marks-not-read');
    const sheets = new Set(report.sheets.filter((x) => x.kind === 'evaluation').map((x) => x.name));
    expect(new Set(marks.map((f) => f.sheet))).toEqual(sheets);
    expect(sentence(marks[0], 'ja')).toContain('短い記号');
    expect(sentence(marks[0], 'en')).toContain('short marks');
  });

  test('prose, dashes and 実施 in such columns are no marks', () => {
    const { report } = checkWorkbook(snapshotOf(renderPlan(cleanPlan('suicide'), {}).workbook), { fileName: 'x.xlsx' });
    expect(report.findings.filter((f) => f.rule === 'reading-doubt')).toEqual([]);
  });
});
