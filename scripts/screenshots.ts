/**
 * `npm run screenshots`: PNGs of each pane screen in Japanese, at the 320 px task-pane width,
 * into docs/screenshots/. Uses the built dist/ (run `npm run build` first; the npm script does)
 * in browser mode with a sample workbook, on Debian's Chromium with fonts-noto-cjk; then the
 * printed pages of the written workbooks (scripts/print-screenshots.ts).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, serveDir } from './pane-server';
import { printScreenshots } from './print-screenshots';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const SAMPLE = join(ROOT, 'samples/koganei-departments.xlsx');
const LAST_YEAR = join(ROOT, 'samples/koganei-departments-2019.xlsx');
const DEPARTMENTS = join(ROOT, 'samples/departments');
const MASTER = '計画体系.xlsx';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/taskpane.html'))) throw new Error('dist/ is missing: run `npm run build` first');
  if (!existsSync(SAMPLE)) throw new Error(`missing ${SAMPLE}: run \`npm run samples\``);
  await mkdir(OUT, { recursive: true });
  const server = await serveDir(join(ROOT, 'dist'));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 320, height: 720 }, deviceScaleFactor: 2 });
    await context.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(`${server.origin}/taskpane.html?lang=ja`);
    await page.getByText('Excel ファイルを点検').waitFor();
    const shot = async (name: string) => {
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUT, `${name}.png`) });
      console.log(`docs/screenshots/${name}.png`);
    };
    await shot('01-file');

    await page.setInputFiles('[data-testid=file-input]', {
      name: '小金井市_進捗状況及び評価表.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(SAMPLE),
    });
    await page.getByTestId('severity-counts').waitFor({ timeout: 60_000 });
    await shot('02-check');

    // 読み取った表 on the same screen: a table's reading (orientation, encoding, row roles, scale) and its corrections.
    await page.getByTestId('read-region').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('08-read-tables');
    await page.evaluate(() => window.scrollTo(0, 0));

    await page.getByRole('tab', { name: '指摘一覧' }).click();
    await page.getByTestId('finding').first().waitFor();
    await shot('03-findings');

    await page.getByRole('tab', { name: '集計' }).click();
    await page.getByTestId('policy-row').first().waitFor();
    await shot('04-summary');

    await page.getByRole('tab', { name: '設定' }).click();
    await page.getByText('このブックの設定').waitFor();
    await shot('05-settings');

    // 取りまとめ over samples/departments, scrolled to the finished run's result.
    if (!existsSync(join(DEPARTMENTS, MASTER))) throw new Error(`missing ${DEPARTMENTS}: run \`npm run department-set\``);
    await page.getByRole('tab', { name: '取りまとめ' }).click();
    const files = readdirSync(DEPARTMENTS).filter((n) => n.endsWith('.xlsx') && n !== MASTER).sort();
    await page.setInputFiles('[data-testid=consolidate-files]', files.map((name) => ({ name, mimeType: XLSX, buffer: readFileSync(join(DEPARTMENTS, name)) })));
    await page.setInputFiles('[data-testid=consolidate-master]', { name: MASTER, mimeType: XLSX, buffer: readFileSync(join(DEPARTMENTS, MASTER)) });
    await page.getByRole('button', { name: '取りまとめる' }).click();
    await page.getByTestId('consolidate-result').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'もう一度取りまとめる' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('06-consolidate');

    // 前年度比較: the dropped sample (令和2年度) against last year's, scrolled to the findings.
    if (!existsSync(LAST_YEAR)) throw new Error(`missing ${LAST_YEAR}: run \`npm run samples\``);
    await page.getByRole('tab', { name: '前年度比較' }).click();
    await page.setInputFiles('[data-testid=compare-files]', { name: '小金井市_進捗状況及び評価表_令和元年度.xlsx', mimeType: XLSX, buffer: readFileSync(LAST_YEAR) });
    await page.getByTestId('compare-run').click();
    await page.getByTestId('compare-findings').waitFor({ timeout: 60_000 });
    await page.getByTestId('compare-summary').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('07-compare');
  } finally {
    await browser.close();
    await server.close();
  }
  // And the written workbooks as printed (LibreOffice → PDF → one PNG per sheet).
  await printScreenshots();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
