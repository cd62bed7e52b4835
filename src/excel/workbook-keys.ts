/** Keys under context.workbook.settings where Hyoka remembers its per-workbook state. */
export const SETTINGS_KEY = 'hyoka.settings';
export const HIGHLIGHTS_KEY = 'hyoka.highlights';
export const OUTPUT_SHEETS_KEY = 'hyoka.outputSheets';
