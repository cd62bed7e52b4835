/**
 * `npm run bench` — generates (and caches in bench/out/) synthetic workbooks in the seed
 * layouts at 1k, 10k and 100k program rows plus a folder of 200 department workbooks, times
 * the CLI's phases and the whole CLI, and prints one JSON document (also saved to
 * bench/out/results.json).
 *
 *   npm run bench                 1k, 10k, 100k; 5 runs after a warm-up
 *   npm run bench -- --quick      1k and 10k only, 3 runs (development)
 *   npm run bench -- --full       every layout at 100k, not only kiyose-programs (~+20 min on 2 cores)
 *   npm run bench -- --runs 7     more runs
 *   npm run bench -- --departments-only   the department folder only
 *   npm run bench -- --sizes 60000,100000  only these row counts (kiyose-programs)
 *
 * Every file is also measured against a floor taken in the same run: inflating its sheet and
 * shared-string XML with fflate and tokenising it with saxes (bench/measure.ts). The reader's
 * time and the whole `hyoka check --json` are reported as ratios to that floor.
 *
 * Not part of `npm test`. Timings are medians; on a shared machine read the ratios.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import JSZip from 'jszip';

import { BENCH_LAYOUTS, benchWorkbook, departmentFolder, OUT_DIR, type BenchLayout } from './generate';
import type { MeasureResult } from './measure';
import { benchPane } from './pane';

const ROOT = path.join(__dirname, '..');
const HYOKA = path.join(ROOT, 'bin', 'hyoka.js');
const GNU_TIME = ['/usr/bin/time', '/usr/local/bin/time'].find((p) => existsSync(p)) ?? null;

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const FULL = argv.includes('--full');
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) > 0 && argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : QUICK ? 3 : 5;
const SIZES_ARG = argv.includes('--sizes') ? (argv[argv.indexOf('--sizes') + 1] ?? '').split(',').map(Number).filter((n) => n > 0) : null;
const SIZES = SIZES_ARG ?? (QUICK ? [1_000, 10_000] : [1_000, 10_000, 60_000, 100_000]);
/** At 100k only kiyose-programs runs by default (~6 min); --full adds the other three (~20 min more). */
const LAYOUTS_100K: readonly BenchLayout[] = FULL ? BENCH_LAYOUTS : ['kiyose-programs'];
const layoutsAt = (rows: number): readonly BenchLayout[] => (rows >= 50_000 || SIZES_ARG ? LAYOUTS_100K : BENCH_LAYOUTS);
const DEPARTMENTS = QUICK ? [5, 20] : [20, 200];
const DEPARTMENTS_ONLY = argv.includes('--departments-only');

const log = (text: string): void => void process.stderr.write(`${text}\n`);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface CliRun {
  ms: number;
  maxRssKb: number;
  code: number | null;
}

/** One `node bin/hyoka.js …` run: wall time, peak RSS (GNU time, else from inside the child). */
async function runCli(args: string[]): Promise<CliRun> {
  const rssFile = path.join(OUT_DIR, `rss-${process.pid}.txt`);
  await fs.rm(rssFile, { force: true });
  const [cmd, cmdArgs, env] = GNU_TIME
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, HYOKA, ...args], process.env]
    : [process.execPath, [path.join(__dirname, 'rss-child.cjs'), ...args], { ...process.env, HYOKA_BENCH_RSS_FILE: rssFile }];
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => (c === 2 ? reject(new Error(`hyoka ${args.join(' ')} exited 2: ${err.slice(0, 500)}`)) : resolve(c)));
  });
  const ms = performance.now() - t0;
  const text = await fs.readFile(rssFile, 'utf8');
  const maxRssKb = Number(text.trim().split(/\s+/).pop());
  return { ms, maxRssKb, code };
}

