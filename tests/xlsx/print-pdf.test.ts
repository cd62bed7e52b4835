/**
 * Every workbook Hyoka writes, rendered as the committee gets it on paper: LibreOffice turns
 * the written files into PDFs (one soffice call for all of them, a private profile), and
 * poppler reads them back. Each page is A4 landscape; each page carries the sheet's header
 * row whole (the print titles, one page wide: a sheet cut across pages would leave a page
 * without its right-hand columns); every cell's text is in the PDF (nothing clipped by a
 * column too narrow to wrap in). Under CI=true a missing tool fails; locally it skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

import { checkWorkbook } from '../../src/core';
import { buildSummaryDocument } from '../../src/render';
import { readWorkbook } from '../../src/xlsx/read';
import { writeSummaryWorkbookFile } from '../../src/xlsx/write-stream';
import { departmentSetDir, run } from '../consolidate/department-set';

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
}

maybe('written workbooks printed through LibreOffice', () => {
  let dir: string;
  const rendered: Rendered[] = [];

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing tools under CI: ${missing.join(', ')}`);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-print-'));
    const files: string[] = [];
    for (const name of SAMPLES) {
      const data = new Uint8Array(await fs.readFile(path.join(ROOT, 'samples', name)));
      const { report } = checkWorkbook(await readWorkbook(data, name), { fileName: name });
      const out = path.join(dir, name.replace('.xlsx', '-点検.xlsx'));
      await writeSummaryWorkbookFile(buildSummaryDocument(report, 'ja', { sourceFile: name }), out);
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
      rendered.push({ file: path.basename(file), sheets, pages: text.split('\f').filter((p) => p.trim() !== ''), pageSizes: info });
    }
  });

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test('every page is A4 landscape', () => {
    expect(rendered).toHaveLength(SAMPLES.length + 1);
    for (const r of rendered) {
      const sizes = [...r.pageSizes.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(sizes.length).toBeGreaterThan(0);
      for (const [w, h] of sizes) {
        expect(Math.round(w)).toBe(842);
        expect(Math.round(h)).toBe(595);
      }
    }
  });

  test('each sheet is one page wide: every page names its sheet in the footer and carries its whole header row', () => {
    for (const r of rendered) {
      for (const page of r.pages) {
        const flat = squash(page);
        // The footer (LibreOffice writes it first) starts with the sheet's name (&A).
        const footer = squash(page.trimStart().split('\n')[0]);
        const sheet = r.sheets.find((s) => footer.startsWith(squash(s.name)));
        expect({ file: r.file, sheet: sheet?.name ?? null }).toEqual({ file: r.file, sheet: expect.any(String) });
        if (!sheet) continue;
        for (const h of sheet.header) expect({ file: r.file, sheet: sheet.name, header: h, found: flat.includes(squash(h)) }).toEqual({ file: r.file, sheet: sheet.name, header: h, found: true });
      }
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
