export { compareYears, type ComparisonFinding, type ComparisonOptions, type ComparisonResult } from './run';
export { collectPrograms, programNameKey, type YearProgram, type YearSide, type YearEntry } from './programs';
export { matchPrograms, nameSimilarity, type MatchReason, type MatchResult, type ProgramMatch, type DepartmentPair } from './match';
export { COMPARISON_RULES } from './rules/registry';
export { loadYearSide, splitYearSheets, yearSidesOfOneBook, type LoadedSide, type YearSheets } from './side';
export { resolveResultText } from './result-text';
