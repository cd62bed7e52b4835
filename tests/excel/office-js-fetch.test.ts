/**
 * `npm run office-js:fetch DIR` against a fake CDN on 127.0.0.1 (never the internet): it
 * downloads the file set Hyoka ships, follows run-time files the fetched office.js names,
 * records the version, and `--env officeJsDir=DIR` makes the build bundle that folder.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { libraryHighestExcelApi } from '../../src/excel/capability';
import { loadBundledLibrary } from './bundled-library';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fetchOfficeJs } = require('../../scripts/office-js-fetch.js') as { fetchOfficeJs: (dir: string, base: string, log?: (s: string) => void) => Promise<{ version: string; files: Record<string, { bytes: number; sha256: string }>; missing: string[]; source: string }> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require('../../webpack.config.js') as (env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<{ plugins: unknown[] }>;

const NPM_DIST = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
const NEW_VERSION = '16.0.99999.10000';
const NEW_RUNTIME_FILE = 'telemetry/oteljs_next.js';

let server: Server;
let base = '';
const requests: string[] = [];
let notFound = new Set<string>();

beforeAll(async () => {
  // The "CDN": the npm copy's files, with an office.js of a newer version naming one more run-time file.
  const office = readFileSync(join(NPM_DIST, 'office.js'), 'utf8').replace(/FileVersion:"[\d.]+"/, `FileVersion:"${NEW_VERSION}"`) + `\nvar hyokaTestNext="${NEW_RUNTIME_FILE}";\n`;
  server = createServer((req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').replace(/^\/lib\/1\/hosted\//, ''));
    requests.push(rel);
    if (notFound.has(rel)) {
      res.writeHead(404).end();
      return;
    }
    if (rel === 'office.js') return void res.writeHead(200).end(office);
    if (rel === NEW_RUNTIME_FILE) return void res.writeHead(200).end('/* next telemetry */');
    const file = join(NPM_DIST, rel);
    if (rel.includes('..') || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lib/1/hosted/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const tmp = () => mkdtempSync(join(tmpdir(), 'hyoka-officejs-'));

describe('npm run office-js:fetch DIR', () => {
  it('downloads the file set, follows files office.js names, records the version and what the server lacked', async () => {
    const root = tmp();
    try {
      notFound = new Set(['de-de/office_strings.js']);
      const dir = join(root, 'office-js');
      const logs: string[] = [];
      const record = await fetchOfficeJs(dir, base, (s) => logs.push(s));
      expect(record.version).toBe(NEW_VERSION);
      expect(record.source).toBe(base);
      for (const f of ['office.js', 'excel-win32-16.01.js', 'excel-web-16.00.js', 'ja-jp/office_strings.js', 'telemetry/oteljs_agave.js', NEW_RUNTIME_FILE]) {
        expect([f, existsSync(join(dir, f))]).toEqual([f, true]);
        expect(record.files[f].sha256).toBe(createHash('sha256').update(readFileSync(join(dir, f))).digest('hex'));
      }
      expect(record.missing).toEqual(['de-de/office_strings.js']);
      expect(logs.join('\n')).toContain('not on the server (left out): de-de/office_strings.js');
      expect(JSON.parse(readFileSync(join(dir, 'hyoka-office-js.json'), 'utf8'))).toMatchObject({ version: NEW_VERSION });
      expect(logs.join('\n')).toContain(`--env officeJsDir=${dir}`);
      // No debug builds, no other hosts' files.
      expect(requests.some((r) => r.endsWith('.debug.js') || /^(word|outlook|powerpoint)/.test(r))).toBe(false);
      // What 診断 would show for a pane loading this folder.
      const loaded = loadBundledLibrary(dir);
      expect(loaded.library.version).toBe(NEW_VERSION);
      expect(libraryHighestExcelApi(loaded.library)).toBe('1.15'); // the fake CDN serves the old host file

      // Fetching again into the same folder replaces it.
      const again = await fetchOfficeJs(dir, base, () => undefined);
      expect(again.version).toBe(NEW_VERSION);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('stops without writing anything when a required file is missing', async () => {
    const root = tmp();
    try {
      notFound = new Set(['excel-win32-16.01.js']);
      const dir = join(root, 'office-js');
      await expect(fetchOfficeJs(dir, base, () => undefined)).rejects.toThrow(/excel-win32-16\.01\.js answered 404: .*nothing was written/);
      expect(existsSync(dir)).toBe(false);
    } finally {
      notFound = new Set();
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);

  it('never writes into a folder it did not fill', async () => {
    const root = tmp();
    try {
      writeFileSync(join(root, 'mine.txt'), 'x');
      await expect(fetchOfficeJs(root, base, () => undefined)).rejects.toThrow(/was not filled by office-js:fetch/);
      expect(readFileSync(join(root, 'mine.txt'), 'utf8')).toBe('x');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('npm run build -- --env officeJsDir=DIR', () => {
  const officeJsPattern = async (env: Record<string, unknown>) => {
    const config = await webpackConfig(env, { mode: 'production' });
    const copy = config.plugins.find((p) => Array.isArray((p as { patterns?: unknown }).patterns)) as { patterns: { from: string; to: string }[] };
    return copy.patterns.filter((p) => p.to.startsWith('office-js'));
  };

  it('without it: the npm copy', async () => {
    expect((await officeJsPattern({})).map((p) => p.from)).toEqual([NPM_DIST]);
  });

  it('with it: that folder, and its version record beside office.js', async () => {
    const root = tmp();
    try {
      const dir = join(root, 'office-js');
      mkdirSync(dir);
      for (const f of ['office.js', 'excel-win32-16.01.js']) writeFileSync(join(dir, f), '');
      await expect(webpackConfig({ officeJsDir: dir }, { mode: 'production' })).rejects.toThrow(/has no hyoka-office-js\.json: fill it with {2}npm run office-js:fetch/);
      writeFileSync(join(dir, 'hyoka-office-js.json'), JSON.stringify({ version: NEW_VERSION }));
      const patterns = await officeJsPattern({ officeJsDir: dir });
      expect(patterns.map((p) => [p.from, p.to])).toEqual([
        [dir, 'office-js'],
        [join(dir, 'hyoka-office-js.json'), 'office-js/hyoka-office-js.json'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
