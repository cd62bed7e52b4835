import ExcelJS from 'exceljs';

import { runRuleTests } from './rule-tester';

/** An evaluation table whose title, sheet name and columns name no year. */
function yearless(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('事業評価');
  ws.addRow(['地域福祉計画 事業評価']);
  ws.addRow(['番号', '事業名', '担当課', '評価']);
  ws.addRow(['1', '見守りネットワークの推進', '福祉総務課', 'A']);
  ws.addRow(['2', '地域サロンの支援', '福祉総務課', 'B']);
  ws.addRow(['3', '相談窓口の充実', '地域福祉課', 'C']);
  return workbook;
}

runRuleTests('report-year-not-in-workbook', {
  valid: [
    { name: 'no year stated: the workbook’s own year is used', layout: 'kiyose-programs' },
    { name: 'the stated year is the title’s', layout: 'kiyose-programs', settings: { reportYear: 2020 } },
    { name: 'the stated year written as typed (令和２年度)', layout: 'kiyose-programs', settings: { reportYear: '令和２年度' } },
    { name: 'a year among a multi-year table’s columns', layout: 'kiyose-multi-year', settings: { reportYear: 2022 } },
    { name: 'a workbook naming no year cannot contradict it', build: yearless, settings: { reportYear: 2021 } },
  ],
  invalid: [
    {
      name: 'a year the workbook does not carry: said, naming the year it does',
      layout: 'kiyose-programs',
      settings: { reportYear: 'R4' },
      errors: [{ sheet: null, cell: null, row: null, year: 2022, message: { ja: ['令和4年度が指定されました', 'ある年度は令和2年度だけです'], en: ['stated as FY2022', 'carry only FY2020'] } }],
    },
    {
      name: 'before every year of a multi-year table',
      layout: 'kiyose-multi-year',
      settings: { reportYear: 2012 },
      errors: [{ sheet: null, cell: null, row: null, year: 2012, message: { ja: ['平成24年度が指定されました'], en: ['carry only FY2019, FY2020, FY2021, FY2022, FY2023'] } }],
    },
  ],
});
