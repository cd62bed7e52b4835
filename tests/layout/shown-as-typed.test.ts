/**
 * #26: whatever Hyoka shows is the workbook's own text. Text is normalised only to compare;
 * names, departments, sheet names and quoted values in `--json`, the text report and the
 * written 評価集計 sheets are cut from the cells as typed.
 *
 * Property, over generated workbooks whose names hold the characters normalisation folds (ー
 * ～ － full-width letters and digits ① half-width katakana, line breaks, an IVS) and over
 * every sample: no shown string is a re-spelling of input text (it is not in the input as
 * typed, but its normalised form is in the normalised input), and every program, department
 * and policy name occurs in the input as typed (whitespace collapsed, the allowed trimming).
 * A failure names the output, the shown text and the input it was taken from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderTextReport } from '../../src/cli/text-report';
import { checkWorkbook, type Report } from '../../src/core';
import { cellText, type SheetSnapshot, type WorkbookSnapshot } from '../../src/core/snapshot';
import { docCellText } from '../../src/core/summary-document';
import { normalizeForMatch } from '../../src/core/text';
import { buildSummaryDocument } from '../../src/render/summary-document';
import { readWorkbook } from '../../src/xlsx/read';
import { planSet } from './harness';
import { PLAN_IDS } from './plan-model';
import { renderPlan } from './render';
import { snapshotOf } from './snapshot-of';
import { buildVariants } from './variants';

jest.setTimeout(120_000);

/** What normalisation folds, appended to long cells (names, prose) of the generated workbooks. */
const TYPED = '\n（ｻｰﾋﾞｽ～ＡＢ①－ー葛\u{E0100}）';
/** Cells at least this long get TYPED: names and prose, not headers, grades or identifiers. */
const TYPED_MIN = 14;

function respelled(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = snapshot.sheets.map((s) => ({
    ...s,
    rows: s.rows.map((row) => row?.map((v) => (typeof v === 'string' && v.length >= TYPED_MIN && !/^\d{4}-\d{2}-\d{2}/.test(v) ? `${v.slice(0, 6)}ー${v.slice(6)}${TYPED}` : v))),
  }));
  return { ...snapshot, sheets };
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
/**
 * Whitespace is layout, not spelling: a header's line break (`基本\n目標` → 基本目標) and a
 * terminal's wrap are allowed; every other character must be the input's own.
 */
const unspaced = (s: string): string => s.replace(/\s+/g, '');
/** A path of identifiers Hyoka composes (`1-(2)-①` from 1, (2), ①): joined by Hyoka, not cut from a cell. */
const COMPOSED_PATH = /^[0-9０-９()（）\u2460-\u2473a-zア-ン]+(-[0-9０-９()（）\u2460-\u2473a-zア-ン]+)+$/;

interface Input { texts: string; normalised: string }

function inputOf(snapshot: WorkbookSnapshot, fileName: string): Input {
  const parts = [fileName];
  for (const s of snapshot.sheets) {
    parts.push(s.name);
    for (const row of s.rows) if (row) for (const v of row) if (v !== null) parts.push(cellText(v));
  }
  return { texts: parts.map(unspaced).join('\u0000'), normalised: parts.map(normalizeForMatch).join('\u0000') };
}

/** The shown text re-spells input: not there as typed, there once normalised. */
function isRespelled(shown: string, input: Input): boolean {
  const s = unspaced(shown.replace(/…$/, ''));
  const n = normalizeForMatch(s);
  if (n.length < 4 || input.texts.includes(s) || COMPOSED_PATH.test(s)) return false;
  return input.normalised.includes(n);
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const QUOTED = /「([^「」]+)」|"([^"]+)"/g;
function quoted(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(QUOTED)) out.push(m[1] ?? m[2]);
  return out;
}

/** Every shown string of every output, and the problems: output, shown text, where it came from. */
function problemsOf(report: Report, input: Input, label: string): string[] {
  const problems: string[] = [];
  const outputs: [string, string[]][] = [
    ['--json', strings(JSON.parse(JSON.stringify(report)))],
    ['text report (ja)', quoted(renderTextReport(report, 'ja'))],
    ['text report (en)', quoted(renderTextReport(report, 'en'))],
    ['評価集計 sheets', buildSummaryDocument(report, 'ja').sheets.flatMap((s) => [s.name, ...strings(s.blocks).concat(docStrings(s.blocks))])],
  ];
  for (const [output, shown] of outputs) {
    for (const s of shown) {
      if (isRespelled(s, input)) problems.push(`${label} ${output}: shows "${collapse(s).slice(0, 60)}", re-spelled from the input's "${original(s, input).slice(0, 60)}"`);
    }
  }
  // Names are shown as typed: each occurs in the input (whitespace collapsed).
  const names = [
    ...report.findings.flatMap((f) => [f.program, f.department]),
    ...report.policies.map((p) => p.name),
  ].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  for (const name of names) {
    if (!input.texts.includes(unspaced(name))) problems.push(`${label} --json: name "${collapse(name).slice(0, 60)}" is in no input cell as typed`);
  }
  return [...new Set(problems)];
}

function docStrings(blocks: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ('text' in v && typeof (v as { text: unknown }).text === 'string') out.push(docCellText(v as { text: string } as never));
      Object.values(v).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

/** The input text the shown one was made from (for the failure message). */
function original(shown: string, input: Input): string {
  const n = normalizeForMatch(shown.replace(/…$/, ''));
  const parts = input.texts.split('\u0000');
  return parts.find((p) => normalizeForMatch(p).includes(n)) ?? '?';
}

describe('shown as typed', () => {
  test('generated workbooks with names that normalisation would fold', () => {
    const { plans, defective } = planSet();
    const variants = buildVariants(plans, Object.fromEntries(PLAN_IDS.map((id) => [id, defective[id].defects.flatMap((d) => (d.key ? [d.key] : []))])));
    const sample = variants.filter((_v, i) => i % 12 === 0);
    expect(sample.length).toBeGreaterThanOrEqual(80);
    const problems: string[] = [];
    for (const v of sample) {
      const rendered = renderPlan(v.defective ? defective[v.plan].plan : plans[v.plan], v.spec);
      const snapshot = respelled(snapshotOf(rendered.workbook));
      const { report } = checkWorkbook(snapshot, { fileName: rendered.fileName });
      problems.push(...problemsOf(report, inputOf(snapshot, rendered.fileName), v.id));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  const dir = join(__dirname, '../../samples');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
  test.each(samples.map((f) => [f]))('sample %s', async (file) => {
    const snapshot = await readWorkbook(new Uint8Array(readFileSync(join(dir, file))), file);
    const { report } = checkWorkbook(snapshot, { fileName: file });
    expect(problemsOf(report, inputOf(snapshot, file), file)).toEqual([]);
  });

  test('the property fails when a normalised copy is shown', () => {
    const snapshot: WorkbookSnapshot = { sheets: [{ name: 's', visibility: 'visible', rows: [['適切なサービス利用につながる仕組み']], merges: [] }] };
    const input = inputOf(snapshot, 'x.xlsx');
    expect(isRespelled('適切なサ-ビス利用につながる仕組み', input)).toBe(true);
    expect(isRespelled('適切なサービス利用につながる仕組み', input)).toBe(false);
  });
});