/** Warm-up, then `runs` runs; the output path is removed before each run. */
async function cliSeries(args: string[], out: string, runs: number): Promise<CliRun[]> {
  const all: CliRun[] = [];
  for (let i = 0; i <= runs; i++) {
    await fs.rm(out, { force: true });
    const r = await runCli(args);
    if (i > 0) all.push(r);
  }
  return all;
}

/** Child process (tsx) timing read / check / summary-write in-process. */
async function measureInProcess(file: string, runs: number): Promise<MeasureResult> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, path.join(__dirname, 'measure.ts'), file, String(runs)], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => (c === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as MeasureResult) : reject(new Error(`measure ${file}: ${err.slice(0, 1000)}`))));
  });
}

/** The fflate + saxes floor of `file`, in a fresh process (bench/measure.ts --floor-only). */
async function floorInChild(file: string): Promise<number> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, path.join(__dirname, 'measure.ts'), '--floor-only', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => (c === 0 ? resolve((JSON.parse(out.trim().split('\n').pop() ?? '') as { floorMs: number }).floorMs) : reject(new Error(`floor ${file} exited ${c}`))));
  });
}

/** `hyoka check file --json` runs, each right after a floor measurement, so a change in machine load hits both. */
async function cliJsonWithFloor(file: string, runs: number): Promise<{ cli: CliRun[]; floorMs: number[] }> {
  const cli: CliRun[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const f = await floorInChild(file);
    const r = await runCli(['check', file, '--json']);
    if (i > 0) {
      cli.push(r);
      floorMs.push(f);
    }
  }
  return { cli, floorMs };
}

/** Uncompressed bytes of the sheet XML and the shared strings: what ExcelJS has to parse. */
async function xmlBytes(file: string): Promise<number> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  let total = 0;
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(name)) continue;
    const size = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    total += typeof size === 'number' ? size : (await entry.async('uint8array')).byteLength;
  }
  return total;
}

interface SizeResult {
  layout: BenchLayout;
  rows: number;
  fileBytes: number;
  xmlBytes: number;
  findings: number;
  policies: number;
  floorMs: number;
  readMs: number;
  checkMs: number;
  /** `hyoka check <file> --json`, the whole process, and its peak RSS. */
  cliJsonMs: number;
  cliJsonPeakRssMb: number;
  /** Median read ÷ the floor measured in a fresh process (cliFloorMs): the in-process floor grows with the heap the runs leave (see README). */
  readOverFloor: number;
  /** Median read ÷ the in-process floor (floorMs), as earlier runs reported it. */
  readOverInProcessFloor: number;
  /** Median over runs of (check --json run ÷ the floor measured in a fresh process just before it). */
  cliJsonOverFloor: number;
  cliFloorMs: number;
  cliJsonRssOverXml: number;
  summaryWriteMs: number;
  cliMs: number;
  peakRssMb: number;
  checkOverRead: number;
  rssOverXml: number;
  runs: { floorMs: number[]; readMs: number[]; checkMs: number[]; summaryWriteMs: number[]; cliMs: number[]; peakRssMb: number[] };
}

