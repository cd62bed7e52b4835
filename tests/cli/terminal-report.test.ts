/**
 * The terminal report as a person reads it: colour by severity only on a terminal (and never
 * with NO_COLOR), messages wrapped under their own column to the terminal's width, paths
 * relative to where the command ran, no empty sheet headings, 「指摘はありません」 for a clean
 * book, the policy table aligned in display columns with long names cut by `…`, each
 * command's own --help, and a sheet-level finding placed at the header row.
 */
import path from 'node:path';
import stringWidth from 'string-width';

import { checkWorkbook, type Report } from '../../src/core';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { placeOf, renderTextReport } from '../../src/cli/text-report';
import { escapeControls, processTerminal, wrap, type Terminal } from '../../src/cli/terminal';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer, type SeedLayout } from '../fixtures/workbooks';

jest.setTimeout(60_000);

const ESC = '\u001b[';
// eslint-disable-next-line no-control-regex -- escape sequences are what is stripped
const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

async function report(layout: SeedLayout, defects: boolean, file: string): Promise<Report> {
  const snapshot = await readWorkbook(new Uint8Array(await toBuffer(buildSeedWorkbook(layout, { withSampleDefects: defects }).workbook)), file);
  return checkWorkbook(snapshot, { fileName: file }).report;
}

let komae: Report;
let clean: Report;
beforeAll(async () => {
  komae = await report('komae-policy', true, path.join(process.cwd(), 'in', 'komae.xlsx'));
  clean = await report('kiyose-programs', false, 'kiyose.xlsx');
});

const narrow: Terminal = { color: false, width: 60, cwd: process.cwd() };

test('lines fit the terminal: every line at most its width, messages continue under their own column', () => {
  const text = renderTextReport(komae, 'ja', narrow);
  const findingPart = text.split('\n指摘:')[0].split('\n');
  for (const line of findingPart) expect(stringWidth(line)).toBeLessThanOrEqual(60);
  const i = findingPart.findIndex((l) => l.includes('[repost-mismatch]') || l.includes('I19'));
  const first = findingPart[i];
  const next = findingPart[i + 1];
  const column = stringWidth(first.slice(0, first.indexOf('再掲')));
  expect(next.startsWith(' '.repeat(column))).toBe(true);
  expect(next.trim().length).toBeGreaterThan(0);
});

test('paths relative to the working folder; sheets without findings have no heading', () => {
  const text = renderTextReport(komae, 'ja', narrow);
  expect(text.split('\n')[0]).toMatch(/^in\/komae\.xlsx（報告年度/);
  const withFindings = new Set(komae.findings.map((f) => f.sheet));
  for (const s of komae.sheets) expect(text.includes(`シート「${s.name}」`)).toBe(withFindings.has(s.name));
});

test('a clean book says 指摘はありません', () => {
  const text = renderTextReport(clean, 'ja', narrow);
  expect(text).toContain('指摘はありません');
  expect(text).not.toContain('■ シート');
});

test('colour by severity on a terminal, none when plain', () => {
  const coloured = renderTextReport(komae, 'ja', { ...narrow, color: true });
  expect(coloured).toContain(`${ESC}31m`); // red: エラー
  expect(coloured).toContain(`${ESC}33m`); // yellow: 警告
  expect(strip(coloured)).toBe(renderTextReport(komae, 'ja', narrow));
  expect(renderTextReport(komae, 'ja', narrow)).not.toContain(ESC);
});

