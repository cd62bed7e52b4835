import { check, runRuleTests, seed, set } from './rule-tester';

const kiyose = seed('kiyose-programs');

runRuleTests('repost-unmatched', {
  valid: [
    { name: 'clean Komae: every A(再掲) finds its original by its number', layout: 'komae-policy' },
    { name: 'clean Kiyose 自殺対策 table: ○ reposts find their originals by name (･ vs ・ too)', layout: 'kiyose-multi-year' },
    {
      name: 'a repost whose name differs from its original still matches by its number path',
      layout: 'komae-policy',
      edits: [set({ sheet: '2 重層', cell: 'A28' }, '4 包括的相談支援事業（再掲）')],
    },
    { name: '（再） after a block title is a page continuation, not a repost', layout: 'kiyose-programs' },
  ],
  invalid: [
    {
      name: 'a Komae repost renumbered and renamed so that nothing matches',
      layout: 'komae-policy',
      edits: [set({ sheet: '2 重層', cell: 'A28' }, '9 存在しない事業の実施')],
      errors: [
        {
          sheet: '2 重層', cell: 'I28', row: 28, program: '存在しない事業の実施',
          message: {
            ja: ['再掲「存在しない事業の実施」の元の項目がブック内に見つかりません', '件数に数えていません'],
            en: ['The original of repost "存在しない事業の実施" is not in the workbook', 'not counted'],
          },
        },
      ],
    },
    {
      name: '`Ａ（再掲）` typed on a Kiyose 取組 that is not shown anywhere else',
      layout: 'kiyose-programs',
      edits: [set(kiyose.cell('kiyose:取組6', 'grade'), 'Ａ（再掲）')],
      errors: [
        {
          sheet: '評価調書', cell: 'F14', row: 14,
          message: { ja: ['再掲「地域福祉コーディネーターとの連携」の元の項目'], en: ['repost "地域福祉コーディネーターとの連携"'] },
        },
      ],
    },
  ],
});

test('repost-unmatched: the message tells the truth — an unmatched repost is not counted', async () => {
  const { result, of } = await check({
    name: 'unmatched repost',
    layout: 'komae-policy',
    edits: [set({ sheet: '2 重層', cell: 'A28' }, '9 存在しない事業の実施'), set({ sheet: '2 重層', cell: 'I28' }, 'B(再掲)')],
  });
  expect(of('repost-unmatched')).toHaveLength(1);
  // The 評価総括表 (A 7, B 1) still matches: the unmatched repost added no B.
  expect(of('summary-count-mismatch')).toEqual([]);
  const nine = result.report.policies.find((p) => p.sheet === '2 重層' && p.id === '9');
  expect(nine?.declaredGrade).toBeNull();
});
