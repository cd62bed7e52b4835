/**
 * The findings table (点検結果) is defined once (src/render/findings-table.ts): `check --out`,
 * a consolidation's 点検結果 and each department's draw the same columns — same headings, widths
 * and order — and take each cell from a finding the same way. Built here from a real check and
 * a real consolidation of the same seed workbook, so a builder that drew its own columns (or its
 * own cells) fails.
 */
import { checkWorkbook, consolidate, type DocCell, type DocTable, type Lang, type Report, type WorkbookSnapshot } from '../../src/core';
import { buildConsolidationDocument, buildDepartmentDocuments, buildSummaryDocument } from '../../src/render';
import { FINDINGS_COLUMNS, findingsColumns, findingsTable } from '../../src/render/findings-table';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';

jest.setTimeout(60_000);

const FILE = '福祉課.xlsx';
let snapshot: WorkbookSnapshot;
let report: Report;

beforeAll(async () => {
  const { workbook } = buildSeedWorkbook('kiyose-programs', { withSampleDefects: true });
  snapshot = await readWorkbook(new Uint8Array(await toBuffer(workbook)), FILE);
  report = checkWorkbook(snapshot, { fileName: FILE }).report;
});

/** The three findings tables of one language: check's, the consolidation's, the department's. */
async function tables(lang: Lang): Promise<{ check: DocTable; consolidation: DocTable; department: DocTable }> {
  const result = await consolidate([{ name: FILE, snapshot }], {});
  const findingsSheet = (name: string, sheets: { name: string; blocks: unknown[] }[]): DocTable => sheets.find((s) => s.name === name)!.blocks[0] as DocTable;
  const check = buildSummaryDocument(report, lang).sheets[1].blocks[0] as DocTable;
  const consolidation = findingsSheet(buildSummaryDocument(report, lang).sheets[1].name, buildConsolidationDocument(result, lang).sheets);
  const departments = buildDepartmentDocuments(result, lang);
  expect(departments.length).toBeGreaterThan(0);
  return { check, consolidation, department: departments[0].document.sheets[0].blocks[0] as DocTable };
}

const text = (cell: DocCell): unknown => (cell !== null && typeof cell === 'object' && 'text' in cell ? cell.text : cell);

describe.each(['ja', 'en'] as const)('the findings table (%s)', (lang) => {
  it('has one set of columns: every table draws its columns from the one definition, in its order', async () => {
    const t = await tables(lang);
    const all = findingsColumns(FINDINGS_COLUMNS, lang);
    expect(t.check.columns).toEqual(findingsColumns(['severity', 'sheet', 'cell', 'rule', 'message', 'department', 'year', 'ruleId'], lang));
    expect(t.consolidation.columns).toEqual(all);
    expect(t.department.columns).toEqual(findingsColumns(['severity', 'file', 'sheet', 'cell', 'rule', 'message', 'program', 'ruleId'], lang));
    // A column shared by two tables is the same column: heading and width.
    for (const table of [t.check, t.consolidation, t.department]) {
      for (const c of table.columns) expect(all).toContainEqual(c);
      const order = table.columns.map((c) => all.findIndex((a) => a.header === c.header));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('takes each cell from a finding the same way in all three', async () => {
    const t = await tables(lang);
    expect(report.findings.length).toBeGreaterThan(0);
    const columnOf = (table: DocTable, header: string): number => table.columns.findIndex((c) => c.header === header);
    const shared = t.check.columns.filter((c) => columnOf(t.consolidation, c.header) >= 0).map((c) => c.header);
    expect(shared.length).toBeGreaterThanOrEqual(7);
    const rowsOf = (table: DocTable): string[] =>
      table.rows.map((row) => JSON.stringify(shared.map((h) => (columnOf(table, h) >= 0 ? text(row[columnOf(table, h)]) : '—'))));
    // The same findings of the same file: the same cells under the same headings (in any order: each table sorts its own way).
    expect(rowsOf(t.consolidation).sort()).toEqual(rowsOf(t.check).sort());
    const inDepartment = new Set(rowsOf(t.department).map((r) => JSON.parse(r) as unknown[]).map((r) => JSON.stringify(r.filter((x) => x !== '—'))));
    const inCheck = rowsOf(t.check).map((r) => JSON.parse(r) as unknown[]);
    const departmentHeaders = shared.filter((h) => columnOf(t.department, h) >= 0);
    for (const r of inDepartment) expect(inCheck.map((c) => JSON.stringify(c.filter((_, i) => departmentHeaders.includes(shared[i]))))).toContain(r);
  });
});

describe('findingsTable', () => {
  const finding = { rule: 'grade-missing', severity: 'error' as const, messageId: 'missing', params: {}, sheet: 'S', cell: null, row: 4 };

  it('names a finding at the sheet’s header row 見出し n行目, and a plain row n行目', () => {
    const shown = ['severity', 'cell'] as const;
    const at = (headerRow: number | null): DocCell => findingsTable('t', [finding], shown, { lang: 'ja', link: () => null, headerRow: () => headerRow }).rows[0][1];
    expect(at(4)).toMatch(/見出し/);
    expect(at(2)).not.toMatch(/見出し/);
  });

  it('links the cell only where the context gives a link', () => {
    const linked = findingsTable('t', [{ ...finding, cell: 'B4' }], ['cell'], { lang: 'en', link: (_f, sheet, cell) => ({ sheet, cell }) }).rows[0][0];
    expect(linked).toEqual({ text: 'B4', link: { sheet: 'S', cell: 'B4' } });
    expect(findingsTable('t', [{ ...finding, cell: 'B4' }], ['cell'], { lang: 'en', link: () => null }).rows[0][0]).toBe('B4');
  });

  it('says there are no findings in one row as wide as the table', () => {
    const table = findingsTable('t', [], ['severity', 'file', 'ruleId'], { lang: 'en', link: () => null });
    expect(table.rows).toEqual([['No findings.', null, null]]);
  });
});
