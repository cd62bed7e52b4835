/**
 * docs/rules.md is generated from the one rule registry (`npm run docs:rules`): the committed
 * file must be what the registry generates now, so a new or changed rule cannot leave it behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../src/core';
import { renderRulesMarkdown } from '../../src/render/rule-reference';

test('docs/rules.md is what the registry generates (run `npm run docs:rules` after changing a rule)', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
  expect(committed).toBe(renderRulesMarkdown());
});

test('it lists every rule of the registry once, with its severity', () => {
  const doc = renderRulesMarkdown();
  for (const r of ALL_RULES) {
    const rows = doc.split('\n').filter((l) => l.startsWith(`| \`${r.id}\` |`));
    expect([r.id, rows.length]).toEqual([r.id, 1]);
    expect(rows[0]).toContain(`| ${r.severity}`);
  }
});
