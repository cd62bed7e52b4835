/** @jest-environment jsdom */
/**
 * 読み取った表 on the 点検 screen: what the check read, and a person's correction of a column's
 * role or a table's header row — saved in the workbook's settings and applied on the next check.
 */
import './jsdom-shims';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { defaultSettings, type Report, type Settings, type SheetLayout } from '../../src/core';
import { checkWorkbook } from '../../src/core/check';
import type { WorkbookPort } from '../../src/excel/port';
import { App } from '../../src/taskpane/App';
import { regionCorrection, regionKey } from '../../src/taskpane/screens/ReadTables';
import { PaneContext, applyCorrection, createPaneStore } from '../../src/taskpane/store';

// The engine has its own tests; the pane gets a hand-made reading of a two-table sheet.
const REPORT: Report = {
  file: 'R2_事業評価.xlsx', reportYear: 2020, reportYearSource: 'file-name',
  sheets: [{ name: '評価表', kind: 'evaluation', headerRow: 8 }], findings: [], policies: [],
};
const base = {
  sheet: '評価表', repeatedHeaderRows: [] as number[], blockHeader: [], statedYear: null, planMaster: false, summaryTable: null,
  firstCol: 0, lastCol: 6, uncertain: false, entryYears: [] as number[], sheetNameYear: null,
};
const LAYOUTS: SheetLayout[] = [
  {
    ...base, kind: 'evaluation', tableKey: 'A8', headerRows: [7], firstDataRow: 8, lastDataRow: 30, hiddenRowsSkipped: 2, uncertainties: [],
    columns: [
      { col: 1, label: '個別事業', role: 'name', source: 'detected', evidence: [{ kind: 'header', word: '個別事業' }] },
      { col: 5, label: 'R2評価', role: 'grade', year: 2020, source: 'detected', evidence: [{ kind: 'year-header', year: 2020 }, { kind: 'validation', items: ['A', 'B', 'C', 'D'] }] },
      { col: 6, label: '点数', role: 'ignore', source: 'detected', evidence: [], hidden: true },
    ],
  },
  {
    ...base, kind: 'evaluation', headerRows: [39], firstDataRow: 40, lastDataRow: 55, hiddenRowsSkipped: 0, uncertain: true,
    uncertainties: [{ kind: 'no-grade-column' }],
    columns: [{ col: 5, label: '備考', role: 'text', source: 'detected', evidence: [{ kind: 'content', share: 0.2, filled: 10 }] }],
  },
];

jest.setTimeout(120_000);

jest.mock('../../src/core/check', () => ({ checkWorkbook: jest.fn(() => ({ report: REPORT, layouts: LAYOUTS, plans: [] })) }));

function fakePort(): WorkbookPort & { saved: Settings[] } {
  let settings = defaultSettings();
  const saved: Settings[] = [];
  return {
    kind: 'live', fileName: 'R2_事業評価.xlsx', saved,
    readSnapshot: async () => ({ sheets: [] }),
    loadSettings: async () => ({ settings, problems: [] }),
    saveSettings: async (s) => {
      saved.push(s);
      settings = s;
    },
    writeSummary: async () => ({ kind: 'written', sheets: [] }),
  };
}

async function renderChecked(lang: 'ja' | 'en') {
  const port = fakePort();
  const store = createPaneStore({ lang, host: 'excel', download: () => {}, yieldToUi: async () => {} });
  await store.openPort(port);
  render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
  await act(() => store.runCheck());
  return { port, store };
}

beforeEach(() => jest.mocked(checkWorkbook).mockClear());

