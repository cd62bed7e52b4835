import { buildSeedWorkbook } from '../fixtures/workbooks';
import { runRuleTests, set } from './rule-tester';

const SHEET = '評価調書';
/** The Kiyose header and its repeats on every printed page. */
const KIYOSE_HEADER_ROWS = [4, 11, 18, 27, 35, 41, 50, 58, 64];

runRuleTests('layout-uncertain', {
  valid: [
    { name: 'clean Kiyose 評価調書', layout: 'kiyose-programs' },
    { name: 'clean Kiyose plan master (no grades, no years: nothing to be unsure about)', layout: 'kiyose-plan' },
    { name: 'clean 自殺対策 table', layout: 'kiyose-multi-year' },
    { name: 'clean Komae: both 評価総括表 matched to their sheets', layout: 'komae-policy' },
    { name: 'clean Koganei', layout: 'koganei-departments' },
    {
      name: 'an unknown report year given in settings is known',
      layout: 'kiyose-multi-year',
      settings: { reportYear: 'R5' },
      edits: [set({ sheet: '進捗管理表', cell: 'A1' }, '清瀬市自殺対策計画 進捗管理表')],
    },
  ],
  invalid: [
    {
      name: 'a sheet with a table but no recognisable header is not checked, and says so',
      build: () => {
        const { workbook } = buildSeedWorkbook('kiyose-programs');
        const ws = workbook.addWorksheet('メモ');
        ws.addRow(['1', '福祉の理解、ボランティア学習の推進', 'C']);
        ws.addRow(['2', '福祉の体験を通じた子どもの人間性の育成', 'C']);
        ws.addRow(['3', '地域で支え合う地域福祉の推進', 'C']);
        return workbook;
      },
      errors: [
        {
          sheet: 'メモ', cell: null, row: null,
          message: { ja: ['表の見出し行が見つからない', '「読み取った表」', 'corrections'], en: ['No table header row was found', 'What was read', 'corrections'] },
        },
      ],
    },
    {
      name: 'a grade column guessed from its A–D content when no header says 評価',
      layout: 'kiyose-programs',
      edits: KIYOSE_HEADER_ROWS.map((r) => set({ sheet: SHEET, cell: `F${r}` }, '記号')),
      errors: [
        {
          sheet: SHEET, cell: 'F4', row: 4,
          message: { ja: ['見出しに「評価」がないため', 'F列を評価の列とみなしました'], en: ['column F, which holds grades, was taken as the grade column'] },
        },
      ],
    },
    {
      name: 'two columns headed 評価: the first is checked',
      layout: 'kiyose-programs',
      edits: [set({ sheet: SHEET, cell: 'H4' }, '評価'), set({ sheet: SHEET, cell: 'H6' }, 'B')],
      errors: [
        { sheet: SHEET, cell: null, row: null, message: { ja: ['評価の列が複数あります（F・H列）'], en: ['Several grade columns (F, H)'] } },
      ],
    },
    {
      name: 'report year unknown: no year in any title of a per-year table',
      layout: 'kiyose-multi-year',
      edits: [set({ sheet: '進捗管理表', cell: 'A1' }, '清瀬市自殺対策計画 進捗管理表')],
      errors: [
        { sheet: null, cell: null, row: null, message: { ja: ['報告年度が判定できませんでした', '--year'], en: ['The report year could not be determined', '--year'] } },
      ],
    },
    {
      name: 'a 評価総括表 naming no policy and no sheet, with two evaluation sheets to choose from',
      build: () => {
        const { workbook } = buildSeedWorkbook('komae-policy');
        const ws = workbook.getWorksheet('評価総括表（地域福祉計画）');
        if (!ws) throw new Error('fixture: no 評価総括表');
        ws.name = '評価総括表';
        ws.getCell('A1').value = '評価総括表';
        for (const cell of ['D5', 'D6', 'D7', 'D8', 'D10']) ws.getCell(cell).value = null;
        return workbook;
      },
      errors: [
        {
          sheet: '評価総括表', cell: null, row: null,
          message: { ja: ['どの評価シートを集計しているか判定できなかった'], en: ['Could not tell which evaluation sheet this 評価総括表 summarises'] },
        },
      ],
    },
  ],
});
