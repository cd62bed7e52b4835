/** `hyoka rules [--json]`: every rule from the one registry, in both languages. */
import { ALL_RULES, RULE_KINDS } from '../../src/core';
import { main } from '../../src/cli/main';
import { captureIo } from './capture-io';

test('--json lists every rule of the registry: id, kind, severity, title and what it checks', async () => {
  const io = captureIo();
  expect(await main(['rules', '--json'], io)).toBe(0);
  const doc = JSON.parse(io.out) as { rules: { id: string; kind: string; severity: string; title: { ja: string; en: string }; description: { ja: string; en: string }; messageSeverity?: Record<string, string> }[] };
  expect(doc.rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
  for (const r of doc.rules) {
    const rule = ALL_RULES.find((x) => x.id === r.id)!;
    expect(r).toMatchObject({ kind: rule.kind, severity: rule.severity, title: rule.title, description: rule.description });
  }
  expect(new Set(doc.rules.map((r) => r.kind))).toEqual(new Set(RULE_KINDS));
  // A message weaker than its rule is listed as such.
  expect(doc.rules.find((r) => r.id === 'program-vanished')?.messageSeverity).toEqual({ unplanned: 'info' });
});

test('the text list is grouped by kind, in the language asked for', async () => {
  const ja = captureIo();
  expect(await main(['rules'], ja)).toBe(0);
  expect(ja.out).toContain('■ 点検（hyoka check）');
  expect(ja.out).toMatch(/grade-missing +エラー {2}評価の記入漏れ/);
  expect(ja.out).toMatch(/grade-jump +警告　 {2}評価の大きな変動/);
  expect(ja.out).toContain('■ 前年度比較（hyoka compare）');
  const en = captureIo();
  expect(await main(['rules', '--lang', 'en'], en)).toBe(0);
  expect(en.out).toMatch(/grade-missing +error {4}Grade missing/);
  expect(en.out).toContain('■ Consolidation (hyoka consolidate)');
  for (const r of ALL_RULES) expect(en.out).toContain(r.description.en);
});

test('--help, and a wrong option is refused with the help', async () => {
  const help = captureIo();
  expect(await main(['rules', '--help', '--lang', 'en'], help)).toBe(0);
  expect(help.out).toContain('Usage: hyoka rules [--json]');
  const bad = captureIo();
  expect(await main(['rules', '--yaml'], bad)).toBe(2);
  expect(bad.err).toContain('使い方: hyoka rules');
});
