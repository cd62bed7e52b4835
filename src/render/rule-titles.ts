import { COMPARISON_RULES } from '../core/compare/rules/registry';
import { CONSOLIDATION_RULES } from '../core/consolidate/rules/registry';
import type { Lang } from '../core/report';
import { RULES } from '../core/rules/registry';
import { RULE_TITLES_JA } from '../i18n/report';

type Titled = { id: string; title?: { ja: string; en: string } };

let byId: Map<string, Titled> | null = null;

/**
 * A rule's name for people (「前年度評価の食い違い」), wherever a person reads it — never its id.
 * The one place rule titles are looked up: each rule module's own `title` (the registry's,
 * interfaces §6) where it has one, else the Japanese names kept in i18n/report.ts; the id only
 * for an English reader of a rule that has no title yet.
 */
export function ruleTitle(rule: string, lang: Lang): string {
  byId ??= new Map([...RULES, ...CONSOLIDATION_RULES, ...COMPARISON_RULES].map((r) => [r.id, r as unknown as Titled]));
  const own = byId.get(rule)?.title?.[lang];
  if (own) return own;
  if (lang === 'ja') return RULE_TITLES_JA[rule] ?? rule;
  return rule;
}
