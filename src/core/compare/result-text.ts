import type { SheetPlan } from '../plan/types';
import { cellAt, cellText, type WorkbookSnapshot } from '../snapshot';

/**
 * Header words that speak of what was done (成果, 実績, 実施状況, Do …), and words of columns
 * that hold prose about something else (課題, 今後, 計画, 目標 …). A header word alone decides
 * nothing: it is weighed with what the column's cells hold.
 */
const DONE_WORDS = /成果|実績|実施(状況|内容)|取り?組み?(状況|内容|実績)|事業(内容|報告|概要)|活動(内容|状況)|進捗状況|実行|結果|報告|^do\b|\bdo\(/i;
const OTHER_WORDS = /課題|改善|今後|計画|予定|目標|指標|備考|頁|ページ|理由|展望|方針|評価|act\b|plan\b|check\b/i;

/** A result text is a sentence or more: short entries (「実施」, 「-」) are not prose. */
const PROSE_LENGTH = 15;

/**
 * Finds the 実績 column of each plan that has none by its header words (a `resultText` role
 * given by detection or a correction is kept): among the table's prose columns, one whose
 * header speaks of what was done and whose filled cells are mostly sentences that differ
 * from row to row — `令和2年度の成果`, `Do(実行)`, `取組状況`. The plan's entries get the
 * column's cells as their `resultText`, which 前年度比較 (text-unchanged) compares.
 */
export function resolveResultText(plans: readonly SheetPlan[], snapshot: WorkbookSnapshot): void {
  for (const plan of plans) {
    if (plan.layout.columns.some((c) => c.role === 'resultText')) continue;
    const sheet = snapshot.sheets.find((s) => s.name === plan.sheet);
    if (!sheet) continue;
    const entries = plan.nodes.flatMap((n) => n.entries);
    if (entries.length === 0) continue;
    let best: { col: number; score: number } | null = null;
    for (const c of plan.layout.columns) {
      if (c.role !== 'text' || c.hidden) continue;
      const label = c.label.replace(/\s+/g, '');
      const done = DONE_WORDS.test(label);
      if (!done || (OTHER_WORDS.test(label) && !/成果|実績|実行|^do/i.test(label))) continue;
      const texts = entries.map((e) => cellText(cellAt(sheet, e.row, c.col)).trim()).filter((t) => t !== '');
      if (texts.length === 0) continue;
      const prose = texts.filter((t) => t.replace(/\s+/g, '').length >= PROSE_LENGTH).length / texts.length;
      const distinct = new Set(texts).size / texts.length;
      // Mostly sentences, mostly different: what a department writes afresh each year.
      if (prose < 0.5 || distinct < 0.5) continue;
      const score = prose + distinct;
      if (!best || score > best.score) best = { col: c.col, score };
    }
    if (!best) continue;
    const col = best.col;
    for (const e of entries) {
      const value = cellAt(sheet, e.row, col);
      e.resultText = { row: e.row, col, value, text: cellText(value) };
    }
  }
}
