'use strict';
/* global require, process, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS so the measured child runs without a TypeScript loader */
// Fallback for machines without GNU time: runs bin/hyoka.js in this process and, on exit,
// writes this process's peak RSS (KB, from process.resourceUsage) to the file named by
// HYOKA_BENCH_RSS_FILE.  Usage: node bench/rss-child.cjs <hyoka args…>
const fs = require('fs');
const path = require('path');
const out = process.env.HYOKA_BENCH_RSS_FILE;
process.on('exit', () => {
  if (out) fs.writeFileSync(out, `${process.resourceUsage().maxRSS}\n`);
});
const bin = path.join(__dirname, '..', 'bin', 'hyoka.js');
process.argv = [process.argv[0], bin, ...process.argv.slice(2)];
require(bin);
