/**
 * Variation 11: a few generated workbooks re-saved by LibreOffice (as departments do who work
 * in LibreOffice Calc) must read like the originals. One soffice call converts all of them,
 * in a private temp dir with its own profile. Locally a missing soffice skips with a message;
 * under CI=true it fails.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { build, checkBytes, compare, planSet, table, toBytes, type Built } from './harness';
import { renderPlan, type LayoutSpec } from './render';
import type { PlanId } from './plan-model';
import type { Variant } from './variants';

jest.setTimeout(120_000);

const SOFFICE = process.env.SOFFICE ?? 'soffice';

function hasSoffice(): Promise<boolean> {
  return new Promise((resolve) => execFile(SOFFICE, ['--version'], { timeout: 20_000 }, (err) => resolve(!err)));
}

const CASES: { plan: PlanId; defective: boolean; spec: LayoutSpec }[] = [
  { plan: 'koganei', defective: true, spec: { headerRows: 2, notation: 'colon', validation: true, mergeNames: true, hiddenHelper: true } },
  { plan: 'komae', defective: true, spec: { summaryPlace: 'below', summaryCounts: 'countif', lineBreaks: true } },
  { plan: 'suicide', defective: true, spec: { headerRows: 2, spacers: true, proseCapitals: true } },
];

test('workbooks re-saved by LibreOffice read the same as the originals', async () => {
  if (!(await hasSoffice())) {
    if (process.env.CI === 'true') throw new Error(`soffice not found (${SOFFICE}): CI must install LibreOffice (.ci/run installs libreoffice-calc-nogui)`);
    console.warn(`skipped: soffice not found (${SOFFICE}); install LibreOffice to run the re-save variants`);
    return;
  }
  const { plans, defective } = planSet();
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-lo-'));
  try {
    const inputs: string[] = [];
    const originals: Built[] = [];
    for (const [i, c] of CASES.entries()) {
      const plan = c.defective ? defective[c.plan].plan : plans[c.plan];
      const rendered = renderPlan(plan, c.spec);
      const path = join(dir, `in${i}.xlsx`);
      writeFileSync(path, await toBytes(rendered));
      inputs.push(path);
      originals.push(await build(plan, c.spec));
    }
    const out = join(dir, 'out');
    await new Promise<void>((resolve, reject) => {
      execFile(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, ...inputs],
        { timeout: 90_000 }, (err, _stdout, stderr) => (err ? reject(new Error(`soffice failed: ${err.message} ${stderr}`)) : resolve()));
    });
    const failing: { id: string; problems: string[] }[] = [];
    for (const [i, c] of CASES.entries()) {
      const plan = c.defective ? defective[c.plan].plan : plans[c.plan];
      const original = originals[i];
      const { report, snapshot } = await checkBytes(readFileSync(join(out, `in${i}.xlsx`)), original.rendered.fileName);
      const resaved: Built = { ...original, report, snapshot };
      const variant: Variant = { id: `${c.plan} re-saved by LibreOffice ${JSON.stringify(c.spec)}`, plan: c.plan, defective: c.defective, kinds: ['11 libreoffice'], spec: c.spec };
      // The original generated workbook is the reference: LibreOffice must change nothing that is
      // read. (Whether the original reads like the canonical layout is the metamorphic suite's job.)
      const problems = compare(variant, plan, original, resaved, []);
      if (problems.length) failing.push({ id: variant.id, problems });
    }
    if (failing.length) throw new Error(`11 libreoffice: ${table(failing)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
