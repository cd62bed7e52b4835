/**
 * Grade scales (評価の段階): the one module that knows what levels a grade can take. Every other
 * module reads a `Scale` and iterates its levels (a lint rule keeps A–D spelled here only).
 */
export * from './scale';
export * from './parse';
export { HEADER_SCALE_SOURCE, inferScale, scaleOfLevels, levelLabelOfRow, scaleOfTokens, scaleOfList, scaleOfHeader, scaleOfLevelHeaders, parseLegend, classifyToken, type ScaleEvidence } from './infer';
export { findLegends } from './legends';