test('NO_COLOR and a pipe turn colour off; FORCE_COLOR turns it on', () => {
  const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
  const tty = process.stdout.isTTY;
  try {
    delete process.env.FORCE_COLOR;
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    process.env.NO_COLOR = '1';
    expect(processTerminal().color).toBe(false);
    delete process.env.NO_COLOR;
    Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
    expect(processTerminal().color).toBe(false);
    process.env.FORCE_COLOR = '1';
    expect(processTerminal().color).toBe(true);
  } finally {
    Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('the policy table lines up in display columns, long names cut with …', () => {
  const text = renderTextReport(komae, 'ja', { ...narrow, width: 200 });
  const table = text.split('施策別の評価集計（再掲は1件）\n')[1].split('\n');
  const header = table[0];
  expect(table.length).toBeGreaterThan(10);
  // Numbers are right-aligned to the header's columns: every row ends at the same display
  // column, and the A column ends at the same column on every row.
  const aEnd = stringWidth(header.slice(0, header.indexOf(' A ') + 2));
  // Each plan is headed by its sheets (■ …); the rows under it line up with the header.
  for (const row of table.slice(1).filter((r) => !r.trimStart().startsWith('■'))) {
    expect(stringWidth(row.trimEnd())).toBe(stringWidth(header.trimEnd()));
    let w = 0;
    let i = 0;
    for (; i < row.length && w < aEnd; i++) w += stringWidth(row[i]);
    expect(w).toBe(aEnd); // no wide character straddles the column
    expect(row[i - 1]).toMatch(/\d/);
  }
  expect(table.some((r) => r.includes('…'))).toBe(true);
});

test('wrap breaks Japanese anywhere and English at spaces', () => {
  expect(wrap('あいうえおかきくけこさしすせそ', 10)).toEqual(['あいうえお', 'かきくけこ', 'さしすせそ']);
  expect(wrap('the grade is missing here', 12)).toEqual(['the grade is', 'missing here']);
});

test('a sheet-level finding names the header row, never a bare row number', () => {
  const f = { rule: 'layout-uncertain', severity: 'info' as const, sheet: 'S', cell: null, row: 4, messageId: 'm', params: {} };
  expect(placeOf(f, 4, 'ja')).toBe('見出し（4行目）');
  expect(placeOf(f, 2, 'ja')).toBe('4行目');
  expect(placeOf({ ...f, row: null }, 4, 'ja')).toBe('（シート）');
});

describe('--help', () => {
  const capture = (): Io & { out: string; err: string } => {
    const io = { out: '', err: '', interactive: false, stdout: (t: string) => void (io.out += `${t}\n`), stderr: (t: string) => void (io.err += `${t}\n`) };
    return io;
  };
  test.each([
    [['--help'], ['check', 'consolidate']],
    [['check', '--help'], ['--year', '--config', '--lang', '--json', '--out', '--force', '--help']],
    [['consolidate', '--help'], ['--master', '--out', '--per-department', '--year', '--config', '--lang', '--json', '--force', '--help']],
    [['consolidate', 'x', '-h'], ['--per-department']],
  ])('%j prints its own help with every option and exits 0', async (argv, options) => {
    const io = capture();
    expect(await main(argv, io)).toBe(0);
    for (const o of options) expect(io.out).toContain(o);
    expect(io.err).toBe('');
  });
  test('check --help and consolidate --help differ', async () => {
    const a = capture();
    const b = capture();
    await main(['check', '--help'], a);
    await main(['consolidate', '--help'], b);
    expect(a.out).not.toBe(b.out);
    expect(a.out).not.toContain('--master');
  });
});

test('escapeControls escapes exactly the characters a terminal would act on, every code unit checked', () => {
  // The definition: C0 controls but tab and newline, DEL and C1, the bidi marks, overrides and isolates.
  const unsafe = (c: number): boolean => (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || [0x61c, 0x200e, 0x200f].includes(c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  let escaped = 0;
  const wrong: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    const want = unsafe(c) ? (c < 0x20 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`) : ch;
    if (unsafe(c)) escaped++;
    if (escapeControls(`評${ch}価`) !== `評${want}価`) wrong.push(c.toString(16));
  }
  expect(wrong).toEqual([]);
  expect(escaped).toBe(30 + 33 + 3 + 5 + 4);
  // Text without any comes back as it is (the same string).
  const text = '施策の方向性\tA\n'.repeat(1000);
  expect(escapeControls(text)).toBe(text);
});
