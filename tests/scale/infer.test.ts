/**
 * Scale inference (issue #20): a region's grade scale is read from its values, a dropdown list,
 * a legend in a cell or a note, the header, or level sub-headers — never guessed where nothing
 * says which end is best.
 */
import { checkWorkbook, defaultSettings, type CellValue, type Report } from '../../src/core';
import type { SheetLayout } from '../../src/core/layout/types';
import { inferScale, parseLegend, scaleOfHeader, scaleOfList, scaleOfTokens } from '../../src/core/scale';
import { bookOf, programRows, type BookOptions } from './book';

function check(o: BookOptions): { report: Report; layout: SheetLayout } {
  const { report, layouts } = checkWorkbook(bookOf(o));
  return { report, layout: layouts.find((l) => l.kind === 'evaluation')! };
}
const labels = (layout: SheetLayout): string[] => (layout.scale?.levels ?? []).map((l) => l.label);
const errors = (r: Report) => r.findings.filter((f) => f.severity === 'error');
const tokens = (...values: string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
};

describe('from the values', () => {
  test('S in many rows beside A–C is the S/A/B/C scale: no grade-invalid, S counted', () => {
    const grades = ['S', 'A', 'B', 'S', 'C', 'A', 'S', 'B', 'A', 'S'];
    const { report, layout } = check({ rows: programRows(grades) });
    expect(labels(layout)).toEqual(['S', 'A', 'B', 'C']);
    expect(layout.scale?.source).toBe('values');
    expect(errors(report)).toEqual([]);
    expect(report.sheets[0].gradeCounts).toEqual({ S: 4, A: 3, B: 2, C: 1 });
    expect(report.scale?.levels.map((l) => l.label)).toEqual(['S', 'A', 'B', 'C']);
  });

  test('one stray E among A–D stays A–D: the E is reported, not made a level', () => {
    const { report, layout } = check({ rows: programRows(['A', 'B', 'E', 'C', 'D', 'A', 'B']) });
    expect(labels(layout)).toEqual(['A', 'B', 'C', 'D']);
    expect(report.findings.filter((f) => f.rule === 'grade-invalid').map((f) => f.params.text)).toEqual(['E']);
  });

  test('E in many rows is A–E', () => {
    expect(scaleOfTokens(tokens('A', 'B', 'E', 'E', 'C', 'D', 'E', 'A'))?.levels.map((l) => l.label)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  test('◎○△× marks, 〇 folded', () => {
    const { report, layout } = check({ rows: programRows(['◎', '○', '〇', '△', '×', '○']) });
    expect(labels(layout)).toEqual(['◎', '○', '△', '×']);
    expect(errors(report)).toEqual([]);
    expect(report.sheets[0].gradeCounts).toEqual({ '◎': 1, '○': 3, '△': 1, '×': 1 });
  });

  test('achievement words', () => {
    const { layout, report } = check({ rows: programRows(['達成', '概ね達成', '一部未達成', '未達成', '達成']) });
    expect(labels(layout)).toEqual(['達成', '概ね達成', '一部未達成', '未達成']);
    expect(errors(report)).toEqual([]);
  });

  test('A–D values give the default scale (nothing to learn)', () => {
    const { layout } = check({ rows: programRows(['A', 'B', 'C', 'D']) });
    expect(layout.scale?.source).toBe('default');
  });
});

describe('a bare 1–5 never decides an order', () => {
  test('points with nothing saying which end is best: one layout-uncertain asks, no errors', () => {
    const rows = programRows([5, 4, 3, 1, 2, 5, 3] as CellValue[]);
    const { report, layout } = check({ rows });
    expect(layout.scale?.directionUnknown).toBe(true);
    expect(layout.uncertain).toBe(true);
    const asks = report.findings.filter((f) => f.rule === 'layout-uncertain' && f.messageId === 'scale-direction-unknown');
    expect(asks).toHaveLength(1);
    expect(asks[0].params).toMatchObject({ column: 'D' });
    expect(errors(report)).toEqual([]);
    // Counts per label do not depend on the order.
    expect(report.sheets[0].gradeCounts).toMatchObject({ '5': 2, '4': 1, '3': 2, '2': 1, '1': 1 });
  });

  test('a legend that says 5 is best fixes the direction', () => {
    const below = [['評価基準　5：目標を大きく上回った　4：目標を達成した　3：概ね達成した　2：一部達成した　1：未着手']];
    const { report, layout } = check({ rows: programRows([5, 4, 3, 1, 2, 5, 3] as CellValue[]), below });
    expect(labels(layout)).toEqual(['5', '4', '3', '2', '1']);
    expect(layout.scale?.directionUnknown).toBeUndefined();
    expect(layout.uncertain).toBe(false);
    expect(report.findings.filter((f) => f.messageId === 'scale-direction-unknown')).toEqual([]);
  });

  test('a legend that says 1 is best orders 1…5', () => {
    const s = parseLegend('1：十分に達成 2：概ね達成 3：やや遅れ 4：遅れ 5：未実施', 'X');
    expect(s?.levels.map((l) => l.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(s?.directionUnknown).toBeUndefined();
  });

  test('a header that says so: 評価（5段階：5が最高）', () => {
    const stated = scaleOfHeader('評価（5段階：5が最高）');
    expect(stated?.levels.map((l) => l.label)).toEqual(['5', '4', '3', '2', '1']);
    expect(stated?.directionUnknown).toBeUndefined();
    expect(scaleOfHeader('評価（1～5）')?.directionUnknown).toBe(true);
  });
});

describe('from a dropdown list', () => {
  test('S,A,B,C with meanings', () => {
    const s = scaleOfList(['S：目標を上回る', 'A：達成', 'B：概ね達成', 'C：未達成']);
    expect(s?.levels).toEqual([
      { label: 'S', meaning: '目標を上回る' },
      { label: 'A', meaning: '達成' },
      { label: 'B', meaning: '概ね達成' },
      { label: 'C', meaning: '未達成' },
    ]);
    expect(s?.source).toBe('validation');
  });

  test('a list on the grade column decides the scale even before values are entered', () => {
    const rows = programRows(['S', null, null, 'A']);
    const { layout } = check({ rows, validations: [{ ranges: [{ top: 3, bottom: 20, left: 3, right: 3 }], items: ['S', 'A', 'B', 'C'] }] });
    expect(labels(layout)).toEqual(['S', 'A', 'B', 'C']);
    expect(layout.scale?.source).toBe('validation');
  });

  test("a city's own words in a list, best first", () => {
    expect(scaleOfList(['順調', '概ね順調', 'やや遅れ', '遅れ'])?.levels.map((l) => l.label)).toEqual(['順調', '概ね順調', 'やや遅れ', '遅れ']);
  });
});

describe('from a legend in a cell', () => {
  // Above the table: a legend row below it is a footnote row, which row roles (h20rows) keep out of the programs.
  test('凡例 above the table: S＝…、A＝… (meanings kept)', () => {
    const above = [['凡例：S＝目標を上回る、A＝目標どおり、B＝やや下回る、C＝下回る'], []];
    const { layout, report } = check({ rows: programRows(['S', 'A', 'B', 'A', 'C', 'S']), above });
    expect(layout.scale?.source).toBe('legend');
    expect(layout.scale?.levels[0]).toEqual({ label: 'S', meaning: '目標を上回る' });
    expect(errors(report)).toEqual([]);
  });

  test('a legend table: 凡例 above rows of label | meaning', () => {
    const below = [['凡例'], ['◎', '十分達成'], ['○', '概ね達成'], ['△', '一部達成'], ['×', '未達成']];
    const { layout } = check({ rows: programRows(['○', '○', '△', '○']), below });
    expect(labels(layout)).toEqual(['◎', '○', '△', '×']);
    expect(layout.scale?.source).toBe('legend');
  });

  test('prose with a letter and a colon is no legend', () => {
    expect(parseLegend('B：概ね達成したが課題が残る', 'X')).toBeNull();
    expect(parseLegend('A：達成 C：未達成 について', 'X')).toBeNull(); // a gap (no B): prose
  });

  test('a legend on another sheet (記入要領) applies when the values fit it', () => {
    const { sheet } = { sheet: bookOf({ rows: programRows(['S', 'A', 'B', 'S', 'S', 'C']) }).sheets[0] };
    const guide = { name: '記入要領', visibility: 'visible' as const, rows: [['評価基準'], ['S：目標を大きく上回る A：目標を達成 B：概ね達成 C：未達成']], merges: [] };
    const { layouts } = checkWorkbook({ sheets: [guide, sheet] });
    const layout = layouts.find((l) => l.kind === 'evaluation')!;
    expect(layout.scale?.source).toBe('legend');
    expect(layout.scale?.evidence).toContain('記入要領');
  });
});

describe('from the header', () => {
  test.each([
    ['評価（S～C）', ['S', 'A', 'B', 'C']],
    ['評価(A〜E)', ['A', 'B', 'C', 'D', 'E']],
    ['評価（◎○△×）', ['◎', '○', '△', '×']],
    ['評価(A・B・C)', ['A', 'B', 'C']],
  ])('%s', (header, levels) => {
    expect(scaleOfHeader(header)?.levels.map((l) => l.label)).toEqual(levels);
  });

  test('a header scale is the grade column and the region reads on it', () => {
    const { layout, report } = check({ header: ['番号', '事業名', '担当課', '評価（S～C）'], rows: programRows(['S', 'A', 'B', 'C']) });
    expect(layout.columns.find((c) => c.col === 3)?.role).toBe('grade');
    expect(labels(layout)).toEqual(['S', 'A', 'B', 'C']);
    expect(layout.scale?.source).toBe('header');
    expect(errors(report)).toEqual([]);
  });

  test('the header named as the scale’s evidence is shown as typed (full-width brackets and wave dash kept)', () => {
    const { layout } = check({ header: ['番号', '事業名', '担当課', '評価（S～C）'], rows: programRows(['S', 'A', 'B', 'C']) });
    expect(layout.scale?.evidence).toBe('評価（S～C）');
  });

  test('a template header that names A–D over a column graded in words reads the words: the values outweigh the wording', () => {
    const { layout, report } = check({ header: ['番号', '事業名', '担当課', '評価（A～D）'], rows: programRows(['達成', '概ね達成', '一部未達成', '概ね達成', '未達成', '概ね達成']) });
    expect(layout.columns.find((c) => c.col === 3)?.role).toBe('grade');
    expect(labels(layout)).toEqual(['達成', '概ね達成', '一部未達成', '未達成']);
    expect(layout.scale?.source).toBe('values');
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.sheets[0].gradeCounts).toMatchObject({ 達成: 1, 概ね達成: 3, 一部未達成: 1, 未達成: 1 });
  });

  test('評価（A～D） over a column of one mark only (every row ○) reads on the marks its neighbour column shows', () => {
    const header = ['番号', '事業名', '担当課', '前年度評価', '評価（A～D）'];
    const rows = programRows(['○', '○', '○', '○']).map((r, i) => [...r.slice(0, 3), ['×', '○', '△', '○'][i], r[3]]);
    const { layout, report } = check({ header, rows });
    expect(layout.columns.filter((c) => c.role === 'grade' || c.role === 'previousGrade').map((c) => `${c.col}:${c.role}`)).toEqual(['3:previousGrade', '4:grade']);
    expect(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual(['grade-jump']);
    expect(report.sheets[0].gradeCounts).toMatchObject({ '○': 4 });
  });

  test('a header scale the values fit stays: 評価（A～D） over A–C with a few S reads A–D and reports the S', () => {
    expect(inferScale({ headers: ['評価（A～D）'], tokens: tokens('A', 'B', 'S', 'C', 'S', 'S', 'B', 'A', 'B') }).source).toBe('header');
  });
});

describe('precedence', () => {
  test('a legend covering the values beats the values; its meanings are kept', () => {
    const legend = parseLegend('A：達成 B：概ね達成 C：一部未達成 D：未達成', 'X')!;
    const s = inferScale({ tokens: tokens('A', 'B', 'C'), legends: [legend] });
    expect(s.source).toBe('legend');
    expect(s.levels[3]).toEqual({ label: 'D', meaning: '未達成' });
  });

  test("a legend that does not cover the values is someone else's (an achievement legend)", () => {
    const legend = parseLegend('◎：十分 ○：概ね △：一部 ×：未実施', 'X')!;
    expect(inferScale({ tokens: tokens('S', 'A', 'S', 'S', 'B', 'C'), legends: [legend] }).levels.map((l) => l.label)).toEqual(['S', 'A', 'B', 'C']);
  });

  test('a person’s scale (correction) beats everything', () => {
    const { report, layouts } = checkWorkbook(bookOf({ rows: programRows(['1', '2', '3', '2']) }), {
      settings: { ...defaultSettings(), corrections: [{ sheet: '評価', scale: { levels: ['1', '2', '3'] } }] },
    });
    const layout = layouts.find((l) => l.kind === 'evaluation')!;
    expect(layout.scale).toMatchObject({ source: 'correction', levels: [{ label: '1' }, { label: '2' }, { label: '3' }] });
    expect(layout.uncertain).toBe(false);
    expect(report.sheets[0].gradeCounts).toEqual({ '1': 1, '2': 2, '3': 1 });
  });
});
