/**
 * Pairs of workbooks for 前年度比較, generated from the Koganei seed (004): its 前年度事業評価
 * column is a real previous year, so the FY2020 report gives this year and its previous
 * grades give last year (FY2019). Programs are kept as plain rows; a case edits the rows
 * (renumber, rename, drop, add, copy text, change a grade) and writes either year in either
 * template — the city's one-sheet-per-基本施策 layout or one flat table — then reads the files
 * back through the reader users use and checks them.
 */
import ExcelJS from 'exceljs';

import { checkWorkbook, type CheckResult } from '../../src/core';
import { compareYears, type ComparisonOptions, type ComparisonResult } from '../../src/core/compare';
import { readWorkbook } from '../../src/xlsx/read';
import { KOGANEI_SHEETS } from '../fixtures/seed-data/koganei-2020';
import { toBuffer } from '../fixtures/workbooks';

export interface ProgramRow {
  sheetNo: number;
  goal: string;
  basicPolicy: string;
  policyNo: number;
  policyName: string;
  /** ① = 1 */
  mark: number;
  name: string;
  department: string;
  previousGrade: string;
  grade: string;
  result: string;
  reason: string;
  nextPolicy: string;
}

export type Template = 'koganei' | 'flat';

export interface YearSpec {
  year: number;
  rows: ProgramRow[];
  template: Template;
  /** Write a 次年度方針 column (Koganei's own sheets have none). */
  nextPolicy?: boolean;
  /** The 実績 column's header (default: 事業実績(令和N年度) / 実績); `{year}` becomes 令和N年度. */
  resultHeader?: string;
  /** Flat template: the 基本施策 column names its nodes without numbers. */
  unnumberedBasicPolicy?: boolean;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** This year: the FY2020 report as published, one row per program and department. */
export function koganeiThisYear(): ProgramRow[] {
  const out: ProgramRow[] = [];
  for (const s of KOGANEI_SHEETS) {
    let policyNo = 0;
    let mark = 0;
    let name = '';
    for (const r of s.rows) {
      if (r.policy) policyNo = Number(/\d+/.exec(r.policy)?.[0]);
      if (r.program) {
        mark = CIRCLED.indexOf(r.program[0]) + 1;
        name = r.program.slice(1).trim();
      }
      out.push({
        sheetNo: s.no, goal: s.goal, basicPolicy: s.basicPolicy, policyNo, policyName: s.policies[policyNo - 1], mark, name,
        department: r.department, previousGrade: r.previousGrade, grade: r.grade, result: r.result,
        reason: `${r.outlook}`, nextPolicy: '継続',
      });
    }
  }
  return out;
}

/**
 * Last year, reconstructed: each row's grade is this year's 前年度事業評価; departments that
 * show `—` were not there. Its own previous grades repeat its grades, and its texts are
 * last year's words, not this year's.
 */
export function koganeiLastYear(): ProgramRow[] {
  return koganeiThisYear()
    .filter((r) => r.previousGrade !== '—')
    .map((r) => ({ ...r, grade: r.previousGrade, previousGrade: r.previousGrade, result: `令和元年度は${r.result}`, reason: `前年度：${r.reason}` }));
}

function eraYear(year: number): string {
  return year === 2019 ? '令和元年度' : `令和${year - 2018}年度`;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function put(ws: ExcelJS.Worksheet, row: number, values: (string | null)[], border = true): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(row, i + 1);
    if (v !== null && v !== '') cell.value = v;
    if (border) cell.border = BORDER;
  });
}

function resultHeader(spec: YearSpec, fallback: string): string {
  return spec.resultHeader === undefined ? fallback : spec.resultHeader.replace('{year}', eraYear(spec.year));
}

