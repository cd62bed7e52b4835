/* eslint-disable */
// npm run release: the hyoka CLI as one self-contained file for a closed-network Windows PC with
// no npm registry. esbuild (already installed, through tsx) bundles src/cli with every dependency
// (ExcelJS, fflate, zod, …) into release/hyoka-<version>/hyoka.cjs; only Node.js 20+ is needed.
// The folder also gets hyoka.cmd (a launcher for cmd.exe), README-ja.txt and the samples, and is
// zipped as release/hyoka-<version>.zip (fflate). Steps: docs/deploy.md.
const path = require('node:path');
const fs = require('node:fs');
const esbuild = require('esbuild');
const { zipSync } = require('fflate');

const ROOT = path.join(__dirname, '..');

/**
 * A module that finds a package at run time (createRequire(require.resolve('exceljs'))('saxes'))
 * would look for node_modules beside the bundle: resolve it now, so esbuild bundles that copy.
 */
const resolveAtBuild = {
  name: 'resolve-at-build',
  setup(build) {
    build.onLoad({ filter: /src[\\/].*\.ts$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const pattern = /createRequire\(require\.resolve\('([^']+)'\)\)\('([^']+)'\)/g;
      if (!pattern.test(text)) return undefined;
      const out = text.replace(pattern, (_m, from, wanted) => {
        const { createRequire } = require('node:module');
        const file = createRequire(require.resolve(from, { paths: [ROOT] })).resolve(wanted);
        return `require(${JSON.stringify(file)})`;
      });
      return { contents: out, loader: 'ts' };
    });
  },
};
const pkg = require(path.join(ROOT, 'package.json'));

async function release(outRoot = path.join(ROOT, 'release')) {
  const name = `hyoka-${pkg.version}`;
  const dir = path.join(outRoot, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, '_entry.cjs');
  // The launcher's contract: main(argv) → exit code.
  fs.writeFileSync(
    entry,
    `const { main } = require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});\n` +
      `main(process.argv.slice(2)).then((c) => { process.exitCode = c; }, (e) => { process.stderr.write('hyoka: internal error: ' + (e && e.message ? e.message : e) + '\\n'); process.exitCode = 2; });\n`,
  );
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(dir, 'hyoka.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: false,
    legalComments: 'eof',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
    plugins: [resolveAtBuild],
  });
  fs.rmSync(entry);
  fs.writeFileSync(path.join(dir, 'hyoka.cmd'), '@echo off\r\nnode "%~dp0hyoka.cjs" %*\r\n');
  fs.writeFileSync(
    path.join(dir, 'README-ja.txt'),
    [
      `Hyoka ${pkg.version}（評価点検コマンド）`,
      '',
      '必要なもの: Node.js 20 以上（インターネット接続・npm は不要です）。',
      '使い方: このフォルダで  hyoka.cmd check samples\\kiyose-programs.xlsx',
      '詳しくは docs/deploy.md（リポジトリ）または hyoka.cmd --help。',
      '',
    ].join('\r\n'),
  );
  const samples = path.join(ROOT, 'samples');
  if (fs.existsSync(samples)) {
    fs.mkdirSync(path.join(dir, 'samples'));
    for (const f of fs.readdirSync(samples)) if (f.endsWith('.xlsx')) fs.copyFileSync(path.join(samples, f), path.join(dir, 'samples', f));
  }
  const files = {};
  const walk = (d, rel) => {
    for (const f of fs.readdirSync(d)) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p, `${rel}${f}/`);
      else files[`${name}/${rel}${f}`] = new Uint8Array(fs.readFileSync(p));
    }
  };
  walk(dir, '');
  const zip = path.join(outRoot, `${name}.zip`);
  fs.writeFileSync(zip, zipSync(files, { level: 9 }));
  return { dir, zip };
}

module.exports = { release };
if (require.main === module) {
  release(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
    ({ zip }) => console.log(`wrote ${path.relative(process.cwd(), zip)}`),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
