/// <reference types="office-js" />
import type { DiagnosticCheck, DiagnosticsReport } from './port';
import type { LiveEnvironment } from './live-port';
import { originalFill, HIGHLIGHT_COLOURS } from './highlight';
import { readLiveSnapshot } from './read-live';
import { writeTextCells } from './write-live';
import { toCellValue } from './cell-values';
import { DIAGNOSTICS_SHEET_KEY } from './workbook-keys';
import { freeName } from './write-live';
import { cellAt } from '../core';
import { capabilities, customXmlPartsOf, formulaCellsOf, FEATURES, libraryHighestExcelApi, mergedAreasOf, sheetNamesOf, type Capabilities, type Feature } from './capability';

/**
 * 設定 › 診断: runs the live adapter's assumptions against the Excel it is running in, on one
 * hidden scratch sheet that is created once, remembered in the workbook's settings and reused
 * (deleting a sheet would clear the user's undo history; it is only emptied). Each check runs
 * in its own batch, so one failure never hides the others. CI runs the same function against
 * the fake Excel (tests/excel/diagnostics.test.ts).
 */
export const DIAGNOSTICS_SHEET = 'Hyoka 診断';
export const DIAGNOSTIC_IDS = ['scratch', 'read', 'noFill', 'text', 'hyperlink', 'chart', 'settings', 'state', 'payload'] as const;
export type DiagnosticId = (typeof DIAGNOSTIC_IDS)[number];

/** ExcelApi versions probed, newest first. */
const API_VERSIONS = Array.from({ length: 20 }, (_x, i) => `1.${20 - i}`);
/** Texts Excel would take for formulas if typed: harmless if they ever were evaluated. */
export const FORMULA_LOOKALIKES = ['=1+1', '+1', '-1', '@SUM(1)'];