function koganeiWorkbook(spec: YearSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const title = `地域福祉計画の進捗状況及び評価表(${eraYear(spec.year)}実績報告)`;
  const sheets = [...new Set(spec.rows.map((r) => r.sheetNo))];
  for (const no of sheets) {
    const rows = spec.rows.filter((r) => r.sheetNo === no);
    const ws = wb.addWorksheet(`シート${no}`);
    put(ws, 1, [title], false);
    put(ws, 3, ['【基本施策】'], false);
    let row = 4;
    put(ws, row++, ['基本目標', rows[0].goal], false);
    put(ws, row++, ['基本施策', rows[0].basicPolicy], false);
    const policies = new Map<number, string>();
    for (const r of rows) policies.set(r.policyNo, r.policyName);
    for (const [n, name] of [...policies].sort((a, b) => a[0] - b[0])) put(ws, row++, [`施策(${n})`, name], false);
    row++;
    const header = ['施策', '【個別事業・取り組み】', '担当課', resultHeader(spec, `事業実績(${eraYear(spec.year)})`), '前年度\n事業\n評価', '事業\n評価', ...(spec.nextPolicy ? ['次年度方針'] : []), '今後の事業計画・展望'];
    put(ws, row++, header);
    let last = '';
    let lastPolicy = 0;
    for (const r of rows) {
      const key = `${r.policyNo}-${r.mark}-${r.name}`;
      put(ws, row++, [
        r.policyNo !== lastPolicy ? `(${r.policyNo})` : null,
        key !== last ? `${CIRCLED[r.mark - 1]} ${r.name}` : null,
        r.department, r.result, r.previousGrade, r.grade, ...(spec.nextPolicy ? [r.nextPolicy] : []), r.reason,
      ]);
      last = key;
      lastPolicy = r.policyNo;
    }
  }
  return wb;
}

/** The template a city might move to: every program in one table, hierarchy in columns. */
function flatWorkbook(spec: YearSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('評価表');
  put(ws, 1, [`${eraYear(spec.year)} 地域福祉計画 評価表`], false);
  put(ws, 3, ['基本目標', '基本施策', '施策', '事業名', '担当課', resultHeader(spec, '実績'), '評価の理由', '前年度評価', '評価', '次年度方針']);
  let row = 4;
  let goal = '';
  let basic = '';
  let policy = '';
  let program = '';
  for (const r of spec.rows) {
    const p = `${r.sheetNo}-${r.policyNo}`;
    const key = `${p}-${r.mark}-${r.name}`;
    put(ws, row++, [
      r.goal !== goal ? r.goal : null,
      r.basicPolicy !== basic ? (spec.unnumberedBasicPolicy ? r.basicPolicy : `基本施策${r.sheetNo} ${r.basicPolicy}`) : null,
      p !== policy ? `(${r.policyNo}) ${r.policyName}` : null,
      key !== program ? `${CIRCLED[r.mark - 1]} ${r.name}` : null,
      r.department, r.result, r.reason, r.previousGrade, r.grade, spec.nextPolicy === false ? null : r.nextPolicy,
    ]);
    goal = r.goal;
    basic = r.basicPolicy;
    policy = p;
    program = key;
  }
  return wb;
}

const cache = new Map<string, Promise<CheckResult>>();

/** Writes the year's workbook, reads it back as a user's file is read, and checks it (memoised). */
export function checkedYear(spec: YearSpec): Promise<CheckResult> {
  const key = JSON.stringify(spec);
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const wb = spec.template === 'koganei' ? koganeiWorkbook(spec) : flatWorkbook(spec);
      const snapshot = await readWorkbook(await toBuffer(wb), `${spec.year}.xlsx`);
      return checkWorkbook(snapshot, { fileName: `${spec.year}.xlsx` });
    })();
    cache.set(key, hit);
  }
  return hit;
}

/**
 * The last-year sample beside samples/koganei-departments.xlsx: FY2019 in the city's own
 * sheets plus the 次年度方針 column a city adds, with four planted differences — a grade this
 * year's 前年度事業評価 quotes wrongly, a program planned 廃止 yet reported, a program gone
 * though planned 継続, and a 事業実績 text this year copies word for word.
 */
