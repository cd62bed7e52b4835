/**
 * Layouts the generator (variants.ts) does not make, as another city's department might lay out
 * its evaluation: each a small clean workbook read through the in-memory path (ExcelJS workbook →
 * snapshot-of → engine), checked for no errors and the right counts, then with one grade blanked
 * to prove the missing grade is found at its cell — or, where a reading is not certain, doubted
 * rather than accused.
 */
import ExcelJS from 'exceljs';

import { checkWorkbook, type Report } from '../../src/core';
import type { CellValue } from '../../src/core/snapshot';
import { snapshotOf } from './snapshot-of';

interface SheetSpec { name: string; rows: (CellValue | undefined)[][]; merges?: string[] }

function check(sheets: SheetSpec[]): Report {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => r.forEach((v, j) => { if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue; }));
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return checkWorkbook(snapshotOf(wb), { fileName: 'probe.xlsx' }).report;
}

/** Eight programs of one plan, two 基本目標; grade letters on the A–D scale. */
const PROGRAMS: [string, string, string, string][] = [
  ['1-1', '見守り活動の推進', '福祉総務課', 'A'],
  ['1-2', '相談窓口の充実', '地域福祉課', 'B'],
  ['1-3', 'ボランティアの養成', '地域福祉課', 'A'],
  ['1-4', '生活困窮者の自立支援', '生活福祉課', 'C'],
  ['2-1', '災害時要援護者の支援', '防災課', 'B'],
  ['2-2', '成年後見制度の利用促進', '高齢福祉課', 'A'],
  ['2-3', '地域サロンの運営支援', '社会福祉協議会', 'D'],
  ['2-4', '権利擁護の推進', '障害福祉課', 'B'],
];
const COUNTS = { A: 3, B: 3, C: 1, D: 1 };

const totalCounts = (r: Report): Record<string, number> => {
  const t: Record<string, number> = {};
  for (const s of r.sheets) for (const g in s.gradeCounts ?? {}) t[g] = (t[g] ?? 0) + (s.gradeCounts?.[g] ?? 0);
  return t;
};
const nonzero = (c: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0));
const errors = (r: Report): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.sheet}!${f.cell ?? f.row}`);
const brief = (r: Report): string[] => r.findings.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell ?? f.row}`);

/** The canonical-looking sheet with a transformer per row. */
function table(opts: {
  title?: string;
  header?: CellValue[];
  row?: (p: [string, string, string, string], i: number) => CellValue[];
  missing?: number;
}): (CellValue | undefined)[][] {
  const header = opts.header ?? ['施策番号', '事業名', '担当課', '評価'];
  const row = opts.row ?? ((p) => p);
  return [
    [opts.title ?? '令和5年度 地域福祉計画 事業評価表'],
    [],
    header,
    ...PROGRAMS.map((p, i) => {
      const r = row(p, i);
      if (opts.missing === i) return r.map((v, j) => (j === r.length - 1 ? null : v));
      return r;
    }),
  ];
}

/** A probe: the clean book reads with no errors and the right counts; a blank grade is found at its cell. */
function probe(build: (missing?: number) => SheetSpec[], expected: Record<string, number>, missingCell: string, missingSheet?: string): void {
  const clean = check(build());
  expect(errors(clean)).toEqual([]);
  expect(nonzero(totalCounts(clean))).toEqual(expected);
  expect(clean.reportYear).toBe(2023);
  const defective = check(build(2));
  const found = defective.findings.filter((f) => f.rule === 'grade-missing');
  expect(found.map((f) => `${f.sheet}!${f.cell}`)).toEqual([`${missingSheet ?? build()[0].name}!${missingCell}`]);
}

