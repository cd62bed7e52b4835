/**
 * The generated department set for 取りまとめ (issue #4): the Koganei report (seed 004) split
 * into one workbook per 担当課, as a secretariat receives them, plus the plan master (計画体系)
 * built from the same plan. It carries one of each problem consolidation must call out:
 *
 * - 公民館.xlsx is corrupt (truncated);
 * - 交通対策課.xlsx is last year's report (令和元年度);
 * - 指導室.xlsx states no report year;
 * - 地域福祉課.xlsx also reports 社協's row of 9-(2)-① with grade C where 社協's own file says B,
 *   and leaves the grade of 1-(1)-① blank (a `check` finding);
 * - 地域安全課.xlsx reports a program that is not in the plan master;
 * - 健康課 sends nothing.
 *
 * Output is byte-stable (fixed dates and zip stamps).
 *
 *   npm run department-set      # writes samples/departments/
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';

import { KOGANEI_CRITERIA, KOGANEI_SHEETS, KOGANEI_TITLE, type KoganeiRow } from '../tests/fixtures/seed-data/koganei-2020';
import { FIXTURE_AUTHOR, FIXTURE_DATE, toBuffer } from '../tests/fixtures/workbooks';

export const DEPARTMENT_SET_YEAR = 2020;
export const MASTER_FILE = '計画体系.xlsx';

/** The departments the plan master names, in plan order. */
export const PLAN_DEPARTMENTS: readonly string[] = (() => {
  const out: string[] = [];
  for (const s of KOGANEI_SHEETS) for (const r of s.rows) if (!out.includes(r.department)) out.push(r.department);
  return out;
})();

export const SET_PROBLEMS = {
  missingDepartment: '健康課',
  corruptFile: '公民館.xlsx',
  wrongYearFile: '交通対策課.xlsx',
  yearlessFile: '指導室.xlsx',
  duplicate: { file: '地域福祉課.xlsx', sheet: 9, program: 'ボランティア・市民活動センターの機能強化', department: '地域福祉課(社会福祉協議会)', grade: 'C' },
  unknownProgram: { file: '地域安全課.xlsx', sheet: 2, program: '特殊詐欺被害の防止啓発' },
  blankGrade: { file: '地域福祉課.xlsx', sheet: 1, program: 'ユニバーサルデザインによるまちづくりの推進' },
} as const;

interface DepartmentFile {
  file: string;
  department: string;
  title: string;
  resultHeader: string;
  /** Rows other than its own it also reports (a joint program filled in by both). */
  extra?: (sheet: number, row: KoganeiRow) => Partial<KoganeiRow> | null;
  /** Rows it reports differently from the seed. */
  change?: (sheet: number, row: KoganeiRow) => Partial<KoganeiRow> | null;
  /** Rows the seed does not have, inserted after the named program. */
  insert?: { sheet: number; after: string; row: KoganeiRow }[];
}

const YEAR_TITLE = KOGANEI_TITLE; // …(令和2年度実績報告)

function departmentFiles(): DepartmentFile[] {
  return PLAN_DEPARTMENTS.filter((d) => d !== SET_PROBLEMS.missingDepartment).map((department) => {
    const f: DepartmentFile = { file: `${department}.xlsx`, department, title: YEAR_TITLE, resultHeader: '事業実績(令和2年度)' };
    if (f.file === SET_PROBLEMS.wrongYearFile) {
      f.title = YEAR_TITLE.replace('令和2年度', '令和元年度');
      f.resultHeader = '事業実績(令和元年度)';
    }
    if (f.file === SET_PROBLEMS.yearlessFile) {
      f.title = YEAR_TITLE.replace(/\(.*\)$/, '');
      f.resultHeader = '事業実績';
    }
    if (f.file === SET_PROBLEMS.duplicate.file) {
      const d = SET_PROBLEMS.duplicate;
      f.extra = (sheet, row) => (sheet === d.sheet && row.program.endsWith(d.program) && row.department === d.department ? { grade: d.grade } : null);
      const b = SET_PROBLEMS.blankGrade;
      f.change = (sheet, row) => (sheet === b.sheet && row.program.endsWith(b.program) && row.department === department ? { grade: '' } : null);
    }
    if (f.file === SET_PROBLEMS.unknownProgram.file) {
      f.insert = [
        {
          sheet: SET_PROBLEMS.unknownProgram.sheet,
          after: '② 地域コミュニティを活用した防犯体制の推進',
          row: {
            policy: '',
            program: `③ 【新規】${SET_PROBLEMS.unknownProgram.program}`,
            department,
            previousGrade: '—',
            grade: 'B',
            result: '警察署と連携し、高齢者向けの特殊詐欺被害防止の啓発チラシを配布した。',
            outlook: '自動通話録音機の貸与事業と合わせて周知していく。',
          },
        },
      ];
    }
    return f;
  });
}

