/**
 * The RuleTester for 前年度比較 rules: a case is a pair of years (rows and a template each),
 * written as workbooks, read back and compared; `valid` cases must give no finding of the
 * rule, `invalid` ones exactly the listed findings, in report order, in both languages.
 */
import type { Severity } from '../../src/core';
import type { ComparisonFinding } from '../../src/core/compare';
import { describe as describeFinding } from '../../src/render/describe';
import { comparePair, type YearSpec } from './pairs';

/** Every comparison rule and its severity: part of the contract with users' settings. */
export const COMPARISON_SEVERITIES = {
  'year-not-consecutive': 'error',
  'previous-grade-conflict': 'error',
  'program-vanished': 'warning',
  'abolished-still-reported': 'warning',
  'new-program-unmarked': 'warning',
  'new-mark-stale': 'warning',
  'text-unchanged': 'info',
  'program-match-ambiguous': 'info',
} as const satisfies Record<string, Severity>;

export type ComparisonRuleId = keyof typeof COMPARISON_SEVERITIES;

export interface PairCase {
  name: string;
  previous: YearSpec;
  current: YearSpec;
}

export interface ExpectedComparison {
  sheet: string | null;
  cell: string | null;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** Which of the rule's messages (checked when given). */
  messageId?: string;
  program?: string;
  department?: string;
  /** Params the finding must carry (a subset). */
  params?: Record<string, unknown>;
  message: { ja: string[]; en: string[] };
}

export interface InvalidPairCase extends PairCase {
  errors: ExpectedComparison[];
}

async function findingsOf(rule: ComparisonRuleId, c: PairCase): Promise<ComparisonFinding[]> {
  const result = await comparePair(c.previous, c.current);
  return result.findings.filter((f) => f.rule === rule);
}

export function runPairTests(rule: ComparisonRuleId, cases: { valid: PairCase[]; invalid: InvalidPairCase[] }): void {
  describe(`${rule}: valid`, () => {
    test.each(cases.valid.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      expect(await findingsOf(rule, c)).toEqual([]);
    });
  });
  describe(`${rule}: invalid`, () => {
    test.each(cases.invalid.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      expect(c.errors.length).toBeGreaterThan(0);
      // Findings are data; the sentences are rendered from the rule's messages in each language.
      const found = await findingsOf(rule, c);
      const ja = found.map((f) => ({ ...f, message: describeFinding(f, 'ja') }));
      const en = found.map((f) => ({ ...f, message: describeFinding(f, 'en') }));
      const expected = c.errors.map((e) => ({ rule, severity: e.severity ?? COMPARISON_SEVERITIES[rule], sheet: e.sheet, cell: e.cell }));
      const position = (f: ComparisonFinding & { message: string }): Record<string, unknown> => ({ rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell });
      expect(ja.map(position)).toEqual(expected);
      expect(en.map(position)).toEqual(expected);
      c.errors.forEach((e, i) => {
        for (const t of e.message.ja) expect(ja[i].message).toContain(t);
        for (const t of e.message.en) expect(en[i].message).toContain(t);
        expect(ja[i].message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        expect(en[i].message).toMatch(/^[\x20-\x7e]/);
        if (e.program !== undefined) expect(ja[i].program).toBe(e.program);
        if (e.department !== undefined) expect(ja[i].department).toBe(e.department);
        if (e.params) expect(ja[i].params).toMatchObject(e.params);
        if (e.messageId) expect(ja[i].messageId).toBe(e.messageId);
        expect(en[i].params).toEqual(ja[i].params);
      });
    });
  });
}
