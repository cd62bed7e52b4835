/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultSettings, type Report, type SheetLayout } from '../../src/core';
import type { WorkbookPort } from '../../src/excel/port';
import { App } from '../../src/taskpane/App';
import { PaneContext, createPaneStore, type PaneStore } from '../../src/taskpane/store';
import { isSubmitKey } from '../../src/taskpane/screens/SettingsScreen';
import { TASKPANE_MESSAGES } from '../../src/i18n/taskpane';
import './jsdom-shims';

// The engine is exercised by its own tests; here the pane gets hand-made reports.
const REPORT: Report = {
  file: 'テスト.xlsx',
  reportYear: 2023,
  sheets: [{ name: '評価調書', kind: 'evaluation', headerRow: 3 }],
  findings: [
    { rule: 'grade-missing', severity: 'error', messageId: 'missing', params: { program: '見守りの充実', department: '福祉政策課' }, sheet: '評価調書', cell: 'F10', row: 10, department: '福祉政策課' },
    { rule: 'grade-jump', severity: 'warning', messageId: 'jump', params: { program: '配食サービス', department: '高齢福祉課', from: 'A', to: 'D' }, sheet: '評価調書', cell: 'F12', row: 12, department: '高齢福祉課' },
    { rule: 'year-missing', severity: 'info', messageId: 'noColumn', params: { year: 2022 }, sheet: null, cell: null, row: null },
  ],
  policies: [
    { sheet: '評価調書', id: '1-(1)', name: '見守りの充実', level: 1, levelLabel: '施策', declaredGrade: 'A', computedGrade: 'B', counts: { A: 2, B: 1, C: 1, D: 0 }, programs: 4, row: 5, findings: 1 },
  ],
};
const LAYOUTS: SheetLayout[] = [
  {
    sheet: '評価調書', kind: 'evaluation', headerRows: [2], repeatedHeaderRows: [], blockHeader: [], statedYear: 2023, planMaster: false, summaryTable: null, uncertainties: [],
    firstDataRow: 3, lastDataRow: 20, firstCol: 0, lastCol: 8, hiddenRowsSkipped: 0, uncertain: false, entryYears: [], sheetNameYear: null,
    columns: [{ col: 5, label: '評価', role: 'grade', source: 'detected' }],
  },
];


// A loaded CI machine renders Fluent slowly: a generous limit, no timing asserted.
jest.setTimeout(30_000);

jest.mock('../../src/core/check', () => ({
  checkWorkbook: jest.fn(() => ({ report: REPORT, layouts: LAYOUTS })),
}));

function fakePort(kind: 'live' | 'file' = 'live'): WorkbookPort & { calls: string[] } {
  const calls: string[] = [];
  let settings = defaultSettings();
  let highlighted = false;
  return {
    kind,
    fileName: 'テスト.xlsx',
    calls,
    readSnapshot: async () => (calls.push('read'), { sheets: [] }),
    loadSettings: async () => ({ settings, problems: [] }),
    saveSettings: async (s) => {
      calls.push(`save ${String(s.reportYear)}`);
      settings = s;
    },
    writeSummary: async () => (calls.push('write'), kind === 'live' ? { kind: 'written', sheets: ['評価集計', '点検結果'] } : { kind: 'file', bytes: new Uint8Array([1]), fileName: 'テスト_点検結果.xlsx' }),
    ...(kind === 'live'
      ? {
          selectCell: async (sheet: string, cell: string) => void calls.push(`select ${sheet}!${cell}`),
          highlight: async () => ((highlighted = true), calls.push('highlight'), { count: 2, protectedSheets: [] }),
          clearHighlights: async () => ((highlighted = false), calls.push('clear'), 2),
          highlightState: async () => highlighted,
        }
      : {}),
  };
}

async function renderPane(lang: 'ja' | 'en', port: WorkbookPort | null, host: 'excel' | 'browser' = 'excel') {
  const downloads: string[] = [];
  const store: PaneStore = createPaneStore({ lang, host, download: (_b, name) => downloads.push(name), yieldToUi: async () => {} });
  if (port) await store.openPort(port);
  render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
  return { store, downloads };
}

