import { runRuleTests } from './rule-tester';

// Kiyose's 評価調書: a table whose header is row 4 (key A4), F the grade column.
runRuleTests('correction-unmatched', {
  valid: [
    { name: 'no corrections', layout: 'kiyose-programs' },
    { name: 'a correction without a table applies to the sheet’s evaluation table', layout: 'kiyose-programs', settings: { corrections: [{ sheet: '評価調書', column: 'F', role: 'text' }] } },
    { name: 'a correction naming the table by its key', layout: 'kiyose-programs', settings: { corrections: [{ sheet: '評価調書', table: 'A4', column: 'D', role: 'department' }] } },
    { name: 'a correction naming the table by its header row (the old key)', layout: 'kiyose-programs', settings: { corrections: [{ sheet: '評価調書', table: '4', headerRow: 4 }] } },
    { name: 'the old per-sheet shape, migrated', layout: 'kiyose-programs', settings: { sheets: { 評価調書: { columns: { F: { role: 'grade' } }, regions: { '4': { headerRow: 4 } } } } } },
  ],
  invalid: [
    {
      name: 'a correction for a sheet the workbook no longer has',
      layout: 'kiyose-programs',
      settings: { corrections: [{ sheet: '評価調書（旧）', column: 'F', role: 'grade' }] },
      errors: [
        {
          sheet: null,
          cell: null,
          row: null,
          messageId: 'sheet-missing',
          params: { sheet: '評価調書（旧）', table: null, column: 'F', row: null },
          message: { ja: ['「評価調書（旧）」F列', 'シートが見つからない'], en: ['"評価調書（旧）" column F', 'no such visible sheet'] },
        },
      ],
    },
    {
      name: 'a correction for a table that moved (its key matches no table read), from the old shape too',
      layout: 'kiyose-programs',
      settings: { sheets: { 評価調書: { regions: { '12': { columns: { F: { role: 'text' } } } } } }, corrections: [{ sheet: '評価調書', table: 'C9', headerRow: 10 }] },
      errors: [
        { sheet: '評価調書', cell: null, row: null, messageId: 'table-missing', params: { table: '12', column: 'F' }, message: { ja: ['「評価調書」表12・F列', '当てはまる表が見つからない'], en: ['table 12, column F', 'no table it names was found'] } },
        { sheet: '評価調書', cell: null, row: null, messageId: 'table-missing', params: { table: 'C9', column: null }, message: { ja: ['「評価調書」表C9）'], en: ['"評価調書" table C9 was not applied'] } },
      ],
    },
  ],
});
