/**
 * A secretariat's folder as it really is (issue #22), generated from the department set:
 * submissions filed as 部/課.xlsx, the secretariat's own tracking workbook beside them, one
 * department's evaluation on hidden sheets behind a visible 記入例, one file named
 * 提出_0825.xlsx whose sheets only say `担当課：広報秘書課`, one named for a department that
 * sent nothing while its sheets name another, a file cut off in transfer, a linked folder
 * elsewhere, a link looping back to the folder, and — after a first run — Hyoka's own outputs
 * (--out and --per-department) inside the folder. Asserts statuses, findings and what was not
 * read, with its reason, in the JSON, the text report and the written 提出状況.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';

import { MASTER_FILE, PLAN_DEPARTMENTS, SET_PROBLEMS, writeDepartmentSet } from '../../scripts/make-department-set';
import { readWorkbook } from '../../src/xlsx/read';
import { toBuffer } from '../fixtures/workbooks';
import { run } from './department-set';

jest.setTimeout(120_000);

interface Doc {
  files: { file: string; department: string | null; status: string; departmentFrom?: string; hiddenSheetsRead?: string[] }[];
  skipped: { file: string; reason: string; sameAs?: string }[];
  findings: { file: string | null; rule: string; messageId?: string; sheet: string | null; department?: string; program?: string; params?: Record<string, unknown> }[];
  rows: number;
}

const HIDDEN = '介護福祉課';
const SHEET_ONLY = '広報秘書課';
const MISNAMED = { content: '生涯学習課', fileName: `${SET_PROBLEMS.missingDepartment}_R2.xlsx` };
const EXAMPLE_PROGRAM = '記入例の事業（ここに事業名を書く）';

let root: string;
let dir: string;
/** Where each department's file ended up, relative to dir. */
const placed = new Map<string, string>();

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  change(wb);
  await fs.writeFile(file, await toBuffer(wb));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hyoka-secretariat-'));
  dir = join(root, '令和2年度提出');
  const flat = join(root, 'flat');
  await writeDepartmentSet(flat);
  mkdirSync(dir);

  // The evaluation sheets hidden behind a visible example sheet (its example row is no program of the plan).
  await edit(join(flat, `${HIDDEN}.xlsx`), (wb) => {
    wb.eachSheet((ws) => {
      if (ws.name.startsWith('シート')) ws.state = 'hidden';
    });
    const ex = wb.addWorksheet('記入例');
    ex.getCell('A1').value = '令和2年度 地域福祉計画の進捗状況及び評価表（記入例）';
    ['施策', '【個別事業・取り組み】', '担当課', '事業実績(令和2年度)', '前年度\n事業\n評価', '事業\n評価', '今後の事業計画・展望'].forEach((h, i) => (ex.getCell(3, i + 1).value = h));
    ['(1)', `① ${EXAMPLE_PROGRAM}`, '○○課', '○○を実施した。', 'B', 'A', '引き続き実施する。'].forEach((v, i) => (ex.getCell(4, i + 1).value = v));
  });
  // Only the sheets name the department: its 担当課 column emptied, `担当課: 広報秘書課` kept above the table.
  await edit(join(flat, `${SHEET_ONLY}.xlsx`), (wb) => {
    wb.eachSheet((ws) => {
      ws.eachRow((row) => {
        if (row.getCell(3).value === SHEET_ONLY) row.getCell(3).value = null;
      });
    });
  });

  // Filed by 部, as a secretariat does: three 部 folders, departments dealt round-robin.
  const bu = ['福祉保健部', '市民部', '教育部'];
  const names = readdirSync(flat).filter((n) => n !== MASTER_FILE).sort();
  names.forEach((name, i) => {
    let target = name;
    if (name === `${SHEET_ONLY}.xlsx`) target = '提出_0825.xlsx';
    if (name === `${MISNAMED.content}.xlsx`) target = MISNAMED.fileName;
    const rel = join(bu[i % bu.length], target);
    mkdirSync(join(dir, bu[i % bu.length]), { recursive: true });
    renameSync(join(flat, name), join(dir, rel));
    placed.set(name.replace(/\.xlsx$/, ''), rel);
  });
  renameSync(join(flat, MASTER_FILE), join(dir, MASTER_FILE));
  // One 部 keeps its files elsewhere, linked in: read once, by its real path.
  const elsewhere = join(root, '共有', '教育部');
  mkdirSync(join(root, '共有'));
  renameSync(join(dir, '教育部'), elsewhere);
  symlinkSync(elsewhere, join(dir, '教育部'));
  // A link back to the folder itself: a loop, listed as such.
  symlinkSync(dir, join(dir, '福祉保健部', '提出フォルダへ'));
  // A folder nested deeper than read: listed, not read.
  mkdirSync(join(dir, '市民部', 'a', 'b', 'c'), { recursive: true });

  // The secretariat's tracking workbook: departments and statuses, no grades.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('提出状況');
  ws.getCell('A1').value = '令和2年度 地域福祉計画 評価調書 提出状況一覧';
  ['No.', '部', '担当課', '提出日', '状況', '備考'].forEach((h, i) => (ws.getCell(3, i + 1).value = h));
  PLAN_DEPARTMENTS.forEach((d, i) => {
    const sent = d !== SET_PROBLEMS.missingDepartment;
    [i + 1, bu[i % 3], d, sent ? '2021-05-20' : null, sent ? '済' : '未', null].forEach((v, c) => (ws.getCell(4 + i, c + 1).value = v));
  });
  await fs.writeFile(join(dir, '00_提出状況一覧.xlsx'), await toBuffer(wb));
  rmSync(flat, { recursive: true, force: true });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const rel = (p: string): string => p.slice(dir.length + 1);