describe('novel layouts', () => {
  test.each([
    ['A評価', (g: string) => `${g}評価`],
    ['評価A', (g: string) => `評価${g}`],
    ['Ａランク', (g: string) => `${String.fromCharCode(g.charCodeAt(0) + 0xfee0)}ランク`],
  ])('grades written with a word: %s', (_, write) => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, row: (p) => [p[0], p[1], p[2], write(p[3])] }) }], COUNTS, 'D6');
  });

  test('a 5-level scale explained in the header: 評価（5：大変良い～1：悪い）', () => {
    const five: Record<string, number> = { A: 5, B: 4, C: 3, D: 1 };
    probe((missing) => [{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', '評価（5：大変良い～1：悪い）'], row: (p) => [p[0], p[1], p[2], five[p[3]]] }) }],
      { '5': 3, '4': 3, '3': 1, '1': 1 }, 'D6');
  });

  test('a 5-level scale whose legend is only in the title line', () => {
    const five: Record<string, number> = { A: 5, B: 4, C: 3, D: 1 };
    probe((missing) => [{ name: '評価表', rows: table({ missing, title: '令和5年度 事業評価表　評価（5：大変良い～1：悪い）', row: (p) => [p[0], p[1], p[2], five[p[3]]] }) }],
      { '5': 3, '4': 3, '3': 1, '1': 1 }, 'D6');
  });

  test.each([
    ['(1)', (i: number) => `(${i + 1})`],
    ['ア', (i: number) => 'アイウエオカキク'[i]],
    ['(ア)', (i: number) => `（${'アイウエオカキク'[i]}）`],
    ['第1節', (i: number) => `第${i + 1}節`],
  ])('programs numbered %s', (_, id) => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, header: ['番号', '事業名', '担当課', '評価'], row: (p, i) => [id(i), p[1], p[2], p[3]] }) }], COUNTS, 'D6');
  });

  test('header in English', () => {
    probe((missing) => [{ name: 'Evaluation', rows: table({ missing, header: ['No.', 'Program', 'Dept', 'Rating'] }) }], COUNTS, 'D6');
  });

  test.each(['判定', '自己評価', '達成状況', '評価結果', 'ランク', '年度末評価'])('a grade column headed only %s', (word) => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', word] }) }], COUNTS, 'D6');
  });

  test('a cover sheet and a 目次 listing the programs before the table', () => {
    probe((missing) => [
      { name: '表紙', rows: [[], ['令和5年度'], ['地域福祉計画 事業評価報告書'], [], ['〇〇市 福祉部']] },
      { name: '目次', rows: [['目次'], [], ...PROGRAMS.map((p, i) => [p[0], p[1], `${i + 1}ページ`])] },
      { name: '評価表', rows: table({ missing }) },
    ], COUNTS, 'D6', '評価表');
  });

  test('the header row repeated every few rows (print page breaks)', () => {
    probe((missing) => {
      const rows = table({ missing });
      const header = rows[2];
      const out = rows.slice(0, 3);
      rows.slice(3).forEach((r, i) => { if (i > 0 && i % 3 === 0) out.push(header); out.push(r); });
      return [{ name: '評価表', rows: out }];
    }, COUNTS, 'D6');
  });

  test('a blank column between every column', () => {
    const spread = (r: (CellValue | undefined)[]): (CellValue | undefined)[] => r.flatMap((v, i) => (i === 0 ? [v] : [null, v]));
    probe((missing) => [{ name: '評価表', rows: table({ missing }).map(spread) }], COUNTS, 'G6');
  });

  test('one sheet per 基本目標, the policy named only by the sheet', () => {
    probe((missing) => [1, 2].map((goal) => ({
      name: goal === 1 ? '基本目標1 つながり' : '基本目標2 安心',
      rows: [['令和5年度 事業評価表'], [], ['施策番号', '事業名', '担当課', '評価'],
        ...PROGRAMS.map((p, i) => [p, i]).filter(([p]) => (p as string[])[0].startsWith(`${goal}-`))
          .map(([p, i]) => (i === missing ? [...(p as string[]).slice(0, 3), null] : (p as string[])))],
    })), COUNTS, 'D6', '基本目標1 つながり');
  });

  // Not read as periods yet: the first half's column is taken as the grade, with a doubt said
  // (layout-uncertain), and a blank second-half grade is neither accused nor counted as read.
  test('a grade per half-year: 上半期評価 | 下半期評価 is doubted, not accused', () => {
    const book = (missing?: number): Report => check([{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', '上半期評価', '下半期評価'], row: (p) => [p[0], p[1], p[2], p[3], p[3]] }) }]);
    const clean = book();
    expect(errors(clean)).toEqual([]);
    expect(nonzero(totalCounts(clean))).toEqual(COUNTS);
    const defective = book(2);
    expect(errors(defective)).toEqual([]);
    expect(brief(defective)).toContain('info layout-uncertain 評価表!D3');
  });
});

describe('novel layouts: two rows per program', () => {
  // Each program over two rows (計画 | 実績), its number, name, department and grade merged down both.
  function twoRows(missing?: number): SheetSpec {
    const rows: (CellValue | undefined)[][] = [['令和5年度 事業評価表'], [], ['施策番号', '事業名', '担当課', '区分', '指標値', '評価']];
    const merges: string[] = [];
    PROGRAMS.forEach((p, i) => {
      const top = rows.length + 1;
      rows.push([p[0], p[1], p[2], '計画', 100, i === missing ? null : p[3]]);
      rows.push([null, null, null, '実績', 90 + i]);
      for (const col of ['A', 'B', 'C', 'F']) merges.push(`${col}${top}:${col}${top + 1}`);
    });
    return { name: '評価表', rows, merges };
  }

  test('merged program cells over a plan row and a result row', () => {
    probe((missing) => [twoRows(missing)], COUNTS, 'F8');
  });
});

describe('novel layouts: more columns and identifiers', () => {
  test('quarterly progress columns, then the year\'s grade headed 年間評価', () => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', '第1四半期', '第2四半期', '第3四半期', '第4四半期', '年間評価'],
      row: (p) => [p[0], p[1], p[2], '実施', '実施', '実施', '実施', p[3]] }) }], COUNTS, 'H6');
  });

  test('identifiers typed as decimal numbers (1.1, 1.2 …)', () => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, row: (p) => [Number(p[0].replace('-', '.')), p[1], p[2], p[3]] }) }], COUNTS, 'D6');
  });

  test('the table set in from the corner (title in B2, header from C4)', () => {
    probe((missing) => [{ name: '評価表', rows: [[], [null, '令和5年度 事業評価シート'], [], [null, null, ...table({ missing })[2]], ...table({ missing }).slice(3).map((r) => [null, null, ...r])] }], COUNTS, 'F7');
  });
});