test('shows each table with its rows, every column’s role and why, hidden rows and doubts, and the report year’s source', async () => {
  await renderChecked('ja');
  const panel = screen.getByTestId('read-tables');
  expect(within(panel).getByText('報告年度の根拠: ファイル名')).toBeTruthy();
  const regions = within(panel).getAllByTestId('read-region');
  expect(regions).toHaveLength(2);
  expect(within(regions[0]).getByText('「評価表」表1［A8］（評価表・データ 9〜31行目）')).toBeTruthy();
  expect(within(regions[0]).getByText('年度の見出し（令和2年度）、入力規則のリスト（A,B,C,D）、セルに記入')).toBeTruthy();
  expect(within(regions[0]).getByText('非表示の列（点検しない）')).toBeTruthy();
  expect(within(regions[0]).getByText('非表示の行 2行は点検していません')).toBeTruthy();
  expect(within(regions[1]).getByText('! 評価の列が見つかりません')).toBeTruthy();
  expect(within(regions[1]).getByText('読み取りが不確かなため、この表からはエラーを出していません')).toBeTruthy();
});

test('a column’s role is corrected in two clicks, saved in the workbook by sheet, table and column, and used by the next check', async () => {
  const { port } = await renderChecked('ja');
  // (label and text queries: role queries over the whole pane are slow on a loaded machine)
  fireEvent.click(within(screen.getAllByTestId('read-region')[1]).getByLabelText('「評価表」表2 F列の役割'));
  fireEvent.click(await screen.findByText('評価', { selector: '[role="option"]' }));
  // the second table's F was 備考 (text): now the grade
  await waitFor(() => expect(port.saved).toHaveLength(1));
  expect(port.saved[0].corrections).toEqual([{ sheet: '評価表', table: 'A40', column: 'F', role: 'grade' }]);
  // saving reruns the check with the correction
  await waitFor(() => expect(jest.mocked(checkWorkbook)).toHaveBeenCalledTimes(2));
  const options = jest.mocked(checkWorkbook).mock.calls[1][1];
  expect(options?.settings?.corrections).toEqual([{ sheet: '評価表', table: 'A40', column: 'F', role: 'grade' }]);
});

test('a table’s header row is corrected and keyed by the row detection found', async () => {
  const { port } = await renderChecked('en');
  const region = screen.getAllByTestId('read-region')[0];
  fireEvent.change(within(region).getByLabelText('"評価表" table 1 header row'), { target: { value: '7' } });
  fireEvent.click(within(region).getByText('Change header row'));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  expect(port.saved[0].corrections).toEqual([{ sheet: '評価表', table: 'A8', headerRow: 7 }]);
  expect(screen.getByText('year in the header (FY2020); validation list (A,B,C,D); a label in the cell')).toBeTruthy();
});

test('a region keeps its key after its header row was moved, so later corrections add to the same table', () => {
  // Detection found the header on row 8 (key A8); a correction moved it to row 7.
  const moved: SheetLayout = { ...LAYOUTS[0], headerRows: [6], firstDataRow: 7 };
  const settings = applyCorrection(defaultSettings(), regionCorrection(LAYOUTS[0], { headerRow: 7 }));
  expect(regionKey(moved)).toBe('A8');
  const next = applyCorrection(settings, regionCorrection(moved, { column: { letter: 'F', role: 'grade', year: 2020 } }));
  expect(next.corrections).toEqual([
    { sheet: '評価表', table: 'A8', headerRow: 7 },
    { sheet: '評価表', table: 'A8', column: 'F', role: 'grade', year: 2020 },
  ]);
});

test('設定 corrects nothing itself: it lists the saved corrections read-only, with 読み取った表’s labels, and sends the person there', async () => {
  const { port, store } = await renderChecked('ja');
  act(() => store.setTab('settings'));
  expect(await screen.findByTestId('settings-no-corrections')).toBeTruthy();
  // No second list of column roles under other labels.
  expect(screen.queryByLabelText('評価表 F')).toBeNull();
  expect(screen.queryAllByRole('combobox').map((c) => c.getAttribute('aria-label') ?? '').filter((l) => /列/.test(l))).toEqual([]);
  fireEvent.click(screen.getByTestId('to-read-tables'));
  expect(store.getState().tab).toBe('check');
  // A correction made in 読み取った表 is listed in 設定 with the same words.
  fireEvent.click(within(screen.getAllByTestId('read-region')[0]).getByLabelText('「評価表」表1 F列の役割'));
  fireEvent.click(await screen.findByText('対象外', { selector: '[role="option"]' }));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  await act(() => Promise.resolve());
  act(() => store.setTab('settings'));
  expect((await screen.findAllByTestId('settings-correction')).map((li) => li.textContent)).toEqual(['「評価表」表A8・F列 → 対象外 令和2年度']);
});

