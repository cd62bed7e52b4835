/**
 * The profiles the docs show are valid settings: every JSON block of README.md and docs/*.md
 * that holds settings keys (corrections, thresholds, rules …) parses with the one schema, so a
 * changed schema cannot leave an example behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSettings } from '../../src/core';

const ROOT = join(__dirname, '..', '..');
const FILES = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))];
const SETTINGS_KEYS = ['corrections', 'thresholds', 'reportYear', 'nextPolicyVocabulary'];

const blocks = FILES.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((text) => SETTINGS_KEYS.some((k) => text.includes(`"${k}"`)) && !text.includes('"schemaVersion"') && !text.includes('"findings"'))
    .map((text) => [relative(ROOT, file), text] as const),
);

test('the docs show profiles', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(2);
});

test.each(blocks)('%s: the profile parses', (_file, text) => {
  const parsed = parseSettings(JSON.parse(text));
  expect(parsed.ok ? [] : parsed.problems).toEqual([]);
});
