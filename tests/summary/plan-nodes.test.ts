/**
 * Each plan node once: a plan written over several sheets (one per 基本施策, each repeating its
 * 基本目標 row) is summarised as one plan — every node once, added up over the sheets it spans,
 * with those sheets named — while sheets that are separate plans keep their own nodes. Which
 * sheets are one plan is decided from the sheets' own items (planGroups), varied here along
 * its axes: repeated top-level items, a year's copy beside this year's, clashing numbers,
 * another level name.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { checkWorkbook, DEFAULT_SCALE, labelsOf, type Report } from '../../src/core';

const GRADES = labelsOf(DEFAULT_SCALE);
import type { PlanNode, SheetPlan } from '../../src/core/plan/types';
import { planGroups } from '../../src/core/summary/policies';
import { buildSummaryDocument } from '../../src/render';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');

async function checkFile(name: string): Promise<Report> {
  const data = new Uint8Array(await fs.readFile(path.join(ROOT, 'samples', name)));
  return checkWorkbook(await readWorkbook(data, name), { fileName: name }).report;
}

const sum = (c: Record<string, number>): number => Object.values(c).reduce((s, n) => s + n, 0);

test('one sheet per 基本施策 (Koganei sample): each 基本目標 once, summed over the sheets it spans', async () => {
  const report = await checkFile('koganei-departments.xlsx');
  expect(report.plans).toEqual([{ sheets: report.sheets.filter((s) => s.gradeCounts).map((s) => s.name) }]);
  const top = report.policies.filter((p) => p.level === 1);
  const labels = top.map((p) => `${p.id} ${p.name}`);
  expect(new Set(labels).size).toBe(labels.length);
  expect(labels).toContain('1 福祉のまちづくり');
  const goal = top.find((p) => p.name === '福祉のまちづくり')!;
  expect(goal.sheets!.length).toBeGreaterThan(1);
  // The goal counts what its sheets count: the sum of their per-sheet totals.
  const perSheet = report.sheets.filter((s) => goal.sheets!.includes(s.name));
  for (const g of Object.keys(goal.counts)) {
    expect(goal.counts[g as keyof typeof goal.counts]).toBe(perSheet.reduce((n, s) => n + (s.gradeCounts?.[g as keyof typeof goal.counts] ?? 0), 0));
  }
  // And the top level adds up to the whole workbook.
  const whole = report.sheets.reduce((n, s) => n + (s.gradeCounts ? sum(s.gradeCounts) : 0), 0);
  expect(top.reduce((n, p) => n + sum(p.counts), 0)).toBe(whole);
  // No node twice anywhere in the list: a node is its path of labels.
  const paths: string[] = [];
  const stack: string[] = [];
  for (const p of report.policies) {
    stack.length = p.level - 1;
    stack.push(`${p.id} ${p.name}`);
    paths.push(stack.join(' › '));
  }
  expect(new Set(paths).size).toBe(paths.length);
});

test('the written 評価集計 titles its 評価総括表 blocks by plan node, lists numbers with names, and totals the plan once', async () => {
  const report = await checkFile('koganei-departments.xlsx');
  const doc = buildSummaryDocument(report, 'ja');
  const titles = doc.sheets[0].blocks.map((b) => b.title);
  const gradeTables = titles.filter((t) => t.startsWith('評価総括表'));
  expect(gradeTables).toContain('評価総括表（1 福祉のまちづくり）');
  expect(gradeTables.some((t) => /シート\d/.test(t))).toBe(false);
  for (const block of doc.sheets[0].blocks) {
    if (block.kind !== 'table' || !block.title.startsWith('評価総括表')) continue;
    // The 該当する施策 column is filled wherever the grade has any: number and name.
    for (const row of block.rows.slice(0, -1)) {
      if (typeof row[1] === 'number' && row[1] > 0) expect(row[2]).toEqual(expect.stringMatching(/^\(\d\) \S/));
    }
  }
  const policyTable = doc.sheets[0].blocks[0];
  if (policyTable.kind !== 'table') throw new Error('policy table first');
  const totals = policyTable.rows.filter((r) => typeof r[0] === 'object' && r[0] !== null && 'emphasis' in r[0]);
  expect(totals).toHaveLength(1);
  expect(totals[0][0]).toEqual({ text: expect.stringContaining('計画全体'), emphasis: 'total' });
  // A 基本施策 with no number: 番号 empty, its name the link.
  const unnumbered = policyTable.rows.find((r) => r[3] === '基本施策')!;
  expect(unnumbered[1]).toBeNull();
  expect(unnumbered[2]).toEqual({ text: expect.any(String), link: expect.objectContaining({ cell: expect.stringMatching(/^A\d+$/) }) });
});

test('separate plans in one book (Komae) keep their own nodes and 評価総括表', async () => {
  const report = await checkFile('komae-policy-grades.xlsx');
  expect(report.plans).toEqual([{ sheets: ['1 地域福祉計画'] }, { sheets: ['2 重層'] }]);
  for (const p of report.policies) expect(p.sheets).toEqual([p.sheet]);
  const doc = buildSummaryDocument(report, 'ja');
  const titles = doc.sheets[0].blocks.map((b) => b.title);
  expect(titles).toEqual(expect.arrayContaining(['評価総括表（1 地域福祉計画）', '評価総括表（2 重層）']));
  const jusou = doc.sheets[0].blocks.find((b) => b.title === '評価総括表（2 重層）');
  if (jusou?.kind !== 'table') throw new Error('no 重層 block');
  expect(String(jusou.rows[0][2])).toContain('1 普及啓発');
});

test('the seed Koganei workbook with defects: policies once, counted findings kept', async () => {
  const { workbook } = buildSeedWorkbook('koganei-departments', { withSampleDefects: true });
  const { report } = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
  const top = report.policies.filter((p) => p.level === Math.min(...report.policies.map((x) => x.level)));
  expect(new Set(top.map((p) => p.name)).size).toBe(top.length);
  const aboutNodes = report.findings.filter((f) => f.node !== undefined).length;
  expect(top.reduce((n, p) => n + p.findings, 0)).toBe(aboutNodes);
});

// --- planGroups on plans built by hand: the axes of the evidence ---

let row = 0;
function node(sheet: string, id: string | null, name: string, levelLabel: string | null, children: PlanNode[] = []): PlanNode {
  const n: PlanNode = {
    sheet,
    key: `${sheet}/${id ?? name}`,
    id,
    path: id ?? name,
    name,
    depth: 1,
    levelLabel,
    style: '',
    row: row++,
    parent: null,
    children,
    entries: [],
    isNew: false,
    expanded: false,
    repostOf: null,
    markedRepost: false,
  };
  for (const c of children) (c as { parent: PlanNode | null }).parent = n;
  return n;
}
function sheet(name: string, roots: PlanNode[]): SheetPlan {
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode): void => {
    nodes.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return { sheet: name, layout: {} as SheetPlan['layout'], roots, nodes, gradedDepth: 2, gradedAtLeaves: true, years: [], gradeCol: null, scale: DEFAULT_SCALE };
}
const goal = (s: string, id: string, name: string, programs: string[], label = '基本目標'): PlanNode =>
  node(s, id, name, label, [node(s, null, `${name}の施策`, '基本施策', programs.map((p) => node(s, null, p, null)))]);
const groups = (plans: SheetPlan[]): string[][] => planGroups(plans).map((g) => g.map((p) => p.sheet));

test('planGroups: a repeated top-level item with other programs makes parts of one plan; the rest of the plan joins', () => {
  const plans = [
    sheet('s1', [goal('s1', '1', '福祉', ['a', 'b'])]),
    sheet('s2', [goal('s2', '1', '福祉', ['c', 'd'])]),
    sheet('s3', [goal('s3', '2', '支援', ['e'])]),
  ];
  expect(groups(plans)).toEqual([['s1', 's2', 's3']]);
});

test('planGroups: last year’s copy beside this year’s (same programs) is not a part of the plan', () => {
  const plans = [sheet('R5', [goal('R5', '1', '福祉', ['a', 'b', 'c'])]), sheet('R4', [goal('R4', '1', '福祉', ['a', 'b', 'c'])])];
  expect(groups(plans)).toEqual([['R5'], ['R4']]);
});

test('planGroups: separate plans numbered from 1 under other names stay separate', () => {
  const plans = [
    sheet('地域', [goal('地域', '1', '福祉', ['a']), goal('地域', '2', '安心', ['b'])]),
    sheet('重層', [goal('重層', '1', '普及啓発', ['c']), goal('重層', '2', '相談', ['d'])]),
  ];
  expect(groups(plans)).toEqual([['地域'], ['重層']]);
});

test('planGroups: with parts present, a sheet whose numbers clash or whose top level is called otherwise stays its own plan', () => {
  const plans = [
    sheet('s1', [goal('s1', '1', '福祉', ['a'])]),
    sheet('s2', [goal('s2', '1', '福祉', ['b'])]),
    sheet('other', [goal('other', '1', '自殺対策', ['c'])]),
    sheet('level', [goal('level', '5', '健康', ['d'], '重点施策')]),
  ];
  expect(groups(plans)).toEqual([['s1', 's2'], ['other'], ['level']]);
});

test('per-level counts stay whole: a merged node counts every grade its parts count', async () => {
  const report = await checkFile('koganei-departments.xlsx');
  for (const p of report.policies) expect(p.graded).toBe(GRADES.reduce((n, g) => n + p.counts[g], 0));
});
