import type { NotReadReason } from '../core/consolidate/types';
import type { Lang, Severity } from '../core/report';

/** Why an entry was not read, or read but not taken as a department's report. */
export type SkipReason = NotReadReason;

/** The folder depth read by default, in words (folders.ts DEFAULT_FOLDER_DEPTH = 3). */
const DEPTH_WORDS: Record<Lang, string> = { ja: '3階層下', en: 'three levels' };

export type ConsolidateFileStatus = 'ok' | 'unreadable' | 'wrong-year';

/** Strings of 取りまとめ: the sheets it writes and the `hyoka consolidate` terminal output. */
export interface ConsolidateMessages {
  mergedSheet: string;
  findingsSheet: string;
  statusSheet: string;
  /** Shown as the report's "file" on 評価集計. */
  reportLabel: (files: number) => string;
  mergedTitle: (year: string, files: number, rows: number) => string;
  findingsTitle: (year: string) => string;
  /** Title of one department's 点検結果 workbook. */
  departmentTitle: (department: string, year: string) => string;
  /** The CLI's line after writing the per-department workbooks. */
  wroteDepartments: (count: number, dir: string) => string;
  statusTitle: (year: string, master: string | null) => string;
  col: {
    group: string;
    hierarchy: string;
    id: string;
    program: string;
    department: string;
    previousGrade: string;
    grade: string;
    nextPolicy: string;
    inMaster: string;
    findings: string;
    file: string;
    sheet: string;
    row: string;
    submitted: string;
    status: string;
    reportYear: string;
    rows: string;
    errors: string;
    warnings: string;
    programs: string;
  };
  inMaster: { yes: string; no: string; unreported: string };
  submitted: { yes: string; no: string; insideOther: (files: string) => string; notInMaster: string; unreadable: string };
  fileStatus: Record<ConsolidateFileStatus, string>;
  noFindings: string;
  unknownYear: string;
  // terminal
  noInputs: string;
  notFound: (path: string) => string;
  emptyFolder: (dir: string) => string;
  skippedHeading: string;
  skipped: Record<SkipReason, string>;
  /** After a skipped entry read under another path: which. */
  skippedSameAs: (file: string) => string;
  convertedHeading: string;
  masterUnreadable: (file: string, detail: string) => string;
  /** A plan master found among the inputs without --master. */
  masterDetected: (file: string) => string;
  masterWithoutPlan: (file: string) => string;
  heading: (year: string, files: number, master: string | null) => string;
  statusHeading: string;
  findingsHeading: string;
  runLevel: string;
  totals: (counts: Record<Severity, number>, rows: number) => string;
  wrote: (file: string) => string;
  progress: string;
}