describe('consolidate on a secretariat folder', () => {
  let doc: Doc;
  let text: string;
  beforeAll(async () => {
    // First run writes Hyoka's outputs into the folder; the second must not read them as submissions.
    const first = await run(['consolidate', dir, '--out', join(dir, '取りまとめ結果.xlsx'), '--per-department', join(dir, '課別点検結果')]);
    expect(first.stderr).not.toMatch(/Error|TypeError/);
    const [json, plain] = await Promise.all([run(['consolidate', dir, '--json']), run(['consolidate', dir])]);
    doc = JSON.parse(json.stdout) as Doc;
    text = plain.stdout;
  });

  it('reads the 部 subfolders and the linked one: every department but the missing one is received, the cut-off file 提出あり（読めません）', () => {
    const status = new Map(doc.files.map((f) => [f.department, f.status]));
    for (const d of PLAN_DEPARTMENTS) {
      if (d === SET_PROBLEMS.missingDepartment) continue;
      const expected = d === '公民館' ? 'unreadable' : d === '交通対策課' ? 'wrong-year' : 'ok';
      expect([d, status.get(d)]).toEqual([d, expected]);
    }
    expect(status.has(SET_PROBLEMS.missingDepartment)).toBe(false);
    expect(text).toMatch(/公民館\s+提出あり（読めません）/);
    expect(text).not.toMatch(/公民館\s+未提出/);
    // The linked 部 folder is read under the name it was given.
    expect(doc.files.some((f) => rel(f.file).startsWith('教育部/'))).toBe(true);
  });

  it('does not take the tracking workbook, the plan master or Hyoka’s outputs as departments, and says why', () => {
    const reasons = new Map(doc.skipped.map((s) => [rel(s.file), s.reason]));
    expect(reasons.get('00_提出状況一覧.xlsx')).toBe('tracking');
    expect(reasons.get('取りまとめ結果.xlsx')).toBe('hyoka-output');
    const perDepartment = [...reasons].filter(([f]) => f.startsWith('課別点検結果/'));
    expect(perDepartment.length).toBeGreaterThan(5);
    expect(perDepartment.every(([, r]) => r === 'hyoka-output')).toBe(true);
    expect(doc.files.map((f) => f.department)).not.toContain('00_提出状況一覧');
    expect(doc.files.map((f) => basename(f.file))).not.toContain(MASTER_FILE);
    expect(text).toContain('Hyoka が書き出したブックです');
    expect(text).toContain('提出状況などの管理表です');
  });

  it('lists the loop, the folder nested too deep, never silently', () => {
    expect(doc.skipped).toContainEqual({ file: join(dir, '福祉保健部', '提出フォルダへ'), reason: 'folder-loop', sameAs: dir });
    expect(doc.skipped).toContainEqual({ file: join(dir, '市民部', 'a', 'b', 'c'), reason: 'too-deep' });
    expect(text).toMatch(/提出フォルダへ\s+フォルダへのリンクが自分を含むフォルダを指しています/);
  });

  it('takes the department from the sheet before the file name, and says which when they disagree', () => {
    const sheetOnly = doc.files.find((f) => basename(f.file) === '提出_0825.xlsx');
    expect(sheetOnly).toMatchObject({ department: SHEET_ONLY, departmentFrom: 'sheet' });
    const misnamed = doc.files.find((f) => basename(f.file) === MISNAMED.fileName);
    expect(misnamed?.department).toBe(MISNAMED.content);
    const differs = doc.findings.filter((f) => f.rule === 'department-name-differs');
    expect(differs.map((f) => [basename(f.file ?? ''), f.params])).toEqual([[MISNAMED.fileName, { fileName: SET_PROBLEMS.missingDepartment, used: MISNAMED.content, source: 'column' }]]);
    // 健康課 sent nothing: its name on another department's file does not make it received.
    expect(doc.findings.filter((f) => f.rule === 'department-missing').map((f) => f.department)).toEqual([SET_PROBLEMS.missingDepartment]);
  });

  it('reads the hidden evaluation sheets behind the visible 記入例, says they were hidden, and never reads the example', () => {
    const file = placed.get(HIDDEN);
    const mine = doc.findings.filter((f) => f.file !== null && rel(f.file) === file);
    expect(mine.filter((f) => f.rule === 'layout-uncertain' && f.messageId === 'hidden-sheet-read').map((f) => f.sheet).length).toBeGreaterThan(0);
    expect(mine.some((f) => f.sheet === '記入例')).toBe(false);
    expect(doc.findings.some((f) => f.program === EXAMPLE_PROGRAM)).toBe(false);
    expect(doc.findings.filter((f) => f.rule === 'program-unknown').map((f) => f.program)).not.toContain(EXAMPLE_PROGRAM);
    const hidden = doc.files.find((f) => f.department === HIDDEN);
    expect(hidden).toMatchObject({ status: 'ok', departmentFrom: 'column' });
    // Every evaluation sheet of the file was hidden: each is listed as read though hidden.
    expect(hidden?.hiddenSheetsRead?.length).toBeGreaterThan(0);
    expect(hidden?.hiddenSheetsRead?.every((s) => s.startsWith('シート'))).toBe(true);
    expect(hidden?.hiddenSheetsRead).toEqual(mine.filter((f) => f.messageId === 'hidden-sheet-read').map((f) => f.sheet));
  });

  it('the written 提出状況 lists what was not read, with the reason', async () => {
    const out = join(root, '確認.xlsx');
    const r = await run(['consolidate', dir, '--out', out]);
    expect([0, 1]).toContain(r.code);
    const snapshot = await readWorkbook(await fs.readFile(out), out);
    // 提出状況 and the sheet it continues on when its list needs pages of its own (提出状況（2）).
    const status = snapshot.sheets.filter((s) => /^提出状況(（\d+）)?$/.test(s.name));
    const cells = status.flatMap((sheet) => sheet.rows).flatMap((row) => (row ?? []).map((v) => (typeof v === 'string' ? v : '')));
    expect(cells.some((c) => c.endsWith('00_提出状況一覧.xlsx'))).toBe(true);
    expect(cells).toContain('提出状況などの管理表です（課の一覧と状況の列があり、評価の列がありません）');
    expect(cells).toContain('提出あり（読めません）');
  });
});

describe('consolidate given one whole-plan workbook', () => {
  it('says it is one and what to do, and files it under no department', async () => {
    const file = join(root, 'koganei.xlsx');
    await fs.copyFile(join(__dirname, '..', '..', 'samples', 'koganei-departments.xlsx'), file);
    const r = await run(['consolidate', file, '--json']);
    const d = JSON.parse(r.stdout) as Doc & { files: { department: string | null }[] };
    expect(d.findings.filter((f) => f.rule === 'whole-plan-workbook').map((f) => f.params?.departments)).toEqual([expect.any(Number)]);
    expect((d.findings.find((f) => f.rule === 'whole-plan-workbook')?.params?.departments as number) >= 3).toBe(true);
    expect(d.files[0].department).toBeNull();
    const plain = await run(['consolidate', file]);
    expect(plain.stdout).toContain('計画全体の評価調書です');
    expect(plain.stdout).toContain('hyoka check');
  });
});
