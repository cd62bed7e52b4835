/**
 * The 評価集計 never contradicts itself: read back from the written workbook (as users get
 * it), every total — the policy table's sheet totals, the 評価総括表 blocks, the plan totals
 * and the chart's numbers — equals the counted grades. On the Komae layout these are Komae's
 * published 評価総括表 counts (地域福祉計画 A4 B0 C1 D0; 重層 A7 B1).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

import { checkWorkbook, DEFAULT_SCALE, labelsOf, type GradeCounts, type Report } from '../../src/core';

const GRADES = labelsOf(DEFAULT_SCALE);
import { buildSummaryDocument } from '../../src/render';
import { readWorkbook } from '../../src/xlsx/read';
import { writeSummaryWorkbook } from '../../src/xlsx/write';
import { buildSeedWorkbook, toBuffer, type SeedLayout } from '../fixtures/workbooks';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');

async function checkSeed(layout: SeedLayout, defects = false): Promise<Report> {
  const { workbook } = buildSeedWorkbook(layout, { withSampleDefects: defects });
  const snapshot = await readWorkbook(new Uint8Array(await toBuffer(workbook)), `${layout}.xlsx`);
  return checkWorkbook(snapshot, { fileName: `${layout}.xlsx` }).report;
}

interface Written {
  rows: (string | number | null)[][];
  charts: { categories: string[]; series: Record<string, number[]> }[];
  workbookXml: string;
  sheetXml: string;
  /** Rows on the first sheet (評価集計). */
  sheetRows: number;
}

/** The written 評価集計 as values by row (1-based index 0 unused), and its charts' cached data. */
async function written(report: Report): Promise<Written> {
  const data = await writeSummaryWorkbook(buildSummaryDocument(report, 'ja'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  // 評価集計 and the sheets it continues on when a table needs pages of its own (評価集計（2）…), one after another.
  const rows: (string | number | null)[][] = [];
  for (const ws of wb.worksheets.filter((w) => w.name.startsWith('評価集計'))) {
    const offset = rows.length === 0 ? 0 : rows.length + 1;
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: (string | number | null)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        // A merged cell's value is its first cell's: read it there only.
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        cells[c] = typeof v === 'number' || typeof v === 'string' ? v : v && typeof v === 'object' && 'text' in v ? String(v.text) : null;
      });
      rows[offset + r] = cells;
    });
  }
  const files = unzipSync(data);
  const charts = Object.keys(files)
    .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
    .map((f) => parseChart(strFromU8(files[f])));
  return { rows, charts, workbookXml: strFromU8(files['xl/workbook.xml']), sheetXml: strFromU8(files['xl/worksheets/sheet1.xml']), sheetRows: wb.worksheets[0].rowCount };
}

