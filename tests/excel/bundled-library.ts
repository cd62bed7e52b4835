/**
 * The Office.js library the add-in ships, loaded as the task pane loads it: the Excel host file
 * (`excel-win32-16.01.js`, which carries the whole Excel object model) evaluated in jsdom. Its
 * prototypes are what an assignment or a call in src/excel actually reaches.
 * `HYOKA_OFFICE_JS_DIR` points at a folder fetched with `npm run office-js:fetch` (the same
 * folder the build's `--env officeJsDir=DIR` bundles); without it, the npm copy webpack copies.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JSDOM } from 'jsdom';
import { libraryFromNamespace, type OfficeLibrary } from '../../src/excel/capability';

export function bundledOfficeJsDir(): string {
  return process.env.HYOKA_OFFICE_JS_DIR ?? join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
}

export interface LoadedLibrary {
  library: OfficeLibrary;
  /** `Excel` as the library defines it (window.Excel in the jsdom page). */
  excel: Record<string, unknown>;
}

let cached: LoadedLibrary | null = null;

export function loadBundledLibrary(dir = bundledOfficeJsDir()): LoadedLibrary {
  if (cached && dir === bundledOfficeJsDir()) return cached;
  const host = readFileSync(join(dir, 'excel-win32-16.01.js'), 'utf8');
  const office = readFileSync(join(dir, 'office.js'), 'utf8');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { runScripts: 'outside-only', url: 'https://localhost/' });
  dom.window.eval(host);
  const excel = (dom.window as unknown as { Excel: Record<string, unknown> }).Excel;
  // office.js's file version (OSF.ConstantNames.FileVersion), read from its text: evaluating it would start Office's boot.
  const version = /FileVersion:"([\d.]+)"/.exec(office)?.[1] ?? null;
  const loaded = { library: libraryFromNamespace(excel, version), excel };
  if (dir === bundledOfficeJsDir()) cached = loaded;
  return loaded;
}