const FONT = 'ＭＳ Ｐゴシック';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = FIXTURE_AUTHOR;
  wb.lastModifiedBy = FIXTURE_AUTHOR;
  wb.created = FIXTURE_DATE;
  wb.modified = FIXTURE_DATE;
  return wb;
}

function writeRow(ws: ExcelJS.Worksheet, row: number, values: (string | null)[], style: 'body' | 'header' | 'plain' = 'body'): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(row, i + 1);
    if (v !== null && v !== '') cell.value = v;
    if (style === 'plain') return;
    cell.border = BORDER;
    cell.font = { name: FONT, size: 9, bold: style === 'header' };
    cell.alignment = style === 'header' ? { wrapText: true, vertical: 'middle', horizontal: 'center' } : { wrapText: true, vertical: 'top' };
    if (style === 'header') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
}

function titleRow(ws: ExcelJS.Worksheet, text: string, lastCol: number): void {
  ws.getCell(1, 1).value = text;
  ws.getCell(1, 1).font = { name: FONT, size: 14, bold: true };
  ws.mergeCells(1, 1, 1, lastCol);
}

/** One department's copy of the Koganei layout, holding only the rows it reports. */
function buildDepartmentWorkbook(f: DepartmentFile): ExcelJS.Workbook {
  const wb = newWorkbook();
  const criteria = wb.addWorksheet('評価基準');
  criteria.columns = [{ width: 8 }, { width: 70 }];
  titleRow(criteria, f.title, 2);
  writeRow(criteria, 3, ['【事業評価の評価基準】'], 'plain');
  KOGANEI_CRITERIA.forEach(([g, text], i) => writeRow(criteria, 4 + i, [`${g}・・・`, text]));

  for (const s of KOGANEI_SHEETS) {
    const rows: KoganeiRow[] = [];
    let policy = '';
    let program = '';
    for (const seedRow of s.rows) {
      if (seedRow.policy) policy = seedRow.policy;
      if (seedRow.program) program = seedRow.program;
      const full = { ...seedRow, policy, program };
      const extra = f.extra?.(s.no, full) ?? null;
      if (seedRow.department === f.department || extra) rows.push({ ...full, ...(f.change?.(s.no, full) ?? {}), ...(extra ?? {}) });
      for (const ins of f.insert ?? []) if (ins.sheet === s.no && ins.after === program && seedRow === lastRowOf(s.rows, program)) rows.push({ ...ins.row, policy });
    }
    if (rows.length === 0) continue;
    const ws = wb.addWorksheet(`シート${s.no}`, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = [7, 30, 16, 55, 7, 7, 55].map((width) => ({ width }));
    titleRow(ws, f.title, 7);
    writeRow(ws, 2, [`担当課: ${f.department}`], 'plain');
    writeRow(ws, 3, ['【基本施策】'], 'plain');
    let r = 4;
    writeRow(ws, r++, ['基本目標', s.goal], 'plain');
    writeRow(ws, r++, ['基本施策', s.basicPolicy], 'plain');
    s.policies.forEach((p, i) => writeRow(ws, r++, [`施策(${i + 1})`, p], 'plain'));
    r++;
    writeRow(ws, r++, ['施策', '【個別事業・取り組み】', '担当課', f.resultHeader, '前年度\n事業\n評価', '事業\n評価', '今後の事業計画・展望'], 'header');
    let lastPolicy = '';
    let lastProgram = '';
    for (const row of rows) {
      writeRow(ws, r, [
        row.policy !== lastPolicy ? row.policy : null,
        row.program !== lastProgram ? row.program : null,
        row.department,
        row.result,
        row.previousGrade,
        row.grade || null,
        row.outlook || null,
      ]);
      for (const c of [1, 5, 6]) ws.getCell(r, c).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
      lastPolicy = row.policy;
      lastProgram = row.program;
      r++;
    }
  }
  return wb;
}

function lastRowOf(rows: readonly KoganeiRow[], program: string): KoganeiRow | undefined {
  let current = '';
  let last: KoganeiRow | undefined;
  for (const r of rows) {
    if (r.program) current = r.program;
    if (current === program) last = r;
  }
  return last;
}

const MARKERS = /【[^】]*】/g;

/** 計画体系 as cities publish it: 基本目標 | 基本施策 | 施策 | 事業 | 担当課, one row per program. */
function buildMaster(): ExcelJS.Workbook {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('計画体系');
  ws.columns = [24, 30, 30, 44, 36].map((width) => ({ width }));
  titleRow(ws, '小金井市地域福祉計画 計画体系', 5);
  writeRow(ws, 3, ['基本目標', '基本施策', '施策', '事業', '担当課'], 'header');
  let r = 4;
  let lastGoal = '';
  for (const s of KOGANEI_SHEETS) {
    const programs: { policy: string; program: string; departments: string[] }[] = [];
    let policy = '';
    for (const row of s.rows) {
      if (row.policy) policy = row.policy;
      if (row.program) programs.push({ policy, program: row.program.replace(MARKERS, '').trim(), departments: [] });
      const p = programs[programs.length - 1];
      if (!p.departments.includes(row.department)) p.departments.push(row.department);
    }
    let lastPolicy = '';
    programs.forEach((p, i) => {
      const policyNo = Number(/\d+/.exec(p.policy)?.[0] ?? '0');
      writeRow(ws, r++, [
        s.goal !== lastGoal ? s.goal : null,
        i === 0 ? `基本施策${s.no} ${s.basicPolicy}` : null,
        p.policy !== lastPolicy ? `${p.policy} ${s.policies[policyNo - 1]}` : null,
        p.program,
        p.departments.join('、'),
      ]);
      lastGoal = s.goal;
      lastPolicy = p.policy;
    });
  }
  return wb;
}

/** Every file of the set, master first, in name order after it. */
export async function buildDepartmentSet(): Promise<{ name: string; data: Buffer }[]> {
  const out: { name: string; data: Buffer }[] = [{ name: MASTER_FILE, data: await toBuffer(buildMaster()) }];
  for (const f of departmentFiles()) {
    let data = await toBuffer(buildDepartmentWorkbook(f));
    if (f.file === SET_PROBLEMS.corruptFile) data = data.subarray(0, Math.floor(data.length / 2)); // cut off in transfer
    out.push({ name: f.file, data });
  }
  return out;
}

/** Writes the set into `dir` (removing the .xlsx files already there); returns the paths. */
export async function writeDepartmentSet(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  for (const old of readdirSync(dir)) if (old.endsWith('.xlsx')) rmSync(join(dir, old));
  const paths: string[] = [];
  for (const f of await buildDepartmentSet()) {
    const p = join(dir, f.name);
    writeFileSync(p, f.data);
    paths.push(p);
  }
  return paths;
}

if (require.main === module) {
  const dir = resolve(__dirname, '..', 'samples', 'departments');
  writeDepartmentSet(dir)
    .then((paths) => {
      for (const p of paths) console.log(p);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
