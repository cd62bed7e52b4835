import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PaneContext, createPaneStore } from './store';
import { downloadBytes } from './download';
import { detectHost, langFromLocale, langOverride } from '../excel/host';
import { createWorkerEngine } from './engine-worker-client';
import type { PaneEngine } from './engine';
import { startEngineWorker } from './start-engine-worker';

/** Reading and checking run in Web Workers, off the page's main thread (undefined: in the page). */
const engine: PaneEngine | undefined = typeof Worker === 'undefined' ? undefined : createWorkerEngine(startEngineWorker);

/** Entry point: decide the host once, then render the same pane for Excel or the browser. */
async function main(): Promise<void> {
  const host = detectHost(window.location, window.name);
  const forced = langOverride(window.location);
  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);

  if (host === 'excel') {
    // Shown at once, before Office.js answers: a pane that never looks hung.
    const store = createPaneStore({ lang: forced ?? langFromLocale(navigator.language), host, download: downloadBytes, engine, connecting: true });
    root.render(
      <PaneContext.Provider value={store}>
        <App />
      </PaneContext.Provider>,
    );
    try {
      // Loaded only inside Excel, so the browser page never asks for office.js.
      const { connectToExcel } = await import(/* webpackChunkName: "excel" */ '../excel/connect');
      const { port, lang } = await connectToExcel('office-js/office.js');
      if (!forced) store.setLang(lang);
      await store.openPort(port);
    } catch {
      store.connectionFailed();
    }
    return;
  }

  const store = createPaneStore({ lang: forced ?? langFromLocale(navigator.language), host, download: downloadBytes, engine });
  document.documentElement.lang = store.getState().lang;
  root.render(
    <PaneContext.Provider value={store}>
      <App />
    </PaneContext.Provider>,
  );
}

void main();
