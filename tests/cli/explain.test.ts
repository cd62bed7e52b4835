/**
 * `hyoka check --explain` and `sheets[].regions` in `--json`: what was read, and why. And the
 * corrections a workbook carries (the add-in's stored settings), which `--config` overrides.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { checkWorkbook, type WorkbookSnapshot } from '../../src/core';
import { captureIo } from './capture-io';
import { regionJson, renderExplain } from '../../src/cli/explain';
import { main } from '../../src/cli/main';
import { mergeSettingsInput, settingsFromWorkbook } from '../../src/cli/stored-settings';
import { SETTINGS_KEY } from '../../src/excel/workbook-keys';
import { readWorkbook } from '../../src/xlsx/read';
import { toBytes } from '../layout/harness';
import { cleanPlan, defectivePlan } from '../layout/plan-model';
import { renderPlan } from '../layout/render';

let dir: string;
let koganei: string;
let kiyoseBytes: Buffer;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-explain-'));
  koganei = path.join(dir, 'koganei.xlsx');
  // a layout with a hidden helper column, as departments keep score formulas
  await fs.writeFile(koganei, await toBytes(renderPlan(cleanPlan('koganei'), { hiddenHelper: true })));
  kiyoseBytes = await toBytes(renderPlan(defectivePlan('kiyose').plan, {}));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('--explain lists each sheet’s tables, header rows, every column’s role and why, and the report year’s source', async () => {
  const io = captureIo();
  await main(['check', koganei, '--explain'], io);
  const text = io.out.slice(io.out.indexOf('読み取った表（--explain）'));
  expect(text).toContain('報告年度: 令和2年度（根拠: 表題）');
  expect(text).toContain('■ シート「シート1」');
  // Each table with the key a correction names it by (the top-left cell of its header).
  expect(text).toMatch(/表1（A\d+）: 評価表　見出し \d+行目　データ \d+〜\d+行目/);
  // the grade column, named by its header word
  expect(text).toMatch(/F {3}「事業評価」 → 評価　見出し「[^」]*評価」/);
  expect(text).toMatch(/E {3}「前年度事業評価」 → 前年度評価/);
  // the hidden helper column is said to be outside the check
  expect(text).toMatch(/G {3}「点数」 → [^\n]*非表示の列（点検しない）/);
  expect(text).toContain('--config の corrections');
});

test('--explain --lang en speaks English', async () => {
  const io = captureIo();
  await main(['check', koganei, '--explain', '--lang', 'en'], io);
  expect(io.out).toContain('What was read (--explain)');
  expect(io.out).toContain('Report year: FY2020 (from a title)');
  expect(io.out).toMatch(/F {3}"事業評価" → grade — header "/);
});

test('--json carries sheets[].regions: header rows, extent and columns with role and evidence, and the report year’s source', async () => {
  const io = captureIo();
  await main(['check', koganei, '--json'], io);
  const doc = JSON.parse(io.out) as {
    reportYearSource: string;
    sheets: { name: string; regions: { kind: string; headerRows: number[]; firstDataRow: number; lastDataRow: number; columns: { col: string; role: string; evidence: { kind: string }[]; hidden?: boolean }[] }[] }[];
  };
  expect(doc.reportYearSource).toBe('title');
  const sheet1 = doc.sheets.find((s) => s.name === 'シート1')!;
  expect(sheet1.regions).toHaveLength(1);
  const region = sheet1.regions[0];
  expect(region.kind).toBe('evaluation');
  expect(region.firstDataRow).toBe(region.headerRows[region.headerRows.length - 1] + 1);
  const grade = region.columns.find((c) => c.col === 'F')!;
  expect(grade.role).toBe('grade');
  expect(grade.evidence.map((e) => e.kind)).toContain('header');
  expect(region.columns.find((c) => c.col === 'G')).toMatchObject({ hidden: true });
  expect(doc.sheets.find((s) => s.name === '評価基準')).toBeDefined();
});

describe('corrections saved in the workbook', () => {
  const withStored = async (stored: unknown): Promise<WorkbookSnapshot> => ({
    ...(await readWorkbook(kiyoseBytes)),
    storedSettings: { [SETTINGS_KEY]: JSON.stringify(stored) },
  });
  const correction = { sheets: { 評価調書: { columns: { F: { role: 'text' } } } } };

  test('are applied: a column marked as text is no longer checked as the grade', async () => {
    const snapshot = await withStored(correction);
    const before = checkWorkbook(await readWorkbook(kiyoseBytes)).report;
    expect(before.findings.some((f) => f.rule === 'grade-missing')).toBe(true);
    const stored = settingsFromWorkbook(snapshot, {});
    expect(stored.kind).toBe('applied');
    if (stored.kind !== 'applied') return;
    const { layouts } = checkWorkbook(snapshot, { settings: stored.settings });
    const f = layouts.find((l) => l.sheet === '評価調書')!.columns.find((c) => c.col === 5)!;
    expect(f).toMatchObject({ role: 'text', source: 'override' });
  });

  test('--config overrides them field by field; what it leaves out stays', async () => {
    const snapshot = await withStored({ ...correction, reportYear: 2019 });
    const stored = settingsFromWorkbook(snapshot, { sheets: { 評価調書: { columns: { F: { role: 'grade' } } } } });
    expect(stored.kind).toBe('applied');
    if (stored.kind !== 'applied') return;
    // Both in the old shape, migrated: the profile's correction comes after, so it wins.
    expect(stored.settings.corrections).toEqual([
      { sheet: '評価調書', column: 'F', role: 'text' },
      { sheet: '評価調書', column: 'F', role: 'grade' },
    ]);
    expect(stored.settings.reportYear).toBe(2019);
    expect(mergeSettingsInput({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
  });

  test('invalid stored settings are reported and not applied', async () => {
    expect(settingsFromWorkbook(await withStored({ method: 'median' }), {})).toMatchObject({ kind: 'invalid' });
    const broken: WorkbookSnapshot = { ...(await readWorkbook(kiyoseBytes)), storedSettings: { [SETTINGS_KEY]: '{not json' } };
    expect(settingsFromWorkbook(broken, {}).kind).toBe('invalid');
    expect(settingsFromWorkbook(await readWorkbook(kiyoseBytes), {}).kind).toBe('none');
  });
});

describe('orientation and sheets per year in --explain and --json', () => {
  const records = (): WorkbookSnapshot['sheets'][number] => {
    const rows: (string | null)[][] = [['年度', '事業番号', '事業名', '担当課', '評価']];
    for (const y of ['令和4年度', '令和5年度']) rows.push([y, '1-1', '見守り活動', '高齢福祉課', 'A'], [y, '1-2', '配食サービス', '高齢福祉課', 'B']);
    return { name: 'データ', visibility: 'visible', rows, merges: [] };
  };
  const yearSheet = (name: string, title: string): WorkbookSnapshot['sheets'][number] => ({
    name, visibility: 'visible', merges: [],
    rows: [[title], [], ['施策', '事業名', '担当課', '評価'], ['1', '見守り活動', '高齢福祉課', 'A'], ['2', '配食サービス', '高齢福祉課', 'B']],
  });

  test('a long table names its year column and years; an earlier year’s sheet says it is not checked', () => {
    const long = checkWorkbook({ sheets: [records()] });
    const ja = renderExplain(long.report, long.layouts, 'ja');
    expect(ja).toContain('1年度1行の表（事業×年度ごとの記録）: 年度はA列（令和4年度・令和5年度）');
    expect(ja).toContain('A   「年度」 → 年度（1年度1行の記録）　値が年度（令和4年度・令和5年度）で、2事業のうち2事業が複数年度に記録あり');
    expect(renderExplain(long.report, long.layouts, 'en')).toContain('one row per program and year (records): the year is in column A (FY2022, FY2023)');
    expect(regionJson(long.layouts[0])).toMatchObject({ table: 'A1', orientation: 'long' });

    const years = checkWorkbook({ sheets: [yearSheet('R5', '令和5年度 事業評価シート'), yearSheet('R4', '令和4年度 事業評価シート')] });
    const text = renderExplain(years.report, years.layouts, 'ja');
    expect(text).toContain('報告年度: 令和5年度（根拠: 表題）');
    expect(text).toContain('令和4年度の表（今年度の表の隣に残された前年度以前のシート）: 点検せず、評価を前年度評価として読みます');
    expect(regionJson(years.layouts[1])).toMatchObject({ yearRole: 'previous-year', orientation: 'wide' });
    expect(years.report.sheets.map((s) => s.role)).toEqual([undefined, 'previous-year']);
  });
});

describe('encoding, row roles and identifiers read back from dates in --explain and --json', () => {
  const sheet = (rows: (string | number | null)[][]): WorkbookSnapshot['sheets'][number] => ({ name: '評価', visibility: 'visible', rows, merges: [] });

  test('headings, an example, a total and a footnote are listed by role; a date-stored 施策番号 is read back', () => {
    const rows = [
      ['令和5年度 事業評価'],
      ['施策番号', '事業名', '担当課', '評価'],
      ['記入例', '〇〇事業', '〇〇課', 'A'],
      [null, null, '【基本施策】', null],
      ['1-1', '見守り活動', '高齢福祉課', 'A'],
      ['2024-01-02', '配食サービス', '高齢福祉課', 'B※'],
      ['1-3', '地域サロン', '地域福祉課', 'B'],
      [null, null, '【基本施策】', null],
      ['2-1', '相談支援', '福祉相談課', 'C'],
      ['合計', null, null, 4],
      ['※ 新型コロナの影響で縮小して実施'],
    ];
    const { report, layouts } = checkWorkbook({ sheets: [sheet(rows)] });
    const ja = renderExplain(report, layouts, 'ja');
    expect(ja).toContain('  向き: 1事業1行（年度ごとの列なし）');
    expect(ja).toContain('  評価の書き方: セルに記入、読めた評価 4件（うち注記号付き 1件（※、注記として残します））');
    expect(ja).toContain('  行の役割: 見出し行: 4, 8 / 記入例: 3 / 合計: 10 / 注記: 11');
    expect(ja).toContain('  日付として保存された番号を読み戻しました: A6「1-2」（保存値 2024-01-02）');
    const en = renderExplain(report, layouts, 'en');
    expect(en).toContain('  Row roles: headings: 4, 8 / examples: 3 / totals: 10 / footnotes: 11');
    expect(en).toContain('  identifiers stored as dates, read back: A6 "1-2" (stored as 2024-01-02)');
    const json = regionJson(layouts[0]);
    expect(json.rowRoles).toEqual([
      { row: 3, role: 'example', evidence: [{ kind: 'example-word', col: 'A', word: '記入例' }] },
      { row: 4, role: 'heading', evidence: [{ kind: 'title-alone', col: 'C', text: '【基本施策】' }] },
      { row: 8, role: 'heading', evidence: [{ kind: 'title-alone', col: 'C', text: '【基本施策】' }] },
      { row: 10, role: 'total', evidence: [{ kind: 'total-word', col: 'A', word: '合計' }] },
      { row: 11, role: 'footnote', evidence: [{ kind: 'footnote-mark', col: 'A', mark: '※' }] },
    ]);
    expect(json.recoveredIds).toEqual([{ cell: 'A6', text: '1-2', storedAs: '2024-01-02' }]);
    expect(json.gradeReading).toEqual({ graded: 4, formulas: 0, unverified: 0, annotated: 1, marks: ['※'] });
  });

  test('a 【基本施策】 caption alone in the outline column is listed as a heading row', () => {
    const rows = [['令和5年度 事業評価'], ['番号', '事業名', '担当課', '評価'], ['【基本施策】', null, null, null], ['1-1', '見守り', '高齢福祉課', 'A'], ['【基本施策】', null, null, null], ['2-1', '相談', '福祉課', 'B']];
    const { report, layouts } = checkWorkbook({ sheets: [sheet(rows)] });
    expect(report.findings).toEqual([]);
    expect(renderExplain(report, layouts, 'ja')).toContain('  行の役割: 見出し行: 3, 5');
    expect(regionJson(layouts[0]).rowRoles?.map((r) => [r.row, r.role])).toEqual([[3, 'heading'], [5, 'heading']]);
  });

  test('grades that are a formula’s saved result, and formulas saved without one, are said as such', () => {
    const rows = [['施策番号', '事業名', '担当課', '評価'], ['1-1', '見守り活動', '高齢福祉課', 'A'], ['1-2', '配食サービス', '高齢福祉課', 'B'], ['1-3', '地域サロン', '地域福祉課', null]];
    const all = checkWorkbook({ sheets: [{ ...sheet(rows), formulaCells: [{ top: 1, bottom: 2, left: 3, right: 3 }] }] });
    expect(renderExplain(all.report, all.layouts, 'ja')).toContain('  評価の書き方: 式の計算結果（保存された値）、読めた評価 2件');
    const some = checkWorkbook({ sheets: [{ ...sheet(rows), formulaCells: [{ top: 1, bottom: 1, left: 3, right: 3 }], uncachedFormulas: [{ row: 3, col: 3 }] }] });
    expect(renderExplain(some.report, some.layouts, 'ja')).toContain('  評価の書き方: セルに記入、読めた評価 2件（うち式の計算結果 1件、計算結果が保存されていない式 1件（確認できません））');
    expect(renderExplain(some.report, some.layouts, 'en')).toContain("  Grades written as: a label in the cell; 2 read (of them 1 a formula's saved result; 1 formula(s) saved without a result (not verified))");
  });
});
