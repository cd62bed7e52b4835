import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { checkWorkbook, RULES, SettingsSchema, type DocTable } from '../../src/core';
import { buildComparisonDocument, gradeChange } from '../../src/render/comparison-document';
import { COMPARISON_RULES, compareYears, nameSimilarity, programNameKey, type ComparisonResult } from '../../src/core/compare';
import { describe as describeFinding } from '../../src/render/describe';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';
import { COMPARISON_SEVERITIES } from './pair-tester';
import { comparePair, findRow } from './pairs';
import { plantedPair } from './planted';

type Row = [rule: string, severity: string, sheet: string | null, cell: string | null, program: string | undefined, department: string | undefined];
const rowsOf = (r: ComparisonResult): Row[] => r.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.program, f.department]);
const reasonsOf = (r: ComparisonResult, name: string): string[] => {
  const m = r.match.matches.find((x) => x.current.name === name);
  return m ? m.reasons.map((x) => x.kind) : [];
};

describe('a planted pair whose template changed between the years', () => {
  test('last year the city’s sheets, this year one flat table: every planted change, nothing else', async () => {
    const { previous, current } = plantedPair('koganei', 'flat');
    const r = await comparePair(previous, current);
    expect(rowsOf(r)).toEqual<Row[]>([
      ['previous-grade-conflict', 'error', '評価表', 'H8', '移送サービスへの支援', '高齢福祉課'],
      ['text-unchanged', 'info', '評価表', 'F9', '自主防災組織の育成', '地域安全課'],
      ['previous-grade-conflict', 'error', '評価表', 'H10', '地域コミュニティを活用した防犯体制の推進', '地域安全課'],
      // Koganei's sheets have no 次年度方針 column: nobody can tell whether the end was planned.
      ['program-vanished', 'info', '評価表', 'D32', '福祉マップの見直し', undefined],
      ['new-program-unmarked', 'warning', '評価表', 'D34', '音声コードの導入', undefined],
    ]);
    expect(r.match.matches).toHaveLength(41);
    expect(reasonsOf(r, '公共施設等のバリアフリー化の推進')).toEqual(['same-place', 'renamed']);
    expect(reasonsOf(r, '各種手当制度の周知')).toEqual(['same-name', 'renumbered']);
    expect(reasonsOf(r, '情報提供の充実')).toEqual(['same-name', 'renumbered']);
    const links = (name: string): string[] => r.match.matches.find((x) => x.current.name === name)?.departments.map((d) => `${d.link}:${d.previous.map((e) => e.entry.department).join('+')}>${d.current.entry.department}`) ?? [];
    expect(links('CoCoバスの利便性向上')).toEqual(['only:交通対策課>都市交通課']);
    expect(links('移送サービスへの支援')).toEqual(['split:自立生活支援課>障害福祉課', 'split:自立生活支援課>高齢福祉課']);
  });

  test('last year one flat table (with 次年度方針), this year the city’s sheets: the same findings on this year’s cells', async () => {
    const { previous, current } = plantedPair('flat', 'koganei');
    const r = await comparePair(previous, current);
    expect(rowsOf(r)).toEqual<Row[]>([
      ['previous-grade-conflict', 'error', 'シート1', 'E14', '移送サービスへの支援', '高齢福祉課'],
      ['text-unchanged', 'info', 'シート2', 'D10', '自主防災組織の育成', '地域安全課'],
      ['previous-grade-conflict', 'error', 'シート2', 'E11', '地域コミュニティを活用した防犯体制の推進', '地域安全課'],
      ['program-vanished', 'warning', 'シート4', 'B14', '福祉マップの見直し', undefined],
      ['new-program-unmarked', 'warning', 'シート4', 'B16', '音声コードの導入', undefined],
    ]);
  });

  test('the 前年度比較 sheet: grades of both years, the change with two-step jumps marked, and the distributions', async () => {
    const { previous, current } = plantedPair('koganei', 'flat');
    const r = await comparePair(previous, current);
    const document = buildComparisonDocument(r, 'ja');
    const [programs, policies, goals, chart] = document.sheets[0].blocks;
    expect(document.sheets[0].name).toBe('前年度比較');
    const table = programs as DocTable;
    const text = (c: unknown): unknown => (c !== null && typeof c === 'object' && 'text' in c ? (c as { text: string }).text : c);
    const row = (name: string, department: string): unknown[] | undefined =>
      table.rows.map((x) => x.map(text)).find((x) => String(x[2]).endsWith(name) && x[3] === department);
    // Koganei's real jumps, now seen across two workbooks: 市民に対する啓発活動の推進 A→D (広報秘書課), 相談支援体制の充実 D→B.
    // 今年度の指摘 names the rules for people, this year's own findings (check's grade-jump) among them.
    expect(row('市民に対する啓発活動の推進', '広報秘書課')?.slice(3)).toEqual(['広報秘書課', 'A', 'D', '↓↓ 3段階', '', '評価の大きな変動']);
    expect(row('相談支援体制の充実', '地域福祉課')?.slice(4, 7)).toEqual(['D', 'B', '↑↑ 2段階']);
    expect(row('CoCoバスの利便性向上', '都市交通課')?.slice(4, 7)).toEqual(['B', 'B', '→']);
    expect(row('移送サービスへの支援', '高齢福祉課')?.slice(4)).toEqual(['A', 'A', '→', '', '前年度評価の食い違い']);
    // A new program without 【新規】: the comparison says so, and this year's check found its 前年度評価 blank.
    expect(row('音声コードの導入', '広報秘書課')?.slice(4)).toEqual([null, 'B', '新規', null, '【新規】の付け忘れ、前年度評価の記入漏れ']);
    // No rule id anywhere a person reads.
    const ids = /\b[a-z]+(-[a-z]+)+\b/;
    for (const block of document.sheets[0].blocks) {
      if (block.kind !== 'table') continue;
      for (const r of block.rows) for (const c of r) expect({ cell: text(c), id: ids.test(String(text(c) ?? '')) }).toEqual({ cell: text(c), id: false });
    }
    expect(table.rows.map((x) => x.map(text)).find((x) => x[2] === '福祉マップの見直し')?.slice(4)).toEqual(['D', null, '今年度なし', '', null]);
    expect(policies.kind).toBe('table');
    expect(goals.kind).toBe('table');
    const goalRows = (goals as DocTable).rows;
    const total = (i: number): number => goalRows.reduce((s, x) => s + Number(x[i]), 0);
    // Every graded department row of each year is counted once, under this year's goals.
    expect([1, 2, 3, 4].reduce((s, i) => s + total(i), 0)).toBe(r.previous.reduce((s, p) => s + p.entries.filter((e) => e.entry.declaredGrade?.parsed.kind === 'grade').length, 0));
    expect([5, 6, 7, 8].reduce((s, i) => s + total(i), 0)).toBe(r.current.reduce((s, p) => s + p.entries.filter((e) => e.entry.declaredGrade?.parsed.kind === 'grade').length, 0));
    expect(chart.kind).toBe('chart');
  });
});

