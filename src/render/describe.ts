import type { Finding, Lang } from '../core/report';
import { ruleById } from '../core/rules/registry';

/**
 * The sentence of a finding in the user's language, built from its rule's message table and
 * the finding's params. Every renderer (terminal, --json, 点検結果, the pane) calls this; the
 * engine itself never holds a sentence.
 */
export function describe(finding: Pick<Finding, 'rule' | 'messageId' | 'params'>, lang: Lang): string {
  const rule = ruleById(finding.rule);
  if (!rule) throw new Error(`unknown rule: ${finding.rule}`);
  return rule.render(finding.messageId, finding.params as Record<string, unknown>, lang);
}

