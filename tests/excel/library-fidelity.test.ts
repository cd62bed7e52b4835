/**
 * Capability = host AND library. The Office.js copy the add-in ships (@microsoft/office-js, whose
 * Excel host file is loaded here in jsdom exactly as the pane loads it) is what every Excel call
 * in src/excel reaches. A member the library lacks is, on assignment, a plain JS property and
 * never reaches Excel — whatever the host's isSetSupported says. These tests prove:
 * - every Excel member src/excel touches exists in the bundled library, or is touched only in
 *   src/excel/capability.ts behind the host-and-library check; members above the manifest's
 *   minimum requirement set likewise;
 * - the fake Excel models no member the bundled library lacks (so tests cannot pass on a call
 *   that would do nothing in real Excel);
 * - on a host reporting ExcelApi 1.16 with the bundled library the output sheets are filled.
 */
import { readFileSync, readdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { capabilities, FEATURES, LIBRARY_MARKERS, libraryHighestExcelApi, type Feature } from '../../src/excel/capability';
import { createLivePort } from '../../src/excel/live-port';
import type { SummaryDocument } from '../../src/core';
import { loadBundledLibrary } from './bundled-library';
import { excelMemberUses, versionAbove, type MemberUse } from './excel-members';
import { FAKE_EXCEL_CLASSES, FakeWorkbook, NEWER_FAKE_CLASSES, NEWER_LIBRARY_MEMBERS } from './fake-excel';

const ROOT = join(__dirname, '../..');
const SRC_EXCEL = join(ROOT, 'src/excel');
const MANIFEST_MIN = /<Set Name="ExcelApi" MinVersion="([\d.]+)"/.exec(readFileSync(join(ROOT, 'manifest.xml'), 'utf8'))![1];
const { library: bundled } = loadBundledLibrary();

/** The rule: what a use of an Excel member outside capability.ts must satisfy. */
function violations(uses: MemberUse[]): string[] {
  const out: string[] = [];
  for (const u of uses) {
    const where = `${u.file.replace(ROOT + '/', '')}:${u.line} ${u.className}.${u.member}${u.set ? ` (ExcelApi ${u.set})` : ''}`;
    if (u.file.endsWith('/src/excel/capability.ts')) continue;
    if (!bundled.has(u.className, u.member)) out.push(`${where}: not defined by the bundled Office.js — use it only through src/excel/capability.ts`);
    else if (u.set && versionAbove(u.set, MANIFEST_MIN)) out.push(`${where}: above the manifest's ExcelApi ${MANIFEST_MIN} — use it only through src/excel/capability.ts`);
  }
  return out;
}

const sourceFiles = readdirSync(SRC_EXCEL).filter((f) => /\.tsx?$/.test(f)).map((f) => join(SRC_EXCEL, f));
// Two synthetic files scanned with the sources (one type-checker program: it is slow to build).
const UNGUARDED = [
  '/// <reference types="office-js" />',
  'export function w(range: Excel.Range, ws: Excel.Worksheet) {',
  "  range.valuesAsJson = [[{ type: 'String', basicValue: '=1' } as Excel.StringCellValue]];",
  '  const areas = ws.getRange().getMergedAreasOrNullObject();',
  "  range.load('valuesAsJson,values');",
  '  return areas;',
  '}',
].join('\n');
const MARKERS = ['/// <reference types="office-js" />', ...LIBRARY_MARKERS.map(([, c, m], i) => `export const m${i} = (x: Excel.${c}) => x.${m};`)].join('\n');
let uses: MemberUse[] = [];
let unguarded: MemberUse[] = [];
let markers: MemberUse[] = [];
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-scan-'));
  try {
    writeFileSync(join(dir, 'unguarded.ts'), UNGUARDED);
    writeFileSync(join(dir, 'markers.ts'), MARKERS);
    const all = excelMemberUses([...sourceFiles, join(dir, 'unguarded.ts'), join(dir, 'markers.ts')]);
    uses = all.filter((u) => u.file.startsWith(SRC_EXCEL));
    unguarded = all.filter((u) => u.file.endsWith('/unguarded.ts'));
    markers = all.filter((u) => u.file.endsWith('/markers.ts'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

describe('the bundled Office.js library', () => {
  it('is what the issue says: ExcelApi up to 1.15, no Range.valuesAsJson, but customXmlParts and sheet names', () => {
    expect(bundled.version).toMatch(/^16\.0\.\d+\.\d+$/);
    expect(libraryHighestExcelApi(bundled)).toBe('1.15');
    expect(bundled.has('Range', 'valuesAsJson')).toBe(false);
    expect(bundled.has('Range', 'values')).toBe(true);
    expect(bundled.has('Workbook', 'customXmlParts')).toBe(true);
    expect(bundled.has('Worksheet', 'names')).toBe(true);
  });

  it('assigning valuesAsJson on its Range queues nothing: it is a plain JS property', () => {
    const { excel } = loadBundledLibrary();
    const Range = excel.Range as { prototype: object };
    const fake = Object.create(Range.prototype) as Record<string, unknown>;
    fake.valuesAsJson = [[{ type: 'String', basicValue: 'x' }]];
    expect(Object.getOwnPropertyDescriptor(fake, 'valuesAsJson')).toMatchObject({ writable: true, enumerable: true });
    expect(typeof Object.getOwnPropertyDescriptor(Range.prototype, 'values')?.set).toBe('function');
  });
});

describe('every Excel member src/excel uses exists in the bundled library or sits behind the capability check', () => {
  it('finds the uses (the scan sees writes, calls and load paths)', () => {
    const names = new Set(uses.map((u) => `${u.className}.${u.member}`));
    for (const m of ['Range.values', 'Range.numberFormat', 'Worksheet.getRangeByIndexes', 'RangeFill.tintAndShade', 'Range.valueTypes', 'WorksheetCollection.items'])
      expect([m, names.has(m)]).toEqual([m, true]);
    // valuesAsJson is used, and only in capability.ts.
    const json = uses.filter((u) => u.member === 'valuesAsJson');
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((u) => u.file.endsWith('/src/excel/capability.ts'))).toBe(true);
  });

  it('no violation in src/excel', () => {
    expect(violations(uses)).toEqual([]);
  });

  it('would fail on an unguarded valuesAsJson, an unguarded ExcelApi 1.13 call, or a load of an unknown member', () => {
    expect(violations(unguarded)).toEqual([
      expect.stringMatching(/:3 Range\.valuesAsJson \(ExcelApi 1\.16\): not defined by the bundled Office\.js/),
      expect.stringMatching(/:4 Range\.getMergedAreasOrNullObject \(ExcelApi 1\.13\): above the manifest/),
      expect.stringMatching(/:5 Range\.valuesAsJson \(ExcelApi 1\.16\): not defined/),
    ]);
  });

  it("capability.ts touches only the features' members, and FEATURES says their true API sets", () => {
    const featureMembers = new Map<string, string>();
    for (const { set, members } of Object.values(FEATURES)) for (const [c, m] of members) featureMembers.set(`${c}.${m}`, set);
    // `load` is every client object's (untagged in the typings): on a gated class it is there when the class is.
    const gatedClasses = new Set([...featureMembers.keys()].map((k) => k.split('.')[0]));
    for (const u of uses.filter((x) => x.file.endsWith('/src/excel/capability.ts'))) {
      const key = `${u.className}.${u.member}`;
      if (u.member === 'load' && gatedClasses.has(u.className)) continue;
      expect([key, featureMembers.has(key)]).toEqual([key, true]);
      expect([key, u.set]).toEqual([key, featureMembers.get(key)]);
    }
  });

  it('the host-and-library check: Microsoft 365 (host 1.17) with the bundled library uses everything but valuesAsJson and notes', () => {
    const caps = capabilities(() => true, bundled);
    const unusable = (Object.keys(FEATURES) as Feature[]).filter((f) => !caps.usable(f));
    expect(unusable).toEqual(['valuesAsJson', 'notes']);
    expect(caps.missing('valuesAsJson')).toMatch(/lacks Range\.valuesAsJson/);
    // Cell notes (ExcelApi 1.18) are beyond the bundled library too; threaded comments (1.10) are not.
    expect(caps.missing('notes')).toMatch(/lacks Worksheet\.notes, NoteCollection\.getCount, NoteCollection\.getItemAt, Note\.content, Note\.getLocation \(ExcelApi 1\.18\)/);
    expect(caps.usable('comments')).toBe(true);
    const office2016 = capabilities((_n, v) => !versionAbove(v, '1.1'), bundled);
    expect(office2016.missing('mergedAreas')).toBe('this Excel does not support ExcelApi 1.13');
  });

  it('LIBRARY_MARKERS name members introduced in their versions (per @types/office-js)', () => {
    const tagged = LIBRARY_MARKERS.filter(([v]) => v !== '1.1'); // 1.1 members carry no tag
    expect(markers.filter((u) => u.member !== 'values').map((u) => [u.className, u.member, u.set])).toEqual(tagged.map(([v, c, m]) => [c, m, v]));
  });
});

describe('the fake Excel models the bundled library, no more', () => {
  it('defines no Excel member the bundled library lacks', () => {
    const extra: string[] = [];
    for (const cls of FAKE_EXCEL_CLASSES) {
      for (let proto = cls.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
        for (const name of Object.getOwnPropertyNames(proto)) {
          if (name === 'constructor' || name.startsWith('_')) continue;
          if (!bundled.has(cls.excelClass, name)) extra.push(`${cls.name} (${cls.excelClass}).${name}`);
        }
      }
    }
    expect(extra).toEqual([]);
  });

  it('the newer-library classes add only the listed members (ExcelApi 1.16, 1.18), which the bundled library lacks', () => {
    const added: (readonly [string, string])[] = [];
    for (const cls of NEWER_FAKE_CLASSES) {
      // Own members of the newer class, and of fake-only bases the bundled classes do not share.
      for (let proto = cls.prototype as object | null; proto && !FAKE_EXCEL_CLASSES.some((b) => b.prototype === proto) && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
        for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor' && !name.startsWith('_')) added.push([cls.excelClass, name]);
      }
    }
    expect(new Set(added.map(([c, m]) => `${c}.${m}`))).toEqual(new Set(NEWER_LIBRARY_MEMBERS.map(([c, m]) => `${c}.${m}`)));
    for (const [c, m] of NEWER_LIBRARY_MEMBERS) expect([c, m, bundled.has(c, m)]).toEqual([c, m, false]);
  });
});

describe('Microsoft 365 (host ExcelApi 1.16) with the bundled library', () => {
  const doc: SummaryDocument = {
    sheets: [
      {
        name: '評価集計',
        blocks: [
          { kind: 'table', title: '施策別の評価', columns: [{ header: '施策', width: 10 }, { header: 'A', width: 4 }], rows: [['地域福祉', 3], ['高齢者福祉', 5]] },
          { kind: 'chart', title: '評価の分布', categories: ['地域福祉', '高齢者福祉'], series: [{ name: 'A', values: [3, 5] }] },
        ],
      },
    ],
  };

  it('writes the sheets filled: text and numbers reach the workbook (through values)', async () => {
    const wb = new FakeWorkbook();
    wb.apiVersion = '1.16';
    const port = createLivePort({ ...wb.env(), library: bundled });
    const out = await port.writeSummary(doc);
    expect(out).toMatchObject({ kind: 'written', sheets: ['評価集計'] });
    const s = wb.sheet('評価集計')!;
    expect([s.cell(0, 0)?.value, s.cell(1, 0)?.value, s.cell(2, 0)?.value, s.cell(2, 1)?.value, s.cell(3, 1)?.value]).toEqual(['施策別の評価', '施策', '地域福祉', 3, 5]);
    expect(wb.writes.filter((w) => w.kind === 'value').length).toBeGreaterThan(8);
  });

  it('the same write without the library check would have left the cells blank (the defect)', async () => {
    const wb = new FakeWorkbook();
    wb.apiVersion = '1.16';
    // A library model that wrongly trusts the host: the fake (bundled) Range ignores valuesAsJson.
    const port = createLivePort({ ...wb.env(), library: { version: 'trusting', has: () => true } });
    await port.writeSummary(doc);
    const s = wb.sheet('評価集計')!;
    // Formats were written (the cells exist), values never were.
    expect([s.cell(0, 0)?.numberFormat, s.cell(0, 0)?.value, s.cell(2, 1)?.value]).toEqual(['@', null, null]);
  });
});
