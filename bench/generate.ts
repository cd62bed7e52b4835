/**
 * Synthetic workbooks for the benchmark, in the shapes of the seed layouts
 * (tests/fixtures/workbooks.ts), at any number of program rows. Written with ExcelJS's
 * streaming writer (shared strings and cell styles on, as Excel saves them) so that 100k-row
 * files take seconds, not minutes. Files are cached under bench/out/ keyed by layout, size and
 * GENERATOR_VERSION: delete bench/out/ (or bump the version) to regenerate.
 *
 * Texts are taken from the seed reports and made unique per row (real reports rarely repeat a
 * sentence), so the shared-string table is as large as in a real file. About one program in
 * 250 carries a realistic defect (blank grade, full-width grade, two-step jump) so that the
 * summary has findings to write.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';

import { KIYOSE_PROGRAMS } from '../tests/fixtures/seed-data/kiyose-2020';
import { SUICIDE_GOALS, SUICIDE_YEARS } from '../tests/fixtures/seed-data/kiyose-suicide';
import { KOGANEI_SHEETS } from '../tests/fixtures/seed-data/koganei-2020';
import { KOMAE_LOCAL_PAGES } from '../tests/fixtures/seed-data/komae-2023';

export const GENERATOR_VERSION = 1;
export type BenchLayout = 'kiyose-programs' | 'kiyose-multi-year' | 'komae-policy' | 'koganei-departments';
export const BENCH_LAYOUTS: readonly BenchLayout[] = ['kiyose-programs', 'kiyose-multi-year', 'komae-policy', 'koganei-departments'];

export const OUT_DIR = path.join(__dirname, 'out');

type Value = string | number | null;
const GRADES = ['A', 'B', 'C', 'D'] as const;
const NEXT = ['継続', '充実', '改善', '継続', '縮小'] as const;
const FONT = 'ＭＳ Ｐゴシック';
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BODY_STYLE = {
  border: { top: THIN, left: THIN, bottom: THIN, right: THIN } as Partial<ExcelJS.Borders>,
  font: { name: FONT, size: 9 } as Partial<ExcelJS.Font>,
  alignment: { wrapText: true, vertical: 'top' } as Partial<ExcelJS.Alignment>,
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

/** Deterministic pseudo-random in [0, 1): the same size always gives the same bytes. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], r: () => number): T {
  return list[Math.floor(r() * list.length)];
}

function addRow(ws: ExcelJS.Worksheet, values: Value[], style: 'body' | 'header' | 'plain' = 'body'): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (v === '' ? null : v)));
  if (style !== 'plain') {
    for (let c = 1; c <= values.length; c++) {
      const cell = row.getCell(c);
      cell.border = BODY_STYLE.border;
      cell.font = style === 'header' ? { name: FONT, size: 9, bold: true } : BODY_STYLE.font;
      cell.alignment = style === 'header' ? { wrapText: true, vertical: 'middle', horizontal: 'center' } : BODY_STYLE.alignment;
      if (style === 'header') cell.fill = HEADER_FILL;
    }
  }
  return row;
}

function writer(file: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  wb.creator = 'hyoka-bench';
  wb.created = new Date(Date.UTC(2024, 3, 1));
  wb.modified = wb.created;
  return wb;
}

/**
 * ExcelJS's streaming writer checks every new merge against all earlier ones (quadratic);
 * our merges never overlap, so each is checked against an empty list and appended.
 */
function merge(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const w = ws as unknown as { _merges: unknown[] & { add?: () => void } };
  const saved = w._merges;
  const fresh: unknown[] & { add?: () => void } = [];
  fresh.add = saved.add;
  w._merges = fresh;
  try {
    ws.mergeCells(top, left, bottom, right);
  } finally {
    saved.push(...fresh);
    w._merges = saved;
  }
}

const circled = (n: number): string => String.fromCodePoint(0x2460 + ((n - 1) % 20));

// ---------------------------------------------------------------------------------------------
// kiyose-programs (seed 000): 基本方針 › 施策の柱 › 方向性 › 取組, header repeated per printed page