describe('task pane', () => {
  it('runs the check and shows counts by severity, in Japanese', async () => {
    const port = fakePort();
    await renderPane('ja', port);
    fireEvent.click(screen.getByRole('button', { name: '点検する' }));
    await screen.findByTestId('severity-counts');
    expect(screen.getByTestId('count-error').textContent).toBe('1');
    expect(screen.getByTestId('count-warning').textContent).toBe('1');
    expect(screen.getByTestId('count-info').textContent).toBe('1');
    expect(screen.getByText(/令和5年度/)).toBeTruthy();
    expect(screen.getByTestId('last-run').textContent).toMatch(/^最終実行/);
  });

  it('lists findings by sheet and rule, filters them, and selects the cell on click', async () => {
    const port = fakePort();
    const { store } = await renderPane('ja', port);
    await act(() => store.runCheck());
    fireEvent.click(screen.getByRole('tab', { name: '指摘一覧' }));
    expect(screen.getAllByTestId('finding')).toHaveLength(3);
    expect(screen.getByText('ブック全体', { selector: 'h3' })).toBeTruthy();
    fireEvent.click(screen.getByTitle('F10 を選択'));
    await waitFor(() => expect(port.calls).toContain('select 評価調書!F10'));

    // Filter by severity through the dropdown.
    fireEvent.click(screen.getAllByRole('combobox')[0]);
    fireEvent.click(await screen.findByRole('option', { name: '警告' }));
    expect(screen.getAllByTestId('finding')).toHaveLength(1);
    expect(screen.getByText('1 / 3 件')).toBeTruthy();
  });

  it('shows the policy table with stated vs computed grade and writes the summary sheets', async () => {
    const port = fakePort();
    const { store } = await renderPane('ja', port);
    await act(() => store.runCheck());
    fireEvent.click(screen.getByRole('tab', { name: '集計' }));
    const row = screen.getByTestId('policy-row');
    expect(within(row).getByText(/見守りの充実/)).toBeTruthy();
    // Declared A, computed B: shown as A→B, both named in its title.
    expect(within(row).getByText('A→B').getAttribute('title')).toContain('記載 A・算出 B');
    expect(within(row).getByRole('img').getAttribute('aria-label')).toBe('A 2・B 1・C 1・D 0・事業 4');
    // The sheet is named once, as the group's heading.
    expect(screen.getAllByText('評価調書', { selector: 'h3' })).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: '集計シートを書き込む' }));
    expect(await screen.findByText('「評価集計」「点検結果」シートを書き込みました。')).toBeTruthy();
  });

  it('highlights and restores through the port', async () => {
    const port = fakePort();
    const { store } = await renderPane('en', port);
    await act(() => store.runCheck());
    fireEvent.click(screen.getByRole('button', { name: 'Highlight flagged cells' }));
    await screen.findByRole('button', { name: 'Remove highlights' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove highlights' }));
    await screen.findByRole('button', { name: 'Highlight flagged cells' });
    expect(port.calls.filter((c) => c === 'highlight' || c === 'clear')).toEqual(['highlight', 'clear']);
  });

  it('saves settings on Enter but not while an IME is composing', async () => {
    const port = fakePort();
    const { store } = await renderPane('ja', port);
    await act(() => store.runCheck());
    fireEvent.click(screen.getByRole('tab', { name: '設定' }));
    const input = screen.getByTestId('report-year') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '令和5年度' } });
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true, keyCode: 229 });
    expect(port.calls.some((c) => c.startsWith('save'))).toBe(false);
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(port.calls).toContain('save 令和5年度'));
    // Column roles are corrected in 読み取った表 only: 設定 leads there.
    expect(screen.getByTestId('to-read-tables').textContent).toBe('読み取った表で直す');
    expect(isSubmitKey({ key: 'a', nativeEvent: {} } as never)).toBe(false);
  });

  it('in the browser offers a file chooser first, then downloads the report', async () => {
    const { store, downloads } = await renderPane('ja', null, 'browser');
    expect(screen.getByText('Excel ファイルを点検')).toBeTruthy();
    // Before a file is chosen only 点検 (the chooser) and 取りまとめ are offered.
    expect(screen.getAllByRole('tab')).toHaveLength(2);
    expect(screen.getByRole('tab', { name: '取りまとめ' })).toBeTruthy();
    await act(async () => {
      await store.openPort(fakePort('file'));
      await store.runCheck();
    });
    fireEvent.click(screen.getByRole('button', { name: '点検結果をダウンロード' }));
    await waitFor(() => expect(downloads).toEqual(['テスト_点検結果.xlsx']));
    expect(screen.queryByRole('button', { name: '指摘セルに色を付ける' })).toBeNull();
  });

  it('has every message in both languages', () => {
    expect(Object.keys(TASKPANE_MESSAGES.en).sort()).toEqual(Object.keys(TASKPANE_MESSAGES.ja).sort());
    for (const v of Object.values(TASKPANE_MESSAGES.en)) expect(v).not.toMatch(/^\s*$/);
  });
});

