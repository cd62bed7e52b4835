/* eslint-disable */
// Which Office.js files the add-in ships: office.js, its Excel host files, the files it loads at
// run time (telemetry/, ariatelemetry/) and each locale's office/excel strings. Shared by
// webpack.config.js (copy into dist/office-js) and scripts/office-js-fetch.js (download the set).
const fs = require('node:fs');
const path = require('node:path');

/** A path relative to the library's root ("ja-jp/excel_strings.js"), '/'-separated. */
function isOfficeJsFile(rel) {
  if (rel.endsWith('.debug.js')) return false;
  if (!rel.includes('/')) return /^(office|o15apptofilemappingtable|excel[^/]*)\.js$/.test(rel);
  return /^[a-z]{2,3}(-[a-z0-9]+)*\/(office_strings|excel_strings)\.js$/.test(rel) || /^(ariatelemetry|telemetry)\/[\w.-]+\.js$/.test(rel);
}

/** Every shipped file under dir, relative and sorted. */
function listOfficeJsFiles(dir) {
  const out = [];
  const walk = (sub) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!sub) walk(rel); // one level: locales, telemetry
      } else if (isOfficeJsFile(rel)) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** Run-time files a library text names ("telemetry/oteljs_agave.js", "ariatelemetry/aria-web-telemetry-2.9.0.min.js"). */
function referencedFiles(text) {
  const found = new Set();
  for (const m of text.matchAll(/"((?:aria)?telemetry\/[\w.-]+\.js)"/g)) if (isOfficeJsFile(m[1])) found.add(m[1]);
  return [...found].sort();
}

/** The record `npm run office-js:fetch` writes next to the files. */
const RECORD_FILE = 'hyoka-office-js.json';

module.exports = { isOfficeJsFile, listOfficeJsFiles, referencedFiles, RECORD_FILE };
