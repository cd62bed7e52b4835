/**
 * One benchmark child: times the CLI's three phases in-process on one file, a warm-up and then
 * `runs` runs, and prints one JSON line. Run in its own process so that one file's heap does
 * not disturb the next measurement.
 *
 *   tsx bench/measure.ts <file.xlsx> <runs>
 */
import { promises as fs } from 'node:fs';
import { performance } from 'node:perf_hooks';

import path from 'node:path';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * The engine's modules as tsc compiles them (`npm run bench` puts them in build/modules first),
 * not tsx's on-the-fly transpile, whose keep-names helper adds a call per closure in hot loops.
 * The CLI runs (run.ts) use the bundle that ships, build/cli.
 */
const BUILD = path.join(__dirname, '..', 'build', 'modules');
type Core = typeof import('../src/core');
type Read = typeof import('../src/xlsx/read');
type Write = typeof import('../src/xlsx/write');
type Render = typeof import('../src/render');
let shipped: { core: Core; read: Read; write: Write; render: Render } | null = null;
async function load(): Promise<{ core: Core; read: Read; write: Write; render: Render }> {
  shipped ??= {
    core: (await import(path.join(BUILD, 'core', 'index.js'))) as Core,
    read: (await import(path.join(BUILD, 'xlsx', 'read.js'))) as Read,
    write: (await import(path.join(BUILD, 'xlsx', 'write.js'))) as Write,
    render: (await import(path.join(BUILD, 'render', 'index.js'))) as Render,
  };
  return shipped;
}

export interface MeasureResult {
  file: string;
  /** The floor: inflating the sheet and shared-string parts (fflate) and tokenising them (saxes), nothing else. */
  floorMs: number[];
  readMs: number[];
  checkMs: number[];
  writeMs: number[];
  findings: number;
  policies: number;
  summaryBytes: number;
  /** KB, this process (all runs) */
  maxRssKb: number;
}

async function once(bytes: Uint8Array, file: string): Promise<{ read: number; check: number; write: number; findings: number; policies: number; summaryBytes: number }> {
  const { core, read, write, render } = await load();
  const { checkWorkbook } = core;
  const { buildSummaryDocument } = render;
  const t0 = performance.now();
  const snapshot = await read.readWorkbook(bytes, file);
  const t1 = performance.now();
  const { report } = checkWorkbook(snapshot, { fileName: file });
  const t2 = performance.now();
  const out = await write.writeSummaryWorkbook(buildSummaryDocument(report, 'ja', { sourceFile: file }));
  const t3 = performance.now();
  return { read: t1 - t0, check: t2 - t1, write: t3 - t2, findings: report.findings.length, policies: report.policies.length, summaryBytes: out.byteLength };
}

/**
 * What any reader of the file must at least do: inflate the sheet and shared-string parts with
 * fflate and run saxes over them with handlers that do nothing (no values, no snapshot).
 */
function floor(bytes: Uint8Array): number {
  const t0 = performance.now();
  const parts = unzipSync(bytes, { filter: (f) => /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(f.name) });
  let tags = 0;
  for (const data of Object.values(parts)) {
    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on('opentag', () => void tags++);
    parser.on('closetag', () => undefined);
    parser.on('text', () => undefined);
    parser.write(new TextDecoder().decode(data));
    parser.close();
  }
  if (tags === 0) throw new Error('floor: no XML read');
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--floor-only') {
    // One floor measurement in a fresh process (warm-up, then the timed run), for run.ts to
    // interleave with the CLI runs so both see the same machine load.
    const data = new Uint8Array(await fs.readFile(args[1]));
    floor(data);
    process.stdout.write(`${JSON.stringify({ floorMs: floor(data) })}\n`);
    return;
  }
  const [file, runsArg] = args;
  const runs = Number(runsArg ?? '5');
  const bytes = new Uint8Array(await fs.readFile(file));
  const result: MeasureResult = { file, floorMs: [], readMs: [], checkMs: [], writeMs: [], findings: 0, policies: 0, summaryBytes: 0, maxRssKb: 0 };
  floor(bytes);
  await once(bytes, file); // warm-up: JIT, module init
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    result.floorMs.push(floor(bytes));
    (globalThis as { gc?: () => void }).gc?.();
    const r = await once(bytes, file);
    result.readMs.push(r.read);
    result.checkMs.push(r.check);
    result.writeMs.push(r.write);
    result.findings = r.findings;
    result.policies = r.policies;
    result.summaryBytes = r.summaryBytes;
  }
  result.maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
