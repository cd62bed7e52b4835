/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createFilePort } from '../../src/excel/file-port';
import { App } from '../../src/taskpane/App';
import { PaneContext, createPaneStore } from '../../src/taskpane/store';
import { sampleLastYear, workbookBuffer } from '../compare/pairs';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';

jest.setTimeout(60_000);

const arrayBufferOf = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
let thisYear: ArrayBuffer;
let lastYear: ArrayBuffer;

beforeAll(async () => {
  thisYear = arrayBufferOf(await toBuffer(buildSeedWorkbook('koganei-departments', { withSampleDefects: true }).workbook));
  lastYear = arrayBufferOf(await workbookBuffer(sampleLastYear()));
});

test('browser: this year dropped, last year picked — findings on this year’s cells, the sheet downloaded', async () => {
  const downloads: string[] = [];
  const created = jest.fn(() => 'blob:hyoka');
  Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push(this.download);
  });
  const store = createPaneStore({ lang: 'ja', host: 'browser', download: () => undefined, yieldToUi: async () => {} });
  await act(async () => {
    await store.openPort(createFilePort({ name: 'koganei-2020.xlsx', data: thisYear }, null));
  });
  render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: '前年度比較' }));
  fireEvent.change(screen.getByTestId('compare-files'), { target: { files: [{ name: 'koganei-2019.xlsx', arrayBuffer: async () => lastYear }] } });
  expect(screen.getByText('1件のファイルを選択')).toBeTruthy();
  fireEvent.click(screen.getByTestId('compare-run'));
  await waitFor(() => expect(screen.getByTestId('compare-summary').textContent).toBe('令和元年度 → 令和2年度：対応した事業 42件・今年度にない 1件・前年度にない 0件'), { timeout: 30_000 });
  const items = within(screen.getByTestId('compare-findings')).getAllByRole('listitem');
  expect(items.map((li) => li.textContent?.slice(0, 40))).toHaveLength(4);
  // Findings on one row are listed by column (B12 before E12), as check lists them.
  expect(items[0].textContent).toContain('B12');
  expect(items[1].textContent).toContain('E12');
  expect(items[1].textContent).toContain('「CoCoバスの利便性向上」（交通対策課）の前年度評価は「B」');
  fireEvent.click(screen.getByTestId('compare-write'));
  await waitFor(() => expect(downloads).toEqual(['前年度比較_令和2年度.xlsx']));
  expect(created).toHaveBeenCalledTimes(1);
  click.mockRestore();
});
