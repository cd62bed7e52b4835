/**
 * Every workbook Hyoka writes, rendered as the committee gets it on paper: LibreOffice turns
 * the written files into PDFs (one soffice call for all of them, a private profile), and
 * poppler reads them back page by page. Each page is A4 landscape and names its sheet; each
 * table prints as its own unit — its header never on a page without its rows (print titles
 * only where a table continues over pages), the page one wide (every header cell of a table
 * on the page that has it); each chart's title and axis labels on one page (never split);
 * every cell's text is in the PDF (nothing clipped). On the samples, the department set's
 * consolidation, and the seed layouts generated with their defects. Under CI=true a missing
 * tool fails; locally it skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

import { checkWorkbook } from '../../src/core';
import { docCellText, type SummaryDocument } from '../../src/core/summary-document';
import { buildSummaryDocument } from '../../src/render';
import { readWorkbook } from '../../src/xlsx/read';
import { printedDocument } from '../../src/xlsx/write';
import { writeSummaryWorkbookFile } from '../../src/xlsx/write-stream';
import { departmentSetDir, run } from '../consolidate/department-set';
import { buildSeedWorkbook, SEED_LAYOUTS, toBuffer } from '../fixtures/workbooks';

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '..', '..');
const TOOLS = ['soffice', 'pdftotext', 'pdfinfo'];
const missing = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const onCi = process.env.CI === 'true';
if (missing.length > 0 && !onCi) console.warn(`print-pdf.test: skipped, missing ${missing.join(', ')} (install libreoffice-calc and poppler-utils)`);
const maybe = missing.length > 0 && !onCi ? describe.skip : describe;

const SAMPLES = ['komae-policy-grades.xlsx', 'koganei-departments.xlsx', 'kiyose-multi-year.xlsx', 'kiyose-programs.xlsx', 'kiyose-plan-master.xlsx'];

/** Whitespace (and the soft breaks wrapping puts in) removed: wrapped text compares with the cell's. */
const squash = (s: string): string => s.replace(/[\s\u00ad]+/g, '');

interface Rendered {
  file: string;
  sheets: { name: string; header: string[]; texts: string[] }[];
  pages: string[];
  pageSizes: string;
  /** The document as written (sheets as printed), where Hyoka built it here. */
  doc: SummaryDocument | null;
}

