/**
 * Deploying in a city: the manifest a build writes for an intranet address, the manifest's own
 * details, the page for old webviews, the help page, and the CLI release bundle that runs with
 * no node_modules beside it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'acorn';
import { unzipSync, zipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { parseStringPromise } from 'xml2js';

const ROOT = join(__dirname, '../..');
const MANIFEST = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest } = require('../../scripts/manifest-url.js') as { rewriteManifest: (xml: string, url: string) => string };
const BASE = 'https://intranet.example.lg.jp/hyoka/';

type Xml = Record<string, unknown>;
const urlsOf = (xml: string) => [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);

describe('manifest for a city server', () => {
  it('the build rewrites every URL to --env addinUrl, keeps the Id, and leaves the dev manifest on localhost', async () => {
    // The same transform webpack.config.js applies when copying manifest.xml into dist/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = await (require('../../webpack.config.js') as (env: unknown, argv: unknown) => Promise<{ plugins: { patterns?: { from: string; transform?: (c: Buffer) => Buffer | string }[] }[] }>)({ addinUrl: 'https://intranet.example.lg.jp/hyoka' }, { mode: 'production' });
    const copy = config.plugins.find((p) => p.patterns)!.patterns!.find((p) => p.from === 'manifest.xml')!;
    const built = String(copy.transform!(Buffer.from(MANIFEST)));
    const urls = urlsOf(built);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) expect(url.startsWith(BASE)).toBe(true);
    expect(built).toContain(`${BASE}addin.html?host=excel`);
    expect(built).not.toContain('localhost');
    expect(/<Id>(.*)<\/Id>/.exec(built)![1]).toBe(/<Id>(.*)<\/Id>/.exec(MANIFEST)![1]);
    for (const url of urlsOf(MANIFEST)) expect(url.startsWith('https://localhost:3000/')).toBe(true);
    // Also by environment variable, and never to plain http.
    expect(rewriteManifest(MANIFEST, 'https://hyoka.city.lg.jp')).toContain('https://hyoka.city.lg.jp/help.html');
    expect(() => rewriteManifest(MANIFEST, 'http://intranet/hyoka/')).toThrow(/https/);
    process.env.HYOKA_ADDIN_URL = 'https://env.example.lg.jp/x/';
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const viaEnv = await (require('../../webpack.config.js') as (env: unknown, argv: unknown) => Promise<{ plugins: { patterns?: { from: string; transform?: (c: Buffer) => Buffer | string }[] }[] }>)({}, { mode: 'production' });
      const t = viaEnv.plugins.find((p) => p.patterns)!.patterns!.find((p) => p.from === 'manifest.xml')!.transform!;
      expect(String(t(Buffer.from(MANIFEST)))).toContain('https://env.example.lg.jp/x/addin.html');
    } finally {
      delete process.env.HYOKA_ADDIN_URL;
    }
  });

  it('has a 64×64 high-resolution icon, no AppDomain repeating its origin, a real help page, no function file, ExcelApi 1.9', async () => {
    const app = ((await parseStringPromise(MANIFEST)) as { OfficeApp: Xml }).OfficeApp;
    // Element order of the OfficeApp sequence (Microsoft's manifest reference for task-pane add-ins).
    const order = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];
    const present = Object.keys(app).filter((k) => k !== '$');
    expect(present).toEqual(order.filter((k) => present.includes(k)));
    for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'DefaultSettings', 'Permissions']) expect(present).toContain(required);
    expect(present).not.toContain('AppDomains');
    expect(MANIFEST).not.toContain('<FunctionFile');
    expect(MANIFEST).toContain('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>');
    const png = readFileSync(join(ROOT, 'assets/icon-64.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    expect(MANIFEST).toContain('<SupportUrl DefaultValue="https://localhost:3000/help.html"/>');
    expect(MANIFEST).toMatch(/<Set Name="ExcelApi" MinVersion="1.9"\/>/);
    const help = readFileSync(join(ROOT, 'src/static/help.html'), 'utf8');
    expect(help).toContain('<html lang="ja">');
    for (const section of ['何を点検するか', '指摘の読み方', 'プライバシー', '診断']) expect(help).toContain(section);
    // Every resid the manifest uses is defined.
    const ids = new Set([...MANIFEST.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of MANIFEST.matchAll(/resid="([^"]+)"/g)) expect(ids).toContain(m[1]);
  });
});

describe('pages', () => {
  const addin = readFileSync(join(ROOT, 'src/taskpane/addin.html'), 'utf8');
  const browser = readFileSync(join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
  it('addin.html references Office.js in <head> after the ES5 check; taskpane.html (browser mode) never loads it', () => {
    const head = addin.slice(0, addin.indexOf('</head>'));
    expect(head.indexOf('legacy-check.js')).toBeGreaterThan(0);
    expect(head.indexOf('<script src="office-js/office.js"></script>')).toBeGreaterThan(head.indexOf('legacy-check.js'));
    expect(browser).not.toContain('office.js');
    expect(browser).toContain('<script src="legacy-check.js"></script>');
  });

  const script = readFileSync(join(ROOT, 'src/static/legacy-check.js'), 'utf8');
  it('the old-webview check is ES5', () => {
    expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
  });

  /** The script as a <head> script would run: before the document has finished loading. */
  async function runIn(old: boolean): Promise<JSDOM> {
    const dom = new JSDOM('<!doctype html><html><head></head><body><div id="root"></div></body></html>', { runScripts: 'outside-only' });
    const loaded = new Promise((resolve) => dom.window.addEventListener('DOMContentLoaded', resolve));
    // Every Office webview has fetch; jsdom does not. An old one (IE 11) lacks ES2019+ built-ins.
    dom.window.eval(`window.fetch = function () {};${old ? ' Object.fromEntries = undefined; Array.prototype.at = undefined;' : ''}`);
    dom.window.eval(script);
    await loaded;
    return dom;
  }
  it('shows a short Japanese message in an old webview and nothing in a current one', async () => {
    const old = await runIn(true);
    const box = old.window.document.querySelector('[data-hyoka-unsupported]');
    expect(box?.textContent).toContain('このExcelではHyoka（評価点検）を表示できません。');
    expect(box?.textContent).toContain('WebView2');
    expect(old.window.document.querySelector('[data-hyoka-unsupported]')?.getAttribute('role')).toBe('alert');
    const current = await runIn(false);
    expect(current.window.document.querySelector('[data-hyoka-unsupported]')).toBeNull();
  });
});

