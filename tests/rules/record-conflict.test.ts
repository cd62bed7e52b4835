import ExcelJS from 'exceljs';

import { runRuleTests } from './rule-tester';

/**
 * An evaluation system's export: one row per program × department × year (years as rows).
 * `edit` changes rows before the workbook is written.
 */
function exportBook(edit: (rows: (string | number | null)[][]) => void = () => undefined): () => ExcelJS.Workbook {
  return () => {
    const rows: (string | number | null)[][] = [
      ['年度', '事業番号', '事業名', '担当課', '評価'],
      ['令和3年度', '1-1', '見守り活動', '高齢福祉課', 'B'],
      ['令和3年度', '1-2', '配食サービス', '高齢福祉課', 'A'],
      ['令和3年度', '2-1', '相談窓口', '福祉政策課', 'C'],
      ['令和4年度', '1-1', '見守り活動', '高齢福祉課', 'B'],
      ['令和4年度', '1-2', '配食サービス', '高齢福祉課', 'A'],
      ['令和4年度', '2-1', '相談窓口', '福祉政策課', 'B'],
      ['令和5年度', '1-1', '見守り活動', '高齢福祉課', 'A'],
      ['令和5年度', '1-2', '配食サービス', '高齢福祉課', 'A'],
      ['令和5年度', '2-1', '相談窓口', '福祉政策課', 'B'],
    ];
    edit(rows);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('評価データ');
    for (const r of rows) ws.addRow(r);
    return wb;
  };
}

runRuleTests('record-conflict', {
  valid: [
    { name: 'one record per program and year', build: exportBook() },
    {
      name: 'the same grade twice for one program-year (a duplicate row, full-width once) is no conflict',
      build: exportBook((rows) => rows.push(['令和5年度', '1-1', '見守り活動', '高齢福祉課', 'Ａ'])),
    },
    {
      name: 'the same program reported by two departments in one year',
      build: exportBook((rows) => rows.push(['令和5年度', '1-1', '見守り活動', '地域福祉課', 'C'])),
    },
  ],
  invalid: [
    {
      name: 'two records of 見守り活動 for 令和5年度 with A and C',
      build: exportBook((rows) => rows.push(['令和5年度', '1-1', '見守り活動', '高齢福祉課', 'C'])),
      errors: [
        {
          sheet: '評価データ', cell: 'E11', row: 11, year: 2023, program: '見守り活動', department: '高齢福祉課',
          params: { grades: ['A', 'C'], rows: [8, 11] },
          message: { ja: ['「見守り活動」（高齢福祉課）の令和5年度の行が2行', '「A」「C」'], en: ['"見守り活動"', '2 rows for FY2023', '"A", "C"'] },
        },
      ],
    },
    {
      name: 'a conflict in an earlier year is found too (`2022` as the year)',
      build: exportBook((rows) => rows.push([2022, '2-1', '相談窓口', '福祉政策課', 'D'])),
      errors: [
        { sheet: '評価データ', cell: 'E11', row: 11, year: 2022, params: { grades: ['B', 'D'] }, message: { ja: ['令和4年度'], en: ['FY2022'] } },
      ],
    },
  ],
});
