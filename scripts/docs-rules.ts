/**
 * `npm run docs:rules`: writes docs/rules.md from the rule registry. tests/docs/rules-doc.test.ts
 * fails when the committed file differs, so a new or changed rule reaches the docs with it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesMarkdown } from '../src/render/rule-reference';

const target = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(target, renderRulesMarkdown());
console.log(`wrote ${target}`);
