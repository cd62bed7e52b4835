/* eslint-disable */
// npm run build:cli (and `npm install`, through prepare): the hyoka CLI as one bundle,
// build/cli/main.js, and main.cache, V8's compiled code for it.
//
// Why a bundle: one file is resolved and read once, where ~200 modules were each looked up,
// read and wrapped; with the code cache the launcher (bin/hyoka.js) skips compiling what a check
// runs. Together they take ~90 ms off every command (a quarter of its start-up). ExcelJS and
// JSZip stay in node_modules: only writing a summary loads them.
//
// The cache is made by checking a bundled sample once here, silently. V8 refuses a cache made
// by another Node version or with other flags; the launcher then compiles as usual.
// Usage: node scripts/build-cli.js [outDir]   (default: build; tests build a private copy)
const path = require('node:path');
const fs = require('node:fs');
const vm = require('node:vm');
const Module = require('node:module');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');

async function buildCli(outRoot = path.join(ROOT, 'build')) {
  const outDir = path.join(outRoot, 'cli');
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['exceljs', 'jszip'],
    logLevel: 'error',
  });
  await writeCodeCache(path.join(outDir, 'main.js'));
  return outDir;
}

/** Runs `check --json` on a sample through the bundle (output dropped) and keeps what V8 compiled. */
async function writeCodeCache(entry) {
  const script = new vm.Script(Module.wrap(fs.readFileSync(entry, 'utf8')), { filename: entry });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(entry), mod, entry, path.dirname(entry));
  const silent = { interactive: false, stdout() {}, stderr() {}, stdoutPieces(pieces) { for (const _ of pieces); } };
  await mod.exports.main(['check', path.join(ROOT, 'samples', 'kiyose-programs.xlsx'), '--json'], silent);
  fs.writeFileSync(entry.replace(/\.js$/, '.cache'), script.createCachedData());
}

module.exports = { buildCli };
if (require.main === module) {
  buildCli(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
    () => undefined,
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
