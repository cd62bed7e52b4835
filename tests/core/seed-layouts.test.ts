/**
 * The five seed layouts, built in code from the seed documents and read back through the
 * same path users use (ExcelJS bytes → snapshot → engine). Exact expected findings.
 */
import { checkWorkbook, type Finding, type Report } from '../../src/core';
import { describe as describeFinding } from '../../src/render/describe';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, SAMPLE_DEFECTS, SEED_LAYOUTS, toBuffer, type SeedLayout } from '../fixtures/workbooks';

async function check(layout: SeedLayout, withSampleDefects = false): Promise<Report> {
  const { workbook } = buildSeedWorkbook(layout, { withSampleDefects });
  return checkWorkbook(await readWorkbook(await toBuffer(workbook))).report;
}

const brief = (f: Finding): string => `${f.severity} ${f.rule} ${f.sheet}!${f.cell ?? `row${f.row}`}${f.year ? ` ${f.year}` : ''}`;

describe('clean real-data workbooks give no error findings', () => {
  test.each(['kiyose-programs', 'kiyose-plan', 'kiyose-multi-year', 'komae-policy', 'koganei-departments'] as SeedLayout[])('%s', async (layout) => {
    const report = await check(layout);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('Komae (policy-row grades, 評価総括表)', () => {
  test('the published 評価総括表 figures come out of the engine, 再掲 counted once', async () => {
    const report = await check('komae-policy');
    const sheets = Object.fromEntries(report.sheets.map((s) => [s.name, s]));
    expect(sheets['1 地域福祉計画'].gradeCounts).toEqual({ A: 4, B: 0, C: 1, D: 0 });
    expect(sheets['2 重層'].gradeCounts).toEqual({ A: 7, B: 1, C: 0, D: 0 });
    expect(sheets['評価総括表（地域福祉計画）'].kind).toBe('summary-table');
    expect(report.reportYear).toBe(2023);
    expect(report.findings).toEqual([]);
  });

  test('policies carry the declared grades; programs (a, b, ア…) carry none', async () => {
    const report = await check('komae-policy');
    const graded = report.policies.filter((p) => p.sheet === '1 地域福祉計画' && p.declaredGrade !== null);
    expect(graded.map((p) => [p.id, p.declaredGrade])).toEqual([
      ['1-(1)-①', 'A'],
      ['1-(2)-①', 'A'],
      ['1-(2)-③', 'A'],
      ['2-(3)-①', 'A'],
      ['3-(1)-①', 'C'],
    ]);
    const goal = report.policies.find((p) => p.sheet === '1 地域福祉計画' && p.id === '1');
    expect(goal).toMatchObject({ level: 1, counts: { A: 3, B: 0, C: 0, D: 0 }, computedGrade: 'A' });
  });

  test('sample defects are each found at their cell', async () => {
    const report = await check('komae-policy', true);
    expect(report.findings.map(brief)).toEqual([
      'error summary-count-mismatch 評価総括表（地域福祉計画）!B5',
      'error repost-mismatch 1 地域福祉計画!I19',
      'warning grade-misplaced 1 地域福祉計画!H31',
      'error summary-count-mismatch 評価総括表（重層）!B5',
      'error summary-count-mismatch 評価総括表（重層）!B15',
      'warning grade-nonstandard 2 重層!I45',
      'error grade-missing 2 重層!I50',
      'warning grade-nonstandard 2 重層!I56',
    ]);
  });
});

describe('Koganei (one sheet per 基本施策, grades per department)', () => {
  test('the real jumps and dashes of the published report are warnings, not errors', async () => {
    const report = await check('koganei-departments');
    expect(report.reportYear).toBe(2020);
    expect(report.findings.map(brief)).toEqual([
      'warning grade-jump シート3!F13',
      'warning grade-jump シート5!F13',
      'warning grade-jump シート5!F14',
      'warning previous-grade-missing シート7!E14',
      'warning grade-jump シート8!F10',
      'warning previous-grade-missing シート8!E11',
      'warning previous-grade-missing シート8!E13',
      'warning grade-jump シート9!F11',
    ]);
    const jump = report.findings.find((f) => f.cell === 'F13' && f.sheet === 'シート3');
    expect(describeFinding(jump!, 'ja')).toContain('AからD');
    expect(jump).toMatchObject({ messageId: 'jump', params: { from: 'A', to: 'D' } });
    expect(jump?.department).toBe('広報秘書課');
  });

  test('the block header names the policies; continuation rows count as the program above', async () => {
    const report = await check('koganei-departments');
    const p = report.policies.find((x) => x.sheet === 'シート3' && x.id === '(2)');
    expect(p).toMatchObject({ name: '権利擁護事業の充実', level: 3 });
    // (2) has three programs; 権利擁護事業の推進 alone reports three departments.
    expect(p?.programs).toBe(3);
    expect(p && p.counts.A + p.counts.B + p.counts.C + p.counts.D).toBeGreaterThan(p!.programs);
  });

  test('sample defects', async () => {
    const report = await check('koganei-departments', true);
    const defects = report.findings.map(brief).filter((b) => !/grade-jump|シート[78]!E1[134]/.test(b));
    expect(defects).toEqual(['error grade-missing シート1!F10', 'warning previous-grade-missing シート3!E24', 'warning grade-nonstandard シート6!F12', 'warning grade-nonstandard シート9!F13']);
  });
});

describe('Kiyose 目標事業評価調書 (【取組N】 rows, 次年度方針, page headers with （再）)', () => {
  test('the repeated page headers and （再） blocks do not create new policies', async () => {
    const report = await check('kiyose-programs');
    const ids = report.policies.map((p) => p.id);
    expect(ids.filter((id) => id.startsWith('方向性'))).toHaveLength(17);
    expect(ids.filter((id) => id.startsWith('基本方針'))).toEqual(['基本方針1', '基本方針2', '基本方針3']);
    const total = report.policies.filter((p) => p.level === 1).reduce((s, p) => s + p.programs, 0);
    expect(total).toBe(39);
    expect(report.findings).toEqual([]);
  });

  test('sample defects, including a column slip', async () => {
    const report = await check('kiyose-programs', true);
    expect(report.findings.map(brief)).toEqual([
      'warning grade-nonstandard 評価調書!F13',
      'error grade-missing 評価調書!F25',
      'error grade-invalid 評価調書!F43',
      'warning grade-nonstandard 評価調書!F62',
    ]);
    expect(describeFinding(report.findings[2], 'ja')).toContain('次年度方針の語のようです');
  });
});

describe('Kiyose 自殺対策計画 (one column group per year)', () => {
  test('five years of columns, 再掲 rows linked to their originals', async () => {
    const { workbook } = buildSeedWorkbook('kiyose-multi-year');
    const result = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
    const plan = result.plans[0];
    expect(plan.years).toEqual([2019, 2020, 2021, 2022, 2023]);
    const reposts = plan.nodes.filter((n) => n.repostOf);
    expect(reposts.length).toBeGreaterThanOrEqual(3);
    for (const r of reposts) expect(r.repostOf!.key).not.toBe(r.key);
    expect(result.report.findings.filter((f) => f.rule === 'repost-unmatched')).toEqual([]);
  });

  test('blank year blocks are found with their year', async () => {
    const report = await check('kiyose-multi-year', true);
    expect(report.findings.map(brief)).toEqual([
      'error year-missing 進捗管理表!U7 2023',
      'warning achievement-invalid 進捗管理表!O8 2021',
      'warning achievement-grade-mismatch 進捗管理表!O27 2021',
      'error year-missing 進捗管理表!Q32 2022',
    ]);
  });

  test('--year later than the last column: the sheet lacks the report year', async () => {
    const { workbook } = buildSeedWorkbook('kiyose-multi-year');
    const snapshot = await readWorkbook(await toBuffer(workbook));
    const { report } = checkWorkbook(snapshot, { settings: { ...(await import('../../src/core')).defaultSettings(), reportYear: 'R6' } });
    const sheetLevel = report.findings.filter((f) => f.rule === 'year-missing' && f.cell === null);
    expect(sheetLevel).toEqual([expect.objectContaining({ sheet: '進捗管理表', row: 3, year: 2024 })]);
  });
});

test('a plan master (計画体系) is recognised as such and not checked for grades', async () => {
  const { workbook } = buildSeedWorkbook('kiyose-plan');
  const result = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
  expect(result.layouts[0]).toMatchObject({ kind: 'other', planMaster: true });
  expect(result.report.findings).toEqual([]);
});

/** Every defect the fixture builder plants is found at its cell, except the ones that are legitimate notations. */
describe('every planted sample defect is reported at its cell', () => {
  // `－`/`—` as a grade is the explicit "not applicable"; `１００％` is full-width but reads as 100 %.
  const LEGITIMATE = /「[－—]」|全角文字「１００％」/;
  test.each(SEED_LAYOUTS)('%s', async (layout) => {
    const report = await check(layout, true);
    for (const defect of SAMPLE_DEFECTS[layout]) {
      if (LEGITIMATE.test(defect.what)) continue;
      const cells = expandRange(defect.cell);
      const hit = report.findings.find((f) => f.sheet === defect.sheet && f.cell !== null && cells.includes(f.cell));
      expect({ defect: defect.what, hit: hit?.rule ?? null }).toEqual({ defect: defect.what, hit: expect.any(String) });
    }
  });
});

function expandRange(range: string): string[] {
  const [from, to] = range.split(':');
  if (!to) return [from];
  const col = (s: string): number => s.replace(/\d+$/, '').charCodeAt(0);
  const row = Number(from.replace(/^[A-Z]+/, ''));
  const out: string[] = [];
  for (let c = col(from); c <= col(to); c++) out.push(`${String.fromCharCode(c)}${row}`);
  return out;
}

test('a policy counts the findings about itself and the programs below it, by plan node', async () => {
  const { workbook } = buildSeedWorkbook('koganei-departments', { withSampleDefects: true });
  const { report, plans } = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
  const aboutNodes = report.findings.filter((f) => f.node !== undefined);
  expect(aboutNodes.length).toBeGreaterThan(5);
  let counted = 0;
  for (const plan of plans) {
    for (const node of plan.nodes) {
      if (node.children.length === 0 || node.repostOf) continue;
      // One plan over several sheets: the node is summarised once, at its first part, over every sheet it spans.
      const policy = report.policies.find((p) => (p.sheets ?? [p.sheet]).includes(plan.sheet) && p.name === node.name && p.level === node.depth);
      expect(policy).toBeDefined();
      if (!policy || policy.sheet !== plan.sheet) continue;
      const path = node.key.slice(plan.sheet.length);
      const keys = (policy.sheets ?? [policy.sheet]).map((s) => `${s}${path}`);
      const below = aboutNodes.filter((f) => keys.some((k) => f.node === k || f.node?.startsWith(`${k}/`))).length;
      expect({ policy: node.key, findings: policy.findings }).toEqual({ policy: node.key, findings: below });
      counted += below;
    }
  }
  expect(counted).toBeGreaterThan(0);
});
