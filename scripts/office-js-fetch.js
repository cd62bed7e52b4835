#!/usr/bin/env node
/* eslint-disable */
// npm run office-js:fetch DIR [-- --base URL]
//
// Downloads the Office.js file set Hyoka ships (office.js, the Excel host files, telemetry and
// each locale's strings) from Microsoft's CDN into DIR and records its version in
// DIR/hyoka-office-js.json. Then `npm run build -- --env officeJsDir=DIR` bundles that folder
// instead of the npm copy @microsoft/office-js, whose 1.1.110 knows Excel API sets only up to 1.15
// (docs/deploy.md, "Office.js: CDN or a bundled copy"). Run it on a machine with internet; copy
// DIR to the build machine of a closed network. CI never runs it against the internet
// (tests/excel/office-js-fetch.test.ts serves a fake CDN on 127.0.0.1).
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const { listOfficeJsFiles, referencedFiles, RECORD_FILE } = require('./office-js-files.js');

const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** Files without which the pane cannot start: a 404 for any of these stops the fetch. */
const REQUIRED = ['office.js', 'excel-win32-16.01.js', 'excel-web-16.00.js', 'excel-mac-16.00.js', 'en-us/office_strings.js', 'ja-jp/office_strings.js'];
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

function usage(msg) {
  if (msg) console.error(`office-js:fetch: ${msg}`);
  console.error('usage: npm run office-js:fetch DIR [-- --base URL]   (DIR must be new or a folder this script filled before)');
  process.exit(2);
}

function get(url) {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : url.startsWith('http:') ? http : null;
    if (!lib) return reject(new Error(`not an http(s) URL: ${url}`));
    const req = lib.get(url, { timeout: TIMEOUT_MS }, (res) => {
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        res.resume();
        return resolve(get(new URL(res.headers.location, url).toString()));
      }
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode ?? 0, body: null });
      }
      const chunks = [];
      let n = 0;
      res.on('data', (c) => {
        n += c.length;
        if (n > MAX_FILE_BYTES) req.destroy(new Error(`${url} is larger than ${MAX_FILE_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => resolve({ status: 200, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
  });
}

async function fetchOfficeJs(dir, base = CDN, log = console.log) {
  const baseUrl = base.endsWith('/') ? base : `${base}/`;
  const target = path.resolve(dir);
  if (fs.existsSync(target)) {
    const entries = fs.readdirSync(target);
    if (entries.length > 0 && !entries.includes(RECORD_FILE)) throw new Error(`${target} exists and was not filled by office-js:fetch: choose a new folder`);
  }
  // The npm copy names the file set; the fetched office.js and host files may name newer run-time files.
  const npmDist = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
  const wanted = new Set(listOfficeJsFiles(npmDist));
  for (const f of REQUIRED) wanted.add(f);
  const work = `${target}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  const files = {};
  const missing = [];
  const queue = [...wanted].sort();
  const done = new Set();
  while (queue.length > 0) {
    const rel = queue.shift();
    if (done.has(rel)) continue;
    done.add(rel);
    const { status, body } = await get(baseUrl + rel);
    if (!body) {
      if (REQUIRED.includes(rel)) throw new Error(`${baseUrl + rel} answered ${status}: the CDN file set is incomplete, nothing was written`);
      missing.push(rel);
      continue;
    }
    fs.mkdirSync(path.join(work, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(work, rel), body);
    files[rel] = { bytes: body.length, sha256: crypto.createHash('sha256').update(body).digest('hex') };
    if (!rel.includes('/')) for (const extra of referencedFiles(body.toString('utf8'))) if (!done.has(extra)) queue.push(extra);
  }
  const office = fs.readFileSync(path.join(work, 'office.js'), 'utf8');
  const version = /FileVersion:"([\d.]+)"/.exec(office)?.[1] ?? null;
  if (!version) throw new Error(`${baseUrl}office.js has no FileVersion: not the Office.js library?`);
  const record = { version, source: baseUrl, fetchedAt: new Date().toISOString(), files, missing };
  fs.writeFileSync(path.join(work, RECORD_FILE), JSON.stringify(record, null, 2) + '\n');
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(work, target);
  log(`office-js:fetch: Office.js ${version}, ${Object.keys(files).length} files from ${baseUrl} → ${target}`);
  if (missing.length > 0) log(`office-js:fetch: not on the server (left out): ${missing.join(', ')}`);
  log(`office-js:fetch: build with  npm run build -- --env officeJsDir=${target}`);
  return record;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  let base = CDN;
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--base') base = args[++i] ?? usage('--base needs a URL');
    else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
    else rest.push(args[i]);
  }
  if (rest.length !== 1) usage(rest.length === 0 ? 'which folder?' : 'one folder only');
  fetchOfficeJs(rest[0], base).catch((e) => {
    console.error(`office-js:fetch: ${e && e.message ? e.message : e}`);
    process.exit(1);
  });
}

module.exports = { fetchOfficeJs, CDN, REQUIRED };
