#!/usr/bin/env node
'use strict';
// Launcher: the CLI is compiled to build/ by `npm install` (the prepare script).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'build', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('hyoka: the CLI is not built yet. Run `npm install` (or `npm run build:cli`) first.\n');
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`hyoka: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