describe('novel layouts: words and prose', () => {
  const WORDS: Record<string, string> = { A: '達成', B: '概ね達成', C: '一部未達成', D: '未達成' };

  test('achievement words under 達成状況 (達成 / 概ね達成 / 一部未達成 / 未達成)', () => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', '達成状況'], row: (p) => [p[0], p[1], p[2], WORDS[p[3]]] }) }],
      { 達成: 3, 概ね達成: 3, 一部未達成: 1, 未達成: 1 }, 'D6');
  });

  test('prose columns (実績, 課題, 今後の方向性) before the grade at the far right', () => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', '令和5年度の実績', '課題', '今後の方向性', '評価'],
      row: (p) => [p[0], p[1], p[2], `${p[1]}を実施し、延べ120人が参加した。`, '参加者の固定化が課題である。', '継続して実施する。', p[3]] }) }], COUNTS, 'G6');
  });

  test('two departments in one cell (福祉総務課・地域福祉課)', () => {
    probe((missing) => [{ name: '評価表', rows: table({ missing, row: (p, i) => [p[0], p[1], i % 2 ? `${p[2]}・福祉総務課` : p[2], p[3]] }) }], COUNTS, 'D6');
  });
});

describe('novel layouts: who grades', () => {
  test('one sheet per department, the department named only by the sheet', () => {
    const depts = [...new Set(PROGRAMS.map((p) => p[2]))];
    probe((missing) => depts.map((d) => ({
      name: d,
      rows: [['令和5年度 事業評価表'], [], ['施策番号', '事業名', '評価'],
        ...PROGRAMS.map((p, i) => ({ p, i })).filter(({ p }) => p[2] === d).map(({ p, i }) => [p[0], p[1], i === missing ? null : p[3]])],
    })), COUNTS, 'C5', '地域福祉課');
  });

  test('自己評価 beside 委員会評価 under one 評価 header', () => {
    const other: Record<string, string> = { A: 'A', B: 'B', C: 'B', D: 'C' };
    probe((missing) => [{
      name: '評価表',
      rows: [['令和5年度 事業評価表'], [], ['施策番号', '事業名', '担当課', '評価', null], [null, null, null, '自己評価', '委員会評価'],
        ...PROGRAMS.map((p, i) => [p[0], p[1], p[2], i === missing ? null : p[3], other[p[3]]])],
      merges: ['A3:A4', 'B3:B4', 'C3:C4', 'D3:E3'],
    }], COUNTS, 'D7');
  });
});

