import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidate, ConsolidationCancelled, readPlanMaster, type ConsolidationInput, type DocTable, type WorkbookSnapshot } from '../../src/core';
import { defaultSettings } from '../../src/core/settings';
import { buildConsolidationDocument } from '../../src/render';
import { isUnreadable } from '../../src/xlsx/errors';
import { readWorkbook } from '../../src/xlsx/read';
import { departmentSetDir } from './department-set';

jest.setTimeout(60_000);

/** What the pane does: files picked or dropped, read in the page, handed in as snapshots. */
let inputs: ConsolidationInput[];
let master: WorkbookSnapshot;
let cleanup: () => void;

beforeAll(async () => {
  const set = await departmentSetDir();
  cleanup = set.cleanup;
  master = await readWorkbook(readFileSync(set.master));
  inputs = [];
  for (const name of readdirSync(set.dir).sort()) {
    if (name === '計画体系.xlsx') continue;
    try {
      inputs.push({ name, snapshot: await readWorkbook(readFileSync(join(set.dir, name)), name) });
    } catch (e) {
      if (!isUnreadable(e)) throw e;
      inputs.push({ name, snapshot: { unreadable: e.reason } });
    }
  }
});
afterAll(() => cleanup());

const table = (sheet: { blocks: unknown[] }): DocTable => sheet.blocks[0] as DocTable;

