import ExcelJS from 'exceljs';

import { blankColumns, runRuleTests, seed, set } from './rule-tester';

const suicide = seed('kiyose-multi-year');
const SHEET = '進捗管理表';
const LAST_ROW = Math.max(...suicide.index.entries.map((e) => e.row));
const RENRAKUKAI = 'suicide:1-1:自殺対策庁内連絡会の開催';

/** A small progress table (seed 002 names) whose header goes 令和元年度, 令和2年度, then 令和4年度. */
function skippingYear(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('進捗管理表');
  ws.getCell('A1').value = '清瀬市自殺対策計画 進捗管理表（令和4年度）';
  ws.getRow(3).values = [
    '計画における項目', '実施内容', '担当課',
    '令和元年度実施状況', '達成度(%)', '令和2年度実施状況', '達成度(%)', '令和4年度実施状況', '達成度(%)',
  ];
  ws.getRow(4).values = ['1-1. 地域におけるネットワークの構築・強化', '自殺対策庁内連絡会の開催', '健康推進課', '年1回開催(1月)', '50%', '未実施', '-', '年1回開催', '100%'];
  ws.getRow(5).values = [null, '危機対応のための連携強化', '健康推進課', '-', '未実施', '推進会議を開催', '実施', '推進会議を開催', '実施'];
  return wb;
}

runRuleTests('year-missing', {
  valid: [
    { name: 'clean 自殺対策 table: every year 令和元年度…令和5年度 present and filled (`-`, `未実施` count)', layout: 'kiyose-multi-year' },
    { name: 'single-year sheets have no year columns to check', layout: 'koganei-departments' },
    {
      name: '`未実施` in one cell of a year block is an entry, not a blank',
      layout: 'kiyose-multi-year',
      edits: [
        set(suicide.yearCell(RENRAKUKAI, 2020, 'status'), null),
        set(suicide.yearCell(RENRAKUKAI, 2020, 'evaluation'), null),
        set(suicide.yearCell(RENRAKUKAI, 2020, 'achievement'), '未実施'),
      ],
    },
    {
      name: '`-` alone in a year block is an entry',
      layout: 'kiyose-multi-year',
      edits: [set(suicide.yearCell(RENRAKUKAI, 2021, 'status'), null), set(suicide.yearCell(RENRAKUKAI, 2021, 'evaluation'), '-'), set(suicide.yearCell(RENRAKUKAI, 2021, 'achievement'), null)],
    },
    {
      name: 'a 再掲 row (○) may leave its year blank: the original reports it',
      layout: 'kiyose-multi-year',
      edits: suicide.blankYear('suicide:重点1-3:講演会・各種健康教室', 2020),
    },
    {
      name: 'a year after the report year may still be blank',
      layout: 'kiyose-multi-year',
      settings: { reportYear: '令和4年度' },
      edits: suicide.blankYear(RENRAKUKAI, 2023),
    },
  ],
  invalid: [
    {
      name: 'the 令和3年度 columns deleted (headers and values blanked): the sheet lacks a year',
      layout: 'kiyose-multi-year',
      edits: blankColumns(SHEET, ['M', 'N', 'O'], 3, LAST_ROW),
      errors: [
        {
          sheet: SHEET, cell: null, row: 3, year: 2021,
          message: { ja: ['令和3年度の列がありません'], en: ['There is no column for FY2021'] },
        },
      ],
    },
    {
      name: 'a header that jumps from 令和2年度 to 令和4年度',
      build: skippingYear,
      errors: [
        { sheet: '進捗管理表', cell: null, row: 3, year: 2021, message: { ja: ['令和3年度の列がありません'], en: ['FY2021'] } },
      ],
    },
    {
      name: 'a workbook without the report year given in settings',
      layout: 'kiyose-multi-year',
      settings: { reportYear: 'R6' },
      errors: [
        { sheet: SHEET, cell: null, row: 3, year: 2024, message: { ja: ['令和6年度の列がありません'], en: ['There is no column for FY2024'] } },
      ],
    },
    {
      name: "a program's 令和2年度 block left blank",
      layout: 'kiyose-multi-year',
      edits: suicide.blankYear(RENRAKUKAI, 2020),
      errors: [
        {
          sheet: SHEET, cell: 'J7', row: 7, year: 2020, department: '健康推進課', program: '自殺対策庁内連絡会の開催',
          message: {
            ja: ['「自殺対策庁内連絡会の開催」（健康推進課）の令和2年度の欄が空欄です', '「-」'],
            en: ['"自殺対策庁内連絡会の開催" (健康推進課) has nothing entered for FY2020'],
          },
        },
      ],
    },
    {
      name: 'two blank blocks of the report year and the year before (sample defects)',
      layout: 'kiyose-multi-year',
      edits: [...suicide.blankYear(RENRAKUKAI, 2023), ...suicide.blankYear('suicide:4-1:遺された人への支援', 2022)],
      errors: [
        { sheet: SHEET, cell: 'U7', row: 7, year: 2023, message: { ja: ['令和5年度の欄が空欄です'], en: ['FY2023'] } },
        { sheet: SHEET, cell: 'Q32', row: 32, year: 2022, message: { ja: ['「遺された人への支援」', '令和4年度の欄が空欄です'], en: ['"遺された人への支援"', 'FY2022'] } },
      ],
    },
  ],
});
