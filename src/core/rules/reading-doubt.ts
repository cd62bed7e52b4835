import type { ReadingDoubt } from '../doubt';
import { reviewReading } from '../doubt';
import { defineRule, type RuleContext } from './rule';

type Of<K extends ReadingDoubt['kind']> = Omit<Extract<ReadingDoubt, { kind: K }>, 'kind' | 'sheet'>;
const rowList = (rows: number[], count: number): string => `${rows.join('・')}${count > rows.length ? ` ほか${count - rows.length}行` : ''}`;
const rowListEn = (rows: number[], count: number): string => `${rows.join(', ')}${count > rows.length ? ` and ${count - rows.length} more` : ''}`;

/**
 * The reading is doubted before the workbook is accused, and an empty reading is said out loud
 * (src/core/doubt.ts): a token repeated down a grade column is a scale not yet known, a column
 * of mostly non-grades was misread, a table or workbook where no grade was read, no report year.
 * Each once; the errors they explain are dropped by the runner.
 */
export const readingDoubt = defineRule<
  RuleContext,
  {
    'unknown-grade-token': Of<'unknown-grade-token'>;
    'column-misread': Of<'column-misread'>;
    'no-grades-read': Of<'no-grades-read'>;
    'grade-column-unread': Of<'grade-column-unread'>;
    'marks-not-read': Of<'marks-not-read'>;
    'nothing-graded': Of<'nothing-graded'>;
    'report-year-missing': Record<string, never>;
  }
>({
  id: 'reading-doubt',
  kind: 'check',
  title: { ja: '読み取りへの疑い', en: 'Reading doubted' },
  severity: 'warning',
  description: {
    ja: '読み取りが確かでないため、誤りとして指摘せずに確認をお願いしています。',
    en: 'The reading is doubtful, so it is questioned rather than reported as errors.',
  },
  messages: {
    'unknown-grade-token': {
      ja: (p) =>
        `${p.column}列の「${p.token}」は評価の段階として読めませんが、${p.count}行（評価欄${p.filled}件中、${rowList(p.rows, p.count)}行目）で使われているため、誤りではなく、まだ知らない評価の段階とみなしました。これらの行は集計に入っていません。評価の段階（例: ${p.token}・A・B・C）を良い順に設定（scale）で指定してください。`,
      en: (p) =>
        `"${p.token}" in column ${p.column} does not read as a grade, but ${p.count} rows use it (of ${p.filled} grade cells; rows ${rowListEn(p.rows, p.count)}), so it is taken as a level of a scale not yet known rather than an error. These rows are not counted. Give the scale's levels best first (e.g. ${p.token}, A, B, C) as a scale correction.`,
    },
    'column-misread': {
      ja: (p) =>
        `${p.column}列を評価の列として読みましたが、記入のある${p.filled}件のうち${p.invalid}件が評価として読めません（例: 「${p.examples.join('」「')}」）。列の読み違いとみなし、この列では誤りを指摘していません。評価の列や評価の段階を「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) =>
        `Column ${p.column} was read as the grade column, but ${p.invalid} of its ${p.filled} filled cells do not read as grades (e.g. ${p.examples.map((e) => `"${e}"`).join(', ')}). Taken as a misreading, so this column raised no errors. Set the grade column or the scale under 点検 › What was read (corrections in --config).`,
    },
    'no-grades-read': {
      ja: (p) =>
        `この表には事業の行が${p.entries}行ありますが、評価の列（${p.column}列）から評価を1つも読み取れませんでした。評価が別の形（○印の列、計算結果のない数式など）で入っていないか確認し、評価の列を「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) =>
        `This table has ${p.entries} program rows, but not one grade was read from its grade column (${p.column}). Check whether the grades are held another way (marks in level columns, formulas without results) and set the grade column under 点検 › What was read (corrections in --config).`,
    },
    'grade-column-unread': {
      ja: (p) =>
        `${p.column}列は見出しから評価の列と読めますが、評価として読める値が1つもないため、このシートの評価は点検していません。評価の段階（例: S・A・B・C、◎・○・△）や評価の列を「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) =>
        `Column ${p.column} is headed as the grade column, but nothing in it reads as a grade, so this sheet's grades were not checked. Set the scale (e.g. S, A, B, C or ◎, ○, △) or the grade column under 点検 › What was read (corrections in --config).`,
    },
    'marks-not-read': {
      ja: (p) =>
        `${p.column}列は年度ごとの評価（文章）として読みましたが、記入のある${p.filled}件のほとんどが「${p.examples.join('」「')}」のような短い記号で、文章でも評価の段階でもありません。評価が読めない形で入っているため、点検していません。評価の段階や列の役割を「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) =>
        `Column ${p.column} was read as a yearly evaluation (prose), but most of its ${p.filled} filled cells are short marks such as ${p.examples.map((e) => `"${e}"`).join(', ')}: neither prose nor grades read. They were not checked. Set the scale or the column's role under 点検 › What was read (corrections in --config).`,
    },
    'nothing-graded': {
      ja: (p) =>
        `表（${p.tables}件）は読み取りましたが、評価も年度ごとの記入も1つも読み取れなかったため、何も点検していません。評価が入っている列を「読み取った表」（--config では corrections）で指定してください。`,
      en: (p) =>
        `${p.tables} table(s) were read, but not one grade or yearly entry, so nothing was checked. Set the column that holds the grades under 点検 › What was read (corrections in --config).`,
    },
    'report-year-missing': {
      ja: () => '報告年度が見つかりませんでした（タイトル・シート名・ファイル名に年度がありません）。--year（アドインでは設定の報告年度）で指定してください。',
      en: () => 'No report year was found (no year in a title, a sheet name or the file name). Give it with --year (or the report year setting in the add-in).',
    },
  },
  check(context, report) {
    for (const d of reviewReading(context).doubts) {
      switch (d.kind) {
        case 'unknown-grade-token': {
          const { kind, sheet, ...params } = d;
          report({ messageId: kind, at: { sheet, cell: `${d.column}${d.rows[0]}`, row: d.rows[0] }, params });
          break;
        }
        case 'column-misread':
        case 'no-grades-read': {
          const { kind, sheet, ...params } = d;
          if (kind === 'column-misread') report({ messageId: kind, at: { sheet, cell: null, row: null }, params: params as Of<'column-misread'> });
          else report({ messageId: kind, at: { sheet, cell: null, row: null }, params: params as Of<'no-grades-read'> });
          break;
        }
        case 'marks-not-read':
          report({ messageId: d.kind, at: { sheet: d.sheet, cell: null, row: null }, params: { column: d.column, examples: d.examples, filled: d.filled } });
          break;
        case 'grade-column-unread':
          report({ messageId: d.kind, at: { sheet: d.sheet, cell: null, row: null }, params: { column: d.column } });
          break;
        case 'nothing-graded':
          report({ messageId: d.kind, at: { sheet: null, cell: null, row: null }, params: { tables: d.tables } });
          break;
        case 'report-year-missing':
          report({ messageId: d.kind, at: { sheet: null, cell: null, row: null }, params: {} });
          break;
      }
    }
  },
});
