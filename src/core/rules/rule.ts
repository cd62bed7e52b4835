import type { SheetLayout } from '../layout/types';
import type { SheetPlan } from '../plan/types';
import type { Lang, Severity } from '../report';
import type { Settings } from '../settings';

/** Where a finding points. Rows and columns are 0-based here; the report makes them A1. */
export interface RuleLocation {
  sheet: string | null;
  row: number | null;
  col: number | null;
  year?: number;
  department?: string | null;
  program?: string | null;
}

export interface RuleContext {
  plans: readonly SheetPlan[];
  layouts: readonly SheetLayout[];
  /** Western fiscal year being reported, when known. */
  reportYear: number | null;
  /** Where the report year came from (layout-uncertain says when it was only inferred). */
  reportYearSource?: 'setting' | 'title' | 'sheet-name' | 'file-name' | 'year-columns' | null;
  settings: Settings;
  /** Names of the sheets not checked because they are hidden (absent: none). */
  hiddenSheets?: readonly string[];
}

export type Emit<P> = (at: RuleLocation, params: P) => void;

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line for documentation and the settings screen. */
  description: Record<Lang, string>;
}

export interface Rule<P = unknown> extends RuleMeta {
  message: Record<Lang, (params: P) => string>;
  check(context: RuleContext, emit: Emit<P>): void;
}

/** A rule's output before it becomes a Finding: where, and the message in the asked language. */
export interface RuleResult {
  at: RuleLocation;
  message: string;
}

/** The params-erased face the registry and the engine use. */
export interface RegisteredRule extends RuleMeta {
  run(context: RuleContext, lang: Lang): RuleResult[];
}

/** Keeps each rule's params type tied to its messages, and gives it a uniform `run`. */
export function defineRule<P>(rule: Rule<P>): Rule<P> & RegisteredRule {
  return {
    ...rule,
    run(context, lang) {
      const out: RuleResult[] = [];
      rule.check(context, (at, params) => out.push({ at, message: rule.message[lang](params) }));
      return out;
    },
  };
}
