import type { Lang, Severity } from '../core/report';
import { ALL_RULES } from '../core/rules/registry';
import { RULE_KINDS, type RuleKind } from '../core/rules/rule';

/**
 * The rule reference, read from the one registry: `hyoka rules` prints it, `hyoka rules --json`
 * gives it as data, and docs/rules.md is generated from it (`npm run docs:rules`; a test fails
 * when the committed file differs).
 */
export interface RuleReference {
  id: string;
  kind: RuleKind;
  severity: Severity;
  /** Messages weaker than the rule (program-vanished's `unplanned` is info). */
  messageSeverity?: Record<string, Severity>;
  title: Record<Lang, string>;
  /** What it checks. */
  description: Record<Lang, string>;
  messageIds: string[];
}

export function ruleReference(): RuleReference[] {
  return ALL_RULES.map((r) => {
    const weaker: Record<string, Severity> = {};
    for (const id of r.messageIds) if (r.severityOf(id) !== r.severity) weaker[id] = r.severityOf(id);
    return {
      id: r.id,
      kind: r.kind,
      severity: r.severity,
      ...(Object.keys(weaker).length > 0 ? { messageSeverity: weaker } : {}),
      title: r.title,
      description: r.description,
      messageIds: [...r.messageIds],
    };
  });
}

const WORDS = {
  ja: {
    kind: { check: '点検（hyoka check）', consolidate: '取りまとめ（hyoka consolidate）', compare: '前年度比較（hyoka compare）' } as Record<RuleKind, string>,
    severity: { error: 'エラー', warning: '警告', info: '情報' } as Record<Severity, string>,
    weaker: (ids: string) => `（${ids} は弱い重大度）`,
    off: '規則を止めるには、設定ファイルに "rules": { "<ID>": "off" } と書きます。',
  },
  en: {
    kind: { check: 'Check (hyoka check)', consolidate: 'Consolidation (hyoka consolidate)', compare: 'Year comparison (hyoka compare)' } as Record<RuleKind, string>,
    severity: { error: 'error', warning: 'warning', info: 'info' } as Record<Severity, string>,
    weaker: (ids: string) => ` (weaker: ${ids})`,
    off: 'To switch a rule off, write "rules": { "<id>": "off" } in the settings file.',
  },
};

/** `hyoka rules`: every rule by kind, with its id, severity, title and what it checks. */
export function renderRulesText(lang: Lang): string {
  const w = WORDS[lang];
  const rules = ruleReference();
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines: string[] = [];
  for (const kind of RULE_KINDS) {
    lines.push(`■ ${w.kind[kind]}`);
    for (const r of rules.filter((x) => x.kind === kind)) {
      const weaker = r.messageSeverity ? w.weaker(Object.entries(r.messageSeverity).map(([id, s]) => `${id}: ${w.severity[s]}`).join(', ')) : '';
      lines.push(`  ${r.id.padEnd(width)}  ${w.severity[r.severity].padEnd(lang === 'ja' ? 3 : 7, lang === 'ja' ? '　' : ' ')}${weaker}  ${r.title[lang]}`);
      lines.push(`  ${' '.repeat(width)}  ${r.description[lang]}`);
    }
    lines.push('');
  }
  lines.push(w.off);
  return lines.join('\n');
}

/** docs/rules.md, generated: both languages, one table per kind. */
export function renderRulesMarkdown(): string {
  const rules = ruleReference();
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out: string[] = [
    '# Rules / 点検の規則',
    '',
    '<!-- Generated from the rule registry (src/core/rules/registry.ts) by `npm run docs:rules`. Do not edit by hand: tests/docs/rules-doc.test.ts fails when this file and the registry disagree. -->',
    '',
    `Hyoka has ${rules.length} rules of three kinds. Each is one module under \`src/core/rules/\`, \`src/core/consolidate/rules/\` or \`src/core/compare/rules/\` and is listed once in the registry. \`hyoka rules\` prints this list and \`hyoka rules --json\` gives it as data. A rule is switched off in the settings with \`"rules": { "<id>": "off" }\`.`,
    '',
    'Severities: **error** (exit code 1), **warning**, **info**. A finding inside a table that was read with doubt is never an error (`layout-uncertain` says why).',
    '',
  ];
  for (const kind of RULE_KINDS) {
    out.push(`## ${WORDS.en.kind[kind]} / ${WORDS.ja.kind[kind]}`, '');
    out.push('| id | severity | title | what it checks | 内容 |', '| --- | --- | --- | --- | --- |');
    for (const r of rules.filter((x) => x.kind === kind)) {
      const weaker = r.messageSeverity ? ` (${Object.entries(r.messageSeverity).map(([id, s]) => `\`${id}\`: ${s}`).join(', ')})` : '';
      out.push(`| \`${r.id}\` | ${r.severity}${weaker} | ${cell(r.title.en)} / ${cell(r.title.ja)} | ${cell(r.description.en)} | ${cell(r.description.ja)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
