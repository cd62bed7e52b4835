/**
 * #26: whatever Hyoka shows is the workbook's own text. Text is normalised only to compare;
 * names, departments, sheet names and quoted values in `--json`, the text report and the
 * written sheets are cut from the cells as typed — for all three runs: `check`, 取りまとめ
 * (`consolidate`: --json, text, the written workbook and the per-department ones) and
 * 前年度比較 (`compare`: --json, text, the written sheet).
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

import { renderComparisonText, toComparisonJson } from '../../src/cli/compare';
import { renderConsolidationText, toConsolidationJson } from '../../src/cli/consolidate';
import { renderTextReport } from '../../src/cli/text-report';
import { checkWorkbook, consolidate, type ConsolidationInput, type ConsolidationResult, type Report } from '../../src/core';
import { compareYears, loadYearSide, yearSidesOfOneBook, type ComparisonResult, type YearSide } from '../../src/core/compare';
import { defaultSettings } from '../../src/core/settings';
import { cellText, type SheetSnapshot, type WorkbookSnapshot } from '../../src/core/snapshot';
import { docCellText, type SummaryDocument } from '../../src/core/summary-document';
import { normalizeForMatch } from '../../src/core/text';
import { buildComparisonDocument } from '../../src/render/comparison-document';
import { buildConsolidationDocument, buildDepartmentDocuments } from '../../src/render/consolidation-document';
import { buildSummaryDocument } from '../../src/render/summary-document';
import { readWorkbook } from '../../src/xlsx/read';
import { planSet } from './harness';
import { PLAN_IDS, type PlanId } from './plan-model';
import { renderPlan } from './render';
import { snapshotOf } from './snapshot-of';
import { buildVariants } from './variants';

jest.setTimeout(180_000);

/** What normalisation folds, appended to long cells (names, prose) of the generated workbooks. */
const TYPED = '\n（ｻｰﾋﾞｽ～ＡＢ①－ー葛\u{E0100}）';
/** Cells at least this long get TYPED: names and prose, not headers, grades or identifiers. */
const TYPED_MIN = 14;
/** A department's name (`福祉総務課`, not the header `担当課`) gets folding characters of its own. */
const DEPARTMENT = /^(?!.*(担当|所管|部署))[^\s\d]{2,12}[課室]$/;

function respelledCell(v: string): string {
  if (v.length >= TYPED_MIN && !/^\d{4}-\d{2}-\d{2}/.test(v)) return `${v.slice(0, 6)}ー${v.slice(6)}${TYPED}`;
  if (DEPARTMENT.test(v)) return `${v.slice(0, -1)}ｻｰﾋﾞｽ－Ｋ${v.slice(-1)}`;
  return v;
}

