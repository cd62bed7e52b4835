import type { Lang } from '../core';
import { cliMessages } from '../i18n/cli';
import { renderRulesText, ruleReference } from '../render/rule-reference';
import type { Io } from './io';

/** `hyoka rules [--json] [--lang ja|en]`: every rule from the one registry. */
export function rulesCommand(args: readonly string[], lang: Lang, io: Io): number {
  const m = cliMessages[lang];
  const rest = args.filter((a, i) => !(a === '--lang' || a.startsWith('--lang=') || args[i - 1] === '--lang'));
  const unknown = rest.filter((a) => a !== '--json');
  if (unknown.length > 0) {
    io.stderr(`${m.badArgs(unknown.join(' '))}\n\n${m.helpRules}`);
    return 2;
  }
  if (rest.includes('--json')) io.stdout(JSON.stringify({ rules: ruleReference() }, null, 2));
  else io.stdout(renderRulesText(lang));
  return 0;
}
