/**
 * The built add-in files (npm run test:e2e builds first): the page Excel opens loads Office.js
 * in <head> from the complete local copy, before the bundle, after the ES5 check; the help page
 * and the dev manifest are in dist/. Opening addin.html in Chromium outside Excel must not
 * leave a blank page either (the pane reports that Office is missing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, serveDir, type StaticServer } from '../../scripts/pane-server';

const DIST = join(__dirname, '../../dist');
jest.setTimeout(120_000);

describe('dist/ for Excel', () => {
  it('addin.html: legacy check, then Office.js, then the bundle, all in <head>; taskpane.html without Office.js', () => {
    const addin = readFileSync(join(DIST, 'addin.html'), 'utf8');
    const head = addin.slice(0, addin.indexOf('</head>'));
    const legacy = head.indexOf('src="legacy-check.js"');
    const office = head.indexOf('src="office-js/office.js"');
    const bundle = head.search(/src="taskpane\.[0-9a-f]+\.js"/);
    expect(legacy).toBeGreaterThan(0);
    expect(office).toBeGreaterThan(legacy);
    expect(bundle).toBeGreaterThan(office);
    expect(readFileSync(join(DIST, 'taskpane.html'), 'utf8')).not.toContain('office.js');
  });

  it('the local Office.js copy has every telemetry file office.js asks for, and the Excel host files', () => {
    const officeJs = readFileSync(join(DIST, 'office-js/office.js'), 'utf8');
    const wanted = [...new Set([...officeJs.matchAll(/"((?:aria)?telemetry\/[\w.-]+\.js)"/g)].map((m) => m[1]))];
    for (const f of ['telemetry/oteljs_agave.js', ...wanted]) expect([f, existsSync(join(DIST, 'office-js', f))]).toEqual([f, true]);
    for (const f of ['excel-win32-16.01.js', 'excel-web-16.00.js', 'excel-mac-16.00.js', 'ja-jp/office_strings.js']) {
      expect([f, existsSync(join(DIST, 'office-js', f))]).toEqual([f, true]);
    }
    for (const f of ['help.html', 'legacy-check.js', 'manifest.xml', 'assets/icon-64.png']) expect([f, existsSync(join(DIST, f))]).toEqual([f, true]);
  });

  describe('in Chromium outside Excel', () => {
    let server: StaticServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await serveDir(DIST);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });
    it('a current browser shows no old-webview message; the help page renders in Japanese', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/taskpane.html`);
      await page.waitForSelector('#root *');
      expect(await page.$('[data-hyoka-unsupported]')).toBeNull();
      await page.goto(`${server.origin}/help.html`);
      expect(await page.textContent('h1')).toBe('Hyoka（評価点検）ヘルプ');
      await page.close();
    });
  });
});
