/**
 * A CLI that explains itself: at COLUMNS=80 no line of any command's output is wider than 80
 * display columns (string-width), the policy table narrower rather than wrapped; lines break
 * where Japanese allows; every command's --help is its own and complete; a mistyped flag or
 * command is answered in the user's language with the nearest known name and one line of
 * usage; values are validated with a message saying what was wrong (--year against a clock
 * the test sets, HYOKA_SOFFICE naming a path that is not there).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';

import { cliClock, main } from '../../src/cli/main';
import { fitLines, wrap } from '../../src/cli/terminal';
import { captureIo } from './capture-io';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
const sample = (name: string): string => path.join(ROOT, 'samples', name);
/** A message as one line again (the terminal's continuation lines joined). */
const joined = (text: string): string => text.replace(/\n\s+/g, '');
const wide = (text: string, width = 80): string[] => text.split('\n').filter((l) => stringWidth(l) > width);

let savedColumns: string | undefined;
const realNow = cliClock.now;
beforeAll(() => {
  savedColumns = process.env.COLUMNS;
  process.env.COLUMNS = '80';
  cliClock.now = () => new Date(Date.UTC(2026, 11, 4));
});
afterAll(() => {
  if (savedColumns === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = savedColumns;
  cliClock.now = realNow;
});

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

test('at COLUMNS=80 no line of any command’s output is wider than 80 columns', async () => {
  const runs: string[][] = [
    ['--help'],
    ['check', '--help'],
    ['consolidate', '--help'],
    ['compare', '--help'],
    ['--help', '--lang', 'en'],
    ['check', '--help', '--lang', 'en'],
    ['compare', '--help', '--lang', 'en'],
    ['check', sample('komae-policy-grades.xlsx')],
    ['check', sample('koganei-departments.xlsx'), '--explain'],
    ['check', sample('kiyose-programs.xlsx'), '--lang', 'en'],
    ['check', sample('kiyose-multi-year.xlsx')],
    ['compare', sample('koganei-departments-2019.xlsx'), sample('koganei-departments.xlsx')],
    ['compare', sample('koganei-departments-2019.xlsx'), sample('koganei-departments.xlsx'), '--explain', '--lang', 'en'],
    ['consolidate', path.join(ROOT, 'samples', 'departments')],
    ['check', 'nothing-here.xlsx', '--ouput', 'x.xlsx'],
    ['chek'],
    ['rules'],
    ['rules', '--help', '--lang', 'en'],
  ];
  for (const argv of runs) {
    const r = await cli(argv);
    expect({ argv, wide: wide(r.out + r.err) }).toEqual({ argv, wide: [] });
  }
});

test('the policy table is one line per policy at 80 columns: narrower, not wrapped', async () => {
  const r = await cli(['check', sample('komae-policy-grades.xlsx')]);
  const table = r.out.slice(r.out.indexOf('施策別の評価集計'));
  const lines = table.split('\n').filter((l) => /^\s{2}\S/.test(l) && !l.includes('■'));
  // Every row after the header ends with its 事業数: nothing wrapped onto a line of its own.
  for (const l of lines.slice(1)) expect(l).toMatch(/\d+$/);
  expect(lines.length).toBeGreaterThan(10);
});

test('lines break where Japanese allows, and Latin words are never split', () => {
  const text = '評価が未記入です。A〜Dのいずれかを入力してください（対象外なら「-」）。理由を確認してください。';
  for (const width of [12, 14, 16, 18, 20, 22]) {
    const lines = wrap(text, width);
    expect(lines.join('')).toBe(text);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^[、。）」』]/);
    for (const l of lines.slice(0, -1)) expect(l).not.toMatch(/[（「『]$/);
  }
  const english = wrap('Checks evaluation workbooks and prints the findings and the grades by policy.', 20);
  for (const l of english) for (const word of l.split(' ')) expect('Checks evaluation workbooks and prints the findings and the grades by policy.'.split(' ')).toContain(word);
  // An option's description continues under its own column.
  const fitted = fitLines('  --explain            読み取った表（見出し行・各列の役割とその根拠・報告年度とその根拠）を表示', 60).split('\n');
  expect(fitted.length).toBeGreaterThan(1);
  for (const l of fitted.slice(1)) expect(l.startsWith(' '.repeat(23))).toBe(true);
});

test('every command’s --help is its own and complete; the top level lists each option once', async () => {
  const top = (await cli(['--help'])).out;
  const check = (await cli(['check', '--help'])).out;
  const compare = (await cli(['compare', '--help'])).out;
  const consolidate = (await cli(['consolidate', '--help'])).out;
  expect(top.match(/--explain/g)?.length).toBeGreaterThanOrEqual(1);
  expect(top.split('\n').filter((l) => /^\s+--explain\s/.test(l))).toHaveLength(1);
  expect(check).toMatch(/^\s+--explain\s/m);
  expect(compare).not.toBe(top);
  expect(compare).toMatch(/hyoka compare/);
  for (const o of ['--out', '--year', '--config', '--lang', '--json', '--explain', '--force']) expect(compare).toContain(o);
  expect(consolidate).toMatch(/\.xls・\.ods/);
  expect((await cli(['help', 'compare'])).out).toBe(compare);
});