async function kiyosePrograms(file: string, n: number): Promise<void> {
  const wb = writer(file);
  const r = rng(n);
  const legend = wb.addWorksheet('見方');
  addRow(legend, ['【調書の進捗状況及び次年度方針の見方】'], 'plain');
  for (const [g, t] of [['A', '目標を達成'], ['B', '一定の成果'], ['C', '十分な成果が出ていない'], ['D', '未実施']]) addRow(legend, [g, t]);
  addRow(legend, ['※計画の期間(2018年度～2026年度)に対する目標の達成状況'], 'plain');
  await legend.commit();

  const ws = wb.addWorksheet('評価調書');
  ws.columns = [20, 22, 30, 55, 50, 7, 9].map((width) => ({ width }));
  const header = ['基本方針', '施策の柱', '施策の方向性と具体的な取組', '令和2年度の成果', '現状の課題', '評価', '次年度方針'];
  addRow(ws, ['令和2年度 地域福祉計画 目標事業評価調書'], 'plain');
  ws.mergeCells(1, 1, 1, 7);
  addRow(ws, ['福祉・子ども部 福祉総務課'], 'plain');
  addRow(ws, [], 'plain');
  addRow(ws, header, 'header');
  let program = 0;
  let onPage = 0;
  for (let policy = 1; program < n; policy++) {
    for (let pillar = 1; pillar <= 3 && program < n; pillar++) {
      const pillarNo = (policy - 1) * 3 + pillar;
      for (let dir = 1; dir <= 4 && program < n; dir++) {
        const dirNo = (pillarNo - 1) * 4 + dir;
        const policyText = `【基本方針${policy}】だれもが安心して暮らせるまち${policy}`;
        const pillarText = `【施策の柱${pillarNo}】地域で支え合う仕組みづくり${pillarNo}`;
        const dirText = `【方向性${dirNo}】相談支援体制の充実${dirNo}`;
        if (onPage >= 7) {
          addRow(ws, header, 'header');
          onPage = 0;
        }
        addRow(ws, [pillar === 1 && dir === 1 ? policyText : null, dir === 1 ? pillarText : null, dirText, `【目標】関係機関の連携を強化する（${dirNo}）`]);
        onPage++;
        for (let p = 0; p < 5 && program < n; p++) {
          if (onPage >= 7) {
            addRow(ws, header, 'header');
            addRow(ws, [`${policyText}（再）`, `${pillarText}（再）`, `${dirText}（再）`, null]);
            onPage = 1;
          }
          program++;
          const seed = KIYOSE_PROGRAMS[program % KIYOSE_PROGRAMS.length];
          let grade: string | null = pick(GRADES, r);
          if (program % 251 === 0) grade = null;
          else if (program % 257 === 0) grade = 'Ｂ';
          const row = addRow(ws, [null, null, `【取組${program}】${seed.name}`, `${seed.outcome}（${program}）`, `${seed.issue}（${program}）`, grade, pick(NEXT, r)]);
          row.getCell(6).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
          row.commit();
          onPage++;
        }
      }
    }
  }
  await ws.commit();
  await wb.commit();
}

// ---------------------------------------------------------------------------------------------
// kiyose-multi-year (seed 002): one row per 実施内容, three cells per year 令和元年度…令和5年度