async function benchFile(layout: BenchLayout, rows: number): Promise<SizeResult> {
  const t = performance.now();
  const file = await benchWorkbook(layout, rows);
  const gen = performance.now() - t;
  const [stat, xml] = [await fs.stat(file), await xmlBytes(file)];
  log(`${layout} ${rows}: ${(stat.size / 1e6).toFixed(1)} MB${gen > 1000 ? ` (generated in ${(gen / 1000).toFixed(0)} s)` : ''}; in-process…`);
  const m = await measureInProcess(file, RUNS);
  log(`  floor ${round(median(m.floorMs))} ms, read ${round(median(m.readMs))} ms, check ${round(median(m.checkMs))} ms, write ${round(median(m.summaryBytes ? m.writeMs : [0]))} ms; CLI…`);
  const out = path.join(OUT_DIR, `summary-${process.pid}.xlsx`);
  const cli = await cliSeries(['check', file, '--out', out], out, RUNS);
  const { cli: cliJson, floorMs: cliFloorMs } = await cliJsonWithFloor(file, RUNS);
  await fs.rm(out, { force: true });
  const rss = cli.map((r) => r.maxRssKb / 1024);
  const jsonRss = median(cliJson.map((r) => r.maxRssKb / 1024));
  const floorMs = median(m.floorMs);
  const res: SizeResult = {
    layout,
    rows,
    fileBytes: stat.size,
    xmlBytes: xml,
    findings: m.findings,
    policies: m.policies,
    floorMs: round(floorMs),
    readMs: round(median(m.readMs)),
    cliJsonMs: round(median(cliJson.map((r) => r.ms))),
    cliJsonPeakRssMb: round(jsonRss, 1),
    readOverFloor: round(median(m.readMs) / median(cliFloorMs), 2),
    readOverInProcessFloor: round(median(m.readMs) / floorMs, 2),
    cliJsonOverFloor: round(median(cliJson.map((r, i) => r.ms / cliFloorMs[i])), 2),
    cliFloorMs: round(median(cliFloorMs)),
    cliJsonRssOverXml: round((jsonRss * 1024 * 1024) / xml, 2),
    checkMs: round(median(m.checkMs)),
    summaryWriteMs: round(median(m.writeMs)),
    cliMs: round(median(cli.map((r) => r.ms))),
    peakRssMb: round(median(rss), 1),
    checkOverRead: round(median(m.checkMs) / median(m.readMs), 3),
    rssOverXml: round((median(rss) * 1024 * 1024) / xml, 2),
    runs: {
      floorMs: m.floorMs.map((x) => round(x)),
      readMs: m.readMs.map((x) => round(x)),
      checkMs: m.checkMs.map((x) => round(x)),
      summaryWriteMs: m.writeMs.map((x) => round(x)),
      cliMs: cli.map((r) => round(r.ms)),
      peakRssMb: rss.map((x) => round(x, 1)),
    },
  };
  log(`  CLI ${res.cliMs} ms, peak RSS ${res.peakRssMb} MB (${res.rssOverXml}× XML); check --json ${res.cliJsonMs} ms (${res.cliJsonOverFloor}× floor), ${res.cliJsonPeakRssMb} MB (${res.cliJsonRssOverXml}× XML); read ${res.readOverFloor}× floor`);
  return res;
}

/** `hyoka consolidate` when it exists; `hyoka check` over the same files as a comparison. */
async function benchDepartments(): Promise<unknown> {
  const [small, large] = DEPARTMENTS;
  log(`departments: ${large} workbooks…`);
  const dirLarge = await departmentFolder(large);
  const dirSmall = path.join(OUT_DIR, `departments-first-${small}`);
  await fs.rm(dirSmall, { recursive: true, force: true });
  await fs.mkdir(dirSmall, { recursive: true });
  const files = (await fs.readdir(dirLarge)).filter((f) => f.endsWith('.xlsx')).sort();
  for (const f of files.slice(0, small)) await fs.copyFile(path.join(dirLarge, f), path.join(dirSmall, f));
  const folders: [number, string][] = [[small, dirSmall], [large, dirLarge]];
  const runs = Math.max(3, RUNS);
  const out = path.join(OUT_DIR, `merged-${process.pid}.xlsx`);

  const usage = await new Promise<string>((resolve) => {
    const c = spawn(process.execPath, [HYOKA, '--help'], { cwd: ROOT });
    let s = '';
    c.stdout.on('data', (d: Buffer) => (s += d.toString()));
    c.on('close', () => resolve(s));
  });
  const hasConsolidate = /consolidate/.test(usage);
  const result: Record<string, unknown> = { files: { small, large }, runs };
  const series = async (args: (dir: string, n: number) => string[]): Promise<Record<string, unknown>> => {
    const by: Record<number, { ms: number; peakRssMb: number; runs: CliRun[] }> = {};
    for (const [n, dir] of folders) {
      const r = await cliSeries(args(dir, n), out, runs);
      by[n] = { ms: round(median(r.map((x) => x.ms))), peakRssMb: round(median(r.map((x) => x.maxRssKb / 1024)), 1), runs: r };
      log(`  ${args(dir, n)[0]} ${n} files: ${by[n].ms} ms, peak RSS ${by[n].peakRssMb} MB`);
    }
    return {
      [small]: { ms: by[small].ms, peakRssMb: by[small].peakRssMb },
      [large]: { ms: by[large].ms, peakRssMb: by[large].peakRssMb },
      rssRatio: round(by[large].peakRssMb / by[small].peakRssMb, 2),
      timeRatio: round(by[large].ms / by[small].ms, 2),
    };
  };
  if (hasConsolidate) {
    result.consolidate = await series((dir) => ['consolidate', dir, '--out', out]);
    // The target excludes the merged output: the same runs without writing it (JSON report only).
    result.consolidateWithoutOutput = await series((dir) => ['consolidate', dir, '--json']);
  } else {
    result.consolidate = 'not available: `hyoka consolidate` is not in this build';
    log('  hyoka consolidate: not in this build');
  }
  const list = async (dir: string): Promise<string[]> => (await fs.readdir(dir)).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, f));
  const lists = new Map<string, string[]>();
  for (const [, dir] of folders) lists.set(dir, await list(dir));
  result.checkAll = await series((dir) => ['check', ...(lists.get(dir) ?? []), '--out', out]);
  await fs.rm(out, { force: true });
  return result;
}