export async function runDiagnostics(env: LiveEnvironment, caps: Capabilities = capabilities(env.isSetSupported, env.library)): Promise<DiagnosticsReport> {
  const apiSets = API_VERSIONS.filter((v) => env.isSetSupported('ExcelApi', v)).map((v) => `ExcelApi ${v}`);
  const report: DiagnosticsReport = {
    host: env.host?.host ?? 'Excel',
    platform: env.host?.platform ?? (env.web ? 'OfficeOnline' : 'unknown'),
    version: env.host?.version ?? 'unknown',
    apiSets,
    library: { version: env.library.version, highestExcelApi: libraryHighestExcelApi(env.library) },
    unusable: (Object.keys(FEATURES) as Feature[]).flatMap((f) => {
      const why = caps.missing(f);
      return why ? [{ feature: f, why }] : [];
    }),
    checks: [],
  };
  const check = async (id: DiagnosticId, fn: () => Promise<string>): Promise<boolean> => {
    try {
      report.checks.push({ id, ok: true, detail: await fn() });
      return true;
    } catch (e) {
      report.checks.push({ id, ok: false, detail: describeError(e) });
      return false;
    }
  };

  let sheetName = '';
  const ready = await check('scratch', async () => {
    const got = await env.run((context) => scratchSheet(context));
    sheetName = got.name;
    return got.created ? `created hidden sheet "${got.name}"` : `reused hidden sheet "${got.name}"`;
  });
  if (!ready) {
    for (const id of DIAGNOSTIC_IDS.slice(1)) report.checks.push({ id, ok: false, detail: 'not run: no scratch sheet' });
    return report;
  }
  const on = <T>(fn: (ws: Excel.Worksheet, context: Excel.RequestContext) => Promise<T>) =>
    env.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheetName);
      ws.getRange().clear();
      return fn(ws, context);
    });

  await check('read', () =>
    on(async (ws, context) => {
      const range = ws.getRange('A1:C1');
      range.numberFormat = [['@', '0%', 'yyyy/m/d']];
      range.values = [['評価', 0.5, 45017]];
      ws.getRange('A3:B4').merge(false);
      await context.sync();
      range.load('values,numberFormat,valueTypes');
      // ExcelApi 1.13 and a library that has it; else the reader reads no merges, and says so here.
      const areas = mergedAreasOf(caps, ws.getRange('A1:C4'));
      areas?.load('areas/items/address');
      await context.sync();
      const got = range.values[0].map((v, i) => toCellValue(v, range.numberFormat[0][i], range.valueTypes[0][i]));
      const want = ['評価', { percent: 0.5 }, '2023-04-01'];
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`read ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      if (!areas) throw new Error(`values and number formats read as expected; merged cells cannot be read: ${caps.missing('mergedAreas')}`);
      const merges = areas.isNullObject ? [] : areas.areas.items.map((a) => a.address.slice(a.address.lastIndexOf('!') + 1).replace(/\$/g, ''));
      if (merges.join() !== 'A3:B4') throw new Error(`merged areas read as [${merges.join(', ')}], expected [A3:B4]`);
      return 'values, number formats (percent, date) and merged areas read as expected';
    }),
  );

  await check('noFill', () =>
    on(async (ws, context) => {
      if (!caps.usable('tintAndShade')) throw new Error(`no fill cannot be told from a white fill (white cells are restored as no fill): ${caps.missing('tintAndShade')}`);
      const none = ws.getRange('D1');
      const white = ws.getRange('D2');
      none.format.fill.clear();
      white.format.fill.color = '#FFFFFF';
      await context.sync();
      none.format.fill.load('color,pattern,tintAndShade');
      white.format.fill.load('color,pattern,tintAndShade');
      await context.sync();
      const seen = `no fill: color ${none.format.fill.color}, pattern ${String(none.format.fill.pattern)}, tintAndShade ${String(none.format.fill.tintAndShade)}; white: tintAndShade ${String(white.format.fill.tintAndShade)}`;
      if (originalFill(none.format.fill, { tintAndShade: true }) !== null) throw new Error(`no fill not detected (${seen})`);
      if (originalFill(white.format.fill, { tintAndShade: true }) === null) throw new Error(`white fill taken for no fill (${seen})`);
      // Highlight and restore the way 元に戻す does.
      none.format.fill.color = HIGHLIGHT_COLOURS.error;
      await context.sync();
      none.format.fill.clear();
      await context.sync();
      none.format.fill.load('tintAndShade');
      await context.sync();
      if (none.format.fill.tintAndShade !== null) throw new Error('after clear() the cell still has a fill');
      return `${seen}; restored with clear()`;
    }),
  );

  await check('text', () =>
    on(async (ws, context) => {
      const range = ws.getRange('A1:D1');
      const way = writeTextCells(range, [FORMULA_LOOKALIKES], caps);
      await context.sync();
      range.load('values,valueTypes,formulas');
      const formulas = formulaCellsOf(caps, range);
      formulas?.load('address');
      await context.sync();
      const wrong = FORMULA_LOOKALIKES.filter((t, i) => range.values[0][i] !== t || range.valueTypes[0][i] !== 'String');
      const through = way === 'valuesAsJson' ? 'valuesAsJson' : `the @ format and values; valuesAsJson not used: ${caps.missing('valuesAsJson')}`;
      if (wrong.length > 0) throw new Error(`became something else: ${wrong.map((t) => `${t} → ${JSON.stringify(range.values[0][FORMULA_LOOKALIKES.indexOf(t)])}`).join(', ')} (written through ${through})`);
      if (formulas && !formulas.isNullObject) throw new Error(`Excel sees formulas in ${formulas.address} (written through ${through})`);
      return `${FORMULA_LOOKALIKES.join(' ')} read back exactly as text${formulas ? ', no formula cells' : ''} (written through ${through})`;
    }),
  );

  await check('hyperlink', () =>
    on(async (ws, context) => {
      const target = `'${sheetName.replace(/'/g, "''")}'!A1`;
      const cell = ws.getRange('E1');
      cell.hyperlink = { documentReference: target, textToDisplay: '→ A1' };
      await context.sync();
      cell.load('hyperlink');
      await context.sync();
      const ref = cell.hyperlink?.documentReference ?? '';
      if (ref.replace(/\$/g, '') !== target) throw new Error(`link reads back as ${JSON.stringify(ref)}`);
      return `link to ${target} reads back`;
    }),
  );

  await check('chart', () =>
    on(async (ws, context) => {
      const source = ws.getRange('A1:B3');
      source.values = [['', 'n'], ['A', 1], ['B', 2]];
      const chart = ws.charts.add('ColumnStacked', source, 'Columns');
      chart.title.text = 'Hyoka';
      const count = ws.charts.getCount();
      await context.sync();
      const n = count.value;
      chart.delete();
      await context.sync();
      if (n < 1) throw new Error('no chart after charts.add');
      return 'stacked column chart created and removed';
    }),
  );

  await check('settings', () =>
    env.run(async (context) => {
      const key = 'hyoka.diagnostics.roundtrip';
      const value = { text: '評価 ✓ =1+1', n: 12.5, list: ['A', 'B'] };
      context.workbook.settings.add(key, value);
      await context.sync();
      const item = context.workbook.settings.getItemOrNullObject(key);
      item.load('value');
      await context.sync();
      const back = typeof item.value === 'string' ? (JSON.parse(item.value) as unknown) : item.value;
      item.delete();
      await context.sync();
      if (JSON.stringify(back) !== JSON.stringify(value)) throw new Error(`read back ${JSON.stringify(back)}`);
      return 'workbook setting written, read back and removed';
    }),
  );

  // Where Hyoka keeps its state (src/excel/workbook-state.ts): a custom XML part found by its
  // namespace, and a sheet-scoped name as the output marker. Both are tried on their own names.
  await check('state', () =>
    env.run(async (context) => {
      const parts = customXmlPartsOf(caps, context.workbook);
      if (!parts) throw new Error(`custom XML parts cannot be used (${caps.missing('customXmlParts')}): corrections stay in workbook settings, kept per add-in Id`);
      const ns = 'urn:hyoka:diagnostics:1';
      const text = '評価 ✓ 令和5年度';
      parts.add(`<?xml version="1.0" encoding="UTF-8"?><diagnostics xmlns="${ns}"><v>${text}</v></diagnostics>`);
      await context.sync();
      const scoped = parts.getByNamespace(ns);
      scoped.load('items/id');
      await context.sync();
      const found = scoped.items.length;
      const back = found > 0 ? scoped.items[0].getXml() : null;
      await context.sync();
      for (const part of scoped.items) part.delete();
      await context.sync();
      if (found !== 1) throw new Error(`${found} custom XML parts found by namespace, expected 1`);
      if (!back?.value.includes(text)) throw new Error(`custom XML part read back as ${JSON.stringify(back?.value.slice(0, 160))}`);
      const ws = context.workbook.worksheets.getItem(sheetName);
      const names = sheetNamesOf(caps, ws);
      if (!names) throw new Error(`sheet-scoped names cannot be used (${caps.missing('sheetNames')}): output sheets are known only from the record`);
      const marker = '_hyoka_diagnostics';
      names.add(marker, ws.getRange('A1'));
      await context.sync();
      const item = names.getItemOrNullObject(marker);
      item.load('name');
      await context.sync();
      const seen = !item.isNullObject;
      if (seen) item.delete();
      await context.sync();
      if (!seen) throw new Error('a sheet-scoped name was added but not found again');
      return 'custom XML part written, found by its namespace, read back and removed; sheet-scoped name added, found and removed';
    }),
  );

  await check('payload', async () => {
    const rows = 120;
    const text = (r: number, c: number) => `福祉政策課の事業${r}-${c}（評価の記入例）`;
    await on(async (ws, context) => {
      const grid = Array.from({ length: rows }, (_x, r) => Array.from({ length: 4 }, (_y, c) => text(r, c)));
      writeTextCells(ws.getRangeByIndexes(0, 0, rows, 4), grid, caps);
      await context.sync();
    });
    let syncs = 0;
    const snap = await env.run((context) =>
      readLiveSnapshot(context, {
        only: new Set([sheetName]),
        // A budget of ~40 rows makes the reader split this sheet, as it would a large workbook on the web.
        limits: { maxBytesPerSync: 40 * 4 * 80, maxCellsPerSync: 4_000_000, mergeBandCells: 512 },
        onProgress: () => syncs++,
      }),
    );
    const sheet = snap.sheets[0];
    for (let r = 0; r < rows; r++) for (let c = 0; c < 4; c++) if (cellAt(sheet, r, c) !== text(r, c)) throw new Error(`chunked read differs at row ${r + 1}`);
    if (syncs < 2) throw new Error('the read was not split into chunks');
    await env.run(async (context) => {
      context.workbook.worksheets.getItem(sheetName).getRange().clear();
      await context.sync();
    });
    return `${rows * 4} cells read in ${syncs} chunks, identical`;
  });
  return report;
}