async function kiyoseMultiYear(file: string, n: number): Promise<void> {
  const wb = writer(file);
  const r = rng(n + 1);
  const ws = wb.addWorksheet('進捗管理表');
  const label = (era: string): string => `${era}実施状況に関する担当課の評価`;
  const header = [
    '計画における項目', '実施内容', '計画書ページ', '担当部署', '担当課', '再掲',
    '令和元年度実施状況', label('令和元年度'), '達成度(%)', '令和2年度実施状況', label('令和2年度'), '達成度(%)',
    '令和3年度の実施状況', label('令和3年度'), '達成度(%)', '令和4年度の実施計画', '令和4年度の実施状況', label('令和4年度'), '達成度(%)',
    '今後(令和5年度以降)の実施計画', '令和5年度の実施状況', label('令和5年度'), '達成度(%)',
  ];
  const yearCols: Record<number, [number, number, number]> = { 2019: [6, 7, 8], 2020: [9, 10, 11], 2021: [12, 13, 14], 2022: [16, 17, 18], 2023: [20, 21, 22] };
  const seeds = SUICIDE_GOALS.flatMap((g) => g.programs);
  addRow(ws, ['清瀬市自殺対策計画 進捗管理表（令和5年度）'], 'plain');
  ws.mergeCells(1, 1, 1, 6);
  addRow(ws, [], 'plain');
  addRow(ws, header, 'header');
  let program = 0;
  for (let goal = 1; program < n; goal++) {
    addRow(ws, [`基本施策${goal} 地域におけるネットワークの構築・強化`], 'plain').commit();
    for (let item = 1; item <= 4 && program < n; item++) {
      for (let p = 0; p < 3 && program < n; p++) {
        program++;
        const seed = seeds[program % seeds.length];
        const values: Value[] = new Array<Value>(header.length).fill(null);
        values[0] = p === 0 ? `${goal}-${item}. ${seed.policyLabel.replace(/^[\d-]+\.\s*/, '') || '相談体制の充実'}` : null;
        values[1] = `${seed.name}（${program}）`;
        values[2] = seed.page;
        values[3] = seed.division;
        values[4] = seed.department;
        values[15] = `${seed.plan2022}（${program}）`;
        values[19] = `${seed.planFuture}（${program}）`;
        for (const y of SUICIDE_YEARS) {
          const [s, e, a] = yearCols[y];
          const rec = seed.years[y];
          values[s] = rec.status === '-' ? '-' : `${rec.status}（${program}）`;
          values[e] = rec.evaluation;
          values[a] = typeof rec.achievement === 'number' ? pick([1, 0.8, 0.6, 0.3], r) : rec.achievement;
        }
        if (program % 251 === 0) for (const c of yearCols[2023]) values[c] = null;
        const row = addRow(ws, values);
        for (const y of SUICIDE_YEARS) {
          const cell = row.getCell(yearCols[y][2] + 1);
          if (typeof cell.value === 'number') cell.numFmt = '0%';
        }
        row.commit();
      }
    }
  }
  await ws.commit();
  await wb.commit();
}

// ---------------------------------------------------------------------------------------------
// komae-policy (seed 003): grades on 施策 小 rows, program rows below; a page (two-row merged
// header) per policy; a 評価総括表 whose counts match the sheet

