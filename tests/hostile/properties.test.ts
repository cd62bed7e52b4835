/**
 * Property-based: random grids shaped like evaluation tables (titles with years, header
 * words, identifiers, grades in every notation, reposts, merges, blanks, full-width noise,
 * errors, percentages, dates) never make detection, the plan or the rules throw; every
 * finding points into the workbook; and the policy counts follow the engine's definitions.
 */
import fc from 'fast-check';

import { checkWorkbook, columnCount, defaultSettings, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from '../../src/core';
import { parseA1 } from '../../src/core/a1';
import { describe as describeFinding } from '../../src/render/describe';
import type { PlanNode } from '../../src/core/plan/types';


const TITLE = fc.constantFrom('令和5年度 地域福祉計画 評価調書', '令和２年度 進捗状況及び評価表', 'R4 事業評価', '2023年度 実績報告', '（令和元年度実績報告）', '評価', '');
const HEADER = fc.constantFrom(
  '番号', '基本方針', '施策の柱', '方向性', '取組', '事業名', '施策', '担当課', '評価', 'Check(評価)', '前年度事業評価', '事業評価',
  '次年度方針', '達成度', '実施状況', '担当課の評価', '令和3年度', '令和4年度', '令和5年度', '再掲', '備考', '指標', '', '　',
);
const ID = fc.constantFrom('【基本方針1】', '【施策の柱2】', '【方向性3】', '【取組9】', '基本施策1', '1-1.', '(1)', '①', 'a', 'ア', '1－(2)－①', '1', '2', '', '（再）');
const NAME = fc.constantFrom('福祉の理解の推進', '【新規】見守り体制の整備', '【拡充】人材の育成', '相談支援（再掲）', 'ＡＢＣ　全角ノイズ', '地域づくり', '=SUM(A1)', '');
const GRADE: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom<CellValue>('A', 'B', 'C', 'D', 'Ａ', 'ｂ', 'a', 'A(再掲)', 'Ａ（再掲）', '—', '－', '-', '', 'E', '継続', '新規', 'A→B', 'ＡＢ', ' ', null),
  fc.constantFrom<CellValue>({ error: '#N/A' }, { error: '#REF!' }, { percent: 1 }, { percent: 0.3 }, '100%', '実施', '未実施', '2023-04-01', true, 5, 0),
);
const ANY: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<CellValue>(null) },
  { weight: 2, arbitrary: GRADE },
  { weight: 2, arbitrary: NAME },
  { weight: 1, arbitrary: ID },
  { weight: 1, arbitrary: HEADER },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 3000 }) },
);

/** A table-like sheet: optional title, a header row, then rows of id / name / department / grade-ish cells. */
const SHEET: fc.Arbitrary<SheetSnapshot> = fc
  .record({
    name: fc.constantFrom('評価調書', 'シート1', '1 地域福祉計画', '評価総括表', "O'Brien", '😀'),
    visibility: fc.constantFrom<'visible' | 'hidden'>('visible', 'visible', 'visible', 'hidden'),
    title: TITLE,
    titleRows: fc.integer({ min: 0, max: 3 }),
    width: fc.integer({ min: 1, max: 9 }),
    header: fc.oneof(
      fc.constant(['番号', '取組', '担当課', '評価', '前年度評価', '次年度方針', '達成度', '備考', '再掲']),
      fc.array(HEADER, { minLength: 9, maxLength: 9 }),
    ),
    body: fc.array(
      fc.record({ id: ID, name: NAME, dept: fc.constantFrom('地域福祉課', '', '社会福祉協議会'), grades: fc.array(GRADE, { minLength: 3, maxLength: 3 }), noise: fc.array(ANY, { minLength: 3, maxLength: 3 }) }),
      { maxLength: 25 },
    ),
    gaps: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
    merges: fc.array(fc.record({ top: fc.integer({ min: 0, max: 35 }), left: fc.integer({ min: 0, max: 9 }), h: fc.integer({ min: 0, max: 4 }), w: fc.integer({ min: 0, max: 3 }) }), { maxLength: 8 }),
  })
  .map(({ name, visibility, title, titleRows, width, header, body, gaps, merges }) => {
    const rows: (CellValue[] | undefined)[] = [];
    let r = 0;
    if (titleRows > 0) {
      rows[0] = [title];
      r = titleRows;
    }
    rows[r++] = header.slice(0, width);
    for (const [i, b] of body.entries()) {
      if (gaps.includes(i)) r++; // a blank row
      const cells: CellValue[] = [b.id, b.name, b.dept, ...b.grades, ...b.noise];
      rows[r++] = cells.slice(0, width);
    }
    return {
      name,
      visibility,
      rows,
      merges: merges.map((m) => ({ top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w })),
    };
  });