describe('consolidate() as the task pane calls it', () => {
  it('gives the same result from snapshots as the CLI from files', async () => {
    const progress: [number, number][] = [];
    const result = await consolidate(inputs, { master, settings: undefined, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual(inputs.map((_, i) => [i + 1, 12]));
    expect(result.rows).toHaveLength(57);
    expect(result.reportYear).toBe(2020);
    expect(result.findings.filter((f) => ['program-unreported', 'department-missing', 'duplicate-program', 'program-unknown', 'year-mismatch', 'file-unreadable'].includes(f.rule)).map((f) => `${f.file ?? '(open workbook)'} ${f.rule}`)).toEqual([
      '交通対策課.xlsx year-mismatch',
      '公民館.xlsx file-unreadable',
      '地域安全課.xlsx program-unknown',
      '地域福祉課.xlsx duplicate-program',
      '(open workbook) program-unreported',
      '(open workbook) program-unreported',
      '(open workbook) department-missing',
      '(open workbook) program-unreported',
    ]);
    expect(buildConsolidationDocument(result, 'ja').sheets.map((s) => s.name)).toEqual(['取りまとめ', '評価集計', '点検結果', '提出状況']);
    // The engine's result has no language: the same result renders its 点検結果 sentences in English too.
    const enFindings = table(buildConsolidationDocument(result, 'en').sheets[2]).rows;
    expect(enFindings.some((r) => typeof r[5] === 'string' && r[5].includes('sent no file'))).toBe(true);
    expect(result.submissions.find((s) => s.department === '健康課')?.state).toBe('missing');
  });

  it('links into the open workbook only: provenance of dropped files is plain text', async () => {
    const result = await consolidate(inputs, { master });
    const doc = buildConsolidationDocument(result, 'ja');
    const merged = table(doc.sheets[0]);
    expect(merged.rows[0][12]).toBe('10');
    const findings = table(doc.sheets[2]);
    const unreported = findings.rows.find((r) => r[9] === 'program-unreported') // the rule id's column (the last); r[4] is its name;
    expect(unreported?.[3]).toEqual({ text: 'D6', link: { sheet: '計画体系', cell: 'D6' } });
    const inFile = findings.rows.find((r) => r[9] === 'duplicate-program');
    expect(inFile?.[3]).toBe('F10');
    // 評価集計 links point at 取りまとめ's rows
    const summary = table(doc.sheets[1]);
    expect(summary.rows[0][1]).toEqual({ text: '1', link: { sheet: '取りまとめ', cell: 'A3' } });
  });

  it('the pane’s 報告年度 field: a year no file carries is said once for the run, as --year is (#23)', async () => {
    const result = await consolidate(inputs, { master, settings: { ...defaultSettings(), reportYear: '令和4年度' } });
    const stated = result.findings.filter((f) => f.rule === 'year-mismatch' && f.file === null);
    expect(stated.map((f) => [f.severity, f.messageId, f.params])).toEqual([['warning', 'givenNotCarried', { given: 2022, found: [2019, 2020] }]]);
  });

  it('stops between files when the cancel button fires', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = consolidate(inputs, { master, signal: controller.signal, onProgress: (done) => (seen.push(done), done === 3 && controller.abort()) });
    await expect(run).rejects.toBeInstanceOf(ConsolidationCancelled);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('loads lazily, one workbook at a time', async () => {
    let open = 0;
    let most = 0;
    const lazy: ConsolidationInput[] = inputs.map((i) => ({
      name: i.name,
      snapshot: async () => {
        open++;
        most = Math.max(most, open);
        const s = i.snapshot as WorkbookSnapshot;
        await new Promise((r) => setTimeout(r, 1));
        open--;
        return s;
      },
    }));
    const result = await consolidate(lazy, { master });
    expect(most).toBe(1);
    expect(result.rows).toHaveLength(57);
  });

  it('without a master: no plan findings, trees per sheet in natural order, departments from the files', async () => {
    const result = await consolidate(inputs, {});
    expect(result.findings.some((f) => ['program-unreported', 'program-unknown', 'department-missing'].includes(f.rule))).toBe(false);
    expect(result.rows).toHaveLength(57);
    const groups = [...new Set(table(buildConsolidationDocument(result, 'ja').sheets[0]).rows.map((r) => r[0]))];
    expect(groups).toEqual(['シート1', 'シート2', 'シート3', 'シート4', 'シート5', 'シート6', 'シート7', 'シート8', 'シート9']);
    // 公民館's file arrived but cannot be read: 提出あり（読めません）, not 未提出 (file-unreadable says why).
    expect(result.submissions).toHaveLength(12);
    expect(result.submissions.find((x) => x.department === '公民館')).toMatchObject({ state: 'unreadable', files: ['公民館.xlsx'] });
    expect(result.findings.filter((f) => f.rule === 'file-unreadable').map((f) => f.file)).toEqual(['公民館.xlsx']);
  });

  it('a plan master among the inputs is recognised, used as the master and not counted as a department', async () => {
    const withMaster = [...inputs, { name: '計画体系.xlsx', snapshot: master }];
    const found = await consolidate(withMaster, {});
    const given = await consolidate(inputs, { master, masterName: '計画体系.xlsx' });
    expect(found.detectedMaster).toBe('計画体系.xlsx');
    expect(given.detectedMaster).toBeNull();
    expect(found.files.map((f) => f.file)).not.toContain('計画体系.xlsx');
    expect(found.submissions.map((s) => s.department)).toEqual(given.submissions.map((s) => s.department));
    expect(found.findings.map((f) => `${f.file} ${f.rule} ${f.cell}`)).toEqual(given.findings.map((f) => `${f.file} ${f.rule} ${f.cell}`));
  });

  it('an unreadable file of a department the master expects: 提出あり（読めません） with its file and reason, one error only', async () => {
    const result = await consolidate(inputs, { master, masterName: '計画体系.xlsx' });
    const kominkan = result.submissions.find((x) => x.department === '公民館');
    expect(kominkan).toMatchObject({ state: 'unreadable', fileStatus: 'unreadable', files: ['公民館.xlsx'] });
    const about = result.findings.filter((f) => f.department === '公民館' && ['file-unreadable', 'department-missing'].includes(f.rule));
    expect(about.map((f) => f.rule)).toEqual(['file-unreadable']);
  });

  it('reads a master with one row per department and departments listed in one cell', () => {
    const sheet = {
      name: '体系',
      visibility: 'visible' as const,
      merges: [],
      rows: [
        ['基本目標', '施策', '事業', '担当課'],
        ['1 福祉のまちづくり', '(1) 暮らしやすいまちづくり', '① 施設のバリアフリー化の推進', '地域福祉課'],
        [null, null, null, '自立生活支援課'],
        [null, null, '② 移送サービスへの支援', '自立生活支援課、介護福祉課'],
      ],
    };
    const plan = readPlanMaster({ sheets: [sheet] });
    expect(plan?.programs.map((p) => [p.path, p.name, p.departments])).toEqual([
      ['1-(1)-①', '施設のバリアフリー化の推進', ['地域福祉課', '自立生活支援課']],
      ['1-(1)-②', '移送サービスへの支援', ['自立生活支援課', '介護福祉課']],
    ]);
    expect(plan?.departments.map((d) => d.name)).toEqual(['地域福祉課', '自立生活支援課', '介護福祉課']);
    expect(readPlanMaster(inputs.find((i) => i.name === '介護福祉課.xlsx')?.snapshot as WorkbookSnapshot)).toBeNull();
  });
});
