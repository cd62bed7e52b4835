import type { Lang } from '../core/report';

/** Words of the 前年度比較 sheet and of `--explain`. */
export interface CompareMessages {
  sheet: string;
  programTableTitle: (previous: string, current: string) => string;
  policyTableTitle: string;
  goalTableTitle: string;
  chartTitle: string;
  col: {
    goal: string;
    policy: string;
    program: string;
    department: string;
    previousGrade: string;
    currentGrade: string;
    change: string;
    previousNextPolicy: string;
    findings: string;
    item: string;
    previousCounts: (grade: string) => string;
    currentCounts: (grade: string) => string;
    meanChange: string;
  };
  added: string;
  vanished: string;
  twoSteps: (steps: number) => string;
  unknownYear: string;
  previousSeries: (year: string) => string;
  currentSeries: (year: string) => string;
  reason: {
    sameName: string;
    sameId: (id: string) => string;
    renumbered: (from: string, to: string) => string;
    renamed: (from: string, to: string, similarity: number) => string;
    moved: (from: string, to: string) => string;
    samePlace: string;
    department: Record<'same' | 'renamed' | 'split' | 'merged' | 'only' | 'new', string>;
  };
  explainMatched: string;
  explainAmbiguous: string;
  explainVanished: string;
  explainAdded: string;
  cli: {
    heading: (previous: string, previousYear: string, current: string, currentYear: string) => string;
    counts: (matched: number, vanished: number, added: number, ambiguous: number) => string;
    findingsHeading: string;
    noFindings: string;
    wrote: (file: string) => string;
    needTwo: string;
    fileLevel: string;
    /** Refusals (exit 2) and the note for a workbook holding several years as sheets. */
    reversed: (previous: string, previousYear: string, current: string, currentYear: string) => string;
    /** --year stated this year as no later than last year's workbook reports: the stated year, not the order, is wrong. */
    statedYearNotAfter: (stated: string, previous: string, previousYear: string) => string;
    sameFile: (previous: string, current: string) => string;
    sameFolder: (folder: string) => string;
    oneYearOnly: (file: string) => string;
    sheetYears: (file: string, previousYear: string, currentYear: string) => string;
  };
  pane: {
    tab: string;
    intro: string;
    files: string;
    drop: string;
    choose: string;
    clear: string;
    selected: (n: number) => string;
    run: string;
    running: string;
    summary: (previousYear: string, currentYear: string, matched: number, vanished: number, added: number) => string;
    noFindings: string;
    write: string;
    written: (sheet: string) => string;
    downloaded: (file: string) => string;
    fileName: (year: string) => string;
    noFiles: string;
    unreadable: (file: string, reason: string) => string;
    jump: string;
    fileLevel: string;
  };
}