function respelled(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = snapshot.sheets.map((s) => ({
    ...s,
    // Sheet names are shown too (findings' places, 評価集計's 対象シート).
    name: `${s.name}ｰＳ`,
    rows: s.rows.map((row) => row?.map((v) => (typeof v === 'string' ? respelledCell(v) : v))),
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

/**
 * The input as typed (whitespace dropped), lower-cased (an English word of a template, `Programs`,
 * is not a re-spelling of a file named `kiyose-programs.xlsx`: Hyoka never changes a name's
 * case), and normalised.
 */
interface Input { texts: string; lower: string; normalised: string }

function inputOf(books: readonly { snapshot: WorkbookSnapshot; fileName: string }[]): Input {
  const parts: string[] = [];
  for (const { snapshot, fileName } of books) {
    parts.push(fileName);
    for (const s of snapshot.sheets) {
      parts.push(s.name);
      for (const row of s.rows) if (row) for (const v of row) if (v !== null) parts.push(cellText(v));
    }
  }
  const texts = parts.map(unspaced).join('\u0000');
  return { texts, lower: texts.toLowerCase(), normalised: parts.map(normalizeForMatch).join('\u0000') };
}

/** The shown text re-spells input: not there as typed, there once normalised. */
function isRespelled(shown: string, input: Input): boolean {
  const s = unspaced(shown.replace(/…$/, ''));
  const n = normalizeForMatch(s);
  if (n.length < 4 || input.texts.includes(s) || input.lower.includes(s.toLowerCase()) || COMPOSED_PATH.test(s)) return false;
  return input.normalised.includes(n);
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value instanceof Map) for (const v of value.values()) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const QUOTED = /「([^「」]+)」|"([^"]+)"/g;
/** A terminal's escapes of control characters in names (`\x0a`): how a line break is printed on one line, not a re-spelling. */
const unescaped = (text: string): string =>
  text.replace(/\\x([0-9a-f]{2})|\\u([0-9a-f]{4})/g, (_m, x: string | undefined, u: string | undefined) => String.fromCharCode(parseInt(x ?? u ?? '20', 16)));
/**
 * What a terminal report shows: every quoted value, and every piece of a line between the
 * report's own separators (columns of two or more spaces, 、, ›), where names stand unquoted.
 */
function textPieces(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(QUOTED)) out.push(unescaped(m[1] ?? m[2]));
  for (const line of text.split('\n')) for (const piece of line.split(/\s{2,}|、|›/)) if (piece.trim() !== '') out.push(unescaped(piece.trim()));
  return out;
}

function docStrings(document: SummaryDocument): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ('text' in v && typeof (v as { text: unknown }).text === 'string') out.push(docCellText(v as { text: string } as never));
      Object.values(v).forEach(walk);
    }
  };
  for (const s of document.sheets) {
    out.push(s.name);
    strings(s.blocks, out);
    walk(s.blocks);
  }
  return out;
}

/** The input text the shown one was made from (for the failure message). */
function original(shown: string, input: Input): string {
  const n = normalizeForMatch(shown.replace(/…$/, ''));
  const parts = input.texts.split('\u0000');
  return parts.find((p) => normalizeForMatch(p).includes(n)) ?? '?';
}

type Outputs = [output: string, shown: string[]][];

/**
 * The property over one run's outputs: no shown string re-spells the input, and every name
 * (program, department, policy) occurs in the input as typed. Each problem names the output,
 * the shown text and the input it was taken from.
 */
function problemsIn(label: string, outputs: Outputs, names: readonly (string | null | undefined)[], input: Input, namesShownIn = '--json'): string[] {
  const problems: string[] = [];
  for (const [output, shown] of outputs) {
    for (const s of shown) {
      if (isRespelled(s, input)) problems.push(`${label} ${output}: shows "${collapse(s).slice(0, 60)}", re-spelled from the input's "${original(s, input).slice(0, 60)}"`);
    }
  }
  for (const name of names) {
    if (typeof name !== 'string' || name.trim() === '' || COMPOSED_PATH.test(unspaced(name))) continue;
    if (!input.texts.includes(unspaced(name))) problems.push(`${label} ${namesShownIn}: name "${collapse(name).slice(0, 60)}" is in no input cell as typed (normalised: "${original(name, input).slice(0, 60)}")`);
  }
  return [...new Set(problems)];
}

// ---------------------------------------------------------------------------------------------
// check

function checkProblems(report: Report, input: Input, label: string): string[] {
  const outputs: Outputs = [
    ['--json', strings(JSON.parse(JSON.stringify(report)))],
    ['text report (ja)', textPieces(renderTextReport(report, 'ja'))],
    ['text report (en)', textPieces(renderTextReport(report, 'en'))],
    ['評価集計 sheets', docStrings(buildSummaryDocument(report, 'ja'))],
  ];
  return problemsIn(label, outputs, [...report.findings.flatMap((f) => [f.program, f.department]), ...report.policies.map((p) => p.name)], input);
}

// ---------------------------------------------------------------------------------------------
// 取りまとめ

