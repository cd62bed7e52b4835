/** @jest-environment jsdom */
/**
 * Issue #20 in the add-in: where this Excel cannot read cell notes (ExcelApi 1.18) or comments
 * (1.10), nothing about them is called, and the pane says they were not read — a legend kept in a
 * note is not silently missed.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createLivePort } from '../../src/excel/live-port';
import { App } from '../../src/taskpane/App';
import { PaneContext, createPaneStore } from '../../src/taskpane/store';
import { FakeWorkbook } from '../excel/fake-excel';
import './jsdom-shims';

jest.setTimeout(30_000);

it('Excel 2019 (ExcelApi 1.9): no note or comment call, and 指摘一覧 says notes and comments were not read', async () => {
  const wb = new FakeWorkbook();
  wb.apiVersion = '1.9';
  const sheet = wb.addSheet('評価').setRows([
    ['令和5年度 事業評価シート'],
    [],
    ['番号', '事業名', '担当課', '評価'],
    ...['S', 'A', 'B', 'C', 'A', 'S', 'B', 'A'].map((g, i) => [String(i + 1), `事業${i + 1}`, '福祉課', g]),
  ]);
  sheet.notes.push({ row: 2, col: 3, text: '凡例\nS：目標を大きく上回った\nA：目標を達成した\nB：概ね達成した\nC：達成できなかった' });
  const port = createLivePort(wb.env());
  const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => undefined, yieldToUi: async () => {} });
  await act(() => store.openPort(port));
  render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
  await act(() => store.runCheck());
  expect(wb.annotationCalls).toBe(0);
  fireEvent.click(screen.getByRole('tab', { name: '指摘一覧' }));
  expect(screen.getByText(/このExcelではセルのメモ（ExcelApi 1\.18 が必要）とセルのコメント（ExcelApi 1\.10 が必要）を読み取れないため、読んでいません/)).toBeTruthy();
});
