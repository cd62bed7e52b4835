/**
 * Variation 11, other writers: files written by libraries other than Excel store text as
 * inline strings and formulas without cached results. Such a file must read like Excel's,
 * except that a count written as a formula with no result cannot be verified (never a zero).
 */
import JSZip from 'jszip';

import { build, checkBytes, compare, planSet, table, type Built } from './harness';
import type { PlanId } from './plan-model';
import type { LayoutSpec } from './render';
import type { Variant } from './variants';

jest.setTimeout(60_000);

/** Rewrites an .xlsx as a minimal writer would: inline strings, no shared-strings part, formulas without values. */
async function asOtherWriter(bytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const shared = await zip.file('xl/sharedStrings.xml')?.async('string');
  const strings = shared ? [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => m[1]) : [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    let xml = await zip.file(name)!.async('string');
    xml = xml.replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is>${strings[Number(i)]}</is></c>`);
    xml = xml.replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1');
    zip.file(name, xml);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const CASES: { plan: PlanId; defective: boolean; spec: LayoutSpec }[] = [
  { plan: 'kiyose', defective: true, spec: { hiddenHelper: true, headerRows: 2 } },
  { plan: 'koganei', defective: false, spec: { mergeNames: true } },
  { plan: 'komae', defective: true, spec: { summaryCounts: 'countif' } },
  { plan: 'suicide', defective: true, spec: {} },
];

test('inline strings and formulas without cached results read like Excel’s file', async () => {
  const { plans, defective } = planSet();
  const failing: { id: string; problems: string[] }[] = [];
  for (const c of CASES) {
    const plan = c.defective ? defective[c.plan].plan : plans[c.plan];
    const original = await build(plan, c.spec);
    const { report, snapshot } = await checkBytes(await asOtherWriter(original.bytes!), original.rendered.fileName);
    const other: Built = { ...original, report, snapshot };
    const variant: Variant = { id: `${c.plan}${c.defective ? '+defects' : ''} as another writer ${JSON.stringify(c.spec)}`, plan: c.plan, defective: c.defective, kinds: ['11 libreoffice'], spec: c.spec };
    const problems = compare(variant, plan, original, other, []);
    if (problems.length) failing.push({ id: variant.id, problems });
  }
  if (failing.length) throw new Error(`11 other writers: ${table(failing)}`);
});
