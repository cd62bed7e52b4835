/// <reference types="office-js" />
import type { WorkbookPort } from './port';
import { createLivePort } from './live-port';
import { langFromLocale, loadOfficeJs } from './host';

/**
 * Inside Excel: load the bundled office.js (same origin, no CDN), wait for Office.onReady and
 * wrap the live workbook in a port. The only place that touches the Office globals.
 */
export async function connectToExcel(officeJsUrl: string): Promise<{ port: WorkbookPort; lang: 'ja' | 'en' }> {
  await loadOfficeJs(officeJsUrl);
  const lang = langFromLocale(Office.context.displayLanguage);
  const url = Office.context.document?.url ?? '';
  const fileName = url ? decodeURIComponent(url.split(/[\\/]/).pop() ?? '') || null : null;
  const port = createLivePort({
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    web: Office.context.platform === Office.PlatformType.OfficeOnline,
    fileName,
  });
  return { port, lang };
}