export const consolidateMessages: Record<Lang, ConsolidateMessages> = {
  ja: {
    mergedSheet: '取りまとめ',
    findingsSheet: '点検結果',
    statusSheet: '提出状況',
    reportLabel: (n) => `${n}ファイルの取りまとめ`,
    mergedTitle: (year, files, rows) => `取りまとめ　報告年度: ${year}　ファイル ${files}件・事業 ${rows}行（計画体系の順）`,
    departmentTitle: (department, year) => `点検結果（${department}）　報告年度: ${year}`,
    wroteDepartments: (n, dir) => `${dir} に担当課ごとの点検結果を${n}件書き出しました。`,
    findingsTitle: (year) => `点検結果（全ファイル）　報告年度: ${year}`,
    statusTitle: (year, master) => `提出状況　報告年度: ${year}${master ? `　計画体系: ${master}` : ''}`,
    col: {
      group: 'シート',
      hierarchy: '体系',
      id: '番号',
      program: '事業名',
      department: '担当課',
      previousGrade: '前年度評価',
      grade: '評価',
      nextPolicy: '次年度方針',
      inMaster: '計画体系',
      findings: '指摘数',
      file: 'ファイル',
      sheet: '元のシート',
      row: '元の行',
      submitted: '提出',
      status: '状態',
      reportYear: '報告年度',
      rows: '事業行',
      errors: 'エラー',
      warnings: '警告',
      programs: '担当事業数',
    },
    inMaster: { yes: '○', no: '計画体系にない', unreported: '未報告' },
    submitted: { yes: '提出済み', no: '未提出', insideOther: (files) => `他課のファイルに含まれる（${files}）`, notInMaster: '提出済み（計画体系にない課）', unreadable: '提出あり（読めません）' },
    fileStatus: { ok: '受領', unreadable: '読み込めない', 'wrong-year': '年度違い' },
    noFindings: '指摘はありません。',
    unknownYear: '不明',
    noInputs: '取りまとめるファイルまたはフォルダを指定してください。',
    notFound: (p) => `${p}: ファイルもフォルダも見つかりません。`,
    emptyFolder: (dir) => `${dir}: ブック（.xlsx・.xlsm・.xls・.ods）がありません。`,
    skippedHeading: '読まなかった項目・提出物として扱わなかったブック',
    skipped: {
      'not-a-file': '通常のファイルではありません（FIFO・デバイス・ソケット）',
      'link-loop': 'シンボリックリンクが循環しています',
      'dangling-link': '行き先のないシンボリックリンクです',
      'not-a-workbook': 'ブック（.xlsx・.xlsm・.xls・.ods）ではありません',
      permission: '読む権限がありません',
      'lock-file': 'Excel が開いている間の一時ファイル（~$）です',
      'hidden-entry': '隠しファイル・隠しフォルダ（名前が . で始まる）です',
      'too-deep': `フォルダの階層が深すぎます（指定したフォルダから${DEPTH_WORDS.ja}まで読みます）`,
      'folder-loop': 'フォルダへのリンクが自分を含むフォルダを指しています（循環）',
      'folder-read': 'リンク先のフォルダは別の名前で読みました',
      'same-file': '同じファイルを別の名前で読みました',
      'hyoka-output': 'Hyoka が書き出したブックです（提出されたファイルではありません）',
      tracking: '提出状況などの管理表です（課の一覧と状況の列があり、評価の列がありません）',
      'plan-master': '計画体系（評価のない体系表）です。計画体系は1つだけ使います',
      'summary-only': '評価総括表だけのブックです（事業ごとの評価の表がありません）',
    },
    skippedSameAs: (file) => `（${file}）`,
    convertedHeading: 'LibreOffice で .xlsx に変換したコピーを読んだファイル（元のファイルは変更していません）',
    masterUnreadable: (file, detail) => `計画体系 ${file} を読み込めません: ${detail}`,
    masterDetected: (file) => `${file} は計画体系（評価のない体系表）なので、計画体系として使いました（担当課のファイルとしては数えていません）。別の計画体系を使うには --master で指定してください。`,
    masterWithoutPlan: (file) =>
      `${file} に計画体系のシート（基本目標・施策・事業・担当課などの列を持ち、評価の列がない表）が見つかりません。`,
    heading: (year, files, master) => `取りまとめ（報告年度: ${year}、ファイル ${files}件${master ? `、計画体系: ${master}` : ''}）`,
    statusHeading: '■ 提出状況',
    findingsHeading: '■ 指摘',
    runLevel: '（取りまとめ全体）',
    totals: (c, rows) => `指摘: エラー ${c.error}件 / 警告 ${c.warning}件 / 情報 ${c.info}件　取りまとめた事業行: ${rows}行`,
    wrote: (file) => `${file} に取りまとめ・評価集計・点検結果・提出状況を書き出しました。`,
    progress: '取りまとめ中',
  },
  en: {
    mergedSheet: '取りまとめ',
    findingsSheet: '点検結果',
    statusSheet: '提出状況',
    reportLabel: (n) => `${n} files consolidated`,
    mergedTitle: (year, files, rows) => `Consolidation   Report year: ${year}   ${files} files, ${rows} program rows (plan order)`,
    departmentTitle: (department, year) => `Findings for ${department}   Report year: ${year}`,
    wroteDepartments: (n, dir) => `Wrote ${n} per-department findings workbooks to ${dir}.`,
    findingsTitle: (year) => `Findings (all files)   Report year: ${year}`,
    statusTitle: (year, master) => `Submissions   Report year: ${year}${master ? `   Plan master: ${master}` : ''}`,
    col: {
      group: 'Sheet',
      hierarchy: 'Plan',
      id: 'No.',
      program: 'Program',
      department: 'Department',
      previousGrade: 'Prev. grade',
      grade: 'Grade',
      nextPolicy: 'Next year',
      inMaster: 'In master',
      findings: 'Findings',
      file: 'File',
      sheet: 'Source sheet',
      row: 'Source row',
      submitted: 'Submitted',
      status: 'Status',
      reportYear: 'Report year',
      rows: 'Rows',
      errors: 'Errors',
      warnings: 'Warnings',
      programs: 'Programs',
    },
    inMaster: { yes: 'yes', no: 'not in master', unreported: 'not reported' },
    submitted: { yes: 'received', no: 'missing', insideOther: (files) => `inside another department's file (${files})`, notInMaster: 'received (not in master)', unreadable: 'received (unreadable)' },
    fileStatus: { ok: 'ok', unreadable: 'unreadable', 'wrong-year': 'wrong year' },
    noFindings: 'No findings.',
    unknownYear: 'unknown',
    noInputs: 'Name the files or folders to consolidate.',
    notFound: (p) => `${p}: no such file or folder.`,
    emptyFolder: (dir) => `${dir}: no workbooks (.xlsx, .xlsm, .xls, .ods).`,
    skippedHeading: 'Not read, or not taken as a submission',
    skipped: {
      'not-a-file': 'not a regular file (FIFO, device or socket)',
      'link-loop': 'a symbolic link loop',
      'dangling-link': 'a symbolic link to nothing',
      'not-a-workbook': 'not a workbook (.xlsx, .xlsm, .xls, .ods)',
      permission: 'permission denied',
      'lock-file': "Excel's temporary file while a workbook is open (~$)",
      'hidden-entry': 'a hidden file or folder (name starts with .)',
      'too-deep': `folder nested too deep (read ${DEPTH_WORDS.en} below the folder given)`,
      'folder-loop': 'a link to a folder that contains it (a loop)',
      'folder-read': 'a link to a folder read under another name',
      'same-file': 'the same file, read under another name',
      'hyoka-output': 'a workbook Hyoka wrote (not a submission)',
      tracking: 'a tracking sheet (a list of departments with statuses, no grade column)',
      'plan-master': 'a plan master (a hierarchy without grades); only one is used',
      'summary-only': 'only a 評価総括表 (no table of programs and grades)',
    },
    skippedSameAs: (file) => ` (${file})`,
    convertedHeading: 'Read through a copy converted to .xlsx by LibreOffice (the originals are unchanged)',
    masterUnreadable: (file, detail) => `Cannot read the plan master ${file}: ${detail}`,
    masterDetected: (file) => `${file} is a plan master (a hierarchy without grades): used as the master, not counted as a department. Name another with --master.`,
    masterWithoutPlan: (file) => `${file} has no plan-master sheet (a table of goals, policies, programs and departments, without grades).`,
    heading: (year, files, master) => `Consolidation (report year: ${year}, ${files} files${master ? `, plan master: ${master}` : ''})`,
    statusHeading: '■ Submissions',
    findingsHeading: '■ Findings',
    runLevel: '(run)',
    totals: (c, rows) => `Findings: ${c.error} errors / ${c.warning} warnings / ${c.info} info   Program rows merged: ${rows}`,
    wrote: (file) => `Wrote 取りまとめ, 評価集計, 点検結果 and 提出状況 to ${file}.`,
    progress: 'Consolidating',
  },
};