describe('unreadable files', () => {
  it('explains the reason in the user’s words', async () => {
    const port = fakePort('file');
    port.readSnapshot = async () => {
      throw Object.assign(new Error('unreadable workbook: legacy-xls'), { code: 'unreadable', reason: 'legacy-xls' });
    };
    const { store } = await renderPane('ja', port, 'browser');
    await act(() => store.runCheck());
    // The same reason the CLI gives for the file.
    expect(screen.getByRole('alert').textContent).toMatch(/古い形式（.xls）のブックです/);
  });

  it('a severity card opens 指摘一覧 filtered to its severity', async () => {
    const port = fakePort();
    const { store } = await renderPane('ja', port);
    await act(() => store.runCheck());
    fireEvent.click(screen.getByTestId('card-warning'));
    await screen.findByText('1 / 3 件');
    const [only] = screen.getAllByTestId('finding');
    expect(screen.getAllByTestId('finding')).toHaveLength(1);
    expect(only.textContent).toContain('警告');
    expect(only.textContent).toContain('F12');
  });

  it('tells "nothing was checked" apart from "no findings"', async () => {
    const { checkWorkbook } = jest.requireMock('../../src/core/check') as { checkWorkbook: jest.Mock };
    const port = fakePort();
    const { store } = await renderPane('ja', port);
    checkWorkbook.mockReturnValueOnce({ report: { ...REPORT, sheets: [{ name: 'メモ', kind: 'other', headerRow: null }], findings: [], policies: [] }, layouts: [] });
    await act(() => store.runCheck());
    expect(screen.getByTestId('nothing-checked').textContent).toContain('「問題なし」ではありません');
    expect(screen.queryByTestId('no-findings')).toBeNull();
    checkWorkbook.mockReturnValueOnce({ report: { ...REPORT, findings: [] }, layouts: LAYOUTS });
    await act(() => store.runCheck());
    expect(screen.getByTestId('no-findings').textContent).toBe('指摘はありません。');
    expect(screen.queryByTestId('nothing-checked')).toBeNull();
  });

  it('settings: the detected year in the field, a confirmation after 保存して再点検, and where browser settings live', async () => {
    const port = fakePort('file');
    const { store } = await renderPane('ja', port, 'browser');
    await act(() => store.runCheck());
    fireEvent.click(screen.getByRole('tab', { name: '設定' }));
    const input = screen.getByTestId('report-year') as HTMLInputElement;
    expect(input.placeholder).toBe('令和5年度（2023年度）');
    expect(screen.getByTestId('settings-browser-note').textContent).toContain('このブラウザに保存');
    fireEvent.click(screen.getByRole('button', { name: '保存して再点検' }));
    expect(await screen.findByText('設定を保存し、その設定で点検し直しました。')).toBeTruthy();
    expect(port.calls.filter((c) => c === 'read')).toHaveLength(2);
  });

  it('an unreadable dropped file: the CLI’s reason, and no 点検する button', async () => {
    const port: WorkbookPort = { ...fakePort('file'), fileName: '古い.xls', readSnapshot: async () => Promise.reject(Object.assign(new Error('x'), { code: 'unreadable', reason: 'legacy-xls' })) };
    const { store } = await renderPane('ja', port, 'browser');
    await act(() => store.runCheck());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('「古い.xls」を読み込めません — 古い形式（.xls）のブックです。Excelで開いて「Excelブック(.xlsx)」として保存し直してください。');
    expect(screen.queryByRole('button', { name: '点検する' })).toBeNull();
  });
});
