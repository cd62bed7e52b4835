/**
 * Workbooks that open but are hostile: macros, hidden or empty sheets, a stray cell on the
 * last row, whole-sheet ranges, 10,000 merges, formula errors, a 32,767-character cell,
 * control characters, odd sheet names, dates as grades. Each is checked through the real CLI
 * in Japanese and English: a report (exit 0 or 1), no stack trace, no hang.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { parseA1 } from '../../src/core/a1';
import { type CliResult, ensureBuilt, expectNoCrash, runCli, shownAs, tempDir } from './cli';
import * as g from './generate';

interface JsonReport {
  file: string;
  sheets: { name: string; kind: string }[];
  findings: { rule: string; severity: string; sheet: string | null; cell: string | null; row: number | null; message: string }[];
  policies: { sheet: string; name: string }[];
}

let dir: string;
const files: Record<string, string> = {};
const extra: { formulaErrorCells: string[]; dateCells: string[] } = { formulaErrorCells: [], dateCells: [] };
let ja: CliResult;
let en: CliResult;
let json: CliResult;
let reports: Map<string, JsonReport>;

const MAKERS: Record<string, () => Promise<Buffer>> = {
  'clean.xlsx': g.cleanWorkbook,
  'macros.xlsm': g.withMacros,
  'all-hidden.xlsx': g.allSheetsHidden,
  'empty-workbook.xlsx': g.emptyWorkbook,
  'formula-errors.xlsx': async () => {
    const r = await g.formulaErrors();
    extra.formulaErrorCells = r.cells;
    return r.data;
  },
  'long-cell.xlsx': g.longCell,
  'control-chars.xlsx': g.controlChars,
  'odd-sheet-names.xlsx': g.oddSheetNames,
  'dates-as-grades.xlsx': async () => {
    const r = await g.datesAsGrades();
    extra.dateCells = r.cells;
    return r.data;
  },
};

beforeAll(async () => {
  ensureBuilt();
  dir = await tempDir('odd');
  for (const [name, make] of Object.entries(MAKERS)) {
    files[name] = path.join(dir, name);
    await fs.writeFile(files[name], await make());
  }
  const all = Object.values(files);
  [ja, en, json] = await Promise.all([runCli(['check', ...all]), runCli(['check', ...all, '--lang', 'en']), runCli(['check', ...all, '--json'])]);
  reports = new Map((JSON.parse(json.stdout) as JsonReport[]).map((r) => [path.basename(r.file), r]));
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function report(name: string): JsonReport {
  const r = reports.get(name);
  if (!r) throw new Error(`no report for ${name}`);
  return r;
}

/** The text report's section for one file (reports are separated by a blank line before the next heading). */
function section(r: CliResult, name: string): string {
  // The text report names each file as the user would type it from where the command ran.
  const start = r.stdout.indexOf(shownAs(files[name]));
  if (start < 0) throw new Error(`no section for ${name}`);
  const next = Object.values(files)
    .map((f) => r.stdout.indexOf(shownAs(f), start + 1))
    .filter((i) => i > start);
  return r.stdout.slice(start, next.length ? Math.min(...next) : undefined);
}

test('every file is read and reported: exit 1 (error findings), no stack trace, nothing on stderr', () => {
  for (const r of [ja, en, json]) {
    expectNoCrash(r);
    expect(r.code).toBe(1);
    // No library warnings leak out (ExcelJS prints one for sheet names over 31 characters).
    expect(r.stderr).toBe('');
  }
  expect([...reports.keys()].sort()).toEqual(Object.keys(MAKERS).sort());
});

test('every finding points at a sheet that exists and a cell on it', () => {
  for (const r of reports.values()) {
    const names = new Set(r.sheets.map((s) => s.name));
    for (const f of r.findings) {
      if (f.sheet !== null) expect(names).toContain(f.sheet);
      if (f.cell !== null) {
        const at = parseA1(f.cell);
        expect(at).not.toBeNull();
        expect(at!.row + 1).toBe(f.row);
        expect(at!.row).toBeLessThan(1_048_576);
        expect(at!.col).toBeLessThan(16_384);
      }
    }
  }
});

test('.xlsm with a VBA project: read like the same workbook without macros (never run)', () => {
  const strip = (r: JsonReport): unknown => ({ ...r, file: null });
  expect(strip(report('macros.xlsm'))).toEqual(strip(report('clean.xlsx')));
});

