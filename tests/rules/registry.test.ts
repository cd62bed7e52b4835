import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { RULES } from '../../src/core';
import { RULE_SEVERITIES } from './rule-tester';

/** The thirteen rules and severities users' settings and documentation rely on. */
const FIXED: Record<string, string> = {
  'grade-missing': 'error',
  'grade-invalid': 'error',
  'grade-nonstandard': 'warning',
  'repost-mismatch': 'error',
  'repost-unmatched': 'warning',
  'summary-count-mismatch': 'error',
  'policy-grade-mismatch': 'warning',
  'year-missing': 'error',
  'previous-grade-missing': 'warning',
  'grade-jump': 'warning',
  'achievement-grade-mismatch': 'warning',
  'next-policy-invalid': 'error',
  'layout-uncertain': 'info',
};

describe('rule registry', () => {
  test('rule ids are unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  test.each(Object.entries(FIXED))('%s is registered with severity %s', (id, severity) => {
    expect(RULES.find((r) => r.id === id)?.severity).toBe(severity);
  });

  test('every registered rule is in the tester’s severity table, with the severity it declares', () => {
    const table: Record<string, string> = RULE_SEVERITIES;
    for (const rule of RULES) expect([rule.id, table[rule.id]]).toEqual([rule.id, rule.severity]);
    expect(Object.keys(table).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  test.each(RULES.map((r) => [r.id, r] as const))('%s has a Japanese and an English description', (_id, rule) => {
    expect(rule.description.ja.trim()).not.toBe('');
    expect(rule.description.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(rule.description.en.trim()).not.toBe('');
    expect(rule.description.en).toMatch(/^[A-Z]/);
  });

  test.each(RULES.map((r) => r.id))('%s has a test file of the same name', (id) => {
    expect(existsSync(join(__dirname, `${id}.test.ts`))).toBe(true);
  });
});
