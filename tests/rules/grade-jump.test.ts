import { runRuleTests, seed, set, type ExpectedFinding } from './rule-tester';

const koganei = seed('koganei-departments');

/** The five real jumps of seed 004 (A→D, D→B twice, B→D, A→C): the clean workbook has them. */
const REAL_JUMPS: Record<string, ExpectedFinding> = {
  s3: {
    sheet: 'シート3', cell: 'F13', row: 13, department: '広報秘書課', program: '市民に対する啓発活動の推進',
    message: {
      ja: ['「市民に対する啓発活動の推進」（広報秘書課）の評価が前年度のAからDへ2段階以上変わっています', '理由'],
      en: ['"市民に対する啓発活動の推進" (広報秘書課) moved from A to D'],
    },
  },
  s5a: {
    sheet: 'シート5', cell: 'F13', row: 13,
    message: { ja: ['「【新規】福祉相談窓口の整備」（地域福祉課）の評価が前年度のDからBへ'], en: ['moved from D to B'] },
  },
  s5b: { sheet: 'シート5', cell: 'F14', row: 14, message: { ja: ['「相談支援体制の充実」', 'DからBへ'], en: ['"相談支援体制の充実"', 'from D to B'] } },
  s8: { sheet: 'シート8', cell: 'F10', row: 10, message: { ja: ['「地域福祉ファシリテーター養成講座の開催」', 'BからDへ'], en: ['from B to D'] } },
  s9: { sheet: 'シート9', cell: 'F11', row: 11, message: { ja: ['「【新規】社会福祉法人等の連携強化」', 'AからCへ'], en: ['from A to C'] } },
};
const { s3, s5a, s5b, s8, s9 } = REAL_JUMPS;

runRuleTests('grade-jump', {
  valid: [
    { name: 'sheets without a previous grade (Kiyose)', layout: 'kiyose-programs' },
    {
      name: 'a one-step change A→B (シート1 ②) is not a jump',
      layout: 'koganei-departments',
      baseline: 'unedited',
      edits: [set(koganei.cell('koganei:1:(1)-②:地域福祉課', 'grade'), 'B')],
    },
    {
      name: 'a previous `—` or blank gives nothing to compare',
      layout: 'koganei-departments',
      baseline: 'unedited',
      edits: [
        set(koganei.cell('koganei:7:(2)-①:指導室', 'grade'), 'D'),
        set(koganei.cell('koganei:1:(1)-①:地域福祉課', 'previousGrade'), null),
        set(koganei.cell('koganei:1:(1)-①:地域福祉課', 'grade'), 'D'),
      ],
    },
    {
      name: 'a current `-` or invalid grade is not a jump',
      layout: 'koganei-departments',
      baseline: 'unedited',
      edits: [set(koganei.cell('koganei:1:(1)-②:地域福祉課', 'grade'), '-'), set(koganei.cell('koganei:1:(2)-②:自立生活支援課', 'grade'), 'E')],
    },
  ],
  invalid: [
    { name: 'clean Koganei: the five real jumps', layout: 'koganei-departments', errors: [s3, s5a, s5b, s8, s9] },
    {
      name: 'A→C, B→D, A→D on シート1 and D→B on シート4',
      layout: 'koganei-departments',
      edits: [
        set(koganei.cell('koganei:1:(1)-②:地域福祉課', 'grade'), 'C'),
        set(koganei.cell('koganei:1:(2)-①:交通対策課', 'grade'), 'D'),
        set(koganei.cell('koganei:1:(2)-②:自立生活支援課', 'grade'), 'D'),
        set(koganei.cell('koganei:4:(2)-①:自立生活支援課', 'grade'), 'B'),
      ],
      errors: [
        {
          sheet: 'シート1', cell: 'F11', row: 11, department: '地域福祉課', program: '施設のバリアフリー化の推進',
          message: { ja: ['「施設のバリアフリー化の推進」（地域福祉課）の評価が前年度のAからCへ'], en: ['"施設のバリアフリー化の推進" (地域福祉課) moved from A to C'] },
        },
        { sheet: 'シート1', cell: 'F12', row: 12, message: { ja: ['「CoCoバスの利便性向上」（交通対策課）', 'BからDへ'], en: ['from B to D'] } },
        { sheet: 'シート1', cell: 'F13', row: 13, message: { ja: ['「移送サービスへの支援」', 'AからDへ'], en: ['from A to D'] } },
        s3,
        { sheet: 'シート4', cell: 'F14', row: 14, message: { ja: ['「福祉マップの見直し」', 'DからBへ'], en: ['from D to B'] } },
        s5a, s5b, s8, s9,
      ],
    },
    {
      name: 'a non-standard grade still jumps (B→`Ｄ`)',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:6:(2)-①:地域福祉課', 'grade'), 'Ｄ')],
      errors: [s3, s5a, s5b, { sheet: 'シート6', cell: 'F12', row: 12, message: { ja: ['「生活保護制度の適正な運用」', 'BからDへ'], en: ['from B to D'] } }, s8, s9],
    },
    {
      name: 'undoing a real jump removes it (シート3 広報秘書課 A→B)',
      layout: 'koganei-departments',
      edits: [set(koganei.cell('koganei:3:(1)-②:広報秘書課', 'grade'), 'B')],
      errors: [s5a, s5b, s8, s9],
    },
  ],
});