test('all sheets hidden: says that nothing was checked and why', () => {
  expect(report('all-hidden.xlsx').findings).toEqual([expect.objectContaining({ rule: 'nothing-checked', severity: 'warning', sheet: null })]);
  expect(section(ja, 'all-hidden.xlsx')).toMatch(/すべてのシート（3枚）が非表示のため、何も点検していません/);
  expect(section(en, 'all-hidden.xlsx')).toMatch(/All 3 sheets are hidden, so nothing was checked/);
});

test('empty workbook: says that nothing was checked', () => {
  expect(report('empty-workbook.xlsx').findings).toEqual([expect.objectContaining({ rule: 'nothing-checked', severity: 'warning' })]);
  expect(section(ja, 'empty-workbook.xlsx')).toMatch(/評価表・評価総括表として読めるシートがないため、何も点検していません/);
  expect(section(en, 'empty-workbook.xlsx')).toMatch(/nothing was checked/);
});

test('formula cells with #N/A, #REF!, #DIV/0! results: flagged at those cells as error values', () => {
  const flagged = report('formula-errors.xlsx').findings.filter((f) => f.rule === 'grade-error-value').map((f) => f.cell);
  expect(flagged).toEqual(expect.arrayContaining(extra.formulaErrorCells));
  expect(section(ja, 'formula-errors.xlsx')).toContain('#N/A');
  expect(section(en, 'formula-errors.xlsx')).toContain('#REF!');
});

test('dates where grades should be: flagged at those cells, shown as dates', () => {
  const r = report('dates-as-grades.xlsx');
  const flagged = r.findings.filter((f) => f.rule === 'grade-invalid').map((f) => f.cell);
  expect(flagged).toEqual(expect.arrayContaining(extra.dateCells));
  expect(section(ja, 'dates-as-grades.xlsx')).toContain('2023-04-01');
});

test('a 32,767-character cell: reported, the message does not repeat the whole cell', () => {
  const r = report('long-cell.xlsx');
  expect(r.findings.some((f) => f.rule === 'grade-invalid')).toBe(true);
  for (const f of r.findings) expect(f.message.length).toBeLessThan(33_000);
});

test('control characters: read as text, output stays valid JSON', () => {
  const r = report('control-chars.xlsx');
  expect(r.findings.length).toBeGreaterThan(0);
  expect(JSON.stringify(r)).toContain('\\u0001');
});

test('sheet names with quotes, brackets and emoji: findings carry the real names', () => {
  const r = report('odd-sheet-names.xlsx');
  expect(r.sheets.map((s) => s.name)).toEqual([...g.ODD_SHEET_NAMES]);
  for (const name of g.ODD_SHEET_NAMES) expect(r.findings.some((f) => f.sheet === name)).toBe(true);
  for (const name of g.ODD_SHEET_NAMES) {
    expect(section(ja, 'odd-sheet-names.xlsx')).toContain(`「${name}」`);
    expect(section(en, 'odd-sheet-names.xlsx')).toContain(`"${name}"`);
  }
});

describe('size: quick and without a per-row or per-cell cost', () => {
  // A capped heap fails loudly if anything allocates per empty row or per merged cell.
  const CAPPED = ['--max-old-space-size=160'];

  test.each([
    ['one stray value on row 1,048,576 (used range A1:XFD1048576)', g.strayBottom],
    ['10,000 merged ranges', () => g.manyMerges(10_000)],
    ['a list validation on F:F, one on the whole sheet, a merge down to the last row', g.wholeSheetRanges],
  ])('%s', async (_label, make) => {
    const file = path.join(dir, `size-${Math.random().toString(36).slice(2)}.xlsx`);
    await fs.writeFile(file, await make());
    const r = await runCli(['check', file, '--json'], { nodeArgs: CAPPED, timeoutMs: 30_000 });
    expectNoCrash(r);
    expect([0, 1]).toContain(r.code);
    expect(r.ms).toBeLessThan(10_000);
    const doc = JSON.parse(r.stdout) as JsonReport;
    // The table is still found and checked.
    expect(doc.sheets.find((s) => s.name === '評価調書')?.kind).toBe('evaluation');
    expect(doc.policies.length).toBeGreaterThan(0);
  }, 60_000);
});