const WORKBOOK: fc.Arbitrary<WorkbookSnapshot> = fc
  .array(SHEET, { minLength: 1, maxLength: 3 })
  .map((sheets) => {
    const seen = new Set<string>();
    return { sheets: sheets.filter((s) => !seen.has(s.name) && Boolean(seen.add(s.name))) };
  });

const SETTINGS = fc.constantFrom(undefined, '2023', 'R2', '令和元年度');

/** How often the generated grids reach the interesting paths (checked at the end). */
const reached = { runs: 0, planned: 0, policies: 0, graded: 0, findings: 0 };

describe('random grids', () => {
  test('never throw; findings point at existing sheets and cells; counts follow the definitions', () => {
    fc.assert(
      fc.property(WORKBOOK, SETTINGS, fc.constantFrom<'ja' | 'en'>('ja', 'en'), (wb, year, lang) => {
        const { report, plans } = checkWorkbook(wb, { settings: year ? { ...defaultSettings(), reportYear: year } : undefined });
        const byName = new Map(wb.sheets.map((s) => [s.name, s]));
        for (const f of report.findings) {
          const message = describeFinding(f, lang);
          expect(typeof message).toBe('string');
          expect(message.length).toBeGreaterThan(0);
          if (f.sheet === null) {
            expect(f.cell).toBeNull();
            continue;
          }
          const sheet = byName.get(f.sheet);
          expect(sheet).toBeDefined();
          // A hidden sheet is read only when it alone holds the evaluation table, and the report says so.
          if (sheet!.visibility !== 'visible') expect(report.sheets.find((s) => s.name === f.sheet)?.hidden).toBe(true);
          if (f.cell !== null) {
            const at = parseA1(f.cell)!;
            expect(at).not.toBeNull();
            expect(f.row).toBe(at.row + 1);
            // Within the sheet's used range (a missing grade points at an empty cell inside it).
            expect(at.row).toBeLessThan(sheet!.rows.length);
            expect(at.col).toBeLessThan(Math.max(columnCount(sheet!), ...sheet!.merges.map((m) => m.right + 1)));
          }
        }
        // Policy summaries: only for sheets that were planned, with counts (one per level of the sheet's scale) that add up.
        const planned = new Set(plans.map((p) => p.sheet));
        for (const p of report.policies) {
          expect(planned).toContain(p.sheet);
          for (const n of Object.values(p.counts)) expect(n).toBeGreaterThanOrEqual(0);
        }
        // Σ over a sheet's top-level policies of A+B+C+D = its grades counted where they sit: a
        // node with graded, non-再掲 entries of its own counts those (nothing below it again), a
        // node without counts its children (再掲 nodes own nothing, so 再掲 is counted once).
        reached.runs++;
        if (plans.length > 0) reached.planned++;
        if (report.policies.length > 0) reached.policies++;
        if (report.policies.some((p) => Object.values(p.counts).some((n) => n > 0))) reached.graded++;
        if (report.findings.some((f) => f.cell !== null)) reached.findings++;
        for (const plan of plans) {
          const top = plan.roots.filter((n) => n.children.length > 0 && !n.repostOf);
          const own = (n: PlanNode): number => (n.repostOf ? 0 : n.entries.filter((e) => !e.repost && e.declaredGrade?.parsed.kind === 'grade').length);
          const counted = (n: PlanNode): number => own(n) || n.children.reduce((s, c) => s + counted(c), 0);
          const expected = top.reduce((s, n) => s + counted(n), 0);
          const summed = report.policies
            .filter((p) => p.sheet === plan.sheet && top.some((n) => n.row + 1 === p.row && n.depth === p.level))
            .reduce((s, p) => s + Object.values(p.counts).reduce((t, n) => t + n, 0), 0); // whatever scale the sheet was read on
          expect(summed).toBe(expected);
        }
      }),
      { numRuns: 300, seed: 20240401 },
    );
  });

  test('the generator is not vacuous: many grids become plans with graded policies and located findings', () => {
    expect(reached.runs).toBe(300);
    expect(reached.planned).toBeGreaterThan(60);
    expect(reached.policies).toBeGreaterThan(20);
    expect(reached.graded).toBeGreaterThan(25);
    expect(reached.findings).toBeGreaterThan(60);
  });

  test('unseeded runs too (a different sample each time)', () => {
    fc.assert(
      fc.property(WORKBOOK, (wb) => {
        expect(() => checkWorkbook(wb)).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });
});