test('a second 評価 column is refused with the reason in the pane, and nothing is saved', async () => {
  const { port, store } = await renderChecked('ja');
  await act(() => store.correct({ sheet: '評価表', table: 'A8', column: 'F', role: 'grade' }));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  await act(() => store.correct({ sheet: '評価表', table: 'A8', column: 'G', role: 'grade' }));
  expect(port.saved).toHaveLength(1);
  expect(store.getState().notice).toEqual({ intent: 'error', text: 'G列を「評価」にする修正は効かないため保存しませんでした。F列が既に「評価」です（表が読むのは1列だけです）。先にF列の役割を変えてください。' });
});

test('読み取った表 and 設定 say one true sentence about where corrections are kept', async () => {
  const { store } = await renderChecked('ja');
  const sentence = '設定と読み取りの修正はこのブック（ファイルの中）に保存され、ファイルと一緒に渡ります。';
  expect(within(screen.getByTestId('read-tables')).getByTestId('settings-workbook-note').textContent).toBe(sentence);
  expect(screen.getByTestId('read-tables').textContent).not.toContain('ブラウザ');
  act(() => store.setTab('settings'));
  expect((await screen.findAllByTestId('settings-workbook-note')).map((n) => n.textContent)).toContain(sentence);
});

test('a saved correction that matched no table is shown above the tables', async () => {
  const finding = { rule: 'correction-unmatched', severity: 'warning' as const, messageId: 'table-missing', params: { sheet: '評価表', table: 'C9', column: 'F', row: null }, sheet: '評価表', cell: null, row: null };
  jest.mocked(checkWorkbook).mockReturnValueOnce({ report: { ...REPORT, findings: [finding] }, layouts: LAYOUTS, plans: [], previousYearPlans: [], unmatchedCorrections: [{ sheet: '評価表', table: 'C9', column: 'F', role: 'grade' }] });
  await renderChecked('ja');
  expect(within(screen.getByTestId('read-tables')).getByTestId('correction-unmatched').textContent).toContain('「評価表」表C9・F列');
});

test('a long table says its years are rows, an earlier year’s table says it is not checked, and a table’s kind is corrected', async () => {
  const long: SheetLayout = {
    ...LAYOUTS[0], orientation: 'long', entryYears: [2019, 2020],
    columns: [{ col: 0, label: '年度', role: 'recordYear', source: 'detected', evidence: [{ kind: 'records-per-year', years: [2019, 2020], programs: 3, recurring: 3 }] }, ...LAYOUTS[0].columns],
  };
  const previous: SheetLayout = { ...LAYOUTS[0], sheet: 'R元', tableKey: 'B4', yearRole: 'previous-year', statedYear: 2019, orientation: 'wide', entryYears: [2019, 2020] };
  jest.mocked(checkWorkbook).mockReturnValue({ report: REPORT, layouts: [long, previous], plans: [], previousYearPlans: [], unmatchedCorrections: [] });
  const { port } = await renderChecked('ja');
  const regions = screen.getAllByTestId('read-region');
  expect(within(regions[0]).getByTestId('read-orientation').textContent).toBe('1年度1行の表（事業×年度ごとの記録）: 年度はA列（令和元年度・令和2年度）。報告年度の行を点検し、前年度の行を前年度評価として読みます');
  expect(within(regions[0]).getByText('値が年度（令和元年度・令和2年度）で、3事業のうち3事業が複数年度に記録あり')).toBeTruthy();
  expect(within(regions[1]).getByTestId('read-year-role').textContent).toContain('令和元年度の表（今年度の表の隣に残された前年度以前のシート）: 点検せず');
  expect(within(regions[1]).getByTestId('read-orientation').textContent).toBe('向き: 1事業1行、年度は列（令和元年度・令和2年度）');
  fireEvent.click(within(regions[1]).getByLabelText('「R元」表1の種類'));
  fireEvent.click(await screen.findByText('その他', { selector: '[role="option"]' }));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  expect(port.saved[0].corrections).toEqual([{ sheet: 'R元', table: 'B4', kind: 'other' }]);
  jest.mocked(checkWorkbook).mockImplementation(() => ({ report: REPORT, layouts: LAYOUTS, plans: [], previousYearPlans: [], unmatchedCorrections: [] }));
});

