import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { captureIo } from './capture-io';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';

let dir: string;
let komae: string;
let clean: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-cli-'));
  komae = path.join(dir, 'komae.xlsx');
  clean = path.join(dir, 'koganei.xlsx');
  await fs.writeFile(komae, await toBuffer(buildSeedWorkbook('komae-policy', { withSampleDefects: true }).workbook));
  await fs.writeFile(clean, await toBuffer(buildSeedWorkbook('koganei-departments').workbook));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('exit 1 and a Japanese report grouped by sheet when there are errors', async () => {
  const io = captureIo();
  expect(await main(['check', komae], io)).toBe(1);
  expect(io.out).toContain('■ シート「1 地域福祉計画」（評価表・見出し 4行目）');
  expect(io.out).toContain('エラー I19');
  expect(io.out).toMatch(/指摘: エラー 5件 \/ 警告 3件 \/ 情報 0件/);
  expect(io.out).toContain('施策別の評価集計（再掲は1件）');
});

test('exit 0 with warnings only; --lang en speaks English', async () => {
  const io = captureIo();
  expect(await main(['check', clean, '--lang', 'en'], io)).toBe(0);
  expect(io.out).toContain('Sheet "シート3" (evaluation table, header row 10)');
  expect(io.out).toMatch(/Findings: 0 errors \/ 8 warnings \/ 0 info/);
  expect(io.out).toContain('moved from A to D');
});

test('--json prints exactly one document in the documented shape', async () => {
  const io = captureIo();
  expect(await main(['check', komae, '--json'], io)).toBe(1);
  const doc = JSON.parse(io.out);
  expect(Object.keys(doc)).toEqual(['schemaVersion', 'file', 'reportYear', 'reportYearSource', 'scale', 'method', 'sheets', 'findings', 'plans', 'policies']);
  expect(doc.schemaVersion).toBe(2);
  // Komae's two sheets are two plans (their items are numbered from 1 under other names).
  expect(doc.plans).toEqual([{ sheets: ['1 地域福祉計画'] }, { sheets: ['2 重層'] }]);
  expect(doc.reportYearSource).toBe('title');
  expect(doc.reportYear).toBe(2023);
  expect(doc.sheets[1]).toMatchObject({ name: '1 地域福祉計画', kind: 'evaluation', headerRow: 4, gradeCounts: { A: 4, B: 0, C: 1, D: 0 } });
  expect(doc.sheets[1].regions[0]).toMatchObject({ kind: 'evaluation', headerRows: [3, 4] });
  expect(doc.findings[0]).toEqual({
    rule: 'summary-count-mismatch',
    severity: 'error',
    sheet: '評価総括表（地域福祉計画）',
    cell: 'B5',
    row: 5,
    message: expect.stringContaining('5件'),
    messageId: 'grade',
    params: { grade: 'A', stated: 5, actual: 4, source: '1 地域福祉計画' },
  });
  expect(Object.keys(doc.findings[0])).toEqual(['rule', 'severity', 'sheet', 'cell', 'row', 'message', 'messageId', 'params']);
  // Findings about a program carry its plan node; the sentence is the one describe() gives.
  const aboutProgram = doc.findings.find((f: { node?: string }) => f.node !== undefined);
  expect(aboutProgram.node).toMatch(/^1 地域福祉計画\//);
  const policy = doc.policies.find((p: { id: string }) => p.id === '1-(2)-①');
  // A graded leaf policy counts its own grade (the 評価総括表 counts it too).
  expect(policy).toMatchObject({ sheet: '1 地域福祉計画', sheets: ['1 地域福祉計画'], declaredGrade: 'A', computedGrade: null, counts: { A: 1, B: 0, C: 0, D: 0 } });
});

test('--json through a streaming output (the real stdout) prints the same document as through a whole string', async () => {
  const whole = captureIo();
  const pieces: string[] = [];
  const streaming = captureIo();
  streaming.stdoutPieces = (p) => void pieces.push(...p);
  expect(await main(['check', komae, clean, '--json'], whole)).toBe(1);
  expect(await main(['check', komae, clean, '--json'], streaming)).toBe(1);
  expect(streaming.out).toBe('');
  expect(`${pieces.join('')}\n`).toBe(whole.out);
});

test('several files: --json prints an array', async () => {
  const io = captureIo();
  expect(await main(['check', komae, clean, '--json'], io)).toBe(1);
  const docs = JSON.parse(io.out);
  expect(docs.map((d: { file: string }) => d.file)).toEqual([komae, clean]);
});

test('--out writes 評価集計 and 点検結果 with links back into the checked file, and refuses to overwrite', async () => {
  const out = path.join(dir, 'summary.xlsx');
  const io = captureIo();
  expect(await main(['check', komae, '--out', out], io)).toBe(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  // 評価集計 continues on 評価集計（2） when its policy table needs pages of its own (print titles there only).
  expect(wb.worksheets.map((w) => w.name.replace(/（\d+）$/, ''))).toEqual(expect.arrayContaining(['評価集計', '点検結果']));
  expect(wb.worksheets.every((w) => /^(評価集計(（\d+）)?|点検結果)$/.test(w.name))).toBe(true);
  const findings = wb.getWorksheet('点検結果')!;
  const values = findings.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : []));
  const link = values.find((v) => typeof v === 'object' && v !== null && 'hyperlink' in v) as { text: string; hyperlink: string } | undefined;
  expect(link?.hyperlink).toBe("komae.xlsx#'評価総括表（地域福祉計画）'!B5");

  const again = captureIo();
  expect(await main(['check', komae, '--out', out], again)).toBe(2);
  expect(again.err).toContain('既にあります');
  expect(await main(['check', komae, '--out', out, '--force'], captureIo())).toBe(1);
});

