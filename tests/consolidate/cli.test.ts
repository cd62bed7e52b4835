import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { SET_PROBLEMS } from '../../scripts/make-department-set';
import { checkWorkbook } from '../../src/core';
import { readWorkbook } from '../../src/xlsx/read';
import { departmentSetDir, run } from './department-set';

jest.setTimeout(60_000);

interface JsonFinding {
  file: string | null;
  rule: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  message: string;
  department?: string;
  program?: string;
}
interface JsonDoc {
  reportYear: number | null;
  files: { file: string; department: string | null; reportYear: number | null; status: string; errors: number; warnings: number }[];
  findings: JsonFinding[];
  policies: { sheet: string; id: string; counts: Record<string, number>; programs: number }[];
  rows: number;
}

// Check and consolidation rules share one id space: the workbook-level year rule is `workbook-year-missing`.
const CONSOLIDATION_RULE_IDS = ['file-unreadable', 'workbook-year-missing', 'year-mismatch', 'duplicate-program', 'program-unknown', 'program-unreported', 'department-missing'];

let set: Awaited<ReturnType<typeof departmentSetDir>>;
let doc: JsonDoc;
let raw: string;
let code: number;

beforeAll(async () => {
  set = await departmentSetDir();
  const r = await run(['consolidate', set.dir, '--master', set.master, '--json']);
  raw = r.stdout;
  code = r.code;
  doc = JSON.parse(raw) as JsonDoc;
});
afterAll(() => set.cleanup());

const short = (f: JsonFinding): string => `${f.file ? basename(f.file) : '-'} ${f.rule} ${f.severity} ${f.sheet ?? '-'}!${f.cell ?? '-'}`;

