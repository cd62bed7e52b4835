#!/usr/bin/env node
'use strict';
// Launcher: the CLI is bundled to build/cli by `npm install` (the prepare script,
// scripts/build-cli.js), with V8's compiled code for it beside it (main.cache). The bundle is
// compiled here with that cache; a cache this Node refuses (another version) or a missing one
// only means compiling as usual.
const path = require('path');
const fs = require('fs');
const vm = require('vm');
const Module = require('module');

const entry = path.join(__dirname, '..', 'build', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('hyoka: the CLI is not built yet. Run `npm install` (or `npm run build:cli`) first.\n');
  process.exit(2);
}
let cachedData;
try {
  cachedData = fs.readFileSync(entry.replace(/\.js$/, '.cache'));
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(entry, 'utf8')), { filename: entry, cachedData });
const cli = { exports: {} };
script.runInThisContext().call(cli.exports, cli.exports, Module.createRequire(entry), cli, entry, path.dirname(entry));
cli.exports.main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`hyoka: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