async function main(): Promise<void> {
  await fs.mkdir(OUT_DIR, { recursive: true });
  const started = performance.now();
  log(`hyoka bench: ${QUICK ? 'quick, ' : ''}${RUNS} runs after a warm-up; peak RSS via ${GNU_TIME ?? 'process.resourceUsage() in the child'}`);
  const sizes: SizeResult[] = [];
  for (const rows of DEPARTMENTS_ONLY ? [] : SIZES) {
    for (const layout of layoutsAt(rows)) sizes.push(await benchFile(layout, rows));
  }
  const growth: Record<string, unknown> = {};
  for (const layout of BENCH_LAYOUTS) {
    const at = (n: number): SizeResult | undefined => sizes.find((s) => s.layout === layout && s.rows === n);
    const [a, b] = QUICK ? [at(1_000), at(10_000)] : [at(10_000), at(100_000)];
    if (!a || !b) continue;
    growth[layout] = {
      of: `${b.rows}/${a.rows}`,
      read: round(b.readMs / a.readMs, 2),
      check: round(b.checkMs / a.checkMs, 2),
      summaryWrite: round(b.summaryWriteMs / a.summaryWriteMs, 2),
      cli: round(b.cliMs / a.cliMs, 2),
    };
  }
  const departments = SIZES_ARG ? 'skipped (--sizes)' : await benchDepartments();
  const doc = {
    machine: { loadAvg: os.loadavg().map((x) => round(x, 1)), cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', memGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` },
    mode: QUICK ? 'quick' : FULL ? 'full' : 'default',
    runs: RUNS,
    rssSource: GNU_TIME ? 'GNU time %M' : 'process.resourceUsage().maxRSS',
    sizes: sizes.map(({ runs: _runs, ...s }) => s),
    growth,
    departments,
    pane: DEPARTMENTS_ONLY ? null : await benchPane('kiyose-programs', QUICK ? 10_000 : 60_000, log),
    raw: sizes.map((s) => ({ layout: s.layout, rows: s.rows, ...s.runs })),
    elapsedS: round((performance.now() - started) / 1000),
  };
  const text = JSON.stringify(doc, null, 2);
  const name = QUICK ? 'results-quick.json' : DEPARTMENTS_ONLY ? 'results-departments.json' : 'results.json';
  await fs.writeFile(path.join(OUT_DIR, name), `${text}\n`);
  process.stdout.write(`${text}\n`);
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