describe('novel layouts: a bare point scale', () => {
  test('1–5 points with nothing saying which end is best: asked once, and a blank grade is still missing', () => {
    const five: Record<string, number> = { A: 5, B: 4, C: 3, D: 1 };
    const book = (missing?: number): Report => check([{ name: '評価表', rows: table({ missing, header: ['施策番号', '事業名', '担当課', '評価点'], row: (p) => [p[0], p[1], p[2], five[p[3]]] }) }]);
    const clean = book();
    expect(errors(clean)).toEqual([]);
    expect(nonzero(totalCounts(clean))).toEqual({ '5': 3, '4': 3, '3': 1, '1': 1 });
    expect(clean.findings.filter((f) => f.rule === 'layout-uncertain').map((f) => f.messageId)).toEqual(['scale-direction-unknown']);
    expect(book(2).findings.filter((f) => f.rule === 'grade-missing').map((f) => f.cell)).toEqual(['D6']);
  });
});

describe('novel layouts: what cannot be read yet is said', () => {
  test('one sheet per program (個票: label | value lines): nothing-checked, never a silent pass', () => {
    const r = check(PROGRAMS.map((p, k) => ({ name: `個票${k + 1}`, rows: [['令和5年度 事業評価シート'], [], ['施策番号', p[0]], ['事業名', p[1]], ['担当課', p[2]], ['事業の実績', '講座を3回開催した。'], ['評価', p[3]], ['今後の方向性', '継続']] })));
    expect(errors(r)).toEqual([]);
    expect(brief(r)).toContain('warning nothing-checked null!null');
  });

  test.each(['成果', '取組状況'])('points under a header naming no grade (%s): nothing-checked, never a silent pass', (word) => {
    const five: Record<string, number> = { A: 5, B: 4, C: 3, D: 1 };
    const r = check([{ name: '評価表', rows: table({ header: ['施策番号', '事業名', '担当課', word], row: (p) => [p[0], p[1], p[2], five[p[3]]] }) }]);
    expect(errors(r)).toEqual([]);
    expect(brief(r)).toContain('warning nothing-checked null!null');
  });

  test('a plan master (計画体系) without level values stays quiet', () => {
    const r = check([{ name: '計画体系', rows: table({ header: ['施策番号', '事業名', '担当課', '事業概要'], row: (p) => [p[0], p[1], p[2], `${p[1]}に取り組む。`] }) }]);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('novel layouts: lines inside the table', () => {
  test('the legend written in the grade column just under the header', () => {
    probe((missing) => {
      const rows = table({ missing });
      rows.splice(3, 0, [null, null, null, 'A：達成　B：概ね達成　C：一部未達成　D：未達成']);
      return [{ name: '評価表', rows }];
    }, COUNTS, 'D7');
  });

  test('a notes line under the table (※ 評価は担当課による自己評価)', () => {
    probe((missing) => [{ name: '評価表', rows: [...table({ missing }), [], ['※ 評価は担当課による自己評価です。']] }], COUNTS, 'D6');
  });
});
