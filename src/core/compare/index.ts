export { compareYears, type ComparisonFinding, type ComparisonOptions, type ComparisonResult } from './run';
export { collectPrograms, programNameKey, type YearProgram, type YearSide, type YearEntry } from './programs';
export { matchPrograms, nameSimilarity, type MatchReason, type MatchResult, type ProgramMatch, type DepartmentPair } from './match';
export { explainMatches, describeReason } from './explain';
export { COMPARISON_RULES } from './rules/registry';
export { buildComparisonDocument, gradeChange } from './document';
export { loadYearSide, type LoadedSide } from './side';
