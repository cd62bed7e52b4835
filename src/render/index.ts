/**
 * The renderers' shared layer: findings described in the user's language and the
 * renderer-neutral SummaryDocument built from a report or a consolidation. Above core (it may
 * import i18n catalogues); the writers (xlsx, Office.js), the CLI and the pane draw its output.
 */
export { describe } from './describe';
export { buildSummaryDocument, type DocumentOptions } from './summary-document';
export { buildConsolidationDocument } from './consolidation-document';
