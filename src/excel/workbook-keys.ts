/** Keys under context.workbook.settings where Hyoka remembers its per-workbook state. */
export const SETTINGS_KEY = 'hyoka.settings';
export const HIGHLIGHTS_KEY = 'hyoka.highlights';
export const OUTPUT_SHEETS_KEY = 'hyoka.outputSheets';
/** The hidden sheet 設定 › 診断 works on, created once and reused. */
export const DIAGNOSTICS_SHEET_KEY = 'hyoka.diagnosticsSheet';
