/**
 * Hyoka's state travels inside the file: saved through the live adapter (fake Excel) into a
 * custom XML part, laid out in the .xlsx as Excel lays it out (customXml/item1.xml, its
 * itemProps1.xml, the workbook relationship), read back by the file reader and the CLI.
 */
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { checkWorkbook, parseSettings, HYOKA_STATE_NAMESPACE, MAX_STATE_BYTES, type Settings, type WorkbookSnapshot } from '../../src/core';
import { readWorkbook } from '../../src/xlsx/read';
import { settingsFromWorkbook } from '../../src/cli/stored-settings';
import { createLivePort } from '../../src/excel/live-port';
import { fakeFromSnapshot, sampleSnapshot } from '../excel/populate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE = 'kiyose-programs.xlsx';
const sampleBytes = () => new Uint8Array(readFileSync(join(__dirname, '../../samples', SAMPLE)));

/** Adds custom XML parts (and sheet-scoped names) to an .xlsx the way Excel saves them. */
function withCustomXml(bytes: Uint8Array, items: string[], names: { name: string; sheet: number }[] = []): Uint8Array {
  const files = unzipSync(bytes);
  let rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  let types = strFromU8(files['[Content_Types].xml']);
  if (!/Extension="xml"/.test(types)) types = types.replace('<Types ', '<Types ').replace(/(<Types[^>]*>)/, '$1<Default Extension="xml" ContentType="application/xml"/>');
  items.forEach((xml, i) => {
    const n = i + 1;
    files[`customXml/item${n}.xml`] = strToU8(xml);
    files[`customXml/itemProps${n}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="{6A0E8B1C-0000-4000-8000-00000000000${n}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
    );
    files[`customXml/_rels/item${n}.xml.rels`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps${n}.xml"/></Relationships>`,
    );
    rels = rels.replace('</Relationships>', `<Relationship Id="rIdHyoka${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item${n}.xml"/></Relationships>`);
    types = types.replace('</Types>', `<Override PartName="/customXml/itemProps${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>`);
  });
  if (names.length > 0) {
    let wbXml = strFromU8(files['xl/workbook.xml']);
    const defs = names.map((d) => `<definedName name="${d.name}" localSheetId="${d.sheet}">'x'!$A$1</definedName>`).join('');
    wbXml = /<definedNames>/.test(wbXml) ? wbXml.replace('<definedNames>', `<definedNames>${defs}`) : wbXml.replace('</sheets>', `</sheets><definedNames>${defs}</definedNames>`);
    files['xl/workbook.xml'] = strToU8(wbXml);
  }
  files['xl/_rels/workbook.xml.rels'] = strToU8(rels);
  files['[Content_Types].xml'] = strToU8(types);
  return zipSync(files);
}

const reading = (snap: WorkbookSnapshot, settings: Settings) => {
  const r = checkWorkbook(snap, { settings });
  return JSON.stringify({ findings: r.report.findings.map((f) => [f.rule, f.messageId, f.sheet, f.cell]), layouts: r.layouts.map((l) => [l.sheet, l.kind]) });
};

