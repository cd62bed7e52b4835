/**
 * Writes the demo sample workbooks into samples/. All but the plan master carry the sample
 * defects listed in SAMPLE_DEFECTS. Output is deterministic (fixed dates, fixed zip stamps),
 * so re-running leaves git clean.
 *
 *   npm run samples
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { sampleLastYear, workbookBuffer } from '../tests/compare/pairs';
import { buildSeedWorkbook, SAMPLE_DEFECTS, SeedLayout, toBuffer } from '../tests/fixtures/workbooks';

const SAMPLES: readonly { file: string; layout: SeedLayout; defects: boolean }[] = [
  { file: 'komae-policy-grades.xlsx', layout: 'komae-policy', defects: true },
  { file: 'koganei-departments.xlsx', layout: 'koganei-departments', defects: true },
  { file: 'kiyose-multi-year.xlsx', layout: 'kiyose-multi-year', defects: true },
  { file: 'kiyose-programs.xlsx', layout: 'kiyose-programs', defects: true },
  { file: 'kiyose-plan-master.xlsx', layout: 'kiyose-plan', defects: false },
];

const LAST_YEAR_SAMPLE = 'koganei-departments-2019.xlsx';

async function main(): Promise<void> {
  const dir = resolve(__dirname, '..', 'samples');
  mkdirSync(dir, { recursive: true });
  for (const s of SAMPLES) {
    const { workbook } = buildSeedWorkbook(s.layout, { withSampleDefects: s.defects });
    writeFileSync(join(dir, s.file), await toBuffer(workbook));
    const count = s.defects ? SAMPLE_DEFECTS[s.layout].length : 0;
    console.log(`samples/${s.file}  (${s.layout}, ${count} sample defects)`);
  }
  // Last year's report for `hyoka compare samples/koganei-departments-2019.xlsx samples/koganei-departments.xlsx`.
  writeFileSync(join(dir, LAST_YEAR_SAMPLE), await workbookBuffer(sampleLastYear()));
  console.log(`samples/${LAST_YEAR_SAMPLE}  (FY2019 of koganei-departments, for hyoka compare)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