export function sampleLastYear(): YearSpec {
  const rows = koganeiLastYear();
  findRow(rows, 'CoCoバスの利便性向上').grade = 'C';
  findRow(rows, '福祉マップの見直し').nextPolicy = '廃止';
  const after = findRow(rows, '移送サービスへの支援');
  rows.splice(rows.indexOf(after) + 1, 0, { ...after, mark: 3, name: '福祉有償運送の担い手育成', department: '自立生活支援課', grade: 'B', result: '福祉有償運送の運転協力者向け講習会を年2回開催し、新たな担い手の確保に努めた。' });
  findRow(rows, '自主防災組織の育成').result = findRow(koganeiThisYear(), '自主防災組織の育成').result;
  return { year: 2019, rows, template: 'koganei', nextPolicy: true };
}

export async function workbookBuffer(spec: YearSpec): Promise<Buffer> {
  return toBuffer(spec.template === 'koganei' ? koganeiWorkbook(spec) : flatWorkbook(spec));
}

/**
 * One workbook keeping several years as sheets, as departments do (last year's sheet beside
 * this year's): each year's sheets, named with the year in front (`令和元年度 評価表`).
 */
export async function oneBookBuffer(specs: readonly YearSpec[]): Promise<Buffer> {
  const out = new ExcelJS.Workbook();
  for (const spec of specs) {
    const source = spec.template === 'koganei' ? koganeiWorkbook(spec) : flatWorkbook(spec);
    source.eachSheet((ws) => {
      const copy = out.addWorksheet(`${eraYear(spec.year)} ${ws.name}`.slice(0, 31));
      ws.eachRow((row, r) => row.eachCell((cell, c) => (copy.getCell(r, c).value = cell.value)));
    });
  }
  return toBuffer(out);
}

/** The rows of one department, as its own file would hold them (a folder of department workbooks). */
export function departmentSpecs(spec: YearSpec): { department: string; spec: YearSpec }[] {
  const departments = [...new Set(spec.rows.map((r) => r.department))];
  return departments.map((department) => ({ department, spec: { ...spec, rows: spec.rows.filter((r) => r.department === department) } }));
}

export async function comparePair(previous: YearSpec, current: YearSpec, options: ComparisonOptions = {}): Promise<ComparisonResult> {
  const [a, b] = await Promise.all([checkedYear(previous), checkedYear(current)]);
  return compareYears(
    { reportYear: a.report.reportYear, files: [{ file: null, plans: a.plans }] },
    { reportYear: b.report.reportYear, files: [{ file: null, plans: b.plans, findings: b.report.findings }] },
    options,
  );
}

/** Row helpers for planting changes. */
export function findRow(rows: ProgramRow[], name: string, department?: string): ProgramRow {
  const r = rows.find((x) => x.name === name && (department === undefined || x.department === department));
  if (!r) throw new Error(`pairs: no row ${name} ${department ?? ''}`);
  return r;
}

const KOGANEI_COLUMNS = { name: 'B', department: 'C', result: 'D', previousGrade: 'E', grade: 'F' } as const;
const FLAT_COLUMNS = { name: 'D', department: 'E', result: 'F', reason: 'G', previousGrade: 'H', grade: 'I', nextPolicy: 'J' } as const;

/** Sheet and A1 of a row's cell in the workbook `spec` writes (so cases never hard-code rows). */
export function cellOf(spec: YearSpec, row: ProgramRow, column: keyof typeof FLAT_COLUMNS): { sheet: string; cell: string } {
  const i = spec.rows.indexOf(row);
  if (i < 0) throw new Error('pairs: row not in spec');
  if (spec.template === 'flat') return { sheet: '評価表', cell: `${FLAT_COLUMNS[column]}${4 + i}` };
  const same = spec.rows.filter((r) => r.sheetNo === row.sheetNo);
  const policies = new Set(same.map((r) => r.policyNo)).size;
  const header = 6 + policies + 1;
  let letter: string;
  if (column === 'nextPolicy') letter = 'G';
  else if (column === 'reason') letter = spec.nextPolicy ? 'H' : 'G';
  else letter = KOGANEI_COLUMNS[column];
  return { sheet: `シート${row.sheetNo}`, cell: `${letter}${header + 1 + same.indexOf(row)}` };
}