test('Kiyose’s multi-year table gives several previous years: the texts its departments carried forward', async () => {
  const snapshot = await readWorkbook(await toBuffer(buildSeedWorkbook('kiyose-multi-year').workbook), 'kiyose.xlsx');
  const view = (year: number) => checkWorkbook(snapshot, { settings: SettingsSchema.parse({ reportYear: year }) });
  const compare = (a: number, b: number): ComparisonResult =>
    compareYears({ reportYear: a, files: [{ file: null, plans: view(a).plans }] }, { reportYear: b, files: [{ file: null, plans: view(b).plans }] });
  const cells = (r: ComparisonResult): string[] => r.findings.map((f) => `${f.rule} ${f.cell}`);
  const y2021 = compare(2020, 2021);
  expect(y2021.match.matches).toHaveLength(27);
  expect(cells(y2021)).toEqual(['N8', 'N12', 'M13', 'M26', 'N26', 'M27', 'N27', 'N29', 'M30', 'M32'].map((c) => `text-unchanged ${c}`));
  expect(describeFinding(y2021.findings[0], 'ja')).toContain('「自殺対策本部会議を開催し、自殺対策計画進捗状況を共有した。」は前年度（令和2年度）と同じ文章');
  expect(cells(compare(2019, 2020))).toEqual(['K5', 'K6', 'J13', 'J24', 'J26', 'K26', 'K29', 'J30', 'J32'].map((c) => `text-unchanged ${c}`));
  expect(cells(compare(2022, 2023))).toEqual([]);
});

describe('matching pieces', () => {
  test('names are compared without markers, widths, dashes or spaces', () => {
    expect(programNameKey('【新規】ＣｏＣｏバスの 利便性向上')).toBe(programNameKey('CoCoバスの利便性向上'));
    expect(programNameKey('情報提供の充実（再掲）')).toBe(programNameKey('情報提供の充実'));
    expect(nameSimilarity('施設のバリアフリー化の推進', '公共施設等のバリアフリー化の推進')).toBeGreaterThan(0.75);
    expect(nameSimilarity('福祉マップの見直し', 'バリアフリー情報サイトの構築')).toBeLessThan(0.5);
  });

  test('changes: ↑ ↓ →, two or more steps named', () => {
    expect([gradeChange('B', 'A', 'ja'), gradeChange('B', 'C', 'ja'), gradeChange('B', 'B', 'ja'), gradeChange('A', 'D', 'ja'), gradeChange('D', 'B', 'en'), gradeChange(null, 'A', 'ja')]).toEqual(['↑', '↓', '→', '↓↓ 3段階', '↑↑ 2 steps', '']);
  });

  test('comparison rules: fixed ids and severities, no clash with check’s rules, a test file each', () => {
    expect(Object.fromEntries(COMPARISON_RULES.map((r) => [r.id, r.severity]))).toEqual(COMPARISON_SEVERITIES);
    const checkIds = new Set(RULES.map((r) => r.id));
    for (const rule of COMPARISON_RULES) {
      expect(checkIds.has(rule.id)).toBe(false);
      expect(existsSync(join(__dirname, '..', 'rules', `${rule.id}.test.ts`))).toBe(true);
      expect(rule.description.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(rule.description.en).toMatch(/^[A-Z]/);
    }
  });
});

test('the 前年度比較 sheet lists this year’s own findings for each program: a grade left blank', async () => {
  const { previous, current } = plantedPair('koganei', 'koganei');
  const rows = current.rows.map((r) => ({ ...r }));
  findRow(rows, 'CoCoバスの利便性向上').grade = '';
  const r = await comparePair(previous, { ...current, rows });
  const table = buildComparisonDocument(r, 'ja').sheets[0].blocks[0] as DocTable;
  const text = (c: unknown): unknown => (c !== null && typeof c === 'object' && 'text' in c ? (c as { text: string }).text : c);
  const line = table.rows.map((x) => x.map(text)).find((x) => String(x[2]).endsWith('CoCoバスの利便性向上'));
  expect(line?.[5]).toBeNull();
  expect(String(line?.[8])).toContain('評価の記入漏れ');
});

