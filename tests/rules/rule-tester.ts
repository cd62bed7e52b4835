/**
 * A RuleTester in the spirit of ESLint's: each rule's test file lists `valid` cases (must not
 * produce a finding of the rule) and `invalid` cases (must produce exactly the listed findings).
 *
 * A case starts from a seed fixture workbook (or one built by hand), applies cell edits to the
 * ExcelJS workbook, writes it with toBuffer and reads it back with readWorkbook — the path a
 * user's file takes — then runs checkWorkbook and keeps the findings of the rule under test.
 */
import ExcelJS from 'exceljs';

import { ALL_RULES, checkWorkbook, type CheckResult, type DefinedRule, type Finding, type Lang, type Problem, type Severity } from '../../src/core';
import { describe as describeFinding } from '../../src/render/describe';
import { SettingsSchema, type SettingsInput } from '../../src/core/settings';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer, type FixtureEntry, type FixtureIndex, type SeedLayout } from '../fixtures/workbooks';

/** Every rule and its severity: ids and severities are part of the contract with users' settings. */
export const RULE_SEVERITIES = {
  'grade-missing': 'error',
  'grade-invalid': 'error',
  'grade-nonstandard': 'warning',
  // added after the first thirteen: a grade typed into a neighbouring column
  'grade-misplaced': 'warning',
  'repost-mismatch': 'error',
  'repost-unmatched': 'warning',
  'summary-count-mismatch': 'error',
  'policy-grade-mismatch': 'warning',
  'year-missing': 'error',
  'previous-grade-missing': 'warning',
  'grade-jump': 'warning',
  'achievement-grade-mismatch': 'warning',
  // added after the first thirteen: a 達成度 outside 0–100 %
  'achievement-invalid': 'warning',
  'next-policy-invalid': 'error',
  'layout-uncertain': 'info',
  'reading-doubt': 'warning',
  // added after the first thirteen: a workbook where no sheet could be checked
  'nothing-checked': 'warning',
  // added with the one correction shape: a saved correction that matched no table
  'correction-unmatched': 'warning',
  // added with the one reader: a sheet whose part is missing from the file
  'sheet-unreadable': 'error',
  // added with the open scale (#20): an Excel error value in a grade cell; formulas without results
  'grade-error-value': 'error',
  'grade-unverified': 'warning',
  // added with years as rows: two records of one program-year with different grades
  'record-conflict': 'error',
  // added with #23: a stated report year (--year) none of the workbook's years
  'report-year-not-in-workbook': 'warning',
} as const satisfies Record<string, Severity>;

