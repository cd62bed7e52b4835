import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { captureIo } from './capture-io';
import { readWorkbook } from '../../src/xlsx/read';
import { koganeiLastYear, koganeiThisYear, sampleLastYear, workbookBuffer } from '../compare/pairs';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';

let dir: string;
let last: string;
let current: string;
let folder: string;
let older: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-compare-'));
  last = path.join(dir, 'koganei-2019.xlsx');
  current = path.join(dir, 'koganei-2020.xlsx');
  older = path.join(dir, 'koganei-2018.xlsx');
  folder = path.join(dir, '2020');
  await fs.mkdir(folder);
  // The samples: last year's with planted differences, this year's the seed with its sample defects.
  await fs.writeFile(last, await workbookBuffer(sampleLastYear()));
  await fs.writeFile(current, await toBuffer(buildSeedWorkbook('koganei-departments', { withSampleDefects: true }).workbook));
  await fs.writeFile(older, await workbookBuffer({ year: 2018, rows: koganeiLastYear(), template: 'koganei' }));
  // This year as two department workbooks in flat tables: programs several departments share are split.
  const rows = koganeiThisYear();
  const welfare = rows.filter((r) => r.department === '地域福祉課');
  await fs.writeFile(path.join(folder, '地域福祉課.xlsx'), await workbookBuffer({ year: 2020, rows: welfare, template: 'flat' }));
  await fs.writeFile(path.join(folder, 'その他の課.xlsx'), await workbookBuffer({ year: 2020, rows: rows.filter((r) => !welfare.includes(r)), template: 'flat' }));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The sample pair's findings: each planted difference once, located on this year's cells, in the one order (row, then column). */
const SAMPLE_FINDINGS = [
  ['program-vanished', 'warning', 'シート1', 'B12'],
  ['previous-grade-conflict', 'error', 'シート1', 'E12'],
  ['text-unchanged', 'info', 'シート2', 'D10'],
  ['abolished-still-reported', 'warning', 'シート4', 'B14'],
];

test('--json: exit 1, the sample pair’s findings exactly, with both years’ values in params', async () => {
  const io = captureIo();
  expect(await main(['compare', last, current, '--json'], io)).toBe(1);
  const doc = JSON.parse(io.out);
  expect(doc.previous).toEqual({ files: [last], reportYear: 2019, programs: 43 });
  expect(doc.current).toEqual({ files: [current], reportYear: 2020, programs: 42 });
  expect(doc.matched).toBe(42);
  expect(doc.findings.map((f: Record<string, string>) => [f.rule, f.severity, f.sheet, f.cell])).toEqual(SAMPLE_FINDINGS);
  expect(doc.findings[1]).toMatchObject({ file: current, row: 12, department: '交通対策課', params: { previousGrade: 'B', lastYearGrades: ['C'], previousSheet: 'シート1', previousCell: 'F12' } });
  expect(doc.vanished).toEqual([{ file: last, sheet: 'シート1', cell: 'B14', path: '(2)-③', name: '福祉有償運送の担い手育成' }]);
  expect(doc.matches).toBeUndefined();
});

test('text in English, --explain says why programs were matched, --out writes the 前年度比較 sheet', async () => {
  const io = captureIo();
  const out = path.join(dir, 'compare.xlsx');
  expect(await main(['compare', last, current, '--lang', 'en', '--explain', '--out', out], io)).toBe(1);
  expect(io.out).toContain('Year on year: ');
  expect(io.out).toContain('Matched 42 / missing this year 1 / new this year 0 / ambiguous 0');
  expect(io.out).toMatch(/シート1!12 \(2\)-① CoCoバスの利便性向上 {2}→ {2}.*シート1!12 \(2\)-① CoCoバスの利便性向上\n {6}same name; same number \(①\)/);
  expect(io.out).toContain('department not there last year: — → 指導室');
  expect(io.out).toContain('Findings: 1 errors / 2 warnings / 1 info');
  const written = await readWorkbook(new Uint8Array(await fs.readFile(out)), out);
  const sheet = written.sheets.find((s) => s.name === 'Year on year');
  expect(sheet).toBeDefined();
  const rows = (sheet?.rows ?? []).map((r) => (r ?? []).map((v) => (v === null ? '' : String(v))));
  const coco = rows.find((r) => r.includes('(2)-① CoCoバスの利便性向上'));
  // 今年度の指摘 names the rule for people, never its id.
  expect(coco).toEqual(expect.arrayContaining(['交通対策課', 'C', 'B', '↑', 'Previous grade differs from last year']));
  const gone = rows.find((r) => r.includes('福祉有償運送の担い手育成'));
  expect(gone).toEqual(expect.arrayContaining(['B', 'not this year', '継続']));
});

test('this year as a folder of department workbooks in another template: the same programs, no findings but the planted ones', async () => {
  const io = captureIo();
  expect(await main(['compare', path.join(dir, 'koganei-2019.xlsx'), folder, '--json'], io)).toBe(1);
  const doc = JSON.parse(io.out);
  expect(doc.current.files).toHaveLength(2);
  expect(doc.matched).toBe(42);
  expect(doc.added).toEqual([]);
  // The four planted differences, each in the department file that reports the program.
  expect(doc.findings.map((f: Record<string, string>) => [f.rule, path.basename(f.file), f.sheet])).toEqual([
    ['program-vanished', 'その他の課.xlsx', '評価表'],
    ['previous-grade-conflict', 'その他の課.xlsx', '評価表'],
    ['text-unchanged', 'その他の課.xlsx', '評価表'],
    ['abolished-still-reported', 'その他の課.xlsx', '評価表'],
  ]);
});

test('year-not-consecutive is an error; wrong arguments exit 2 with the usage', async () => {
  const io = captureIo();
  expect(await main(['compare', older, current, '--json'], io)).toBe(1);
  expect(JSON.parse(io.out).findings[0]).toMatchObject({ rule: 'year-not-consecutive', sheet: null, cell: null, params: { previousYear: 2018, currentYear: 2020 } });
  const one = captureIo();
  expect(await main(['compare', current], one)).toBe(2);
  expect(one.err).toContain('使い方: hyoka compare <前年度> <今年度>');
  const help = captureIo();
  expect(await main(['compare', '--help'], help)).toBe(0);
  expect(help.out).toContain('--explain');
  const missing = captureIo();
  expect(await main(['compare', path.join(dir, 'nope.xlsx'), current], missing)).toBe(2);
});

test('--year (this year) none of this year’s workbooks carries heads the findings; one before last year’s is refused as the stated year’s mistake (#23)', async () => {
  const io = captureIo();
  await main(['compare', last, current, '--json', '--year', '2021'], io);
  const doc = JSON.parse(io.out);
  expect(doc.current.reportYear).toBe(2021);
  expect(doc.findings[0]).toMatchObject({ rule: 'report-year-not-in-workbook', severity: 'warning', file: current, params: { given: 2021, found: [2020] } });
  // A folder: the run's own warning, though no file of the stated year is left to compare.
  const inFolder = captureIo();
  await main(['compare', last, folder, '--json', '--year', '2021'], inFolder);
  expect(JSON.parse(inFolder.out).findings[0]).toMatchObject({ rule: 'year-mismatch', severity: 'warning', file: null, params: { given: 2021, found: [2020] } });
  const before = captureIo();
  expect(await main(['compare', last, current, '--year', '2018'], before)).toBe(2);
  expect(before.err).toContain('今年度を平成30年度と指定しましたが');
  expect(before.err).not.toContain('引数の順序が逆');
});