function consolidationProblems(result: ConsolidationResult, master: string | null, input: Input, label: string): string[] {
  const outputs: Outputs = [
    ['consolidate --json', strings(toConsolidationJson(result, 'ja'))],
    ['consolidate text (ja)', textPieces(renderConsolidationText(result, master, 'ja'))],
    ['consolidate text (en)', textPieces(renderConsolidationText(result, master, 'en'))],
    ['取りまとめ workbook', docStrings(buildConsolidationDocument(result, 'ja'))],
    ['per-department workbooks', buildDepartmentDocuments(result, 'ja').flatMap((d) => [d.department, ...docStrings(d.document)])],
  ];
  const names = [
    ...result.findings.flatMap((f) => [f.program, f.department]),
    ...result.report.policies.map((p) => p.name),
    ...result.rows.flatMap((r) => [r.name, r.department, ...r.levels.map((l) => l.name)]),
    ...result.files.flatMap((f) => [f.department, ...(f.departmentNames ?? [])]),
    ...result.submissions.map((s) => s.department),
  ];
  return problemsIn(label, outputs, names, input, 'consolidate --json and 取りまとめ workbook');
}

// ---------------------------------------------------------------------------------------------
// 前年度比較

function comparisonProblems(result: ComparisonResult, previous: string, current: string, input: Input, label: string): string[] {
  const outputs: Outputs = [
    ['compare --json', strings(toComparisonJson(result, [previous], [current], true, 'ja'))],
    ['compare text (ja)', textPieces(renderComparisonText(result, previous, current, 'ja', true))],
    ['compare text (en)', textPieces(renderComparisonText(result, previous, current, 'en', true))],
    ['前年度比較 sheet', docStrings(buildComparisonDocument(result, 'ja'))],
  ];
  const programs = [...result.previous, ...result.current];
  const names = [
    ...result.findings.flatMap((f) => [f.program, f.department]),
    ...programs.flatMap((p) => [p.name, ...p.ancestors, ...p.entries.map((e) => e.entry.department)]),
  ];
  return problemsIn(label, outputs, names, input, 'compare --json and 前年度比較 sheet');
}

const oneSide = async (snapshot: WorkbookSnapshot, name: string): Promise<YearSide> => (await loadYearSide([{ name, snapshot }], { settings: defaultSettings() })).side;

// ---------------------------------------------------------------------------------------------

/** One generated workbook, built once and shared by the three runs. */
interface Book { id: string; plan: PlanId; fileName: string; snapshot: WorkbookSnapshot; lastYearSheet: boolean }

