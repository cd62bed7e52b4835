/**
 * `npm run bench -- --strings-worker` — does the CLI's shared-strings worker thread
 * (src/cli/strings-thread.ts) pay at the sizes cities have? (issue 24)
 *
 * Two builds of the same CLI: build/cli as it ships, and a copy in bench/out/no-worker/ without
 * strings-worker.js, where the reader reads every file's strings on the main thread (what it
 * does whenever the worker script is absent). Each case runs in rounds: the fresh-process floor
 * of its file(s) (bench/measure.ts --floor-only), then the two builds as A B B A, so a change in
 * machine load hits all of them. Reported per case: the medians of each build's time (mean of
 * its two runs in the round) ÷ that round's floor, and the median of the per-round ratio
 * with ÷ without.
 *
 * Cases: a department workbook (300 rows), a secretariat's folder of 30 of them
 * (`consolidate --json`), a 300-row programme list, and the 60,000-row stress case.
 */
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchWorkbook, departmentFolder, OUT_DIR } from './generate';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const { buildCli } = require('../scripts/build-cli.js') as { buildCli: (outRoot?: string) => Promise<string> };

const ROOT = path.join(__dirname, '..');
const GNU_TIME = ['/usr/bin/time', '/usr/local/bin/time'].find((p) => existsSync(p)) ?? null;
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The shipping CLI minus its worker script: bench/out/no-worker/{bin,build}. */
async function buildWithoutWorker(): Promise<string> {
  const root = path.join(OUT_DIR, 'no-worker');
  const cli = await buildCli(path.join(root, 'build'));
  await fs.rm(path.join(cli, 'strings-worker.js'));
  await fs.mkdir(path.join(root, 'bin'), { recursive: true });
  const launcher = path.join(root, 'bin', 'hyoka.js');
  await fs.copyFile(path.join(ROOT, 'bin', 'hyoka.js'), launcher);
  return launcher;
}

async function run(cmd: string, args: string[]): Promise<{ ms: number; rssMb: number | null; stdout: string }> {
  const rssFile = path.join(OUT_DIR, `rss-sw-${process.pid}.txt`);
  const [c, a] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(c, a, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 2 || code === null ? reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`)) : resolve(out)));
  });
  const ms = performance.now() - t0;
  const rssMb = GNU_TIME ? Number((await fs.readFile(rssFile, 'utf8')).trim().split(/\s+/).pop()) / 1024 : null;
  return { ms, rssMb, stdout };
}

async function floorOf(files: string[]): Promise<number> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await run(process.execPath, [tsx, path.join(__dirname, 'measure.ts'), '--floor-only', ...files]);
  return (JSON.parse(stdout.trim().split('\n').pop() ?? '') as { floorMs: number }).floorMs;
}

interface Case {
  name: string;
  /** What the floor is taken of. */
  files: string[];
  args: string[];
}

export async function benchStringsWorker(runs: number): Promise<unknown> {
  const shipped = path.join(ROOT, 'bin', 'hyoka.js');
  const without = await buildWithoutWorker();
  const folder = await departmentFolder(30, 300);
  const deptFiles = (await fs.readdir(folder)).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(folder, f));
  const programs300 = await benchWorkbook('kiyose-programs', 300);
  const programs60k = await benchWorkbook('kiyose-programs', 60_000);
  const cases: Case[] = [
    { name: 'department workbook, 300 rows: check --json', files: [deptFiles[0]], args: ['check', deptFiles[0], '--json'] },
    { name: 'programme list, 300 rows: check --json', files: [programs300], args: ['check', programs300, '--json'] },
    { name: 'folder of 30 department workbooks (300 rows each): consolidate --json', files: deptFiles, args: ['consolidate', folder, '--json'] },
    { name: 'programme list, 60,000 rows: check --json', files: [programs60k], args: ['check', programs60k, '--json'] },
  ];
  const results = [];
  for (const c of cases) {
    const bytes = (await Promise.all(c.files.map((f) => fs.stat(f)))).reduce((n, s) => n + s.size, 0);
    log(`${c.name} (${(bytes / 1e6).toFixed(2)} MB)…`);
    const withOverFloor: number[] = [];
    const withoutOverFloor: number[] = [];
    const withOverWithout: number[] = [];
    const ms = { with: [] as number[], without: [] as number[], floor: [] as number[] };
    const rss = { with: [] as number[], without: [] as number[] };
    for (let i = 0; i <= runs; i++) {
      const floor = await floorOf(c.files);
      // Both builds twice, in the order A B B A: whichever runs second finds the machine warmer
      // (measured: a 10–15% edge at 300 rows, where the two builds run the very same code).
      const a1 = await run(process.execPath, [shipped, ...c.args]);
      const b1 = await run(process.execPath, [without, ...c.args]);
      const b2 = await run(process.execPath, [without, ...c.args]);
      const a2 = await run(process.execPath, [shipped, ...c.args]);
      if (i === 0) continue; // warm-up
      const a = (a1.ms + a2.ms) / 2;
      const b = (b1.ms + b2.ms) / 2;
      ms.floor.push(floor);
      ms.with.push(a);
      ms.without.push(b);
      withOverFloor.push(a / floor);
      withoutOverFloor.push(b / floor);
      withOverWithout.push(a / b);
      if (a1.rssMb !== null && b1.rssMb !== null && a2.rssMb !== null && b2.rssMb !== null) {
        rss.with.push(Math.max(a1.rssMb, a2.rssMb));
        rss.without.push(Math.max(b1.rssMb, b2.rssMb));
      }
    }
    const r = {
      case: c.name,
      fileMb: round(bytes / 1e6, 2),
      floorMs: round(median(ms.floor)),
      withWorkerMs: round(median(ms.with)),
      withoutWorkerMs: round(median(ms.without)),
      withWorkerOverFloor: round(median(withOverFloor), 2),
      withoutWorkerOverFloor: round(median(withoutOverFloor), 2),
      /** < 1: the worker saves time. */
      withOverWithout: round(median(withOverWithout), 3),
      peakRssMb: rss.with.length ? { with: round(median(rss.with), 1), without: round(median(rss.without), 1) } : null,
      runs: { floorMs: ms.floor.map((x) => round(x)), withMs: ms.with.map((x) => round(x)), withoutMs: ms.without.map((x) => round(x)) },
    };
    log(`  floor ${r.floorMs} ms; with worker ${r.withWorkerMs} ms (${r.withWorkerOverFloor}× floor), without ${r.withoutWorkerMs} ms (${r.withoutWorkerOverFloor}× floor); with ÷ without ${r.withOverWithout}`);
    results.push(r);
  }
  return { machine: { loadAvg: os.loadavg().map((x) => round(x, 1)), cpus: os.cpus().length, node: process.version }, runs, cases: results };
}
