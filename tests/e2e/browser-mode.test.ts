/**
 * End to end, in a real browser: the built pane (dist/) served on localhost in browser mode,
 * driven by Debian's Chromium through playwright-core. Run with `npm run test:e2e` (it builds
 * first); the plain `jest` run ignores tests/e2e.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveDir, type StaticServer } from '../../scripts/pane-server';

const ROOT = join(__dirname, '../..');
const SAMPLE = join(ROOT, 'samples/komae-policy-grades.xlsx');

jest.setTimeout(120_000);

let server: StaticServer;
let browser: Browser;
const offsite: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/taskpane.html'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
  server = await serveDir(join(ROOT, 'dist'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPane(): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'ja-JP', viewport: { width: 360, height: 900 } });
  // Anything that is not this origin (or an in-page blob/data URL) is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    offsite.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${server.origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) offsite.push(url);
  });
  await page.goto(`${server.origin}/taskpane.html`);
  return page;
}

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
