/**
 * The pane reads and checks in a Web Worker: proven by outcome in Debian's Chromium. While a
 * large dropped workbook is being read, switching tabs completes and 中止 stops the read — a
 * page whose main thread were busy reading could do neither before the read had finished.
 */
import { bigEvaluationWorkbook } from '../hostile/big-workbook';
import { paneHarness, XLSX } from './pane';

jest.setTimeout(180_000);

const { openPane, offsite } = paneHarness();

// Large enough that reading it takes a while whichever reader the pane has.
const BIG = Buffer.from(bigEvaluationWorkbook(120_000));

test('while a large workbook is read, the tabs still switch and 中止 stops the read', async () => {
  const { page, workers, cspErrors } = await openPane();
  await page.getByText('Excel ファイルを点検').waitFor();
  await page.setInputFiles('[data-testid=file-input]', { name: '大きい評価調書.xlsx', mimeType: XLSX, buffer: BIG });

  // Reading has started: the progress bar and 中止 are shown.
  await page.getByTestId('check-cancel').waitFor();
  // A tab switch completes (the 取りまとめ screen renders) and the read is still running.
  await page.getByRole('tab', { name: '取りまとめ' }).click();
  await page.getByTestId('consolidate-files').waitFor({ state: 'attached' });
  await page.getByRole('tab', { name: '点検' }).click();
  await expect(page.getByTestId('check-progress').isVisible()).resolves.toBe(true);
  // 中止 stops it: a notice, no counts, and the page can start again.
  await page.getByTestId('check-cancel').click();
  await page.getByText('点検を中止しました。').waitFor();
  expect(await page.getByTestId('severity-counts').count()).toBe(0);
  expect(await page.getByTestId('check-progress').count()).toBe(0);
  await expect(page.getByRole('button', { name: '点検する' }).isEnabled()).resolves.toBe(true);

  expect(workers.length).toBeGreaterThan(0);
  expect(cspErrors).toEqual([]);
  expect(offsite).toEqual([]);
  await page.context().close();
});

test('a file read in the worker is checked to the end, and a .xls is refused with how to save it', async () => {
  const { page, workers } = await openPane();
  await page.setInputFiles('[data-testid=file-input]', { name: '評価調書.xlsx', mimeType: XLSX, buffer: Buffer.from(bigEvaluationWorkbook(200)) });
  await page.getByTestId('severity-counts').waitFor({ timeout: 60_000 });
  expect(workers.length).toBeGreaterThan(0);

  await page.setInputFiles('[data-testid=file-input]', { name: '古い様式.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('x') });
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toMatch(/古い様式\.xls.*xlsx/s);
  await page.context().close();
});