test('a sheet that looks like a table but was not read is shown too: its header row and kind are set here, so nothing is out of reach', async () => {
  // Detection found no header (nothing-checked): without this, the pane offered no way to read it.
  const unread: SheetLayout = { ...base, sheet: '一覧', kind: 'other', headerRows: [], firstDataRow: 0, lastDataRow: 5, hiddenRowsSkipped: 0, uncertain: true, uncertainties: [{ kind: 'no-header' }], columns: [] };
  const cover: SheetLayout = { ...base, sheet: '表紙', kind: 'other', headerRows: [], firstDataRow: 0, lastDataRow: 2, hiddenRowsSkipped: 0, uncertainties: [], columns: [] };
  jest.mocked(checkWorkbook).mockReturnValue({ report: REPORT, layouts: [cover, unread], plans: [], previousYearPlans: [], unmatchedCorrections: [] });
  const { port } = await renderChecked('ja');
  const regions = screen.getAllByTestId('read-region');
  // The cover sheet is no table; only the sheet that looks like one is offered.
  expect(regions).toHaveLength(1);
  expect(within(regions[0]).getByText('「一覧」表1（その他・データ 1〜6行目）')).toBeTruthy();
  expect(within(regions[0]).getByText('! 見出し行が見つかりません')).toBeTruthy();
  const field = within(regions[0]).getByLabelText('「一覧」表1の見出しの行') as HTMLInputElement;
  expect(field.value).toBe('');
  fireEvent.change(field, { target: { value: '2' } });
  fireEvent.click(within(regions[0]).getByText('見出しの行を変更'));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  expect(port.saved[0].corrections).toEqual([{ sheet: '一覧', headerRow: 2 }]);
  jest.mocked(checkWorkbook).mockImplementation(() => ({ report: REPORT, layouts: LAYOUTS, plans: [], previousYearPlans: [], unmatchedCorrections: [] }));
});

test('each graded table shows its scale and where it came from; the levels are corrected through the same path', async () => {
  const { port } = await renderChecked('ja');
  const region = screen.getAllByTestId('read-region')[0];
  expect(within(region).getByTestId('read-scale').textContent).toBe('評価の段階: A・B・C・D（良い順、根拠: 既定（A〜D））');
  fireEvent.change(within(region).getByLabelText('「評価表」表1の評価の段階'), { target: { value: 'S, A, B, C' } });
  fireEvent.click(within(region).getByText('評価の段階を変更'));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  expect(port.saved[0].corrections).toEqual([{ sheet: '評価表', table: 'A8', scale: { levels: ['S', 'A', 'B', 'C'] } }]);
});

