/**
 * 前年度比較 that cannot be misled (issue #22): swapped arguments, the same file twice, one
 * workbook holding both years as sheets, 事業 rows under graded policies (Komae), a result
 * column headed `令和2年度の成果`, a program several of last year's department files report,
 * and a 基本施策 column naming its nodes without numbers. Each pair is generated from the seed
 * fixtures, written, read back as a user's file is, and the findings asserted by rule, place
 * and program — not by counts alone.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

import { checkWorkbook, defaultSettings, type WorkbookSnapshot } from '../../src/core';
import { compareYears, loadYearSide, type ComparisonResult } from '../../src/core/compare';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';
import { run } from '../consolidate/department-set';
import { checkedYear, departmentSpecs, findRow, koganeiLastYear, koganeiThisYear, oneBookBuffer, workbookBuffer, type YearSpec } from './pairs';
import { plantedPair } from './planted';

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hyoka-compare-misled-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(name: string, data: Buffer | Promise<Buffer>): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await data);
  return file;
}

type Row = [rule: string, sheet: string | null, program: string | undefined, department: string | undefined];
const rowsOf = (r: ComparisonResult, rules?: string[]): Row[] =>
  r.findings.filter((f) => !rules || rules.includes(f.rule)).map((f) => [f.rule, f.sheet, f.program, f.department]);

describe('compare refuses what would mislead', () => {
  const { previous, current } = plantedPair('flat', 'flat');
  let last: string;
  let now: string;
  beforeAll(async () => {
    last = await write('2019.xlsx', workbookBuffer(previous));
    now = await write('2020.xlsx', workbookBuffer(current));
  });

  it('years out of order: exit 2, saying the arguments look reversed, with no comparison', async () => {
    const r = await run(['compare', now, last]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('引数の順序が逆のようです');
    expect(r.stderr).toContain(`hyoka compare ${last} ${now}`);
    expect(r.stdout).toBe('');
    const en = await run(['compare', now, last, '--lang', 'en']);
    expect(en.stderr).toContain('the arguments look reversed');
    // In order, the same files compare.
    const ok = await run(['compare', last, now, '--json']);
    expect([0, 1]).toContain(ok.code);
    expect((JSON.parse(ok.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule)).toContain('previous-grade-conflict');
  });

  it('the same file twice, by path or as a copy: refused with that reason', async () => {
    const copy = join(dir, '2020のコピー.xlsx');
    copyFileSync(now, copy);
    const twice = await run(['compare', now, now]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('同じファイルが指定されています');
    const alone = await run(['compare', now]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('1年度分のシートしかありません');
    const copied = await run(['compare', now, copy]);
    expect(copied.code).toBe(2);
    expect(copied.stderr).toContain('同じファイルが指定されています');
    expect(copied.stdout).toBe('');
    expect((await run(['compare', dir, dir])).stderr).toContain('同じフォルダ');
  });

  it('one workbook holding both years as sheets, given once or twice: last year’s sheets against this year’s', async () => {
    const book = await write('両年度.xlsx', oneBookBuffer([previous, current]));
    for (const argv of [['compare', book, '--json'], ['compare', book, book, '--json']]) {
      const r = await run(argv);
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toContain('複数年度のシートを持つブック');
      const doc = JSON.parse(r.stdout) as { previous: { reportYear: number }; current: { reportYear: number }; findings: { rule: string; sheet: string; program?: string }[] };
      expect([doc.previous.reportYear, doc.current.reportYear]).toEqual([2019, 2020]);
      const rules = doc.findings.map((f) => `${f.rule} ${f.sheet} ${f.program ?? ''}`);
      expect(rules).toContain('previous-grade-conflict 令和2年度 評価表 地域コミュニティを活用した防犯体制の推進');
      expect(rules).toContain('text-unchanged 令和2年度 評価表 自主防災組織の育成');
      expect(doc.findings.filter((f) => f.rule === 'program-match-ambiguous')).toEqual([]);
      expect(doc.findings.filter((f) => f.rule === 'year-not-consecutive')).toEqual([]);
    }
  });

  it('a workbook keeping last year’s sheet beside this year’s, given as this year’s: only this year’s sheets are compared', async () => {
    const book = await write('今年度と前年度.xlsx', oneBookBuffer([previous, current]));
    const r = await run(['compare', last, book, '--json']);
    const doc = JSON.parse(r.stdout) as { current: { reportYear: number }; findings: { rule: string; sheet: string }[] };
    expect(doc.current.reportYear).toBe(2020);
    expect(doc.findings.filter((f) => f.rule === 'program-match-ambiguous')).toEqual([]);
    expect(new Set(doc.findings.map((f) => f.sheet))).toEqual(new Set(['令和2年度 評価表']));
  });
});

describe('a folder of last year’s department files as a secretariat keeps it', () => {
  it('reads the 部 subfolders, and lists Hyoka’s outputs and the tracking workbook as set aside (text and JSON)', async () => {
    const { previous, current } = plantedPair('koganei', 'koganei');
    const folder = join(dir, '令和元年度');
    mkdirSync(folder);
    const parts = departmentSpecs(previous);
    await Promise.all(
      parts.map(async ({ department, spec }, i) => {
        const sub = join(folder, i % 2 === 0 ? '福祉部' : '市民部');
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, `${department}.xlsx`), await workbookBuffer(spec));
      }),
    );
    const tracking = new ExcelJS.Workbook();
    const ws = tracking.addWorksheet('提出状況');
    ['担当課', '提出日', '状況'].forEach((h, i) => (ws.getCell(2, i + 1).value = h));
    parts.forEach(({ department }, i) => [department, '2020-05-20', '済'].forEach((v, c) => (ws.getCell(3 + i, c + 1).value = v)));
    writeFileSync(join(folder, '提出状況一覧.xlsx'), await toBuffer(tracking));
    expect((await run(['consolidate', folder, '--out', join(folder, '取りまとめ.xlsx')])).code).not.toBe(2);
    const now = await write('今年度.xlsx', workbookBuffer(current));
    const r = await run(['compare', folder, now, '--json']);
    expect([0, 1]).toContain(r.code);
    const doc = JSON.parse(r.stdout) as { previous: { files: string[]; reportYear: number; skipped?: { file: string; reason: string }[] }; findings: { rule: string; program?: string; department?: string }[] };
    expect(doc.previous.reportYear).toBe(2019);
    expect(doc.previous.files).toHaveLength(parts.length);
    expect((doc.previous.skipped ?? []).map((x) => [x.file.slice(folder.length + 1), x.reason]).sort()).toEqual([
      ['取りまとめ.xlsx', 'hyoka-output'],
      ['提出状況一覧.xlsx', 'tracking'],
    ]);
    expect(r.stderr).toContain('提出状況などの管理表です');
    const rules = doc.findings.map((f) => `${f.rule} ${f.program ?? ''} ${f.department ?? ''}`.trim());
    expect(rules).toContain('previous-grade-conflict 地域コミュニティを活用した防犯体制の推進 地域安全課');
    expect(rules.filter((x) => x.startsWith('program-match-ambiguous'))).toEqual([]);
  });
});

describe('compare reads what it used to miss', () => {
  it('a 基本施策 column naming its nodes without numbers builds the same plan as a numbered one (check gains too)', async () => {
    const rows = koganeiThisYear();
    const numbered = await checkedYear({ year: 2020, rows, template: 'flat' });
    const named = await checkedYear({ year: 2020, rows, template: 'flat', unnumberedBasicPolicy: true });
    const shape = (c: typeof named): string[] => c.plans[0].nodes.map((n) => `${n.depth} ${n.name} ${n.entries.length}`);
    expect(shape(named)).toEqual(shape(numbered));
    // Against last year's sheet-per-基本施策 book: only the planted changes, no false new programs.
    const { previous, current } = plantedPair('koganei', 'flat');
    const a = await checkedYear(previous);
    const b = await checkedYear({ ...current, unnumberedBasicPolicy: true });
    const r = compareYears({ reportYear: 2019, files: [{ file: null, plans: a.plans }] }, { reportYear: 2020, files: [{ file: null, plans: b.plans }] });
    expect(rowsOf(r)).toEqual<Row[]>([
      ['previous-grade-conflict', '評価表', '移送サービスへの支援', '高齢福祉課'],
      ['text-unchanged', '評価表', '自主防災組織の育成', '地域安全課'],
      ['previous-grade-conflict', '評価表', '地域コミュニティを活用した防犯体制の推進', '地域安全課'],
      ['program-vanished', '評価表', '福祉マップの見直し', undefined],
      ['new-program-unmarked', '評価表', '音声コードの導入', undefined],
    ]);
  });

  async function sideOf(spec: YearSpec, name = `${spec.year}.xlsx`) {
    const snapshot = await readWorkbook(await workbookBuffer(spec), name);
    return (await loadYearSide([{ name, snapshot }], { settings: defaultSettings() })).side;
  }

  it.each([['令和2年度の成果'], ['{year}の成果'], ['取組状況'], ['事業の実施状況']])('a result column headed %s is the result text: a copied text is found', async (header) => {
    const last = koganeiLastYear();
    const now = koganeiThisYear();
    findRow(now, '自主防災組織の育成').result = findRow(last, '自主防災組織の育成').result;
    const r = compareYears(await sideOf({ year: 2019, rows: last, template: 'flat', resultHeader: header }), await sideOf({ year: 2020, rows: now, template: 'flat', resultHeader: header }));
    expect(rowsOf(r, ['text-unchanged'])).toEqual<Row[]>([['text-unchanged', '評価表', '自主防災組織の育成', '地域安全課']]);
    expect(r.findings.find((f) => f.rule === 'text-unchanged')?.cell).toBe(`F${4 + now.indexOf(findRow(now, '自主防災組織の育成'))}`);
  });

  it('a column headed with a result word but holding short entries is not taken as result text', async () => {
    const last = koganeiLastYear().map((r) => ({ ...r, result: '実施' }));
    const now = koganeiThisYear().map((r) => ({ ...r, result: '実施' }));
    const r = compareYears(await sideOf({ year: 2019, rows: last, template: 'flat', resultHeader: '{year}の成果' }), await sideOf({ year: 2020, rows: now, template: 'flat', resultHeader: '{year}の成果' }));
    expect(rowsOf(r, ['text-unchanged'])).toEqual([]);
  });

  it('a program several of last year’s department files report is matched per department: each department’s conflict is found', async () => {
    const last = koganeiLastYear();
    const now = koganeiThisYear();
    // A program two departments report; this year each quotes a previous grade, one wrongly.
    const shared = [...new Set(last.map((r) => r.name))].find((name) => new Set(last.filter((r) => r.name === name).map((r) => r.department)).size >= 2);
    expect(shared).toBeDefined();
    const departments = [...new Set(last.filter((r) => r.name === shared).map((r) => r.department))];
    const second = departments[1];
    const lastGrade = findRow(last, shared as string, second).grade;
    const wrong = ['A', 'B', 'C', 'D'].find((g) => g !== lastGrade) as string;
    findRow(now, shared as string, second).previousGrade = wrong;
    const inputs = await Promise.all(
      departmentSpecs({ year: 2019, rows: last, template: 'koganei' }).map(async ({ department, spec }) => {
        const name = `${department}.xlsx`;
        return { name, snapshot: await readWorkbook(await workbookBuffer(spec), name) };
      }),
    );
    const previousSide = (await loadYearSide(inputs, { settings: defaultSettings() })).side;
    const r = compareYears(previousSide, await sideOf({ year: 2020, rows: now, template: 'koganei' }));
    expect(rowsOf(r, ['previous-grade-conflict'])).toEqual<Row[]>([['previous-grade-conflict', expect.any(String) as unknown as string, shared, second]]);
    const conflict = r.findings.find((f) => f.rule === 'previous-grade-conflict');
    expect(conflict?.params).toMatchObject({ previousGrade: wrong, lastYearGrades: [lastGrade], previousFile: `${second}.xlsx` });
    expect(r.findings.filter((f) => f.rule === 'program-match-ambiguous')).toEqual([]);
  });

  describe('Komae: grades on the policies, 事業 rows under them', () => {
    async function komae(): Promise<WorkbookSnapshot> {
      const { workbook } = buildSeedWorkbook('komae-policy');
      return readWorkbook(await toBuffer(workbook), 'komae.xlsx');
    }
    const clone = (s: WorkbookSnapshot): WorkbookSnapshot => JSON.parse(JSON.stringify(s)) as WorkbookSnapshot;

    it('a vanished 事業 and an unchanged Do text are found like any program’s', async () => {
      const now = await komae();
      const last = clone(now);
      const plan = checkWorkbook(now).plans.find((p) => p.gradedDepth !== null && !p.gradedAtLeaves);
      expect(plan).toBeDefined();
      const sheet = now.sheets.find((s) => s.name === plan?.sheet) as WorkbookSnapshot['sheets'][number];
      const doCol = plan?.layout.columns.find((c) => /Do/.test(c.label))?.col as number;
      const programs = (plan?.nodes ?? []).filter((n) => n.children.length === 0 && n.entries.length > 0 && n.depth > (plan?.gradedDepth ?? 0));
      expect(programs.length).toBeGreaterThan(3);
      const [kept, dropped] = [programs[0], programs[programs.length - 1]];
      // Last year wrote other words everywhere but in the kept program's Do cell.
      const lastSheet = last.sheets.find((s) => s.name === sheet.name) as WorkbookSnapshot['sheets'][number];
      for (const p of programs) {
        if (p === kept) continue;
        for (const e of p.entries) {
          const row = lastSheet.rows[e.row];
          if (row && typeof row[doCol] === 'string') row[doCol] = `前年度は${row[doCol] as string}`;
        }
      }
      // This year the dropped 事業's row is gone.
      for (const e of dropped.entries) sheet.rows[e.row] = undefined;
      const lastSide = (await loadYearSide([{ name: 'R4.xlsx', snapshot: last }], { settings: { ...defaultSettings(), reportYear: 2022 } })).side;
      const nowSide = (await loadYearSide([{ name: 'R5.xlsx', snapshot: now }], { settings: defaultSettings() })).side;
      const r = compareYears(lastSide, nowSide);
      expect(r.findings.filter((f) => f.rule === 'program-vanished').map((f) => f.params.program)).toContain(dropped.name);
      // The other sheet was left as it was: every Do text there is a copy, rightly found; here only the kept one.
      const copied = r.findings.filter((f) => f.rule === 'text-unchanged' && f.sheet === sheet.name);
      expect(copied.map((f) => [f.program, f.cell])).toEqual([[kept.name, expect.stringMatching(new RegExp(`^[A-Z]+${kept.entries[0].row + 1}$`))]]);
      expect(r.match.matches.some((m) => m.current.name === kept.name)).toBe(true);
    });
  });
});
