/// <reference types="office-js" />
/**
 * Host detection in one place. The same taskpane.html runs inside Excel (the manifest opens it
 * with `?host=excel`, and Office adds `_host_Info`) or as a plain page in a browser, where
 * Office.js is never loaded at all.
 */
export type HostKind = 'excel' | 'browser';

export function detectHost(location: { search: string; hash: string }, windowName = ''): HostKind {
  const params = new URLSearchParams(location.search);
  if (params.get('host') === 'excel') return 'excel';
  if (params.has('_host_Info') || /_host_Info=/i.test(location.hash) || /_host_Info/i.test(windowName)) return 'excel';
  return 'browser';
}

/** `?lang=ja|en` overrides the detected language (screenshots, manual checks). */
export function langOverride(location: { search: string }): 'ja' | 'en' | null {
  const v = new URLSearchParams(location.search).get('lang');
  return v === 'ja' || v === 'en' ? v : null;
}

export function langFromLocale(locale: string | null | undefined): 'ja' | 'en' {
  return locale && /^ja\b/i.test(locale) ? 'ja' : 'en';
}

/** Loads the bundled office.js (same origin) and waits for Office.onReady; never touches the CDN. */
export function loadOfficeJs(src: string, doc: Document = document, timeoutMs = 15000): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = src;
    const timer = setTimeout(() => reject(new Error('office-timeout')), timeoutMs);
    script.onload = () => {
      const office = (globalThis as { Office?: typeof Office }).Office;
      if (!office) {
        clearTimeout(timer);
        reject(new Error('office-missing'));
        return;
      }
      void office.onReady().then(() => {
        clearTimeout(timer);
        resolve();
      });
    };
    script.onerror = () => {
      clearTimeout(timer);
      reject(new Error('office-missing'));
    };
    doc.head.appendChild(script);
  });
}
