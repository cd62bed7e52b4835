/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MASTER_FILE, buildDepartmentSet } from '../../scripts/make-department-set';
import { defaultSettings, type InputSnapshot, type SummaryDocument, type WorkbookSnapshot } from '../../src/core';
import type { WorkbookPort } from '../../src/excel/port';
import { isUnreadable, type UnreadableReason } from '../../src/xlsx/errors';
import { readWorkbook } from '../../src/xlsx/read';
import { App } from '../../src/taskpane/App';
import { PaneContext, createPaneStore } from '../../src/taskpane/store';
import './jsdom-shims';

// Fluent renders slowly on a loaded 2-core CI machine: a generous limit (no timing is asserted).
jest.setTimeout(120_000);

/**
 * The 取りまとめ screen with the real engine on the generated department set (read once here);
 * only the file reading is stubbed, so each file's arrival — and the progress bar — is under the
 * test's control.
 */
const snapshots = new Map<string, InputSnapshot | { reason: UnreadableReason }>();
let names: string[];


beforeAll(async () => {
  for (const f of await buildDepartmentSet()) {
    try {
      snapshots.set(f.name, await readWorkbook(f.data, f.name));
    } catch (e) {
      if (!isUnreadable(e)) throw e;
      snapshots.set(f.name, { reason: e.reason });
    }
  }
  names = [...snapshots.keys()].filter((n) => n !== MASTER_FILE);
});

function setup(opts: { host?: 'excel' | 'browser'; port?: WorkbookPort; lang?: 'ja' | 'en' } = {}) {
  const gates: (() => void)[] = [];
  const downloads: string[] = [];
  const store = createPaneStore({
    lang: opts.lang ?? 'ja',
    host: opts.host ?? 'browser',
    download: (_b, name) => downloads.push(name),
    yieldToUi: async () => {},
    readInput: async (file, describe) => {
      if (file.name !== MASTER_FILE) await new Promise<void>((release) => gates.push(release));
      const s = snapshots.get(file.name);
      if (!s) throw new Error(`no such file ${file.name}`);
      return 'reason' in s ? { unreadable: describe(s.reason) } : s;
    },
    workbookBytes: async (doc) => new Uint8Array(doc.sheets.length),
  });
  /** Lets the waiting file arrive, then the engine move on to the next. */
  const release = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      await waitFor(() => expect(gates.length).toBeGreaterThan(0));
      await act(async () => {
        gates.shift()?.();
        await new Promise((r) => setTimeout(r, 5));
      });
    }
  };
  return { store, gates, downloads, release };
}

function renderWith(store: ReturnType<typeof createPaneStore>) {
  return render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
}