async function komaePolicy(file: string, n: number): Promise<void> {
  const wb = writer(file);
  const r = rng(n + 2);
  const seeds = KOMAE_LOCAL_PAGES.flatMap((p) => p.programs).filter((p) => p.description && p.department);
  // decide the policies first: the summary sheet comes first in the workbook
  const policies: { goal: number; large: number; small: number; grade: string; programs: number }[] = [];
  let left = n;
  for (let goal = 1; left > 0; goal++) {
    for (let large = 1; large <= 4 && left > 0; large++) {
      for (let small = 1; small <= 5 && left > 0; small++) {
        const programs = Math.min(left, 3 + Math.floor(r() * 5));
        left -= programs;
        policies.push({ goal, large, small, grade: pick(GRADES, r), programs });
      }
    }
  }
  const criteria: [string, string][] = [
    ['A', '目標に対して順調に進んでいる・・・A'], ['B', '目標に対して概ね順調に進んでいる・・・B'],
    ['C', '目標に対してやや遅れている・・・C'], ['D', '目標に対して遅れている・・・D'],
  ];
  const summary = wb.addWorksheet('評価総括表（地域福祉計画）');
  summary.columns = [60, 8, 10, 34].map((width) => ({ width }));
  addRow(summary, ['あいとぴあレインボープラン狛江市第4次地域福祉計画進捗管理 令和5年度報告書 評価総括表'], 'plain');
  summary.mergeCells(1, 1, 1, 4);
  addRow(summary, [], 'plain');
  addRow(summary, ['施策の進捗状況', '件数', '該当する', null], 'header');
  addRow(summary, [null, null, '頁', '施策'], 'header');
  summary.mergeCells('A3:A4');
  summary.mergeCells('B3:B4');
  summary.mergeCells('C3:D3');
  let total = 0;
  for (const [g, text] of criteria) {
    const list = policies.filter((p, i) => p.grade === g && i % 97 !== 96); // a blank grade is not counted
    const first = list[0];
    addRow(summary, [text, list.length, first ? String(10 + first.goal) : null, first ? `${first.goal}-(${first.large})-${circled(first.small)}` : null]);
    total += list.length;
  }
  addRow(summary, ['合 計', total, null, null]);
  await summary.commit();

  const ws = wb.addWorksheet('1 地域福祉計画');
  ws.columns = [6, 20, 6, 40, 8, 10, 6, 50, 9, 50].map((width) => ({ width }));
  addRow(ws, ['1 地域福祉計画'], 'plain');
  addRow(ws, [], 'plain');
  const tail = ['担当課', '頁', '指標', 'Do\n(実行)', 'Check\n(評価)', 'Act\n(事業を実施するに当たっての課題及び改善点)'];
  let rowNo = 3;
  let program = 0;
  for (const [i, p] of policies.entries()) {
    addRow(ws, ['基本\n目標', '施策', null, '地域福祉計画\nPlan(主な事業内容)', ...tail], 'header');
    addRow(ws, [null, '大', '小', null, null, null, null, null, null, null], 'header');
    merge(ws, rowNo, 2, rowNo, 3);
    for (const c of [1, 4, 5, 6, 7, 8, 9, 10]) merge(ws, rowNo, c, rowNo + 1, c);
    rowNo += 2;
    addRow(ws, [String(p.goal), `支え合いのまちづくり${p.goal}`, null, null, null, null, null, null, null, null]);
    addRow(ws, [null, `(${p.large}) 包括的な相談支援体制の構築${p.goal}-${p.large}`, null, null, null, null, null, null, null, null]);
    let grade: string | null = p.grade;
    if (i % 97 === 96) grade = null;
    addRow(ws, [null, null, circled(p.small), `地域の課題を解決する仕組みを整えます（${i + 1}）`, null, null, null, null, grade, null]).commit();
    rowNo += 3;
    for (let k = 0; k < p.programs; k++) {
      program++;
      const s = seeds[program % seeds.length];
      addRow(ws, [null, String.fromCharCode(0x61 + k), null, `${s.description}（${program}）`, s.department, s.pages, '—', `${s.doText}（${program}）`, null, `${s.actText}（${program}）`]).commit();
      rowNo++;
    }
  }
  await ws.commit();
  await wb.commit();
}

// ---------------------------------------------------------------------------------------------
// koganei-departments (seed 004): one sheet per 基本施策, a row per program and department

