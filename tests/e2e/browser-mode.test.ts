/**
 * End to end, in a real browser: the built pane (dist/) served on localhost in browser mode,
 * driven by Debian's Chromium through playwright-core. Run with `npm run test:e2e` (it builds
 * first); the plain `jest` run ignores tests/e2e.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { MASTER_FILE, buildDepartmentSet } from '../../scripts/make-department-set';
import { paneHarness, ROOT, XLSX } from './pane';

const SAMPLE = join(ROOT, 'samples/komae-policy-grades.xlsx');
const DEPARTMENTS = join(ROOT, 'samples/departments');

jest.setTimeout(120_000);

const { openPane: openWithLogs, offsite } = paneHarness();
const openPane = async (): Promise<Page> => (await openWithLogs()).page;

async function sampleBytes(): Promise<{ name: string; buffer: Buffer }> {
  if (existsSync(SAMPLE)) return { name: 'komae-policy-grades.xlsx', buffer: readFileSync(SAMPLE) };
  // Fallback when the samples are absent: a tiny graded sheet with one missing grade.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('評価調書');
  ws.addRows([['令和5年度 評価調書'], [], ['番号', '取組', '担当課', '評価'], ['1', '見守り', '福祉課', 'A'], ['2', '相談', '福祉課', null], ['3', '居場所', '福祉課', 'E']]);
  return { name: 'small.xlsx', buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

test('a dropped workbook is checked in the page, summarised, and its report downloads', async () => {
  const page = await openPane();
  await page.getByText('Excel ファイルを点検').waitFor();

  const sample = await sampleBytes();
  await page.setInputFiles('[data-testid=file-input]', { name: sample.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sample.buffer });

  // 点検: counts by severity.
  await page.getByTestId('severity-counts').waitFor({ timeout: 60_000 });
  const counts = await Promise.all(['error', 'warning', 'info'].map(async (s) => Number(await page.getByTestId(`count-${s}`).innerText())));
  const total = counts.reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThan(0);
  await expect(page.getByTestId('file-name').innerText()).resolves.toContain(sample.name);

  // 指摘一覧: the same number of findings.
  await page.getByRole('tab', { name: '指摘一覧' }).click();
  await page.getByTestId('finding').first().waitFor();
  expect(await page.getByTestId('finding').count()).toBe(total);

  // 集計: the policy table.
  await page.getByRole('tab', { name: '集計' }).click();
  await page.getByTestId('policy-row').first().waitFor();
  expect(await page.getByTestId('policy-row').count()).toBeGreaterThan(0);

  // Download the report workbook and read it back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '点検結果をダウンロード' }).click()]);
  expect(download.suggestedFilename()).toMatch(/_点検結果\.xlsx$/);
  const dir = await mkdtemp(join(tmpdir(), 'hyoka-e2e-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const report = new ExcelJS.Workbook();
  await report.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  const names = report.worksheets.map((w) => w.name);
  expect(names).toEqual(expect.arrayContaining(['評価集計', '点検結果']));
  const findingsSheet = report.getWorksheet('点検結果')!;
  let rowsWithText = 0;
  findingsSheet.eachRow(() => rowsWithText++);
  expect(rowsWithText).toBeGreaterThanOrEqual(total);

  expect(offsite).toEqual([]);
  await page.context().close();
});

test('browser mode never asks for office.js and reports an unreadable file', async () => {
  const page = await openPane();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.setInputFiles('[data-testid=file-input]', { name: 'notes.xlsx', mimeType: 'text/plain', buffer: Buffer.from('これは表ではありません') });
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toMatch(/読み込めません/);
  expect(requested.filter((u) => /office(\.debug)?\.js/i.test(u))).toEqual([]);
  expect(offsite).toEqual([]);
  await page.context().close();
});

/** samples/departments as committed (`npm run department-set`), or the same set generated in memory. */
async function departmentSet(): Promise<{ name: string; buffer: Buffer }[]> {
  if (existsSync(join(DEPARTMENTS, MASTER_FILE))) {
    return readdirSync(DEPARTMENTS)
      .filter((n) => n.endsWith('.xlsx'))
      .sort()
      .map((name) => ({ name, buffer: readFileSync(join(DEPARTMENTS, name)) }));
  }
  return (await buildDepartmentSet()).map((f) => ({ name: f.name, buffer: f.data }));
}

test('取りまとめ: the department set is consolidated in the page and the merged workbook downloads', async () => {
  const page = await openPane();
  await page.getByRole('tab', { name: '取りまとめ' }).click();
  const set = await departmentSet();
  // The whole folder, master included, as a secretariat would pick it; then the master on its own.
  await page.setInputFiles('[data-testid=consolidate-files]', set.map((f) => ({ name: f.name, mimeType: XLSX, buffer: f.buffer })));
  const master = set.find((f) => f.name === MASTER_FILE)!;
  await page.setInputFiles('[data-testid=consolidate-master]', { name: master.name, mimeType: XLSX, buffer: master.buffer });
  await expect(page.getByTestId('consolidate-selected').innerText()).resolves.toBe('13 件のファイルを選択中');

  await page.getByRole('button', { name: '取りまとめる' }).click();
  const result = page.getByTestId('consolidate-result');
  await result.waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('consolidate-totals').innerText()).resolves.toBe('報告年度 令和2年度（2020年度）・ファイル 12 件・取りまとめた事業 57 行');
  await expect(page.getByTestId('consolidate-missing').innerText()).resolves.toBe('未提出の担当課: 健康課'); // 公民館's file arrived but is unreadable: 提出あり（読めません）, not 未提出
  expect(await page.getByTestId('consolidate-file-row').count()).toBe(12);

  // The run's findings as the engine reports them, each with its file.
  const sources = async (rule: string) => page.locator(`li[data-rule="${rule}"] [data-testid=finding-source]`).allInnerTexts();
  expect(await sources('year-mismatch')).toEqual(['交通対策課.xlsx']);
  expect(await sources('file-unreadable')).toEqual(['公民館.xlsx']);
  expect(await sources('duplicate-program')).toEqual(['地域福祉課.xlsx · シート9']);
  expect(await sources('program-unknown')).toEqual(['地域安全課.xlsx · シート2']);
  expect(await sources('program-unreported')).toEqual(['計画体系.xlsx · 計画体系', '計画体系.xlsx · 計画体系', '計画体系.xlsx · 計画体系']);
  expect(await sources('department-missing')).toEqual(['計画体系.xlsx · 計画体系']);
  expect(await page.locator('li[data-rule="department-missing"]').innerText()).toContain('健康課');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '取りまとめ結果をダウンロード' }).click()]);
  expect(download.suggestedFilename()).toBe('取りまとめ_令和2年度.xlsx');
  const file = join(await mkdtemp(join(tmpdir(), 'hyoka-e2e-')), download.suggestedFilename());
  await download.saveAs(file);
  const merged = new ExcelJS.Workbook();
  await merged.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  expect(merged.worksheets.map((w) => w.name)).toEqual(['取りまとめ', '評価集計', '点検結果', '提出状況']);
  // Title, header, then one line per program row (and the unreported programs in place).
  expect(merged.getWorksheet('取りまとめ')!.actualRowCount).toBeGreaterThanOrEqual(2 + 57);
  const status: string[] = [];
  merged.getWorksheet('提出状況')!.eachRow((row) => status.push(`${String(row.getCell(1).value)} ${String(row.getCell(2).value)}`));
  expect(status).toContain('健康課 未提出');

  expect(offsite).toEqual([]);
  await page.context().close();
});
