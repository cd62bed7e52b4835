import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { ALL_RULES, COMPARISON_RULES, CONSOLIDATION_RULES, REGISTRY, RULES, ruleById } from '../../src/core';
import { registryOf } from '../../src/core/rules/registry';
import { COMPARISON_SEVERITIES } from '../compare/pair-tester';
import { defineRule, uniqueRules } from '../../src/core/rules/rule';
import { describe as describeFinding } from '../../src/render/describe';
import { CONSOLIDATION_RULE_SEVERITIES, RULE_SEVERITIES } from './rule-tester';

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
  'reading-doubt': 'warning',
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

describe('one registry for check, consolidation and 前年度比較 rules', () => {
  test('every rule of every kind is in it, once, with its declared severity', () => {
    const table: Record<string, string> = { ...RULE_SEVERITIES, ...CONSOLIDATION_RULE_SEVERITIES, ...COMPARISON_SEVERITIES };
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual(Object.keys(table).sort());
    for (const r of ALL_RULES) expect([r.id, r.severity]).toEqual([r.id, table[r.id]]);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(RULES.length + CONSOLIDATION_RULES.length + COMPARISON_RULES.length);
  });

  test('`year-missing` is the check rule only; the workbook-level one is `workbook-year-missing`', () => {
    expect(RULES.map((r) => r.id)).toContain('year-missing');
    expect(CONSOLIDATION_RULES.map((r) => r.id)).toEqual(expect.arrayContaining(['workbook-year-missing']));
    expect(CONSOLIDATION_RULES.map((r) => r.id)).not.toContain('year-missing');
  });

  test('a duplicate id throws when the registry is built', () => {
    const rule = (id: string) =>
      defineRule<null, { m: Record<string, never> }>({ id, kind: 'check', severity: 'info', title: { ja: '題', en: 'Title' }, description: { ja: '説明', en: 'Description' }, messages: { m: { ja: () => 'あ', en: () => 'a' } }, check: () => undefined });
    expect(() => uniqueRules([rule('a'), rule('b')])).not.toThrow();
    expect(() => uniqueRules([rule('a'), rule('b'), rule('a')])).toThrow('duplicate rule id: a');
    expect(() => uniqueRules([...ALL_RULES, rule('grade-jump')])).toThrow('duplicate rule id: grade-jump');
  });

  test('each rule module sits with its kind, and each kind’s list is the registry’s, in its order', () => {
    expect(RULES.every((r) => r.kind === 'check')).toBe(true);
    expect(CONSOLIDATION_RULES.every((r) => r.kind === 'consolidate')).toBe(true);
    expect(COMPARISON_RULES.every((r) => r.kind === 'compare')).toBe(true);
    expect([...REGISTRY.keys()]).toEqual(ALL_RULES.map((r) => r.id));
    for (const r of ALL_RULES) expect(ruleById(r.id)).toBe(r);
    expect(ruleById('no-such-rule')).toBeUndefined();
  });

  test('registryOf throws on a duplicate id', () => {
    expect(() => registryOf([...ALL_RULES, ALL_RULES[3]])).toThrow(`duplicate rule id: ${ALL_RULES[3].id}`);
  });

  test.each(ALL_RULES.map((r) => [r.id, r] as const))('%s has a short title in Japanese and English', (_id, rule) => {
    expect(rule.title.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(rule.title.en).toMatch(/^[A-Z0-9【再]/);
    for (const t of [rule.title.ja, rule.title.en]) expect(t.length).toBeLessThanOrEqual(45);
  });

  test.each([...RULES, ...CONSOLIDATION_RULES, ...COMPARISON_RULES].map((r) => [r.id, r] as const))('%s declares its messages in both languages', (_id, rule) => {
    expect(rule.messageIds.length).toBeGreaterThan(0);
    expect(() => describeFinding({ rule: rule.id, messageId: 'no-such-message', params: {} }, 'ja')).toThrow(`rule ${rule.id} has no message no-such-message`);
  });
});