describe('CLI release for a closed-network PC', () => {
  it('npm run release makes one file that runs `check` with no node_modules beside it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hyoka-release-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/release.js'), out], { cwd: ROOT, stdio: 'pipe' });
      const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
      const dir = join(out, `hyoka-${version}`);
      expect(existsSync(join(out, `hyoka-${version}.zip`))).toBe(true);
      expect(readFileSync(join(dir, 'hyoka.cmd'), 'utf8')).toContain('node "%~dp0hyoka.cjs" %*');
      // Alone in an empty folder (no node_modules anywhere above /tmp), as on a PC without npm.
      const lone = mkdtempSync(join(tmpdir(), 'hyoka-lone-'));
      copyFileSync(join(dir, 'hyoka.cjs'), join(lone, 'hyoka.cjs'));
      copyFileSync(join(ROOT, 'samples/komae-policy-grades.xlsx'), join(lone, 'komae.xlsx'));
      const run = (file: string): ReturnType<typeof spawnSync> =>
        spawnSync(process.execPath, ['hyoka.cjs', 'check', file, '--json'], { cwd: lone, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      const r = run('komae.xlsx');
      expect(r.stderr).toBe('');
      const json = JSON.parse(String(r.stdout)) as { findings?: unknown[] };
      expect(Array.isArray(json.findings)).toBe(true);
      // A file past 1 MB (where the CLI once read the strings on a worker thread beside the command): the same report.
      const parts = unzipSync(new Uint8Array(readFileSync(join(ROOT, 'samples/komae-policy-grades.xlsx'))));
      writeFileSync(join(lone, 'large.xlsx'), zipSync({ ...parts, 'xl/media/image1.bin': [new Uint8Array(randomBytes(1_100_000)), { level: 0 }] }));
      const large = run('large.xlsx');
      rmSync(lone, { recursive: true, force: true });
      expect(large.stderr).toBe('');
      expect(large.status).toBe(r.status);
      const findings = (out: unknown): unknown[] => (JSON.parse(String(out)) as { findings: unknown[] }).findings;
      expect(findings(large.stdout).length).toBe(findings(r.stdout).length);
      expect(findings(large.stdout).length).toBeGreaterThan(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