const file = (name: string): File => new File(['x'], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

function pickFiles(list: string[]) {
  fireEvent.change(screen.getByTestId('consolidate-files'), { target: { files: list.map(file) } });
}

describe('取りまとめ screen', () => {
  it('runs over picked files with a progress bar, then shows files, findings with their file, and downloads', async () => {
    const { store, downloads, release } = setup();
    renderWith(store);
    fireEvent.click(screen.getByRole('tab', { name: '取りまとめ' }));
    expect(screen.getByText(/担当課から届いた評価シート/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '取りまとめる' })).toHaveProperty('disabled', true);

    // Everything in the folder, the plan master and an Excel lock file included.
    pickFiles([...names, MASTER_FILE, '~$地域福祉課.xlsx']);
    fireEvent.change(screen.getByTestId('consolidate-master'), { target: { files: [file(MASTER_FILE)] } });
    expect(screen.getByTestId('consolidate-selected').textContent).toBe('13 件のファイルを選択中');
    expect(screen.getByTestId('consolidate-master-name').textContent).toBe('計画体系: 計画体系.xlsx');

    // IME-safe: Enter that confirms a conversion does not start the run.
    const year = screen.getByTestId('consolidate-year');
    fireEvent.change(year, { target: { value: '令和２年度' } });
    fireEvent.keyDown(year, { key: 'Enter', isComposing: true, keyCode: 229 });
    expect(store.getState().consolidation.running).toBe(false);
    fireEvent.keyDown(year, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getByRole('button', { name: '中止' })).toBeTruthy());

    await release(3);
    await waitFor(() => expect(screen.getByText(/^3 \/ 12 ファイル/)).toBeTruthy());
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(3 / 12));
    await release(9);

    const result = await screen.findByTestId('consolidate-result');
    expect(within(result).getByTestId('consolidate-totals').textContent).toBe('報告年度 令和2年度（2020年度）・ファイル 12 件・取りまとめた事業 57 行');
    // 公民館's only file cannot be read: it did submit (提出あり（読めません）), so it is not listed as 未提出.
    expect(within(result).getByTestId('consolidate-missing').textContent).toBe('未提出の担当課: 健康課');
    const rows = within(result).getAllByTestId('consolidate-file-row');
    expect(rows).toHaveLength(12);
    const status = (name: string) => within(rows.find((r) => r.textContent?.includes(name))!).getByTestId('file-status').textContent;
    expect(status('交通対策課.xlsx')).toBe('年度違い');
    expect(status('公民館.xlsx')).toBe('読み込めない');
    expect(status('介護福祉課.xlsx')).toBe('受領');

    // Findings grouped by file, the file named on each.
    const byRule = (rule: string) => [...result.querySelectorAll(`li[data-rule="${rule}"]`)];
    expect(byRule('year-mismatch').map((li) => within(li as HTMLElement).getByTestId('finding-source').textContent)).toEqual(['交通対策課.xlsx']);
    expect(byRule('file-unreadable')[0].textContent).toMatch(/公民館\.xlsx/);
    expect(byRule('file-unreadable')[0].textContent).toMatch(/ファイルが壊れています|Excel ブックではありません/);
    expect(byRule('duplicate-program')[0].textContent).toMatch(/地域福祉課\.xlsx · シート9/);
    expect(byRule('department-missing')[0].textContent).toMatch(/健康課/);
    expect(byRule('department-missing')[0].textContent).toMatch(/計画体系\.xlsx · 計画体系/);
    expect(byRule('program-unreported')).toHaveLength(3);
    expect(byRule('program-unknown')[0].textContent).toMatch(/地域安全課\.xlsx/);

    // Filter to one file.
    fireEvent.click(within(result).getAllByRole('combobox')[1]);
    fireEvent.click(await screen.findByRole('option', { name: '交通対策課.xlsx' }));
    expect(within(result).getAllByTestId('consolidate-finding-file')).toHaveLength(1);

    fireEvent.click(within(result).getByRole('button', { name: '取りまとめ結果をダウンロード' }));
    await waitFor(() => expect(downloads).toEqual(['取りまとめ_令和2年度.xlsx']));
    expect(await screen.findByText('取りまとめ_令和2年度.xlsx をダウンロードしました。')).toBeTruthy();
  });

  it('cancels between files: nothing is shown as a result, and the run can start again', async () => {
    const { store, release } = setup();
    renderWith(store);
    fireEvent.click(screen.getByRole('tab', { name: '取りまとめ' }));
    pickFiles(names);
    fireEvent.click(screen.getByRole('button', { name: '取りまとめる' }));
    await release(2);
    await waitFor(() => expect(screen.getByText(/^2 \/ 12 ファイル/)).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '中止' }));
    await release(1);
    expect(await screen.findByText('取りまとめを中止しました。ブックには何も書き込んでいません。')).toBeTruthy();
    expect(screen.queryByTestId('consolidate-result')).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: '取りまとめる' })).toHaveProperty('disabled', false);
  });

  it('inside Excel offers the open workbook’s 計画体系 sheet and writes the four sheets', async () => {
    const master = snapshots.get(MASTER_FILE) as WorkbookSnapshot;
    const written: SummaryDocument[] = [];
    const port: WorkbookPort = {
      kind: 'live',
      fileName: '取りまとめ.xlsx',
      readSnapshot: async () => master,
      loadSettings: async () => ({ settings: defaultSettings(), problems: [] }),
      saveSettings: async () => undefined,
      writeSummary: async (doc) => (written.push(doc), { kind: 'written', sheets: doc.sheets.map((s) => s.name) }),
      selectCell: async () => undefined,
    };
    const { store, release } = setup({ host: 'excel', port });
    await store.openPort(port);
    renderWith(store);
    fireEvent.click(screen.getByRole('tab', { name: '取りまとめ' }));
    await waitFor(() => expect(store.getState().consolidation.workbookMaster).toBe('計画体系'));
    const use = await screen.findByRole('checkbox', { name: '開いているブックの「計画体系」シートを計画体系として使う' });
    expect(use).toHaveProperty('checked', true);
    pickFiles(names.slice(0, 4));
    fireEvent.click(screen.getByRole('button', { name: '取りまとめる' }));
    await release(4);
    expect(await screen.findByText('「取りまとめ」「評価集計」「点検結果」「提出状況」シートを開いているブックに書き込みました。元のファイルは変更していません。')).toBeTruthy();
    expect(written.map((d) => d.sheets.map((s) => s.name))).toEqual([['取りまとめ', '評価集計', '点検結果', '提出状況']]);
    // Plan findings point into the open workbook, so they are named after it.
    expect(screen.getAllByText('開いているブック（計画体系）', { selector: 'h4' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: '取りまとめシートを書き込む' })).toBeTruthy();
  });

  it('speaks English too', async () => {
    const { store } = setup({ lang: 'en' });
    renderWith(store);
    fireEvent.click(screen.getByRole('tab', { name: 'Consolidate' }));
    pickFiles(names.slice(0, 2));
    expect(screen.getByText('2 files selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `Remove ${names[0]}` }));
    expect(screen.getByText('1 files selected')).toBeTruthy();
    // Dropped files join the picked ones (the same name once).
    fireEvent.drop(screen.getByTestId('consolidate-drop'), { dataTransfer: { files: [file(names[1]), file(names[2])] } });
    expect(screen.getByText('2 files selected')).toBeTruthy();
  });
});