function parseChart(xml: string): { categories: string[]; series: Record<string, number[]> } {
  const series: Record<string, number[]> = {};
  let categories: string[] = [];
  for (const ser of xml.split('<c:ser>').slice(1)) {
    const name = /<c:tx>.*?<c:v>([^<]*)<\/c:v>/.exec(ser)![1];
    const cat = /<c:cat>(.*?)<\/c:cat>/.exec(ser)![1];
    categories = [...cat.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    const val = /<c:val>(.*?)<\/c:val>/.exec(ser)![1];
    series[name] = [...val.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
  }
  return { categories, series };
}

/** Columns of the policy table's A–D (by its header row, row 2). */
function gradeColumns(rows: Written['rows'], headerRow: number): number[] {
  return GRADES.map((g) => rows[headerRow].indexOf(g));
}

function rowCounts(row: (string | number | null)[], cols: number[]): GradeCounts {
  return { A: Number(row[cols[0]] ?? 0), B: Number(row[cols[1]] ?? 0), C: Number(row[cols[2]] ?? 0), D: Number(row[cols[3]] ?? 0) };
}

/** Every total the sheet writes for one evaluation sheet. */
function totalsFor(w: Written, sheet: string): { policyTotal: GradeCounts; gradeTable: GradeCounts; gradeTableTotal: number; chart: GradeCounts } {
  const cols = gradeColumns(w.rows, 2);
  const totalRow = w.rows.find((r) => r && r[1] === `合計（${sheet}）`)!;
  expect(totalRow).toBeDefined();
  const titleAt = w.rows.findIndex((r) => r && r[1] === `評価総括表（${sheet}）`);
  expect(titleAt).toBeGreaterThan(0);
  const gradeTable = { A: 0, B: 0, C: 0, D: 0 } as GradeCounts;
  // The table's columns are found by its header (a sheet of several tables lays them over a grid).
  const countCol = w.rows[titleAt + 1].indexOf('件数');
  for (let r = titleAt + 2; r < titleAt + 6; r++) gradeTable[w.rows[r][1] as keyof GradeCounts] = Number(w.rows[r][countCol]);
  const gradeTableTotal = Number(w.rows[titleAt + 6][countCol]);
  expect(w.rows[titleAt + 6][1]).toBe('合計');
  const chart = { A: 0, B: 0, C: 0, D: 0 } as GradeCounts;
  const c = w.charts[0];
  c.categories.forEach((cat, i) => {
    if (cat.startsWith(`${sheet}：`)) for (const g of GRADES) chart[g] += c.series[g][i];
  });
  return { policyTotal: rowCounts(totalRow, cols), gradeTable, gradeTableTotal, chart };
}

const total = (c: GradeCounts): number => GRADES.reduce((s, g) => s + c[g], 0);

describe('評価集計 agrees with itself and with the 評価総括表', () => {
  test('Komae: policy totals, 評価総括表 blocks and chart all say 地域福祉計画 A4 B0 C1 D0, 重層 A7 B1', async () => {
    const report = await checkSeed('komae-policy');
    expect(report.findings.filter((f) => f.rule === 'summary-count-mismatch')).toEqual([]);
    const w = await written(report);
    expect(w.charts).toHaveLength(1);
    const expected: Record<string, GradeCounts> = {
      '1 地域福祉計画': { A: 4, B: 0, C: 1, D: 0 },
      '2 重層': { A: 7, B: 1, C: 0, D: 0 },
    };
    for (const [sheet, counts] of Object.entries(expected)) {
      const t = totalsFor(w, sheet);
      expect(t.policyTotal).toEqual(counts);
      expect(t.gradeTable).toEqual(counts);
      expect(t.gradeTableTotal).toBe(total(counts));
      expect(t.chart).toEqual(counts);
    }
    // A leaf policy shows its own grade; a parent its children's declared grades.
    const cols = gradeColumns(w.rows, 2);
    const [idCol, nameCol] = [w.rows[2].indexOf('番号'), w.rows[2].indexOf('名称')];
    const fukyu = w.rows.find((r) => r && r[1] === '2 重層' && r[nameCol] === '普及啓発')!;
    expect(rowCounts(fukyu, cols)).toEqual({ A: 1, B: 0, C: 0, D: 0 });
    const goal1 = w.rows.find((r) => r && r[1] === '1 地域福祉計画' && r[idCol] === '1')!;
    expect(rowCounts(goal1, cols)).toEqual({ A: 3, B: 0, C: 0, D: 0 });
    // The method is stated, and 評価数 / 事業数 are both labelled.
    expect(w.rows.some((r) => r && String(r[1] ?? '').startsWith('評価（算出）の方法: 平均'))).toBe(true);
    expect(w.rows[2]).toEqual(expect.arrayContaining(['評価数', '事業数']));
  });

  test('the Komae sample with its defects: the written totals are the counted grades; a differing 評価総括表 stays a finding', async () => {
    const report = await checkSeed('komae-policy', true);
    expect(report.findings.some((f) => f.rule === 'summary-count-mismatch')).toBe(true);
    const w = await written(report);
    for (const info of report.sheets.filter((s) => s.gradeCounts)) {
      const t = totalsFor(w, info.name);
      expect(t.policyTotal).toEqual(info.gradeCounts);
      expect(t.gradeTable).toEqual(info.gradeCounts);
      expect(t.chart).toEqual(info.gradeCounts);
    }
  });

  test('Koganei (one sheet per 基本施策): the 基本目標 add up across sheets, and the whole plan is their sum', async () => {
    const report = await checkSeed('koganei-departments');
    const w = await written(report);
    const titleAt = w.rows.findIndex((r) => r && String(r[1] ?? '').startsWith('計画全体の集計'));
    expect(titleAt).toBeGreaterThan(0);
    const header = w.rows[titleAt + 1];
    const cols = GRADES.map((g) => header.indexOf(g));
    const goals: GradeCounts[] = [];
    let r = titleAt + 2;
    for (; w.rows[r] && w.rows[r][1] !== '計画全体'; r++) goals.push(rowCounts(w.rows[r], cols));
    const whole = rowCounts(w.rows[r], cols);
    const counted = { A: 0, B: 0, C: 0, D: 0 } as GradeCounts;
    for (const s of report.sheets) for (const g of GRADES) counted[g] += s.gradeCounts?.[g] ?? 0;
    expect(whole).toEqual(counted);
    for (const g of GRADES) expect(goals.reduce((s, c) => s + c[g], 0)).toBe(whole[g]);
    // Fewer goals than sheets: the repeated 基本目標 rows were added up, not listed per sheet.
    expect(goals.length).toBeLessThan(report.sheets.filter((s) => s.gradeCounts).length);
    // The chart shows the plan's goals with the same numbers.
    expect(w.charts[0].categories).toHaveLength(goals.length);
    goals.forEach((c, i) => GRADES.forEach((g) => expect(w.charts[0].series[g][i]).toBe(c[g])));
    // Departments grade separately: 評価数 exceeds 事業数 somewhere, and both columns say which is which.
    const p = report.policies.find((x) => (x.graded ?? 0) > x.programs);
    expect(p).toBeDefined();
  });

  test('a progress-only workbook: no table of zeros, a summary of what it records', async () => {
    const report = await checkSeed('kiyose-multi-year');
    const w = await written(report);
    const texts = w.rows.flatMap((r) => (r ?? []).filter((c): c is string => typeof c === 'string'));
    expect(texts.some((t) => t.startsWith('施策別の評価集計'))).toBe(false);
    expect(texts.some((t) => t.startsWith('進捗の記録'))).toBe(true);
    expect(texts.some((t) => t.includes('A〜Dの評価ではなく'))).toBe(true);
    const progress = report.sheets.find((s) => s.progress)!.progress!;
    expect(progress.years.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023]);
    for (const y of progress.years) {
      expect(y.entered).toBeLessThanOrEqual(y.rows);
      expect(y.done + y.notDone).toBeLessThanOrEqual(y.entered);
    }
    expect(progress.years[0].done).toBeGreaterThan(0);
    expect(progress.years[0].notDone).toBeGreaterThan(0);
    expect(w.charts).toHaveLength(0);
  });

  test('the written sheet prints A4 landscape, one page wide, header rows on every page, footer with file, year and page', async () => {
    const w = await written(await checkSeed('komae-policy'));
    expect(w.sheetXml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(w.sheetXml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
    expect(w.sheetXml).toMatch(/<oddFooter>&amp;L&amp;A&amp;Cファイル: komae-policy\.xlsx　報告年度: 令和5年度&amp;R&amp;P \/ &amp;N<\/oddFooter>/);
    // The policy table continues over pages: its title and header repeat there, and it has the sheet to itself.
    expect(w.workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'評価集計'!$1:$2</definedName>`);
    expect(w.rows.findIndex((r) => r && String(r[1] ?? '').startsWith('評価総括表'))).toBeGreaterThan(w.sheetRows);
  });

  test('the sample file named in the README reads the same way', async () => {
    const data = await fs.readFile(path.join(ROOT, 'samples', 'komae-policy-grades.xlsx'));
    const report = checkWorkbook(await readWorkbook(new Uint8Array(data), 'komae-policy-grades.xlsx'), {}).report;
    const w = await written(report);
    for (const info of report.sheets.filter((s) => s.gradeCounts)) expect(totalsFor(w, info.name).policyTotal).toEqual(info.gradeCounts);
  });
});