describe('shown as typed', () => {
  let books: Book[] = [];
  beforeAll(() => {
    const { plans, defective } = planSet();
    const variants = buildVariants(plans, Object.fromEntries(PLAN_IDS.map((id) => [id, defective[id].defects.flatMap((d) => (d.key ? [d.key] : []))])));
    books = variants
      .filter((_v, i) => i % 12 === 0)
      .map((v) => {
        const rendered = renderPlan(v.defective ? defective[v.plan].plan : plans[v.plan], v.spec);
        return { id: v.id, plan: v.plan, fileName: rendered.fileName, snapshot: respelled(snapshotOf(rendered.workbook)), lastYearSheet: v.spec.lastYearSheet !== undefined };
      });
  });

  test('check: generated workbooks with names that normalisation would fold', () => {
    expect(books.length).toBeGreaterThanOrEqual(80);
    const problems: string[] = [];
    for (const b of books) {
      const { report } = checkWorkbook(b.snapshot, { fileName: b.fileName });
      problems.push(...checkProblems(report, inputOf([b]), b.id));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  /** Department folders: three generated workbooks of one plan each, under file names that fold too. */
  function departmentSets(): { label: string; inputs: ConsolidationInput[]; books: { snapshot: WorkbookSnapshot; fileName: string }[] }[] {
    const sets = [];
    for (const plan of PLAN_IDS) {
      const own = books.filter((b) => b.plan === plan);
      for (let i = 0; i + 2 < own.length && i < 9; i += 3) {
        const members = own.slice(i, i + 3).map((b, k) => ({ snapshot: b.snapshot, fileName: `${k}_ｻｰﾋﾞｽ－${b.fileName}` }));
        sets.push({ label: own.slice(i, i + 3).map((b) => b.id).join('+'), inputs: members.map((m) => ({ name: m.fileName, snapshot: m.snapshot })), books: members });
      }
    }
    return sets;
  }

  test('取りまとめ: department folders of generated workbooks', async () => {
    const sets = departmentSets();
    expect(sets.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    for (const set of sets) {
      const result = await consolidate(set.inputs);
      problems.push(...consolidationProblems(result, null, inputOf(set.books), set.label));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  test('前年度比較: generated workbooks as last year and this year, one book of both years, and folders', async () => {
    const problems: string[] = [];
    let runs = 0;
    for (const plan of PLAN_IDS) {
      const own = books.filter((b) => b.plan === plan);
      // Two layouts of one plan as two years (the same year twice is reported, and still compared).
      for (let i = 0; i + 1 < own.length && i < 6; i += 2) {
        const [a, b] = [own[i], own[i + 1]];
        const previousName = `前年_${a.fileName}`;
        const result = compareYears(await oneSide(a.snapshot, previousName), await oneSide(b.snapshot, b.fileName));
        problems.push(...comparisonProblems(result, previousName, b.fileName, inputOf([{ snapshot: a.snapshot, fileName: previousName }, b]), `${a.id}→${b.id}`));
        runs++;
      }
    }
    // One workbook holding last year's sheet beside this year's.
    for (const b of books.filter((x) => x.lastYearSheet)) {
      const sides = yearSidesOfOneBook(b.snapshot, b.fileName, defaultSettings());
      if (!sides) continue;
      const result = compareYears(sides.previous, sides.current);
      problems.push(...comparisonProblems(result, b.fileName, b.fileName, inputOf([b]), `${b.id} (one book)`));
      runs++;
    }
    // Two folders of department workbooks.
    const sets = departmentSets();
    for (let i = 0; i + 1 < sets.length && i < 4; i += 2) {
      const [a, b] = [sets[i], sets[i + 1]];
      const previous = (await loadYearSide(a.inputs, { settings: defaultSettings() })).side;
      const current = (await loadYearSide(b.inputs, { settings: defaultSettings() })).side;
      problems.push(...comparisonProblems(compareYears(previous, current), 'previous', 'current', inputOf([...a.books, ...b.books]), `${a.label} → ${b.label}`));
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(15);
    expect(problems.slice(0, 20)).toEqual([]);
  });

  describe('samples', () => {
    const dir = join(__dirname, '../../samples');
    const samples = readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
    const read = async (path: string, name: string): Promise<WorkbookSnapshot> => readWorkbook(new Uint8Array(readFileSync(path)), name);

    test.each(samples.map((f) => [f]))('check %s', async (file) => {
      const snapshot = await read(join(dir, file), file);
      const { report } = checkWorkbook(snapshot, { fileName: file });
      expect(checkProblems(report, inputOf([{ snapshot, fileName: file }]), file)).toEqual([]);
    });

    /** The samples as typed, and with the characters normalisation folds typed into their names and departments. */
    const forms: [string, (s: WorkbookSnapshot) => WorkbookSnapshot][] = [['as typed', (s) => s], ['respelled', respelled]];
    const departmentsDir = join(dir, 'departments');
    const masterFile = '計画体系.xlsx';
    /** samples/departments: every readable workbook but the master (公民館.xlsx is corrupt on purpose). */
    async function departmentBooks(form: (s: WorkbookSnapshot) => WorkbookSnapshot): Promise<{ snapshot: WorkbookSnapshot; fileName: string }[]> {
      const books: { snapshot: WorkbookSnapshot; fileName: string }[] = [];
      for (const name of readdirSync(departmentsDir).filter((f) => f.endsWith('.xlsx') && f !== masterFile).sort()) {
        try {
          books.push({ snapshot: form(await read(join(departmentsDir, name), name)), fileName: name });
        } catch {
          // the corrupt one: handed in as unreadable below
        }
      }
      return books;
    }

    test.each(forms)('取りまとめ: samples/departments with its plan master, and the samples together (%s)', async (form, change) => {
      const master = change(await read(join(departmentsDir, masterFile), masterFile));
      const books = await departmentBooks(change);
      const inputs: ConsolidationInput[] = books.map((b) => ({ name: b.fileName, snapshot: b.snapshot }));
      inputs.push({ name: '公民館.xlsx', snapshot: { unreadable: 'corrupt' } });
      const result = await consolidate(inputs, { master, masterName: masterFile });
      const input = inputOf([...books, { snapshot: master, fileName: masterFile }, { snapshot: { sheets: [] }, fileName: '公民館.xlsx' }]);
      expect(consolidationProblems(result, masterFile, input, `samples/departments (${form})`)).toEqual([]);

      const all = await Promise.all(samples.map(async (f) => ({ snapshot: change(await read(join(dir, f), f)), fileName: f })));
      const together = await consolidate(all.map((b) => ({ name: b.fileName, snapshot: b.snapshot })));
      expect(consolidationProblems(together, null, inputOf(all), `samples/*.xlsx (${form})`)).toEqual([]);
    });

    test.each(forms)('前年度比較: koganei 2019 → 2020, the multi-year book, and the department folder (%s)', async (form, change) => {
      const previousFile = 'koganei-departments-2019.xlsx';
      const currentFile = 'koganei-departments.xlsx';
      const previous = change(await read(join(dir, previousFile), previousFile));
      const current = change(await read(join(dir, currentFile), currentFile));
      const both = inputOf([{ snapshot: previous, fileName: previousFile }, { snapshot: current, fileName: currentFile }]);
      const result = compareYears(await oneSide(previous, previousFile), await oneSide(current, currentFile));
      expect(comparisonProblems(result, previousFile, currentFile, both, `${previousFile} → ${currentFile} (${form})`)).toEqual([]);

      for (const f of samples) {
        const snapshot = change(await read(join(dir, f), f));
        const sides = yearSidesOfOneBook(snapshot, f, defaultSettings());
        if (sides) expect(comparisonProblems(compareYears(sides.previous, sides.current), f, f, inputOf([{ snapshot, fileName: f }]), `${f} (one book, ${form})`)).toEqual([]);
      }

      const books = await departmentBooks(change);
      const folder = (await loadYearSide(books.map((b) => ({ name: b.fileName, snapshot: b.snapshot })), { settings: defaultSettings() })).side;
      const folderResult = compareYears(await oneSide(previous, previousFile), folder);
      expect(comparisonProblems(folderResult, previousFile, 'departments', inputOf([{ snapshot: previous, fileName: previousFile }, ...books]), `departments folder (${form})`)).toEqual([]);
    });
  });

  test('the property fails when a normalised copy is shown', () => {
    const snapshot: WorkbookSnapshot = { sheets: [{ name: 's', visibility: 'visible', rows: [['適切なサービス利用につながる仕組み', '福祉ｻｰﾋﾞｽ課']], merges: [] }] };
    const input = inputOf([{ snapshot, fileName: 'x.xlsx' }]);
    expect(isRespelled('適切なサ-ビス利用につながる仕組み', input)).toBe(true);
    expect(isRespelled('適切なサービス利用につながる仕組み', input)).toBe(false);
    // in a terminal line, between its columns
    expect(textPieces('  福祉サービス課    提出済み').some((p) => isRespelled(p, input))).toBe(true);
    expect(textPieces('  福祉ｻｰﾋﾞｽ課    提出済み').some((p) => isRespelled(p, input))).toBe(false);
    expect(problemsIn('x', [], ['福祉サ-ビス課'], input)).toHaveLength(1);
  });
});
