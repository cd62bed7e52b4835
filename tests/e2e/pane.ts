/**
 * The e2e tests' shared set-up: the built pane (dist/) served on localhost, Debian's Chromium,
 * and a page that records every request off this origin (then refused), the workers it starts
 * and Content-Security-Policy complaints.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveDir, type StaticServer } from '../../scripts/pane-server';

export const ROOT = join(__dirname, '../..');
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface OpenedPane {
  page: Page;
  /** URLs of the Web Workers the page started. */
  workers: string[];
  cspErrors: string[];
}

/** Registers beforeAll/afterAll for the server and the browser; `offsite` collects over the whole file. */
export function paneHarness(): { openPane: () => Promise<OpenedPane>; offsite: string[] } {
  let server: StaticServer;
  let browser: Browser;
  const offsite: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/taskpane.html'))) throw new Error('dist/ is missing: run `npm run build` (npm run test:e2e does)');
    server = await serveDir(join(ROOT, 'dist'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const local = (url: string): boolean => url.startsWith(`${server.origin}/`) || url.startsWith('blob:') || url.startsWith('data:');

  async function openPane(): Promise<OpenedPane> {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'ja-JP', viewport: { width: 360, height: 900 } });
    // Anything that is not this origin (or an in-page blob/data URL) is recorded and refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const workers: string[] = [];
    const cspErrors: string[] = [];
    page.on('request', (req) => {
      if (!local(req.url())) offsite.push(req.url());
    });
    page.on('worker', (w) => workers.push(w.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${server.origin}/taskpane.html`);
    return { page, workers, cspErrors };
  }

  return { openPane, offsite };
}
