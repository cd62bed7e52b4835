import type { Lang } from '../core/report';
import { ruleById } from '../core/rules/registry';

/**
 * A rule's name for people (「前年度評価の食い違い」), wherever a person reads it — never its id:
 * the rule module's own title (the registry's, interfaces §6). The one place the renderers look
 * rule titles up; the id only for a rule the registry does not know.
 */
export function ruleTitle(rule: string, lang: Lang): string {
  return ruleById(rule)?.title[lang] ?? rule;
}
