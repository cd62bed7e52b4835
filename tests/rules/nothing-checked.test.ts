import ExcelJS from 'exceljs';

import { buildSeedWorkbook } from '../fixtures/workbooks';
import { runRuleTests } from './rule-tester';

runRuleTests('nothing-checked', {
  valid: [
    { name: 'clean Kiyose 評価調書', layout: 'kiyose-programs' },
    { name: 'a plan master without grades is still read as a table', layout: 'kiyose-plan' },
    {
      name: 'hidden sheets beside one visible evaluation sheet',
      build: () => {
        const { workbook } = buildSeedWorkbook('kiyose-programs');
        for (const name of ['見方', '体系']) workbook.getWorksheet(name)!.state = 'hidden';
        return workbook;
      },
    },
  ],
  invalid: [
    {
      name: 'every sheet hidden',
      build: () => {
        const { workbook } = buildSeedWorkbook('koganei-departments');
        workbook.eachSheet((ws) => (ws.state = 'hidden'));
        return workbook;
      },
      errors: [
        { sheet: null, cell: null, row: null, message: { ja: ['すべてのシート（10枚）が非表示のため'], en: ['All 10 sheets are hidden'] } },
      ],
    },
    {
      name: 'a workbook holding only a note, no table',
      build: () => {
        const workbook = new ExcelJS.Workbook();
        workbook.addWorksheet('メモ').getCell('A1').value = '令和2年度 地域福祉計画 目標事業評価調書は別ファイルで提出します。';
        return workbook;
      },
      errors: [
        { sheet: null, cell: null, row: null, message: { ja: ['評価表・評価総括表として読めるシートがない', '1枚'], en: ['No sheet reads as an evaluation table', '(1 visible)'] } },
      ],
    },
  ],
});