test('--out naming an input is refused even with --force, and the input is untouched', async () => {
  const before = await fs.readFile(komae);
  const io = captureIo();
  expect(await main(['check', komae, '--out', komae, '--force'], io)).toBe(2);
  expect(io.err).toContain('入力ファイルには書き込みません');
  expect(Buffer.compare(before, await fs.readFile(komae))).toBe(0);
});

test.each([
  [['check', 'nope.xlsx'], 'ファイルが見つかりません'],
  [['check'], '点検するファイルを指定してください'],
  [['check', 'x.xlsx', '--year', '令和'], '年度として読めません'],
  [['check', 'x.xlsx', '--bogus'], '「--bogus」というオプションはありません'],
  [['frobnicate'], 'というコマンドはありません'],
  [['check', 'x.xlsx', '--lang', 'fr'], 'ja か en'],
  [['consolidate', 'x', '--bogus'], '「--bogus」というオプションはありません'],
])('bad arguments exit 2 with a clear message: %j', async (args, message) => {
  const io = captureIo();
  expect(await main(args, io)).toBe(2);
  expect(io.err).toContain(message);
  expect(io.err).not.toMatch(/\n\s+at /);
});

test('--year overrides the title, in any of its written forms', async () => {
  for (const year of ['2024', 'R6', '令和6', '令和６年度']) {
    const io = captureIo();
    await main(['check', komae, '--json', '--year', year], io);
    expect(JSON.parse(io.out).reportYear).toBe(2024);
  }
});

test('--config: a profile overrides a detected column role; a bad profile is explained', async () => {
  const profile = path.join(dir, 'profile.json');
  await fs.writeFile(profile, JSON.stringify({ sheets: { '2 重層': { columns: { I: { role: 'text' } } } }, rules: { 'grade-jump': 'off' } }));
  const io = captureIo();
  await main(['check', komae, '--config', profile, '--json'], io);
  const doc = JSON.parse(io.out);
  // Column I of 2 重層 is no longer the grade column: its blank grade (I50) is not reported.
  expect(doc.findings.filter((f: { sheet: string; cell: string }) => f.sheet === '2 重層' && f.cell === 'I50')).toEqual([]);
  expect(doc.findings.filter((f: { sheet: string; cell: string }) => f.sheet === '1 地域福祉計画' && f.cell === 'I19')).toHaveLength(1);
  const withJumps = captureIo();
  await fs.writeFile(profile, JSON.stringify({ rules: { 'grade-jump': 'off' } }));
  expect(await main(['check', clean, '--config', profile, '--json'], withJumps)).toBe(0);
  expect(JSON.parse(withJumps.out).findings.filter((f: { rule: string }) => f.rule === 'grade-jump')).toEqual([]);

  await fs.writeFile(profile, JSON.stringify({ method: 'median', thresholds: { share: { A: 2, B: 0.4, C: 0.2 } } }));
  const bad = captureIo();
  expect(await main(['check', clean, '--config', profile], bad)).toBe(2);
  expect(bad.err).toContain('method');
  // The old {A, B, C} shape is migrated to a list, best level first: the bad value is its first entry.
  expect(bad.err).toContain('thresholds.share.0');
});
