/** @jest-environment jsdom */
/**
 * A pane that never looks hung: it renders before Excel answers, and when a batch is held (the
 * user is editing a cell; Excel delays the request) it says so after EXCEL_WAIT_NOTICE_MS with
 * 中止, which stops waiting and sends nothing further.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createLivePort } from '../../src/excel/live-port';
import { EXCEL_WAIT_NOTICE_MS, ExcelWaitAbandoned } from '../../src/excel/waiting';
import { App } from '../../src/taskpane/App';
import { PaneContext, createPaneStore } from '../../src/taskpane/store';
import { TASKPANE_MESSAGES } from '../../src/i18n/taskpane';
import { FakeWorkbook } from '../excel/fake-excel';
import type { SummaryDocument } from '../../src/core';
import './jsdom-shims';

const ja = TASKPANE_MESSAGES.ja;

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const flush = async () => {
  for (let i = 0; i < 5; i++) await act(async () => Promise.resolve());
};

it('renders before connecting, says it is waiting for Excel during a cell edit, and 中止 stops waiting', async () => {
  const wb = new FakeWorkbook();
  wb.addSheet('評価').setRows([['番号', '事業名']]);
  const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => undefined, connecting: true });
  render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
  // Shown before Office.js or the workbook has answered anything.
  expect(screen.getByText(ja.excelConnecting)).toBeTruthy();
  expect(wb.syncs).toBe(0);

  wb.startCellEdit();
  const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
  let opened = false;
  act(() => {
    void store.openPort(port).then(() => (opened = true));
  });
  await flush();
  expect(screen.queryByText(ja.excelWaiting)).toBeNull(); // not before the named delay
  await act(async () => {
    jest.advanceTimersByTime(EXCEL_WAIT_NOTICE_MS - 1);
  });
  expect(screen.queryByText(ja.excelWaiting)).toBeNull();
  await act(async () => {
    jest.advanceTimersByTime(1);
  });
  expect(screen.getByText('Excel の応答を待っています（セルの編集中なら Enter か Esc で編集を終えてください）')).toBeTruthy();
  const sent = wb.syncs;

  act(() => {
    fireEvent.click(screen.getByRole('button', { name: '中止' }));
  });
  await flush();
  expect(opened).toBe(true);
  expect(screen.queryByText(ja.excelWaiting)).toBeNull();
  expect(screen.getByText(ja.excelWaitStopped)).toBeTruthy();
  expect(ja.excelWaitStopped).toMatch(/すでに Excel に送った書き込みは、セルの編集を終えたときに反映されます/);

  // The edit ends: the held request is answered, and nothing further is sent.
  wb.endCellEdit();
  await flush();
  await act(async () => {
    jest.advanceTimersByTime(EXCEL_WAIT_NOTICE_MS * 2);
  });
  expect(wb.syncs).toBe(sent);
});

it('a held write: 中止 rejects at once; what Excel already holds applies when the edit ends, nothing after it', async () => {
  const wb = new FakeWorkbook();
  wb.addSheet('評価');
  const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
  const doc: SummaryDocument = { sheets: [{ name: '評価集計', blocks: [{ kind: 'table', title: 't', columns: [{ header: 'h', width: 4 }], rows: [['x']] }] }] };
  wb.startCellEdit();
  const writing = port.writeSummary(doc);
  const outcome = writing.then(
    () => 'written',
    (e: unknown) => (e instanceof ExcelWaitAbandoned ? 'abandoned' : String(e)),
  );
  await act(async () => {
    jest.advanceTimersByTime(EXCEL_WAIT_NOTICE_MS);
  });
  expect(port.excelWait!.isWaiting()).toBe(true);
  port.excelWait!.abandon();
  expect(await outcome).toBe('abandoned');
  expect(port.excelWait!.isWaiting()).toBe(false);
  expect(wb.syncs).toBe(1); // the first request, held by Excel
  wb.endCellEdit();
  await flush();
  expect(wb.syncs).toBe(1); // the write's own sync was never sent
});

it('a batch that answers in time never shows the message', async () => {
  const wb = new FakeWorkbook();
  wb.addSheet('評価');
  const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
  const seen: boolean[] = [];
  port.excelWait!.subscribe((w) => seen.push(w));
  await port.loadSettings();
  await act(async () => {
    jest.advanceTimersByTime(EXCEL_WAIT_NOTICE_MS * 2);
  });
  expect(seen).toEqual([]);
});