/** The consolidation rules, in the same id space (the registry refuses a duplicate id). */
export const CONSOLIDATION_RULE_SEVERITIES = {
  'file-unreadable': 'error',
  // was `year-missing` until check and consolidation rules shared one registry
  'workbook-year-missing': 'error',
  'year-mismatch': 'error',
  'duplicate-program': 'error',
  'program-unknown': 'warning',
  'program-unreported': 'error',
  'department-missing': 'error',
  'department-name-differs': 'info',
  'whole-plan-workbook': 'warning',
  // added with the open scale (#20): departments of one plan on different scales
  'scale-mixed': 'warning',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULE_SEVERITIES;

// ---------------------------------------------------------------------------------------------
// Cell edits

/** A value to write: text, a number, nothing, or a number shown with a format (`{ percent: 1 }` is 100 %). */
export type EditValue = string | number | null | { percent: number } | { number: number; numFmt: string };

export interface CellEdit {
  sheet: string;
  /** A1 address */
  cell: string;
  value: EditValue;
}

export interface CellRef {
  sheet: string;
  cell: string;
  /** 1-based */
  row: number;
}

export function set(at: { sheet: string; cell: string }, value: EditValue): CellEdit {
  return { sheet: at.sheet, cell: at.cell, value };
}

/** Blanks every cell of the given columns from `fromRow` to `toRow` (1-based, inclusive). */
export function blankColumns(sheet: string, columns: string[], fromRow: number, toRow: number): CellEdit[] {
  const out: CellEdit[] = [];
  for (let r = fromRow; r <= toRow; r++) for (const c of columns) out.push({ sheet, cell: `${c}${r}`, value: null });
  return out;
}

function applyEdit(wb: ExcelJS.Workbook, edit: CellEdit): void {
  const ws = wb.getWorksheet(edit.sheet);
  if (!ws) throw new Error(`rule-tester: no sheet ${edit.sheet}`);
  const cell = ws.getCell(edit.cell);
  const v = edit.value;
  if (v !== null && typeof v === 'object') {
    if ('percent' in v) {
      cell.value = v.percent;
      cell.numFmt = '0%';
    } else {
      cell.value = v.number;
      cell.numFmt = v.numFmt;
    }
    return;
  }
  cell.value = v;
}

// ---------------------------------------------------------------------------------------------
// Where things are in the seed fixtures

export interface SeedMap {
  index: FixtureIndex;
  entry(key: string): FixtureEntry;
  /** The cell of a role (`grade`, `previousGrade`, `nextPolicy`, `name` …) on an entry's row. */
  cell(key: string, role: string): CellRef;
  /** A per-year cell of a multi-year entry. */
  yearCell(key: string, year: number, part: 'status' | 'evaluation' | 'achievement'): CellRef;
  /** The three cells of a year block, blanked. */
  blankYear(key: string, year: number): CellEdit[];
}

const seedMaps = new Map<SeedLayout, SeedMap>();

export function seed(layout: SeedLayout): SeedMap {
  const cached = seedMaps.get(layout);
  if (cached) return cached;
  const { index } = buildSeedWorkbook(layout);
  const entry = (key: string): FixtureEntry => {
    const e = index.entries.find((x) => x.key === key);
    if (!e) throw new Error(`rule-tester: no fixture entry ${key}`);
    return e;
  };
  const map: SeedMap = {
    index,
    entry,
    cell(key, role) {
      const e = entry(key);
      const col = index.columns[e.sheet]?.[role];
      if (!col) throw new Error(`rule-tester: no column ${role} on ${e.sheet}`);
      return { sheet: e.sheet, cell: `${col}${e.row}`, row: e.row };
    },
    yearCell(key, year, part) {
      const e = entry(key);
      const col = index.yearColumns?.[e.sheet]?.[year]?.[part];
      if (!col) throw new Error(`rule-tester: no ${part} column for ${year} on ${e.sheet}`);
      return { sheet: e.sheet, cell: `${col}${e.row}`, row: e.row };
    },
    blankYear(key, year) {
      return (['status', 'evaluation', 'achievement'] as const).map((part) => set(map.yearCell(key, year, part), null));
    },
  };
  seedMaps.set(layout, map);
  return map;
}

// ---------------------------------------------------------------------------------------------
// Running a case

export interface CaseInput {
  /** What the case shows, in a reviewer's words. */
  name: string;
  /** Start from this seed fixture (clean: no sample defects unless asked) … */
  layout?: SeedLayout;
  withSampleDefects?: boolean;
  /** … or from a workbook built in the test. */
  build?: () => ExcelJS.Workbook;
  edits?: CellEdit[];
  settings?: SettingsInput;
}

export interface Checked {
  result: CheckResult;
  /** Every finding, of every rule. */
  all: Finding[];
  of(rule: RuleId): Finding[];
}

function startingWorkbook(input: CaseInput): ExcelJS.Workbook {
  if (input.build) return input.build();
  if (!input.layout) throw new Error(`rule-tester: case "${input.name}" needs a layout or a build`);
  return buildSeedWorkbook(input.layout, { withSampleDefects: input.withSampleDefects }).workbook;
}

/** Builds, edits, writes, reads back and checks (the engine takes no language). */
export async function check(input: CaseInput): Promise<Checked> {
  const wb = startingWorkbook(input);
  for (const e of input.edits ?? []) applyEdit(wb, e);
  const snapshot = await readWorkbook(await toBuffer(wb), 'case.xlsx');
  const settings = SettingsSchema.parse(input.settings ?? {});
  const result = checkWorkbook(snapshot, { settings });
  const all = result.report.findings;
  for (const f of all) expectFindingData(f);
  return { result, all, of: (rule) => all.filter((f) => f.rule === rule) };
}

/** The finding's sentence, as every renderer shows it. */
export function sentence(f: Pick<Finding, 'rule' | 'messageId' | 'params'>, lang: Lang): string {
  return describeFinding(f, lang);
}

/** Any finding: a registered rule, one of its messageIds, JSON-safe params, a sentence in each language. */
export function expectFindingData(f: Pick<Finding, 'rule' | 'severity' | 'messageId' | 'params'>): void {
  const rule = ALL_RULES.find((r) => r.id === f.rule) as DefinedRule<unknown> | undefined;
  expect(rule).toBeDefined();
  expect(rule?.severity).toBe(f.severity);
  expect(rule?.messageIds).toContain(f.messageId);
  expect(JSON.parse(JSON.stringify(f.params))).toEqual(f.params);
  expect(sentence(f, 'ja')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  // English sentences may start with a quoted Japanese name, but they are written in English.
  expect(sentence(f, 'en')).toMatch(/[a-z]{3,} [a-z]{2,}/);
}

// ---------------------------------------------------------------------------------------------
// valid / invalid tables

export interface ValidCase extends CaseInput {
  /**
   * 'none' (default): the rule must find nothing at all. 'unedited': the edits must not change
   * the rule's findings from those of the same workbook without them (for fixtures whose real
   * data already carries findings of the rule, e.g. Koganei's real grade jumps).
   */
  baseline?: 'none' | 'unedited';
}

type TextCheck = string | RegExp;

export interface ExpectedFinding {
  sheet: string | null;
  cell: string | null;
  row: number | null;
  /** Western fiscal year; leave out when the finding has none. */
  year?: number;
  department?: string;
  program?: string;
  /** The rule's message this finding uses (checked when given). */
  messageId?: string;
  /** Params the finding must carry (a subset: other params may be there too). */
  params?: Record<string, unknown>;
  /** Fragments the message must contain, in each language. */
  message: { ja: TextCheck[]; en: TextCheck[] };
}

export interface InvalidCase extends CaseInput {
  /** Exactly these findings of the rule, in report order. */
  errors: ExpectedFinding[];
}

function position(f: Finding): Record<string, unknown> {
  const p: Record<string, unknown> = { rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, row: f.row };
  if (f.year !== undefined) p.year = f.year;
  return p;
}

function expectText(message: string, checks: TextCheck[]): void {
  for (const c of checks) {
    if (typeof c === 'string') expect(message).toContain(c);
    else expect(message).toMatch(c);
  }
}

/** Checks an invalid case's findings: positions, data, and the sentences in Japanese and English. */
export async function expectFindings(rule: RuleId, c: InvalidCase): Promise<Checked> {
  const checked = await check(c);
  const severity = RULE_SEVERITIES[rule];
  const expected = c.errors.map((e) => {
    const p: Record<string, unknown> = { rule, severity, sheet: e.sheet, cell: e.cell, row: e.row };
    if (e.year !== undefined) p.year = e.year;
    return p;
  });
  const found = checked.of(rule);
  expect(found.map(position)).toEqual(expected);
  c.errors.forEach((e, i) => {
    const f = found[i];
    if (e.messageId !== undefined) expect(f.messageId).toBe(e.messageId);
    if (e.params !== undefined) expect(f.params).toMatchObject(e.params);
    const ja = sentence(f, 'ja');
    const en = sentence(f, 'en');
    expectText(ja, e.message.ja);
    expectText(en, e.message.en);
    // Japanese messages are Japanese; English ones are not.
    expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(en).toMatch(/^[\x20-\x7e]/);
    if (e.department !== undefined) expect(f.department).toBe(e.department);
    if (e.program !== undefined) expect(f.program).toBe(e.program);
  });
  return checked;
}

export async function expectNoFindings(rule: RuleId, c: ValidCase): Promise<void> {
  const { of } = await check(c);
  if ((c.baseline ?? 'none') === 'none') {
    expect(of(rule)).toEqual([]);
    return;
  }
  const unedited = await check({ ...c, edits: [] });
  expect(of(rule)).toEqual(unedited.of(rule));
}

/** Declares the jest tests of one rule from its valid and invalid tables. */
export function runRuleTests(rule: RuleId, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule}: valid`, () => {
    test.each(cases.valid.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await expectNoFindings(rule, c);
    });
  });
  describe(`${rule}: invalid`, () => {
    test.each(cases.invalid.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      expect(c.errors.length).toBeGreaterThan(0);
      await expectFindings(rule, c);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Rules that read a hand-built context (consolidation rules)

export interface ReportedProblem extends Problem {
  rule: string;
  /** The sentences describe() gives for it. */
  ja: string;
  en: string;
}

/** Runs one rule on a context, checks every problem's data, and renders its sentences. */
export function problems<C>(rule: DefinedRule<C>, context: C): ReportedProblem[] {
  return rule.run(context).map((p) => {
    const f = { rule: rule.id, severity: rule.severity, messageId: p.messageId, params: p.params };
    expectFindingData(f);
    return { ...p, rule: rule.id, ja: sentence(f, 'ja'), en: sentence(f, 'en') };
  });
}
