/**
 * Text copied from a workbook into 評価集計 and 点検結果 — names, departments, messages, sheet
 * names — is always written as text, never as a formula, whatever it starts with; and it
 * reads back exactly as it was.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

import type { DocCell, SummaryDocument } from '../../src/core';
import { MAX_CELL_CHARS, writeSummaryWorkbook } from '../../src/xlsx/write';
import { ensureBuilt, expectNoCrash, ROOT, runCli, tempDir } from './cli';
import { FORMULA_LEADS, formulaLookalikes, longCell } from './generate';
import { allTexts, readXlsxCells } from './xlsx-text';

const LEAD_NAMES: Record<string, string> = { '=': 'equals', '+': 'plus', '-': 'minus', '@': 'at', '\t': 'tab', '\r': 'CR' };

/** Every kind of cell a document has, each starting with the lead. */
function docFor(lead: string): { doc: SummaryDocument; texts: string[] } {
  const t = (what: string): string => `${lead}${what}`;
  const texts = [t('title'), t('header'), t('SUM(A1:A9)'), t('HYPERLINK("http://evil.example","x")'), t('link'), t('error'), t('cmd|"/c calc"!A0'), t('\r\n2 lines')];
  const rows: DocCell[][] = [
    [texts[2], 1],
    [texts[3], null],
    [{ text: texts[4], link: { sheet: `${lead}Sheet'1`, cell: 'B2', file: 'in put.xlsx' } }, 2],
    [{ text: texts[5], emphasis: 'error' }, { text: texts[6], emphasis: 'warning' }],
    [texts[7], { text: t('total'), emphasis: 'total' }],
  ];
  texts.push(t('total'));
  return {
    doc: { sheets: [{ name: '点検結果', blocks: [{ kind: 'table', title: texts[0], columns: [{ header: texts[1], width: 10 }, { header: '', width: 5 }], rows }] }] },
    texts,
  };
}

describe('ExcelJS writer (hyoka check --out)', () => {
  test.each(FORMULA_LEADS.map((l) => [LEAD_NAMES[l], l]))('text starting with %s: no formula, text intact', async (_name, lead) => {
    const { doc, texts } = docFor(lead);
    const cells = await readXlsxCells(await writeSummaryWorkbook(doc));
    expect(cells.formulaSheets).toEqual([]);
    const written = allTexts(cells);
    for (const t of texts) expect(written).toContain(t);
  });

  test('control characters and _xHHHH_ look-alikes read back exactly', async () => {
    const texts = ['a\u0001b\u001fc', '_x0041_ stays', 'tab\tinside', '\u000b\u000c', 'end\r'];
    const cells = await readXlsxCells(await writeSummaryWorkbook({ sheets: [{ name: 'S', blocks: [{ kind: 'table', title: 't', columns: [{ header: 'h', width: 1 }], rows: texts.map((x) => [x]) }] }] }));
    const written = allTexts(cells);
    for (const t of texts) expect(written).toContain(t);
  });

  test('text over 32,767 characters is cut to the cell limit (Excel refuses longer cells)', async () => {
    const long = '長'.repeat(40_000);
    const cells = await readXlsxCells(await writeSummaryWorkbook({ sheets: [{ name: 'S', blocks: [{ kind: 'table', title: 't', columns: [{ header: 'h', width: 1 }], rows: [[long]] }] }] }));
    const text = allTexts(cells).find((x) => x.startsWith('長'))!;
    expect(text.length).toBe(MAX_CELL_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('hyoka check --out, end to end', () => {
  let dir: string;
  beforeAll(async () => {
    ensureBuilt();
    dir = await tempDir('inject');
  }, 120_000);
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test.each(['ja', 'en'])('--lang %s: names, grades and the sheet name starting with = + - @ tab CR stay text', async (lang) => {
    const input = path.join(dir, `lookalikes-${lang}.xlsx`);
    const out = path.join(dir, `out-${lang}.xlsx`);
    const { data } = await formulaLookalikes();
    await fs.writeFile(input, data);
    const [r, j] = await Promise.all([runCli(['check', input, '--out', out, '--lang', lang]), runCli(['check', input, '--json', '--lang', lang])]);
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const report = JSON.parse(j.stdout) as { findings: { sheet: string | null; message: string; program?: string }[]; policies: { name: string }[] };
    const cells = await readXlsxCells(await fs.readFile(out));
    expect(cells.formulaSheets).toEqual([]);
    const written = allTexts(cells);
    // Every message, every policy name and the sheet name as the report has them.
    for (const f of report.findings) expect(written).toContain(f.message);
    // Policy names are indented by level with ideographic spaces.
    const names = written.map((w) => w.replace(/^\u3000+/, ''));
    for (const p of report.policies) expect(names).toContain(p.name);
    expect(written).toContain('=評価調書');
    // The grade slips quote the formula-like text; each lead character reaches the output.
    for (const lead of FORMULA_LEADS) expect(written.some((w) => w.includes(`${lead}A1`))).toBe(true);
    // The sheet column holds the sheet name as a cell of its own, starting with "=".
    expect(written.filter((w) => w === '=評価調書').length).toBeGreaterThan(1);
  }, 60_000);

  test('a 32,767-character cell: every output cell stays within Excel\'s limit', async () => {
    const input = path.join(dir, 'long.xlsx');
    const out = path.join(dir, 'long-out.xlsx');
    await fs.writeFile(input, await longCell());
    const r = await runCli(['check', input, '--out', out]);
    expectNoCrash(r);
    const cells = await readXlsxCells(await fs.readFile(out));
    for (const t of allTexts(cells)) expect(t.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  }, 60_000);
});

// The add-in's writer (src/excel/write-live.ts) belongs to the add-in; it is driven here
// through its fake Excel, which turns a non-text cell's "=…", "+…", "-…", "@…" into a formula.
const liveWriter = path.join(ROOT, 'src', 'excel', 'write-live.ts');
const fakeExcel = path.join(ROOT, 'tests', 'excel', 'fake-excel.ts');
(existsSync(liveWriter) && existsSync(fakeExcel) ? describe : describe.skip)('Office.js writer (add-in), through the fake Excel', () => {
  test.each(FORMULA_LEADS.map((l) => [LEAD_NAMES[l], l]))('text starting with %s: no formula, text intact', async (_name, lead) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module, owned by the add-in
    const { writeSummaryLive } = require(liveWriter) as typeof import('../../src/excel/write-live');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FakeWorkbook } = require(fakeExcel) as typeof import('../excel/fake-excel');
    const wb = new FakeWorkbook();
    // valuesAsJson, the documented way, needs a library that defines it (not the npm copy).
    wb.library = 'newer';
    wb.addSheet('Sheet1');
    const { doc, texts } = docFor(lead);
    await writeSummaryLive(wb.context(), doc, { caps: wb.caps() });
    const out = wb.sheet('点検結果')!;
    const cells = [...out.cells.values()];
    expect(cells.filter((c) => c.formula !== undefined && c.formula !== '')).toEqual([]);
    const values = cells.map((c) => c.value);
    for (const t of texts) expect(values).toContain(t);
  });
});
