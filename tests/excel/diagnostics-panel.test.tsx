/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createLivePort } from '../../src/excel/live-port';
import { DIAGNOSTIC_IDS } from '../../src/excel/diagnostics';
import { DiagnosticsPanel } from '../../src/taskpane/screens/DiagnosticsPanel';
import { PaneContext, createPaneStore } from '../../src/taskpane/store';
import { FakeWorkbook } from './fake-excel';
import '../taskpane/jsdom-shims';


// The button a person presses in real Excel, driving the same port.diagnose() on the fake.
it('設定 › 診断: one button, ✓ per check with host and API sets, and a copy button', async () => {
  const wb = new FakeWorkbook();
  wb.library = 'newer';
  wb.addSheet('評価').setRows([['a']]);
  const port = createLivePort({ ...wb.env(), web: false, fileName: null, host: { host: 'Excel', platform: 'PC', version: '16.0.1' } });
  const store = createPaneStore({ lang: 'ja', host: 'excel', download: () => undefined });
  await store.openPort(port);
  const copied: string[] = [];
  Object.assign(navigator, { clipboard: { writeText: async (t: string) => void copied.push(t) } });
  render(
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={store}>
        <DiagnosticsPanel />
      </PaneContext.Provider>
    </FluentProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: '診断を実行' }));
  await screen.findByText('すべての項目が ✓ です。このExcelでHyokaを使えます。', {}, { timeout: 10_000 });
  for (const id of DIAGNOSTIC_IDS) expect(screen.getByTestId(`diagnostic-${id}`).textContent).toMatch(/^✓/);
  expect(screen.getByText('ホスト Excel / PC / バージョン 16.0.1')).toBeTruthy();
  expect(screen.getByText('読み込んだ Office.js: fake: a library with ExcelApi 1.16（ExcelApi 1.16 まで）')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '結果をコピー' }));
  await waitFor(() => expect(copied).toHaveLength(1));
  expect(copied[0]).toContain('✓ 「=」で始まる文字が文字のまま残る: =1+1 +1 -1 @SUM(1) read back exactly as text');
}, 20_000);
