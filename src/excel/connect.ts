/// <reference types="office-js" />
import type { WorkbookPort } from './port';
import { createLivePort, type ExcelRunner } from './live-port';
import { langFromLocale, loadOfficeJs } from './host';
import { libraryFromNamespace, loadedLibraryVersion } from './capability';

/**
 * Inside Excel: wait for Office.js (referenced in <head> of addin.html, as Microsoft documents;
 * loaded here only if that page was not used) and wrap the live workbook in a port. The only
 * place that touches the Office globals.
 */
export async function connectToExcel(officeJsUrl: string): Promise<{ port: WorkbookPort; lang: 'ja' | 'en' }> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (office) await office.onReady();
  else await loadOfficeJs(officeJsUrl);
  const lang = langFromLocale(Office.context.displayLanguage);
  const diagnostics = Office.context.diagnostics;
  const port = createLivePort({
    run: cellEditSafeRunner(Excel),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    // What the loaded office.js defines: the host may support sets this copy does not know.
    library: libraryFromNamespace(Excel, loadedLibraryVersion()),
    web: Office.context.platform === Office.PlatformType.OfficeOnline,
    fileName: fileNameFromUrl(Office.context.document?.url),
    host: diagnostics ? { host: String(diagnostics.host), platform: String(diagnostics.platform), version: String(diagnostics.version) } : undefined,
  });
  return { port, lang };
}

/**
 * Every batch waits while the user is editing a cell instead of failing (Excel.run's
 * `delayForCellEdit`, typings of Excel.RunOptions).
 */
export function cellEditSafeRunner(excel: Pick<typeof Excel, 'run'>): ExcelRunner {
  return <T>(batch: (context: Excel.RequestContext) => Promise<T>) => excel.run({ delayForCellEdit: true }, batch);
}

/**
 * The document's file name from Office.context.document.url, which may be a path, a URL or
 * percent-encoded. A name such as `達成率100%.xlsx` is not valid percent-encoding
 * (decodeURIComponent throws): the raw text is kept. Never throws.
 */
export function fileNameFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  // A query or fragment belongs to a web address only; a local file name may contain '#'.
  const path = /^https?:/i.test(url) ? url.replace(/[?#].*$/, '') : url;
  const clean = path.split(/[\\/]/).pop() ?? '';
  let name = clean;
  try {
    name = decodeURIComponent(clean);
  } catch {
    name = clean;
  }
  return name || null;
}