test('each table says how its grades are written, which rows are not data and which identifiers were dates; a row’s role is corrected', async () => {
  const read: SheetLayout = {
    ...LAYOUTS[0], orientation: 'wide',
    gradeReading: { graded: 20, formulas: 0, unverified: 1, annotated: 2, marks: ['※'] },
    rowRoles: [
      { row: 8, role: 'example', evidence: [{ kind: 'example-word', col: 1, word: '記入例' }] },
      { row: 10, role: 'heading', evidence: [{ kind: 'title-alone', col: 3, text: '【基本施策1】' }] },
      { row: 11, role: 'heading', evidence: [{ kind: 'title-alone', col: 3, text: '【基本施策2】' }] },
      { row: 19, role: 'heading', evidence: [{ kind: 'title-alone', col: 3, text: '【基本施策3】' }] },
      { row: 29, role: 'total', evidence: [{ kind: 'total-word', col: 1, word: '合計' }] },
      { row: 30, role: 'footnote', evidence: [{ kind: 'footnote-mark', col: 1, mark: '※' }] },
    ],
    recoveredIds: [{ row: 12, col: 0, text: '1-2', storedAs: '2024-01-02' }],
  };
  jest.mocked(checkWorkbook).mockReturnValue({ report: REPORT, layouts: [read], plans: [], previousYearPlans: [], unmatchedCorrections: [] });
  const { port } = await renderChecked('ja');
  const region = screen.getAllByTestId('read-region')[0];
  expect(within(region).getByTestId('read-orientation').textContent).toBe('向き: 1事業1行（年度ごとの列なし）');
  expect(within(region).getByTestId('read-encoding').textContent).toBe('評価の書き方: セルに記入、読めた評価 20件（うち注記号付き 2件（※、注記として残します）、計算結果が保存されていない式 1件（確認できません））');
  expect(within(region).getByTestId('read-row-roles').textContent).toBe('行の役割: 見出し行: 11〜12, 20 / 記入例: 9 / 合計: 30 / 注記: 31');
  expect(within(region).getByTestId('read-recovered').textContent).toBe('日付として保存された番号を読み戻しました: A13「1-2」（保存値 2024-01-02）');
  // The evidence of each row, one line each.
  const evidence = within(region).getByTestId('read-row-evidence');
  expect(evidence.querySelector('summary')?.textContent).toBe('行の役割の根拠（6行）');
  expect([...evidence.querySelectorAll('div')].map((d) => d.textContent)).toEqual([
    '9行目 記入例: B列に「記入例」',
    '11行目 見出し: D列の「【基本施策1】」が1つだけの行',
    '12行目 見出し: D列の「【基本施策2】」が1つだけの行',
    '20行目 見出し: D列の「【基本施策3】」が1つだけの行',
    '30行目 合計: B列に「合計」',
    '31行目 注記: B列が「※」で始まる',
  ]);
  // The row-role correction: a heading that is in fact a program.
  fireEvent.change(within(region).getByLabelText('「評価表」表1の役割を直す行'), { target: { value: '20' } });
  fireEvent.click(within(region).getByLabelText('「評価表」表1の行の役割'));
  fireEvent.click(await screen.findByText('データ（事業の行）', { selector: '[role="option"]' }));
  fireEvent.click(within(region).getByText('行の役割を変更'));
  await waitFor(() => expect(port.saved).toHaveLength(1));
  expect(port.saved[0].corrections).toEqual([{ sheet: '評価表', table: 'A8', row: 20, rowRole: 'data' }]);
  jest.mocked(checkWorkbook).mockImplementation(() => ({ report: REPORT, layouts: LAYOUTS, plans: [], previousYearPlans: [], unmatchedCorrections: [] }));
});

test('in English the same reading is said in English', async () => {
  const read: SheetLayout = { ...LAYOUTS[0], orientation: 'wide', entryYears: [2019, 2020], gradeReading: { graded: 5, formulas: 5, unverified: 0, annotated: 0, marks: [] }, rowRoles: [] };
  jest.mocked(checkWorkbook).mockReturnValue({ report: REPORT, layouts: [read], plans: [], previousYearPlans: [], unmatchedCorrections: [] });
  await renderChecked('en');
  const region = screen.getAllByTestId('read-region')[0];
  expect(within(region).getByTestId('read-orientation').textContent).toBe('Orientation: one row per program, years as columns (FY2019, FY2020)');
  expect(within(region).getByTestId('read-encoding').textContent).toBe("Grades written as: a formula's saved result; 5 read");
  expect(within(region).getByTestId('read-row-roles').textContent).toBe('Row roles: all data');
  jest.mocked(checkWorkbook).mockImplementation(() => ({ report: REPORT, layouts: LAYOUTS, plans: [], previousYearPlans: [], unmatchedCorrections: [] }));
});