describe('hyoka consolidate on the generated department set', () => {
  it('has 12 department workbooks and a master, 健康課 missing', () => {
    const names = readdirSync(set.dir).sort();
    expect(names).toHaveLength(13);
    expect(names).toContain('計画体系.xlsx');
    expect(names).not.toContain('健康課.xlsx');
  });

  it('prints one JSON document and exits 1 for the error findings', () => {
    expect(code).toBe(1);
    expect(raw.trim().startsWith('{')).toBe(true);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'reportYear', 'scale', 'files', 'skipped', 'findings', 'policies', 'rows']);
    expect((doc as unknown as { skipped: unknown[] }).skipped).toEqual([]);
    expect(doc.reportYear).toBe(2020);
  });

  it('merges 57 program rows (58 in the plan, minus the wrong-year, corrupt and missing files, plus the duplicate and the unknown program)', () => {
    expect(doc.rows).toBe(57);
  });

  it('lists every file, in name order, with its status, year and counts', () => {
    expect(doc.files.map((f) => [basename(f.file), f.department, f.reportYear, f.status, f.errors, f.warnings])).toEqual([
      ['交通対策課.xlsx', '交通対策課', 2019, 'wrong-year', 1, 0],
      ['介護福祉課.xlsx', '介護福祉課', 2020, 'ok', 0, 0],
      ['公民館.xlsx', '公民館', null, 'unreadable', 1, 0],
      ['地域安全課.xlsx', '地域安全課', 2020, 'ok', 0, 1],
      ['地域福祉課(社会福祉協議会).xlsx', '地域福祉課(社会福祉協議会)', 2020, 'ok', 0, 0],
      ['地域福祉課.xlsx', '地域福祉課', 2020, 'ok', 2, 3],
      ['広報秘書課.xlsx', '広報秘書課', 2020, 'ok', 0, 1],
      ['指導室.xlsx', '指導室', null, 'ok', 1, 1],
      ['生涯学習課.xlsx', '生涯学習課', 2020, 'ok', 0, 1],
      ['社会福祉協議会.xlsx', '社会福祉協議会', 2020, 'ok', 0, 1],
      ['自立生活支援課.xlsx', '自立生活支援課', 2020, 'ok', 0, 0],
      ['関係各課(社会福祉協議会).xlsx', '関係各課(社会福祉協議会)', 2020, 'ok', 0, 1],
    ]);
  });

  it('reports exactly the planted consolidation problems, in order', () => {
    expect(doc.findings.filter((f) => CONSOLIDATION_RULE_IDS.includes(f.rule)).map(short)).toEqual([
      '交通対策課.xlsx year-mismatch error -!-',
      '公民館.xlsx file-unreadable error -!-',
      '地域安全課.xlsx program-unknown warning シート2!B12',
      '地域福祉課.xlsx duplicate-program error シート9!F10',
      '指導室.xlsx workbook-year-missing error -!-',
      '計画体系.xlsx program-unreported error 計画体系!D6',
      '計画体系.xlsx program-unreported error 計画体系!D11',
      '計画体系.xlsx department-missing error 計画体系!E11',
      '計画体系.xlsx program-unreported error 計画体系!D36',
    ]);
  });

  it('names program and department on the cross-file findings', () => {
    const dup = doc.findings.find((f) => f.rule === 'duplicate-program');
    expect(dup).toMatchObject({ program: SET_PROBLEMS.duplicate.program, department: SET_PROBLEMS.duplicate.department });
    expect(dup?.message).toContain('地域福祉課(社会福祉協議会).xlsx');
    expect(dup?.message).toContain('このファイル C、');
    expect(dup?.message).toContain('先に読み込んだファイル');
    expect(doc.findings.find((f) => f.rule === 'department-missing')).toMatchObject({ department: '健康課' });
    const unreported = doc.findings.filter((f) => f.rule === 'program-unreported').map((f) => [f.program, f.department]);
    expect(unreported).toEqual([
      ['CoCoバスの利便性向上', '交通対策課'],
      ['災害時における避難行動要支援者への支援体制の充実', '健康課'],
      ['多様な市民が交流できる場の構築', '公民館'],
    ]);
    expect(doc.findings.find((f) => f.rule === 'program-unreported' && f.department === '交通対策課')?.message).toContain('報告年度が違います');
  });

  it('checks every readable file with the same rules as `hyoka check`', async () => {
    for (const f of doc.files.filter((x) => x.status !== 'unreadable')) {
      const snapshot = await readWorkbook(readFileSync(f.file), f.file);
      const expected = checkWorkbook(snapshot, { fileName: f.file })
        .report.findings // a workbook-year-missing error says what the year's layout-uncertain info would: not twice
        .filter((x) => !(x.rule === 'layout-uncertain' && x.sheet === null && doc.findings.some((y) => y.file === f.file && y.rule === 'workbook-year-missing')))
        .map((x) => `${x.rule} ${x.sheet}!${x.cell}`);
      const gotCheck = doc.findings.filter((x) => x.file === f.file && !CONSOLIDATION_RULE_IDS.includes(x.rule));
      expect(gotCheck.map((x) => `${x.rule} ${x.sheet}!${x.cell}`)).toEqual(expected);
    }
    expect(doc.findings.map(short)).toContain('地域福祉課.xlsx grade-missing error シート1!F10');
  });

  it('sums the grades of all files per policy, a conflicting duplicate counted once', () => {
    const top = doc.policies.filter((p) => p.sheet === '計画体系' && ['1', '2', '3'].includes(p.id));
    expect(top.map((p) => [p.id, p.programs, p.counts])).toEqual([
      ['1', 20, { A: 10, B: 12, C: 1, D: 3 }],
      ['2', 9, { A: 0, B: 10, C: 0, D: 0 }],
      ['3', 13, { A: 8, B: 5, C: 2, D: 3 }],
    ]);
    const counted = (p: JsonDoc['policies'][number]): number => Object.values(p.counts).reduce((s, n) => s + n, 0);
    // 57 rows: minus the blank grade, the duplicate and the unknown program (its own tree, under シート2)
    expect(top.reduce((s, p) => s + counted(p), 0)).toBe(57 - 1 - 1 - 1);
    expect(doc.policies.filter((p) => p.sheet === 'シート2' && p.id === '1').map((p) => p.counts)).toEqual([{ A: 0, B: 1, C: 0, D: 0 }]);
  });

  it('gives byte-identical JSON on a second run', async () => {
    const again = await run(['consolidate', set.dir, '--master', set.master, '--json']);
    expect(again.stdout).toBe(raw);
  });

  it('writes 取りまとめ, 評価集計, 点検結果 and 提出状況 without touching the inputs', async () => {
    const digest = (): string[] => readdirSync(set.dir).sort().map((n) => createHash('sha256').update(readFileSync(join(set.dir, n))).digest('hex'));
    const before = digest();
    const out = join(set.dir, '..', `${basename(set.dir)}-merged.xlsx`);
    const r = await run(['consolidate', set.dir, '--master', set.master, '--out', out]);
    expect(r.code).toBe(1);
    expect(digest()).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['取りまとめ', '評価集計', '点検結果', '提出状況']);
    const merged = wb.getWorksheet('取りまとめ');
    // title, header, 57 rows and 3 placeholder lines for the unreported programs
    expect(merged?.rowCount).toBe(2 + 57 + 3);
    expect(String(merged?.getCell('D3').value)).toBe('ユニバーサルデザインによるまちづくりの推進');
    const status = wb.getWorksheet('提出状況');
    const lines: string[] = [];
    status?.eachRow((row, n) => {
      if (n > 2) lines.push(`${row.getCell(1).value} ${row.getCell(2).value}`);
    });
    expect(lines).toHaveLength(13);
    expect(lines).toContain('健康課 未提出');
    const findings = wb.getWorksheet('点検結果');
    expect(findings?.rowCount).toBe(2 + doc.findings.length);
    for (let r = 3; r <= (findings?.rowCount ?? 0); r++) expect(findings?.getCell(r, 2).value).toBeTruthy();

    const again = await run(['consolidate', set.dir, '--master', set.master, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await run(['consolidate', set.dir, '--master', set.master, '--out', out, '--force'])).code).toBe(1);
  });

  it('refuses to write over an input', async () => {
    const input = join(set.dir, '介護福祉課.xlsx');
    const r = await run(['consolidate', input, '--out', input, '--force']);
    expect(r.code).toBe(2);
  });

  it('exits 2 on bad arguments', async () => {
    expect((await run(['consolidate'])).code).toBe(2);
    expect((await run(['consolidate', join(set.dir, 'nope')])).code).toBe(2);
    expect((await run(['consolidate', set.dir, '--year', 'someday'])).code).toBe(2);
    expect((await run(['consolidate', set.dir, '--bogus'])).code).toBe(2);
    const notMaster = await run(['consolidate', set.dir, '--master', join(set.dir, '介護福祉課.xlsx')]);
    expect(notMaster.code).toBe(2);
    const broken = await run(['consolidate', set.dir, '--master', join(set.dir, '公民館.xlsx')]);
    expect(broken.code).toBe(2);
  });

  it('skips lock files and dotfiles in folders, and takes --year', async () => {
    writeFileSync(join(set.dir, '~$介護福祉課.xlsx'), 'lock');
    writeFileSync(join(set.dir, '.hidden.xlsx'), 'x');
    const r = await run(['consolidate', set.dir, '--master', set.master, '--json', '--year', 'R1']);
    const d = JSON.parse(r.stdout) as JsonDoc;
    expect(d.files).toHaveLength(12);
    expect(d.reportYear).toBe(2019);
    // all but 交通対策課 (2019), the corrupt 公民館 and the yearless 指導室
    expect(d.files.filter((f) => f.status === 'wrong-year')).toHaveLength(9);
    expect(d.files.find((f) => basename(f.file) === '交通対策課.xlsx')?.status).toBe('ok');
  });

  it('--year no file carries: one warning for the run naming the years the files carry, besides each file’s mismatch (#23)', async () => {
    const r = await run(['consolidate', set.dir, '--master', set.master, '--json', '--year', 'R4']);
    const d = JSON.parse(r.stdout) as JsonDoc & { findings: (JsonFinding & { params: Record<string, unknown> })[] };
    expect(d.reportYear).toBe(2022);
    const stated = d.findings.filter((f) => f.rule === 'year-mismatch' && f.file === null);
    expect(stated).toHaveLength(1);
    expect(stated[0]).toMatchObject({ severity: 'warning', params: { given: 2022, found: [2019, 2020] } });
    expect(stated[0].message).toContain('令和4年度が指定されました');
    // A year a file carries (交通対策課's 2019): nothing said for the run.
    const r1 = JSON.parse((await run(['consolidate', set.dir, '--master', set.master, '--json', '--year', 'R1'])).stdout) as JsonDoc;
    expect(r1.findings.filter((f) => f.rule === 'year-mismatch' && f.file === null)).toEqual([]);
  });

  it('prints a readable report without --json', async () => {
    const r = await run(['consolidate', set.dir, '--master', set.master]);
    expect(r.stdout).toContain('健康課');
    expect(r.stdout).toContain('未提出');
    expect(r.stdout).toContain('取りまとめた事業行: 57行');
    const en = await run(['consolidate', set.dir, '--master', set.master, '--lang', 'en']);
    expect(en.stdout).toContain('missing');
  });
});
