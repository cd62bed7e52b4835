/**
 * The policy table's counts come from one walk up the tree (subtreeTallies). They must equal
 * the recursive definition below — what a node counts, its programs, its own grade — on every
 * node of every graded seed plan, clean and with the sample defects (再掲, graded policies,
 * ungraded parents).
 */
import { checkWorkbook } from '../../src/core';
import type { PlanNode } from '../../src/core/plan/types';
import { countGrades, unitsOfNode, type GradedUnit } from '../../src/core/plan/units';
import { sheetGradeCounts, subtreeTallies } from '../../src/core/summary/policies';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer, type SeedLayout } from '../fixtures/workbooks';

/** A node with its own grade counts it and nothing below; one without counts its children's. */
const countedUnitsUnder = (node: PlanNode): GradedUnit[] => {
  const own = unitsOfNode(node);
  return own.length > 0 ? own : node.children.flatMap(countedUnitsUnder);
};

/** Leaves below a node, 再掲 repeats not counted. */
const programsUnder = (node: PlanNode): number =>
  node.children.reduce((n, c) => n + (c.children.length === 0 ? (c.repostOf ? 0 : 1) : programsUnder(c)), 0);

/** The seed layouts graded A–D; kiyose-multi-year records progress, but has 再掲 programs (repeated nodes). */
const GRADED: SeedLayout[] = ['kiyose-programs', 'komae-policy', 'koganei-departments'];
const WITH_REPOST_NODES: SeedLayout[] = ['kiyose-multi-year'];

describe.each([...GRADED, ...WITH_REPOST_NODES])('%s', (layout) => {
  test.each([false, true])('with sample defects: %s', async (withSampleDefects) => {
    const { workbook } = buildSeedWorkbook(layout, { withSampleDefects });
    const { plans } = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
    let nodes = 0;
    let graded = 0;
    let repostLeaves = 0;
    for (const plan of plans) {
      const tallies = subtreeTallies(plan);
      expect(sheetGradeCounts(plan, tallies)).toEqual(countGrades(plan.roots.flatMap(countedUnitsUnder)));
      for (const node of plan.nodes) {
        const t = tallies.get(node);
        // 再掲 programs: their parents' tallies below must not count them.
        if (node.repostOf && node.children.length === 0) repostLeaves++;
        // Only policies (nodes with children) and roots keep a tally; a program's is its parent's business.
        if (node.children.length === 0 && node.parent !== null) {
          expect(t).toBeUndefined();
          continue;
        }
        expect({ node: node.key, ...t }).toEqual({
          node: node.key,
          counts: countGrades(countedUnitsUnder(node)),
          programs: programsUnder(node),
          declaredGrade: unitsOfNode(node)[0]?.grade ?? null,
        });
        nodes++;
        if (t && t.programs > 0 && Object.values(t.counts).some((n) => n > 0)) graded++;
      }
    }
    // Not vacuous: the plans have nodes, grades below them, and (kiyose-multi-year) 再掲 programs not to count.
    expect(nodes).toBeGreaterThan(5);
    if (GRADED.includes(layout)) expect(graded).toBeGreaterThan(0);
    else expect(repostLeaves).toBeGreaterThan(0);
  });
});

describe('graded policies over graded programs', () => {
  // A hand-made tree: the plans above never grade both a policy and the programs under it.
  const node = (grade: 'A' | 'B' | 'C' | 'D' | null, children: PlanNode[] = [], repost = false): PlanNode => {
    const n = {
      key: `n${Math.random()}`,
      repostOf: null,
      children,
      parent: null,
      entries: grade ? [{ repost, declaredGrade: { row: 0, col: 0, parsed: { kind: 'grade', grade, canonical: true, repost, text: grade } } }] : [],
    } as unknown as PlanNode;
    for (const c of children) (c as { parent: PlanNode | null }).parent = n;
    return n;
  };

  test('a graded policy counts its own grade, not its programs; an ungraded parent counts what its children count', () => {
    const graded = node('B', [node('A'), node('A'), node('C')]);
    const ungraded = node(null, [node('D'), node('A', [], true)]);
    const root = node(null, [graded, ungraded]);
    const plan = { roots: [root], nodes: [root, graded, ...graded.children, ungraded, ...ungraded.children] } as unknown as Parameters<typeof subtreeTallies>[0];
    const tallies = subtreeTallies(plan);
    expect(tallies.get(graded)).toEqual({ counts: { A: 0, B: 1, C: 0, D: 0 }, programs: 3, declaredGrade: 'B' });
    // The 再掲 row's grade is not a unit of its own.
    expect(tallies.get(ungraded)).toEqual({ counts: { A: 0, B: 0, C: 0, D: 1 }, programs: 2, declaredGrade: null });
    expect(tallies.get(root)?.counts).toEqual({ A: 0, B: 1, C: 0, D: 1 });
    for (const n of plan.nodes) if (n.children.length > 0) expect(tallies.get(n)?.counts).toEqual(countGrades(countedUnitsUnder(n)));
  });
});
