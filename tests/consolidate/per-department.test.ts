/**
 * `hyoka consolidate … --per-department DIR`: one 点検結果 workbook per 担当課, holding exactly
 * that department's findings (its files' and those raised about it), each linked into its own
 * file — so the secretariat can send each department what it must fix.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

import { departmentSetDir, run } from './department-set';

jest.setTimeout(60_000);

let out: string;
let set: Awaited<ReturnType<typeof departmentSetDir>>;
let json: { findings: { file: string | null; department?: string; rule: string; cell: string | null }[] };

beforeAll(async () => {
  set = await departmentSetDir();
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-per-dept-'));
  const dir = path.join(out, '課別');
  const result = await run(['consolidate', set.dir, '--master', set.master, '--per-department', dir, '--json']);
  expect(result.code).toBe(1);
  json = JSON.parse(result.stdout);
});
afterAll(async () => {
  set.cleanup();
  await fs.rm(out, { recursive: true, force: true });
});

async function sheetRows(file: string): Promise<{ values: unknown[]; link: string | null }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const rows: { values: unknown[]; link: string | null }[] = [];
  ws.eachRow((row, r) => {
    if (r < 3) return;
    const values = (row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v));
    rows.push({ values, link: row.getCell(4).hyperlink ?? null });
  });
  return rows;
}

test('one workbook per department, each with its own findings linked into its own file', async () => {
  const dir = path.join(out, '課別');
  const names = (await fs.readdir(dir)).sort();
  expect(names).toContain('地域福祉課_点検結果.xlsx');
  expect(names).toContain('健康課_点検結果.xlsx'); // sent nothing: its 提出なし finding goes to it

  const own = path.join(set.dir, '地域福祉課.xlsx');
  const expected = json.findings.filter((f) => f.file === own);
  const rows = (await sheetRows(path.join(dir, '地域福祉課_点検結果.xlsx'))).filter((r) => r.values[0] !== undefined && String(r.values[0]).length <= 3);
  expect(rows).toHaveLength(expected.length);
  for (const r of rows) {
    expect(r.values[1]).toBe('地域福祉課.xlsx'); // the file's name, not its path
    // Linked into its own file, relative to where the workbook was written.
    if (r.link) expect(r.link.startsWith(`${path.relative(dir, own).split(path.sep).join('/')}#`)).toBe(true);
  }
  expect(rows.some((r) => r.link)).toBe(true);

  const health = await sheetRows(path.join(dir, '健康課_点検結果.xlsx'));
  const about = json.findings.filter((f) => f.department === '健康課' && f.file !== null && !f.file.includes('地域福祉課'));
  expect(health.filter((r) => String(r.values[0]).length <= 3)).toHaveLength(about.length);
  expect(health.some((r) => String(r.values[5]).includes('健康課'))).toBe(true);
});

test('an existing workbook is not overwritten without --force', async () => {
  const dir = path.join(out, '課別');
  const again = await run(['consolidate', set.dir, '--master', set.master, '--per-department', dir]);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/既にあります/);
});
