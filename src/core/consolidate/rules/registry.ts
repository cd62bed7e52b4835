import type { DefinedRule } from '../../rules/rule';
import { rulesOf } from '../../rules/registry';
import type { ConsolidationContext } from './context';

export type ConsolidationRule = DefinedRule<ConsolidationContext>;

/** The consolidation rules, from the one registry (src/core/rules/registry.ts), in its order. */
export const CONSOLIDATION_RULES: readonly ConsolidationRule[] = rulesOf('consolidate');