maybe('written workbooks printed through LibreOffice', () => {
  let dir: string;
  const rendered: Rendered[] = [];

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing tools under CI: ${missing.join(', ')}`);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-print-'));
    const files: string[] = [];
    const docs = new Map<string, SummaryDocument>();
    const inputs: { name: string; data: Uint8Array; lang: 'ja' | 'en' }[] = [];
    for (const name of SAMPLES) inputs.push({ name, data: new Uint8Array(await fs.readFile(path.join(ROOT, 'samples', name))), lang: 'ja' });
    // Generated layouts (the seed cities' layouts with their defects), one in English.
    for (const layout of SEED_LAYOUTS) {
      inputs.push({ name: `seed-${layout}.xlsx`, data: new Uint8Array(await toBuffer(buildSeedWorkbook(layout, { withSampleDefects: true }).workbook)), lang: layout === 'koganei-departments' ? 'en' : 'ja' });
    }
    for (const { name, data, lang } of inputs) {
      // A long path: titles and footers must name the file only.
      const { report } = checkWorkbook(await readWorkbook(data, name), { fileName: path.join(dir, 'a'.repeat(120), name) });
      const out = path.join(dir, name.replace('.xlsx', '-点検.xlsx'));
      const doc = buildSummaryDocument(report, lang, { sourceFile: name });
      await writeSummaryWorkbookFile(doc, out);
      docs.set(path.basename(out), printedDocument(doc));
      files.push(out);
    }
    const set = await departmentSetDir();
    try {
      const out = path.join(dir, '取りまとめ.xlsx');
      const result = await run(['consolidate', set.dir, '--master', set.master, '--out', out]);
      expect(result.code).toBeLessThan(2);
      files.push(out);
    } finally {
      set.cleanup();
    }
    // One LibreOffice start for every file: starting it is most of the cost.
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 150_000 });
    for (const file of files) {
      const pdf = file.replace(/\.xlsx$/, '.pdf');
      const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
      const info = execFileSync('pdfinfo', ['-l', '999', pdf], { encoding: 'utf8' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheets = wb.worksheets.map((ws) => {
        const texts: string[] = [];
        ws.eachRow((row) => row.eachCell((cell) => void (cell.text.trim() !== '' && texts.push(cell.text))));
        const header: string[] = [];
        ws.getRow(2).eachCell((cell) => void (cell.text.trim() !== '' && header.push(cell.text)));
        return { name: ws.name, header, texts };
      });
      rendered.push({ file: path.basename(file), sheets, pages: text.split('\f').filter((p) => p.trim() !== ''), pageSizes: info, doc: docs.get(path.basename(file)) ?? null });
    }
  });

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test('every page is A4 landscape', () => {
    expect(rendered).toHaveLength(SAMPLES.length + SEED_LAYOUTS.length + 1);
    for (const r of rendered) {
      const sizes = [...r.pageSizes.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(sizes.length).toBeGreaterThan(0);
      for (const [w, h] of sizes) {
        expect(Math.round(w)).toBe(842);
        expect(Math.round(h)).toBe(595);
      }
    }
  });

  test('every page names its sheet in the footer, and no path', () => {
    for (const r of rendered) {
      for (const page of r.pages) {
        // The footer (LibreOffice writes it first) starts with the sheet's name (&A).
        const footer = squash(page.trimStart().split('\n')[0]);
        const sheet = r.sheets.find((s) => footer.startsWith(squash(s.name)));
        expect({ file: r.file, sheet: sheet?.name ?? null }).toEqual({ file: r.file, sheet: expect.any(String) });
        // The footer and the titles name the file, never the folders it was in (a consolidation's lists may).
        const titles = (r.doc?.sheets ?? []).flatMap((s) => s.blocks.map((b) => b.title));
        expect({ file: r.file, path: /aaaaaaaaaa|\/tmp\//.test(page.trimStart().split('\n')[0] + titles.join('')) }).toEqual({ file: r.file, path: false });
      }
    }
  });

  test('each table is its own unit: its header only on pages with its rows, whole (one page wide)', () => {
    let checked = 0;
    for (const r of rendered) {
      const tables = (r.doc?.sheets ?? []).flatMap((s) => s.blocks.filter((b) => b.kind === 'table'));
      const pages = r.pages.map(squash);
      for (const t of tables) {
        if (t.kind !== 'table' || t.rows.length === 0) continue;
        const headers = t.columns.map((c) => squash(c.header)).filter((h) => h !== '');
        const header = headers.join('');
        // Tables that share a header (the 評価総括表 blocks): any of their rows counts.
        const siblings = tables.filter((x) => x.kind === 'table' && x.columns.map((c) => squash(c.header)).filter((h) => h !== '').join('') === header);
        // A table's footnotes (注) are its own too: a table continued by its notes alone is still that table.
        const rowTexts = siblings
          .flatMap((x) => (x.kind === 'table' ? [...x.rows.map((row) => row.map(docCellText).find((c) => squash(c) !== '') ?? ''), ...(x.notes ?? []).map((n) => n.slice(0, 20))] : []))
          .map(squash)
          .filter((c) => c !== '');
        pages.forEach((page, n) => {
          const at = page.indexOf(header);
          if (at < 0) return;
          checked++;
          const after = page.slice(at + header.length);
          expect({ file: r.file, page: n + 1, table: t.title, rowsFollow: rowTexts.some((x) => after.includes(x)) }).toEqual({ file: r.file, page: n + 1, table: t.title, rowsFollow: true });
        });
        // The page with the table's title has its whole header, in order.
        const titled = pages.findIndex((p) => p.includes(squash(t.title)));
        expect({ file: r.file, table: t.title, titled: titled >= 0 }).toEqual({ file: r.file, table: t.title, titled: true });
        for (const h of headers) expect({ file: r.file, page: titled + 1, header: h, found: pages[titled].includes(h) }).toEqual({ file: r.file, page: titled + 1, header: h, found: true });
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  test("each chart's title and axis labels are on one page, and on no other", () => {
    let charts = 0;
    for (const r of rendered) {
      for (const chart of (r.doc?.sheets ?? []).flatMap((s) => s.blocks.filter((b) => b.kind === 'chart'))) {
        if (chart.kind !== 'chart' || chart.categories.length === 0) continue;
        charts++;
        const title = squash(chart.title);
        const withTitle = r.pages.map((p, n) => (squash(p).includes(title) ? n : -1)).filter((n) => n >= 0);
        expect({ file: r.file, chart: chart.title, pages: withTitle.length }).toEqual({ file: r.file, chart: chart.title, pages: 1 });
        const page = squash(r.pages[withTitle[0]] ?? '');
        for (const c of chart.categories) expect({ file: r.file, label: c, onChartPage: page.includes(squash(c).replace(/…$/, '')) }).toEqual({ file: r.file, label: c, onChartPage: true });
      }
    }
    expect(charts).toBeGreaterThan(3);
  });

  test('a 評価基準 block states the scale on every graded summary', () => {
    for (const r of rendered.filter((x) => x.doc && x.doc.sheets.some((s) => s.blocks.some((b) => b.title.startsWith('評価総括表'))))) {
      expect({ file: r.file, criteria: r.pages.some((p) => squash(p).includes('評価基準')) }).toEqual({ file: r.file, criteria: true });
    }
  });

  test("every cell's text appears in the PDF", () => {
    for (const r of rendered) {
      const all = squash(r.pages.join(''));
      for (const sheet of r.sheets) {
        const lost = sheet.texts.filter((t) => !all.includes(squash(t)));
        expect({ file: r.file, sheet: sheet.name, lost }).toEqual({ file: r.file, sheet: sheet.name, lost: [] });
      }
    }
  });
});