/** The scratch sheet: the one recorded in settings if it still exists, else a new hidden one. */
async function scratchSheet(context: Excel.RequestContext): Promise<{ name: string; created: boolean }> {
  const item = context.workbook.settings.getItemOrNullObject(DIAGNOSTICS_SHEET_KEY);
  item.load('value');
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const recorded = !item.isNullObject && typeof item.value === 'string' ? item.value : null;
  const names = new Set(sheets.items.map((s) => s.name));
  if (recorded && names.has(recorded)) return { name: recorded, created: false };
  const name = names.has(DIAGNOSTICS_SHEET) ? freeName(DIAGNOSTICS_SHEET, names) : DIAGNOSTICS_SHEET;
  const ws = sheets.add(name);
  ws.visibility = 'Hidden';
  context.workbook.settings.add(DIAGNOSTICS_SHEET_KEY, name);
  await context.sync();
  return { name, created: true };
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}

/** The report as plain text for a bug report (the copy button). */
export function diagnosticsText(report: DiagnosticsReport, label: (check: DiagnosticCheck) => string): string {
  const lines = [
    `Hyoka diagnostics`,
    `host: ${report.host} / platform: ${report.platform} / version: ${report.version}`,
    `API: ${report.apiSets.length > 0 ? `${report.apiSets[report.apiSets.length - 1]} – ${report.apiSets[0]}` : 'none'}`,
    `Office.js: ${report.library.version ?? 'unknown version'} / defines up to ${report.library.highestExcelApi ? `ExcelApi ${report.library.highestExcelApi}` : 'unknown'}`,
    ...report.unusable.map((u) => `not used: ${u.feature} — ${u.why}`),
    ...report.checks.map((c) => `${c.ok ? '✓' : '✗'} ${label(c)}: ${c.detail}`),
  ];
  return lines.join('\n');
}
