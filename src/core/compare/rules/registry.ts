import { rulesOf } from '../../rules/registry';
import type { ComparisonRule } from './rule';

/** The 前年度比較 rules, from the one registry (src/core/rules/registry.ts), in its order. */
export const COMPARISON_RULES: readonly ComparisonRule[] = rulesOf('compare');
