import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStringPromise } from 'xml2js';

const ROOT = join(__dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.xml');
const ORIGIN = 'https://localhost:3000';

/**
 * office-addin-manifest's ESM-only dependencies cannot load inside jest's CommonJS runtime on
 * Node 20, so it parses the manifest in a plain Node child process (which can require ESM).
 */
function readWithOfficeAddinManifest(): Record<string, unknown> {
  const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(${JSON.stringify(MANIFEST)}).then((i) => process.stdout.write(JSON.stringify(i)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, unknown>;
}

type Xml = Record<string, unknown>;
const el = (node: unknown, name: string): Xml[] => ((node as Xml)[name] as Xml[] | undefined) ?? [];
const attr = (node: Xml, name: string): string => ((node.$ as Record<string, string>) ?? {})[name];

describe('manifest.xml', () => {
  it('is a Workbook task-pane add-in with ReadWriteDocument, its pages on its own origin and no extra AppDomain', () => {
    const info = readWithOfficeAddinManifest();
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    // The source origin is trusted already; an AppDomain repeating it is redundant (and flagged by validators).
    expect(info.appDomains ?? []).toEqual([]);
    expect(info.defaultLocale).toBe('en-US');
    expect(info.defaultSettings).toEqual({ sourceLocation: `${ORIGIN}/addin.html?host=excel` });
    expect(info.iconUrl).toBe(`${ORIGIN}/assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${ORIGIN}/assets/icon-64.png`);
    expect(info.supportUrl).toBe(`${ORIGIN}/help.html`);
  });

  it('requires ExcelApi 1.9 only, has a Home-tab button with icons, and Japanese overrides', async () => {
    const xml = readFileSync(MANIFEST, 'utf8');
    const doc = (await parseStringPromise(xml)) as { OfficeApp: Xml };
    const app = doc.OfficeApp;
    const sets = el(el(el(app, 'Requirements')[0], 'Sets')[0], 'Set');
    expect(sets.map((s) => [attr(s, 'Name'), attr(s, 'MinVersion')])).toEqual([['ExcelApi', '1.9']]);
    expect(attr(el(el(app, 'DisplayName')[0], 'Override')[0], 'Locale')).toBe('ja-JP');

    const host = el(el(el(app, 'VersionOverrides')[0], 'Hosts')[0], 'Host')[0];
    const surface = el(el(host, 'DesktopFormFactor')[0], 'ExtensionPoint')[0];
    const tab = el(surface, 'OfficeTab')[0];
    expect(attr(tab, 'id')).toBe('TabHome');
    const button = el(el(tab, 'Group')[0], 'Control')[0];
    expect(attr(button, 'id')).toBe('Hyoka.OpenPane');
    expect(attr(el(button, 'Action')[0], 'xsi:type')).toBe('ShowTaskpane');
    const sizes = el(el(button, 'Icon')[0], 'bt:Image').map((i) => attr(i, 'size'));
    expect(sizes).toEqual(['16', '32', '80']);

    // Every URL is on the add-in's origin, and every icon exists in assets/.
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(4);
    for (const url of urls) expect(url.startsWith(`${ORIGIN}/`)).toBe(true);
    for (const size of [16, 32, 64, 80]) {
      expect(xml).toContain(`${ORIGIN}/assets/icon-${size}.png`);
      expect(existsSync(join(ROOT, 'assets', `icon-${size}.png`))).toBe(true);
    }
    expect(xml).toMatch(/id="Hyoka.OpenPane.Label" DefaultValue="Check evaluations">\s*<bt:Override Locale="ja-JP" Value="評価点検"\/>/);
  });
});
