/**
 * 読み取った表 in a real browser at 320 px, on a generated workbook with a heading, a 記入例, a
 * total and a footnote row and grades with note marks: the pane says each table's orientation,
 * how its grades are written, its row roles and its scale in Japanese; a row's role is corrected
 * there; a correction that cannot take effect is refused with the reason; 設定 lists what is set
 * (read-only) and leads back. Run with `npm run test:e2e` (it builds dist/ first).
 */
import type { Page } from 'playwright-core';
import { toBytes } from '../layout/harness';
import { cleanPlan } from '../layout/plan-model';
import { renderPlan } from '../layout/render';
import { paneHarness, XLSX } from './pane';

jest.setTimeout(180_000);

const { openPane } = paneHarness();

async function dropDecorated(page: Page): Promise<void> {
  const buffer = Buffer.from(await toBytes(renderPlan(cleanPlan('kiyose'), { decorations: { headings: 'bracket', examples: 'word', totals: 'word', footnotes: true }, encoding: 'footnote' })));
  await page.setInputFiles('[data-testid=file-input]', { name: '清瀬市_評価調書.xlsx', mimeType: XLSX, buffer });
  await page.getByTestId('severity-counts').waitFor({ timeout: 60_000 });
}

/** Waits until the check that a saved correction started has finished. */
async function rechecked(page: Page): Promise<void> {
  await page.getByText('設定を保存し、その設定で点検し直しました。').waitFor({ timeout: 60_000 });
}

test('at 320 px 読み取った表 shows orientation, encoding, row roles and scale; a row role is corrected; a second 評価 is refused; 設定 lists, read-only', async () => {
  const { page } = await openPane();
  await page.setViewportSize({ width: 320, height: 900 });
  await page.getByText('Excel ファイルを点検').waitFor();
  await dropDecorated(page);

  const region = page.getByTestId('read-region').first();
  await expect(region.getByTestId('read-orientation').innerText()).resolves.toBe('向き: 1事業1行（年度ごとの列なし）');
  await expect(region.getByTestId('read-encoding').innerText()).resolves.toMatch(/^評価の書き方: セルに記入、読めた評価 \d+件（うち注記号付き \d+件（※、注記として残します））$/);
  const roles = await region.getByTestId('read-row-roles').innerText();
  expect(roles).toMatch(/^行の役割: 見出し行: [\d, 〜]+ \/ 記入例: 4 \/ 合計: \d+ \/ 注記: \d+$/);
  await expect(region.getByTestId('read-scale').innerText()).resolves.toContain('評価の段階: A・B・C・D');
  // Each row's evidence, on request.
  await region.getByTestId('read-row-evidence').locator('summary').click();
  await expect(region.getByTestId('read-row-evidence').innerText()).resolves.toMatch(/4行目 記入例: [A-Z]+列に「[^」]*記入例/);
  // Nothing of the region is wider than the pane.
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

  // The 記入例 row is in fact a program: say so in two steps.
  await region.getByLabel('「評価調書」表1の役割を直す行').fill('4');
  await region.getByLabel('「評価調書」表1の行の役割').click();
  await page.getByRole('option', { name: 'データ（事業の行）' }).click();
  await region.getByRole('button', { name: '行の役割を変更' }).click();
  await rechecked(page);
  await page.getByTestId('read-row-roles').filter({ hasText: 'データ行（指定）: 4' }).first().waitFor({ timeout: 60_000 });
  const after = await page.getByTestId('read-region').first().getByTestId('read-row-roles').innerText();
  expect(after).toContain('データ行（指定）: 4');
  expect(after).not.toContain('記入例');

  // D is set to 評価 (it takes the role from F); then E to 評価 as well cannot take effect: refused, with the reason.
  const again = page.getByTestId('read-region').first();
  await again.getByLabel('「評価調書」表1 D列の役割').click();
  await page.getByRole('option', { name: '評価', exact: true }).click();
  // F (detected as 評価) is no longer read, and says why.
  await page.getByTestId('read-column').filter({ hasText: '読みません（修正でD列を「評価」にしたため）' }).first().waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('read-column').filter({ hasText: '読みません' }).first().innerText()).resolves.toMatch(/^F: 評価/);
  await page.getByTestId('read-region').first().getByLabel('「評価調書」表1 E列の役割').click();
  await page.getByRole('option', { name: '評価', exact: true }).click();
  await page.getByText('E列を「評価」にする修正は効かないため保存しませんでした。D列が既に「評価」です').waitFor();

  // 設定: the corrections in force, in 読み取った表's words, and no second role list.
  await page.getByRole('tab', { name: '設定' }).click();
  await page.getByText('このブックの設定').waitFor();
  const listed = await page.getByTestId('settings-correction').allInnerTexts();
  expect(listed).toEqual(['「評価調書」表A3・4行目 → データ（事業の行）', '「評価調書」表A3・D列 → 評価']);
  expect(await page.getByRole('combobox', { name: /列/ }).count()).toBe(0);
  await page.getByTestId('to-read-tables').click();
  await expect(page.getByRole('tab', { name: '点検' }).getAttribute('aria-selected')).resolves.toBe('true');
  await page.getByTestId('read-tables').waitFor();
});
