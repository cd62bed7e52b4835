/**
 * The browser pane under load (part of `npm run bench`): a bench workbook is dropped into the
 * built pane (dist/, built first when missing) in Debian's Chromium, and the page's main thread
 * is watched with PerformanceObserver('longtask') from before the page's own scripts run until
 * the counts are shown. Reading and checking run in a Web Worker, so what remains on the main
 * thread is receiving the report and rendering it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium, serveDir } from '../scripts/pane-server';
import { benchWorkbook, type BenchLayout } from './generate';

const ROOT = path.join(__dirname, '..');

export interface PaneBench {
  layout: BenchLayout;
  rows: number;
  /** The longest task the page's main thread ran between the drop and the counts. */
  longestMainThreadTaskMs: number;
  longTasks: number;
  longTasksTotalMs: number;
  /** Drop to counts shown (read + check in the worker + rendering), for scale only. */
  dropToCountsMs: number;
}

declare global {
  interface Window {
    __hyokaLongTasks?: { start: number; duration: number }[];
  }
}

export async function benchPane(layout: BenchLayout, rows: number, log: (s: string) => void): Promise<PaneBench> {
  if (!existsSync(path.join(ROOT, 'dist', 'taskpane.html'))) {
    log('pane: building dist/ …');
    const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'ignore' });
    if (built.status !== 0) throw new Error('pane: webpack build failed');
  }
  const file = await benchWorkbook(layout, rows);
  log(`pane: ${layout} ${rows} rows (${((await fs.stat(file)).size / 1e6).toFixed(1)} MB) dropped into Chromium…`);
  const server = await serveDir(path.join(ROOT, 'dist'));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await page.addInitScript(() => {
      window.__hyokaLongTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__hyokaLongTasks?.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    // Only the tasks that start after the drop (loading the page is not the read); entries arrive late.
    const dropAt = await page.evaluate(() => window.performance.now());
    const t0 = performance.now();
    // By path: a buffer would be rebuilt as a File by script in the page, a long task of Playwright's own.
    await page.setInputFiles('[data-testid=file-input]', file);
    await page.getByTestId('severity-counts').waitFor({ timeout: 15 * 60_000 });
    const dropToCountsMs = performance.now() - t0;
    // Long tasks are reported after they end: give the observer a moment.
    await page.waitForTimeout(200);
    const tasks = (await page.evaluate(() => window.__hyokaLongTasks ?? [])).filter((t) => t.start >= dropAt).map((t) => t.duration);
    return {
      layout,
      rows,
      longestMainThreadTaskMs: Math.round(Math.max(0, ...tasks)),
      longTasks: tasks.length,
      longTasksTotalMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
      dropToCountsMs: Math.round(dropToCountsMs),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