async function koganeiDepartments(file: string, n: number, options: { sheets?: number; department?: string } = {}): Promise<void> {
  const wb = writer(file);
  const r = rng(n + 3 + (options.department?.length ?? 0));
  const seeds = KOGANEI_SHEETS.flatMap((s) => s.rows);
  const departments = [...new Set(seeds.map((s) => s.department))];
  const criteria = wb.addWorksheet('評価基準');
  addRow(criteria, ['地域福祉計画の進捗状況及び評価表(令和2年度実績報告)'], 'plain');
  for (const [g, t] of [['A', 'ほぼ施策内容を達成した。'], ['B', '施策内容をある程度達成したが、今後の改善、検討を要する。'], ['C', '施策内容を達成したとは言えず、現状について大きな課題がある。'], ['D', '未実施']]) {
    addRow(criteria, [`${g}・・・`, t]);
  }
  await criteria.commit();
  const sheets = options.sheets ?? Math.max(1, Math.min(20, Math.round(n / 100)));
  const header = ['施策', '【個別事業・取り組み】', '担当課', '事業実績(令和2年度)', '前年度\n事業\n評価', '事業\n評価', '今後の事業計画・展望'];
  let row = 0;
  for (let s = 1; s <= sheets; s++) {
    const rows = Math.floor((n * s) / sheets) - Math.floor((n * (s - 1)) / sheets);
    const ws = wb.addWorksheet(`シート${s}`);
    ws.columns = [7, 30, 16, 55, 7, 7, 55].map((width) => ({ width }));
    addRow(ws, ['地域福祉計画の進捗状況及び評価表(令和2年度実績報告)'], 'plain');
    ws.mergeCells(1, 1, 1, 7);
    addRow(ws, [], 'plain');
    addRow(ws, ['【基本施策】'], 'plain');
    addRow(ws, ['基本目標', `${s} 福祉のまちづくり`], 'plain');
    addRow(ws, ['基本施策', '福祉を支える基盤の整備'], 'plain');
    const policyCount = Math.max(1, Math.min(5, Math.ceil(rows / 20)));
    for (let i = 1; i <= policyCount; i++) addRow(ws, [`施策(${i})`, `暮らしやすいまちづくり${i}`], 'plain');
    addRow(ws, [], 'plain');
    addRow(ws, header, 'header');
    let written = 0;
    let policy = 0;
    let programNo = 0;
    while (written < rows) {
      const policyRows = policy + 1 >= policyCount ? rows - written : Math.floor(rows / policyCount);
      policy++;
      programNo = 0;
      let inPolicy = 0;
      while (inPolicy < policyRows) {
        programNo++;
        const depts = options.department ? 1 : Math.min(policyRows - inPolicy, 1 + Math.floor(r() * 3));
        const seed = seeds[(row + programNo) % seeds.length];
        const fresh = r() < 0.03;
        for (let d = 0; d < depts; d++) {
          row++;
          const prev = fresh ? '—' : pick(GRADES, r);
          // mostly the same grade as last year, else one step away (two-step jumps are rare)
          const step = r() < 0.7 ? 0 : r() < 0.5 ? -1 : 1;
          const prevIndex = prev === '—' ? Math.floor(r() * 4) : GRADES.indexOf(prev as (typeof GRADES)[number]);
          let grade: string | null = GRADES[Math.max(0, Math.min(3, prevIndex + step))];
          if (row % 251 === 0) grade = null;
          else if (row % 257 === 0) grade = 'Ｂ';
          addRow(ws, [
            inPolicy === 0 && d === 0 ? `(${policy})` : null,
            d === 0 ? `${circled(programNo)} ${fresh ? '【新規】' : ''}${seed.program.replace(/^[①-⑳]\s*/, '') || '地域活動の推進'}${programNo > 20 ? programNo : ''}` : null,
            options.department ?? departments[(programNo + d) % departments.length],
            `${seed.result}（${row}）`, prev, grade, `${seed.outlook}（${row}）`,
          ]).commit();
          inPolicy++;
          written++;
        }
      }
    }
    await ws.commit();
  }
  await wb.commit();
}

const GENERATORS: Record<BenchLayout, (file: string, n: number) => Promise<void>> = {
  'kiyose-programs': kiyosePrograms,
  'kiyose-multi-year': kiyoseMultiYear,
  'komae-policy': komaePolicy,
  'koganei-departments': (file, n) => koganeiDepartments(file, n),
};

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

/** The cached file for layout × size, generated on first use. */
export async function benchWorkbook(layout: BenchLayout, rows: number): Promise<string> {
  const dir = path.join(OUT_DIR, `v${GENERATOR_VERSION}`);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${layout}-${rows}.xlsx`);
  if (await exists(file)) return file;
  const tmp = `${file}.tmp-${process.pid}`;
  await GENERATORS[layout](tmp, rows);
  await fs.rename(tmp, file);
  return file;
}

/** A folder of `count` department workbooks (Koganei layout, one department each, ~rows rows). */
export async function departmentFolder(count: number, rows = 60): Promise<string> {
  const dir = path.join(OUT_DIR, `v${GENERATOR_VERSION}`, `departments-${count}`);
  await fs.mkdir(dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    const file = path.join(dir, `dept-${String(i).padStart(3, '0')}.xlsx`);
    if (await exists(file)) continue;
    const tmp = `${file}.tmp-${process.pid}`;
    await koganeiDepartments(tmp, rows, { sheets: 3, department: `課${i}` });
    await fs.rename(tmp, file);
  }
  return dir;
}
