import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStringPromise } from 'xml2js';

const ROOT = join(__dirname, '../..');
const MANIFEST = join(ROOT, 'manifest.xml');
const ORIGIN = 'https://localhost:3000';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest } = require('../../scripts/manifest-url.js') as { rewriteManifest: (xml: string, url: string) => string };

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


/**
 * Microsoft's published XSDs (schemas/manifest/, vendored unmodified; see its README), made
 * compilable in a temporary directory: the XML Schema namespace restored to http, a lazy quantifier
 * XSD regexes do not allow dropped, and a stub for the never-published ContentAppVersionOverrides.
 */
function compilableSchemas(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-xsd-'));
  const src = join(ROOT, 'schemas/manifest');
  for (const name of readdirSync(src).filter((f) => f.endsWith('.xsd'))) {
    const xsd = readFileSync(join(src, name), 'utf8').replaceAll('https://www.w3.org/', 'http://www.w3.org/').replaceAll('{0,3}?', '{0,3}');
    writeFileSync(join(dir, name), xsd);
  }
  writeFileSync(
    join(dir, 'ContentAppVersionOverridesV1_0.xsd'),
    `<?xml version="1.0" encoding="utf-8"?>
<xs:schema elementFormDefault="qualified" targetNamespace="http://schemas.microsoft.com/office/contentappversionoverrides" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="VersionOverrides"><xs:complexType><xs:sequence><xs:any minOccurs="0" maxOccurs="unbounded" processContents="lax"/></xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
</xs:schema>
`,
  );
  return dir;
}

const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;
const withXmllint = HAS_XMLLINT ? it : it.skip;

describe('manifest.xml against Microsoft\'s manifest XSDs (xmllint, offline)', () => {
  let schemas = '';
  const validate = (xml: string): { ok: boolean; output: string } => {
    const file = join(schemas, 'manifest-under-test.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(schemas, 'OfficeAppManifestV1_1.xsd'), file], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  };
  beforeAll(() => {
    if (HAS_XMLLINT) schemas = compilableSchemas();
  });
  afterAll(() => {
    if (schemas) rmSync(schemas, { recursive: true, force: true });
  });

  it('has xmllint to validate with (required under CI; Debian package libxml2-utils)', () => {
    if (!HAS_XMLLINT) {
      if (process.env.CI === 'true') throw new Error('xmllint is missing: install libxml2-utils (.ci/run does)');
      console.warn('xmllint not found: skipping the XSD validation of manifest.xml (apt-get install libxml2-utils)');
    }
  });

  withXmllint('the dev manifest and the manifest rewritten for an intranet server are schema-valid', () => {
    const xml = readFileSync(MANIFEST, 'utf8');
    expect(validate(xml)).toEqual({ ok: true, output: expect.stringContaining('validates') as string });
    const intranet = rewriteManifest(xml, 'https://intranet.example.lg.jp/hyoka');
    expect(intranet).toContain('https://intranet.example.lg.jp/hyoka/addin.html?host=excel');
    expect(validate(intranet)).toEqual({ ok: true, output: expect.stringContaining('validates') as string });
  });

  withXmllint('fails a manifest with an element out of order, a required element missing, or an unknown command element', () => {
    const xml = readFileSync(MANIFEST, 'utf8');
    const version = /\s*<Version>[^<]*<\/Version>/.exec(xml)![0];
    const outOfOrder = xml.replace(version, '').replace('</ProviderName>', `</ProviderName>${version}`);
    const noPermissions = xml.replace(/\s*<Permissions>[^<]*<\/Permissions>/, '');
    const unknownInCommands = xml.replace('<DesktopFormFactor>', '<DesktopFormFactor><Bogus/>');
    for (const bad of [outOfOrder, noPermissions, unknownInCommands]) expect(bad).not.toBe(xml);

    const r1 = validate(outOfOrder);
    expect(r1.ok).toBe(false);
    expect(r1.output).toMatch(/Element '\{[^}]+\}ProviderName': This element is not expected\. Expected is .*\}Version \)/);
    const r2 = validate(noPermissions);
    expect(r2.ok).toBe(false);
    expect(r2.output).toMatch(/Expected is .*Permissions/);
    const r3 = validate(unknownInCommands);
    expect(r3.ok).toBe(false);
    expect(r3.output).toMatch(/Element '\{http:\/\/schemas\.microsoft\.com\/office\/taskpaneappversionoverrides\}Bogus': This element is not expected/);
  });
});