test('a mistyped flag: the user’s language, the nearest flag, one line of usage', async () => {
  const ja = await cli(['check', sample('komae-policy-grades.xlsx'), '--ouput', 'x.xlsx']);
  expect(ja.code).toBe(2);
  expect(ja.err).toContain('「--ouput」というオプションはありません。もしかして --out ですか？');
  expect(ja.err).not.toMatch(/To specify a positional|Unknown option/);
  expect(ja.err.trim().split('\n')).toHaveLength(2);
  const en = await cli(['compare', 'a.xlsx', 'b.xlsx', '--lang', 'en', '--explian']);
  expect(en.code).toBe(2);
  expect(en.err).toContain('Unknown option "--explian". Did you mean --explain?');
  expect(en.err.trim().split('\n')).toHaveLength(2);
  const far = await cli(['check', 'a.xlsx', '--zzzzzzzz']);
  expect(far.err).not.toContain('もしかして');
  const noValue = await cli(['check', 'a.xlsx', '--out']);
  expect(noValue.err).toContain('--out には値を指定してください。');
});

test('a mistyped command gets the nearest command and one line of usage', async () => {
  const r = await cli(['chek', 'a.xlsx']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('「chek」というコマンドはありません。もしかして check ですか？');
  expect(r.err.trim().split('\n')).toHaveLength(2);
  const en = await cli(['consolidte', '--lang', 'en']);
  expect(en.err).toContain('Did you mean consolidate?');
  expect((await cli(['rule'])).err).toContain('もしかして rules ですか？');
});

test('--year: within the last 30 and next 2 fiscal years of the clock', async () => {
  const typo = await cli(['check', sample('komae-policy-grades.xlsx'), '--year', '令和99']);
  expect(typo.code).toBe(2);
  expect(joined(typo.err)).toContain('--year「令和99」は報告年度として範囲外です。平成8年度から令和10年度までの年度を指定してください。');
  const next = await cli(['check', sample('komae-policy-grades.xlsx'), '--year', '2029']);
  expect(next.code).toBe(2);
  const ok = await cli(['check', sample('komae-policy-grades.xlsx'), '--year', '2028', '--json']);
  expect(ok.code).toBeLessThan(2);
  expect(JSON.parse(ok.out).reportYear).toBe(2028);
  // The clock decides: a year later, 2029 is within reach.
  cliClock.now = () => new Date(Date.UTC(2027, 5, 1));
  try {
    expect((await cli(['check', sample('komae-policy-grades.xlsx'), '--year', '2029', '--json'])).code).toBeLessThan(2);
  } finally {
    cliClock.now = () => new Date(Date.UTC(2026, 11, 4));
  }
});

test('--year within reach but none of the years the workbook carries: a warning naming them, and the run goes on (#23)', async () => {
  const stated = await cli(['check', sample('komae-policy-grades.xlsx'), '--year', '2021', '--json']);
  expect(stated.code).toBeLessThan(2);
  const doc = JSON.parse(stated.out);
  expect(doc.reportYear).toBe(2021);
  const warning = doc.findings.find((f: { rule: string }) => f.rule === 'report-year-not-in-workbook');
  expect(warning).toMatchObject({ severity: 'warning', sheet: null, params: { given: 2021, found: [2023] } });
  expect(warning.message).toContain('令和3年度が指定されました');
  expect(warning.message).toContain('令和5年度だけです');
  // The year the workbook carries: nothing said.
  const own = JSON.parse((await cli(['check', sample('komae-policy-grades.xlsx'), '--year', '令和5', '--json'])).out);
  expect(own.findings.some((f: { rule: string }) => f.rule === 'report-year-not-in-workbook')).toBe(false);
});

test('HYOKA_SOFFICE naming a path that is not there says so, with the path', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-soffice-'));
  const saved = process.env.HYOKA_SOFFICE;
  try {
    // An OLE compound file header: what a legacy .xls starts with.
    const xls = path.join(dir, '福祉課.xls');
    await fs.writeFile(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(1024)]));
    process.env.HYOKA_SOFFICE = '/nonexistent/soffice';
    const r = await cli(['check', xls]);
    expect(r.code).toBe(2);
    expect(joined(r.err)).toContain('環境変数 HYOKA_SOFFICE に指定された「/nonexistent/soffice」が見つからないか');
  } finally {
    if (saved === undefined) delete process.env.HYOKA_SOFFICE;
    else process.env.HYOKA_SOFFICE = saved;
    await fs.rm(dir, { recursive: true, force: true });
  }
});
