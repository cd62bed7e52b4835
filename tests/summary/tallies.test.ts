/**
 * The policy table's counts come from one walk up the tree (subtreeTallies); they must equal
 * the definitions they replace — countGrades(countedUnitsUnder(node)) and programsUnder(node)
 * and unitsOfNode(node)[0] — on every node of every seed plan, clean and with the sample defects (再掲, graded policies,
 * ungraded parents).
 */
import { checkWorkbook } from '../../src/core';
import { countGrades, programsUnder, unitsOfNode } from '../../src/core/plan/units';
import { countedUnitsUnder } from '../../src/core/summary/counts';
import { sheetGradeCounts, subtreeTallies } from '../../src/core/summary/policies';
import { countedSheetUnits } from '../../src/core/summary/counts';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer, type SeedLayout } from '../fixtures/workbooks';

/** The seed layouts graded A–D (kiyose-plan and kiyose-multi-year record progress, not grades). */
const GRADED: SeedLayout[] = ['kiyose-programs', 'komae-policy', 'koganei-departments'];

describe.each(GRADED)('%s', (layout) => {
  test.each([false, true])('with sample defects: %s', async (withSampleDefects) => {
    const { workbook } = buildSeedWorkbook(layout, { withSampleDefects });
    const { plans } = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
    let nodes = 0;
    let nonzero = 0;
    for (const plan of plans) {
      const tallies = subtreeTallies(plan);
      expect(sheetGradeCounts(plan, tallies)).toEqual(countGrades(countedSheetUnits(plan)));
      for (const node of plan.nodes) {
        const t = tallies.get(node);
        expect({ node: node.key, ...t }).toEqual({
          node: node.key,
          counts: countGrades(countedUnitsUnder(node)),
          programs: programsUnder(node),
          declaredGrade: unitsOfNode(node)[0]?.grade ?? null,
        });
        nodes++;
        if (t && t.programs > 0 && Object.values(t.counts).some((n) => n > 0)) nonzero++;
      }
    }
    // Not vacuous: the plans have nodes with programs and grades below them.
    expect(nodes).toBeGreaterThan(5);
    expect(nonzero).toBeGreaterThan(0);
  });
});