export const compareMessages: Record<Lang, CompareMessages> = {
  ja: {
    sheet: '前年度比較',
    programTableTitle: (p, c) => `事業別 前年度比較（${p} → ${c}）`,
    policyTableTitle: '施策別 評価の分布（前年度 → 今年度）',
    goalTableTitle: '基本目標別 評価の分布（前年度 → 今年度）',
    chartTitle: '基本目標別 A〜D（前年度・今年度）',
    col: {
      goal: '基本目標',
      policy: '施策',
      program: '事業',
      department: '担当課',
      previousGrade: '前年度評価',
      currentGrade: '今年度評価',
      change: '変化',
      previousNextPolicy: '前年度の次年度方針',
      findings: '今年度の指摘',
      item: '項目',
      previousCounts: (g) => `前年度${g}`,
      currentCounts: (g) => `今年度${g}`,
      meanChange: '平均の変化',
    },
    added: '新規',
    vanished: '今年度なし',
    twoSteps: (n) => `${n}段階`,
    unknownYear: '年度不明',
    previousSeries: (y) => `前年度（${y}）`,
    currentSeries: (y) => `今年度（${y}）`,
    reason: {
      sameName: '名称が同じ',
      sameId: (id) => `番号が同じ（${id}）`,
      renumbered: (f, t) => `番号が変わった（${f} → ${t}）`,
      renamed: (f, t, s) => `名称の小さな変更（「${f}」→「${t}」、一致度 ${Math.round(s * 100)}%）`,
      moved: (f, t) => `上位の項目が変わった（${f} → ${t}）`,
      samePlace: '同じ施策の同じ番号',
      department: {
        same: '担当課が同じ',
        renamed: '担当課の名称変更',
        split: '担当課が分かれた',
        merged: '担当課がまとまった',
        only: 'ただ一つの担当課どうし',
        new: '前年度にない担当課',
      },
    },
    explainMatched: '対応付けた事業',
    explainAmbiguous: '対応が決められない事業',
    explainVanished: '今年度にない前年度の事業',
    explainAdded: '前年度にない今年度の事業',
    cli: {
      heading: (p, py, c, cy) => `前年度比較: ${p}（${py}） → ${c}（${cy}）`,
      counts: (m, v, a, x) => `対応した事業 ${m}件 / 今年度にない ${v}件 / 前年度にない ${a}件 / 対応不明 ${x}件`,
      findingsHeading: '指摘',
      noFindings: '指摘はありません。',
      wrote: (f) => `前年度比較のシートを ${f} に書き出しました。`,
      needTwo: '前年度と今年度のファイル（またはフォルダ）を一つずつ指定してください。',
      fileLevel: 'ファイル全体',
      reversed: (p, py, c, cy) =>
        `前年度として指定した ${p} は${py}、今年度として指定した ${c} は${cy}の報告です。引数の順序が逆のようです。前年度を先に、今年度を後に指定してください（hyoka compare ${c} ${p}）。`,
      statedYearNotAfter: (y, p, py) =>
        `--year（または設定の reportYear）で今年度を${y}と指定しましたが、前年度として指定した ${p} は${py}の報告です。今年度は前年度より後の年度です。指定した年度を確認してください。`,
      sameFile: (p, c) =>
        `前年度と今年度に同じファイルが指定されています（${p} と ${c} は同じ内容です）。このブックには複数年度のシートもないため、比較しません。前年度のファイルを指定してください。`,
      sameFolder: (f) => `前年度と今年度に同じフォルダ（${f}）が指定されています。比較しません。前年度のフォルダを指定してください。`,
      oneYearOnly: (f) => `${f} には1年度分のシートしかありません。前年度と今年度のファイル（またはフォルダ）を一つずつ指定してください。`,
      sheetYears: (f, py, cy) => `${f} は複数年度のシートを持つブックなので、${py}のシートと${cy}のシートを比較しました。`,
    },
    pane: {
      tab: '前年度比較',
      intro: '開いている今年度の評価調書を、前年度の評価調書（担当課ごとのファイルなら複数）と事業単位で比べます。前年度評価の食い違い、消えた事業、【新規】の付け忘れ、前年度の文章の写しなどを、今年度のセルに指摘します。',
      files: '前年度のファイル',
      drop: 'ここに前年度のブックをドロップ（担当課ごとなら複数）',
      choose: '前年度のファイルを選ぶ',
      clear: '選び直す',
      selected: (n) => `${n}件のファイルを選択`,
      run: '前年度と比較',
      running: '比べています…',
      summary: (p, c, m, v, a) => `${p} → ${c}：対応した事業 ${m}件・今年度にない ${v}件・前年度にない ${a}件`,
      noFindings: '前年度との食い違いはありません。',
      write: '前年度比較シートを書き込む',
      written: (s) => `「${s}」シートを書き込みました。`,
      downloaded: (f) => `${f} をダウンロードしました。`,
      fileName: (y) => `前年度比較_${y}.xlsx`,
      noFiles: '前年度のファイルを選んでください。',
      unreadable: (f, r) => `${f} を読み込めません：${r}`,
      jump: 'このセルへ移動',
      fileLevel: 'ファイル全体',
    },
  },
  en: {
    sheet: 'Year on year',
    programTableTitle: (p, c) => `Programs, year on year (${p} → ${c})`,
    policyTableTitle: 'Grades per policy (last year → this year)',
    goalTableTitle: 'Grades per goal (last year → this year)',
    chartTitle: 'A–D per goal (last year, this year)',
    col: {
      goal: 'Goal',
      policy: 'Policy',
      program: 'Program',
      department: 'Department',
      previousGrade: 'Last year',
      currentGrade: 'This year',
      change: 'Change',
      previousNextPolicy: "Last year's next-year policy",
      findings: "This year's findings",
      item: 'Item',
      previousCounts: (g) => `${g} last year`,
      currentCounts: (g) => `${g} this year`,
      meanChange: 'Mean change',
    },
    added: 'new',
    vanished: 'not this year',
    twoSteps: (n) => `${n} steps`,
    unknownYear: 'year unknown',
    previousSeries: (y) => `Last year (${y})`,
    currentSeries: (y) => `This year (${y})`,
    reason: {
      sameName: 'same name',
      sameId: (id) => `same number (${id})`,
      renumbered: (f, t) => `renumbered (${f} → ${t})`,
      renamed: (f, t, s) => `small rename ("${f}" → "${t}", ${Math.round(s * 100)}% alike)`,
      moved: (f, t) => `moved (${f} → ${t})`,
      samePlace: 'same number under the same policy',
      department: {
        same: 'same department',
        renamed: 'department renamed',
        split: 'department split',
        merged: 'departments merged',
        only: 'the only department on both sides',
        new: 'department not there last year',
      },
    },
    explainMatched: 'Matched programs',
    explainAmbiguous: 'Programs that could not be matched unambiguously',
    explainVanished: "Last year's programs missing this year",
    explainAdded: "This year's programs not there last year",
    cli: {
      heading: (p, py, c, cy) => `Year on year: ${p} (${py}) → ${c} (${cy})`,
      counts: (m, v, a, x) => `Matched ${m} / missing this year ${v} / new this year ${a} / ambiguous ${x}`,
      findingsHeading: 'Findings',
      noFindings: 'No findings.',
      wrote: (f) => `Wrote the year-on-year sheet to ${f}.`,
      needTwo: "Name last year's file (or folder) and this year's, one each.",
      fileLevel: 'whole file',
      reversed: (p, py, c, cy) =>
        `${p}, given as last year's, reports ${py}, and ${c}, given as this year's, reports ${cy}: the arguments look reversed. Name last year's first, then this year's (hyoka compare ${c} ${p}).`,
      statedYearNotAfter: (y, p, py) =>
        `--year (or the settings' reportYear) states this year as ${y}, but ${p}, given as last year's, reports ${py}: this year comes after last year. Check the year stated.`,
      sameFile: (p, c) =>
        `The same file was given for both years (${p} and ${c} have the same content), and it holds no sheets of several years, so nothing was compared. Name last year's file.`,
      sameFolder: (f) => `The same folder (${f}) was given for both years; nothing was compared. Name last year's folder.`,
      oneYearOnly: (f) => `${f} holds sheets of one year only. Name last year's file (or folder) and this year's, one each.`,
      sheetYears: (f, py, cy) => `${f} holds sheets of several years: its ${py} sheets were compared with its ${cy} sheets.`,
    },
    pane: {
      tab: 'Year on year',
      intro: "Compares this year's open workbook with last year's (several files if each department has its own), program by program. Wrong previous-year grades, vanished programs, missing 【新規】 marks and text copied from last year are pointed out on this year's cells.",
      files: "Last year's files",
      drop: "Drop last year's workbook here (one per department is fine)",
      choose: "Choose last year's files",
      clear: 'Clear',
      selected: (n) => `${n} file(s) selected`,
      run: 'Compare with last year',
      running: 'Comparing…',
      summary: (p, c, m, v, a) => `${p} → ${c}: ${m} matched, ${v} missing this year, ${a} new`,
      noFindings: 'Nothing differs from last year.',
      write: 'Write the year-on-year sheet',
      written: (s) => `Wrote the "${s}" sheet.`,
      downloaded: (f) => `Downloaded ${f}.`,
      fileName: (y) => `year-on-year_${y}.xlsx`,
      noFiles: "Choose last year's file(s).",
      unreadable: (f, r) => `Cannot read ${f}: ${r}`,
      jump: 'Go to this cell',
      fileLevel: 'whole file',
    },
  },
};