describe("Hyoka's state in a custom XML part", () => {
  it('settings saved through the live adapter read back by the CLI give the same reading', async () => {
    const snap = await sampleSnapshot(SAMPLE);
    const wb = fakeFromSnapshot(snap);
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
    const first = checkWorkbook(snap).layouts.find((l) => l.kind === 'evaluation')!.sheet;
    const parsed = parseSettings({ reportYear: 'R5', sheets: { [first]: { kind: 'other' } } });
    if (!parsed.ok) throw new Error(parsed.problems.join());
    await port.saveSettings(parsed.settings);
    expect(wb.xmlParts).toHaveLength(1);
    expect(wb.xmlParts[0].xml).toContain(`xmlns="${HYOKA_STATE_NAMESPACE}"`);
    expect(wb.settings.size).toBe(0); // nothing left in workbook.settings

    const live = await port.loadSettings();
    const liveReading = reading(await port.readSnapshot(), live.settings);

    const file = await readWorkbook(withCustomXml(sampleBytes(), ['<?xml version="1.0" encoding="UTF-8"?><other xmlns="urn:someone-else"/>', wb.xmlParts[0].xml]), SAMPLE);
    const stored = settingsFromWorkbook(file, {});
    expect(stored.kind).toBe('applied');
    if (stored.kind !== 'applied') return;
    expect(stored.settings.reportYear).toBe('R5');
    expect(reading(file, stored.settings)).toBe(liveReading);
    // The correction matters: without it the reading differs.
    const defaults = parseSettings({});
    if (!defaults.ok) throw new Error('defaults');
    expect(reading(file, defaults.settings)).not.toBe(liveReading);
  }, 60_000);

  it('migrates an older workbook: settings and the output record move from workbook.settings into the part', async () => {
    const wb = fakeFromSnapshot(await sampleSnapshot(SAMPLE));
    wb.settings.set('hyoka.settings', JSON.stringify({ reportYear: 2023 }));
    wb.settings.set('hyoka.outputSheets', ['評価集計']);
    wb.settings.set('hyoka.highlights', [{ sheet: 'x', cell: 'A1', original: null, applied: '#FDE7E9' }]);
    const port = createLivePort({ ...wb.env(), isSetSupported: () => true });
    const loaded = await port.loadSettings();
    expect(loaded.settings.reportYear).toBe(2023);
    await port.saveSettings(loaded.settings);
    expect(wb.storedState()).toEqual({ settings: expect.objectContaining({ reportYear: 2023 }), outputSheets: ['評価集計'] });
    // The highlight memory stays where it was (workbook.settings): only the add-in needs it.
    expect([...wb.settings.keys()]).toEqual(['hyoka.highlights']);
  });

  it('marks output sheets by their sheet-scoped name and by the record; check never reads them', async () => {
    const plain = await readWorkbook(sampleBytes(), SAMPLE);
    const marked = await readWorkbook(withCustomXml(sampleBytes(), [], [{ name: '_hyoka_output', sheet: 0 }]), SAMPLE);
    expect(marked.sheets.map((s) => s.hyokaOutput ?? false)).toEqual(plain.sheets.map((_s, i) => i === 0));
    const name = marked.sheets[0].name;
    const layouts = checkWorkbook(marked).layouts.map((l) => l.sheet);
    expect(layouts).not.toContain(name);
    expect(checkWorkbook(plain).layouts.map((l) => l.sheet)).toContain(name);
  });

  it("workbooks Hyoka writes as files carry the marker on every sheet, so they are never checked as input", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeSummaryWorkbook } = require('../../src/xlsx/write') as typeof import('../../src/xlsx/write');
    const doc = { sheets: [
      { name: '評価集計', blocks: [{ kind: 'table' as const, title: 't', columns: [{ header: '事業名', width: 10 }, { header: '評価', width: 4 }], rows: [['事業A', 'A'], ['事業B', 'B']] }] },
      { name: '点検結果', blocks: [{ kind: 'table' as const, title: 'u', columns: [{ header: 'h', width: 4 }], rows: [['x']] }] },
    ] };
    const snap = await readWorkbook(await writeSummaryWorkbook(doc), 'out.xlsx');
    expect(snap.sheets.map((s) => [s.name, s.hyokaOutput])).toEqual([['評価集計', true], ['点検結果', true]]);
    expect(checkWorkbook(snap).layouts).toEqual([]);
  });

  it('a state part over the bound is reported, not read, and the workbook still reads', async () => {
    const big = `<?xml version="1.0" encoding="UTF-8"?><hyoka xmlns="${HYOKA_STATE_NAMESPACE}" version="1"><state>${'x'.repeat(MAX_STATE_BYTES)}</state></hyoka>`;
    const file = await readWorkbook(withCustomXml(sampleBytes(), [big]), SAMPLE);
    expect(file.storedStateProblem).toMatch(/larger than/);
    expect(settingsFromWorkbook(file, {})).toEqual({ kind: 'invalid', problems: [file.storedStateProblem] });
    expect(file.sheets.length).toBeGreaterThan(0);
  });
});
