import { isDashOnly, normalizeHeader } from './text';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** A=4 … D=1, for the mean method and for measuring jumps. */
export function gradeScore(grade: Grade): number {
  return 4 - GRADES.indexOf(grade);
}

export function gradeSteps(from: Grade, to: Grade): number {
  return Math.abs(gradeScore(from) - gradeScore(to));
}

export function emptyCounts(): Record<Grade, number> {
  return { A: 0, B: 0, C: 0, D: 0 };
}

/** What one grade cell says. */
export type ParsedGrade =
  | { kind: 'blank' } // nothing entered (記入漏れ)
  | { kind: 'none'; text: string } // `—`, `－`, `-`: explicitly no grade
  | {
      kind: 'grade';
      grade: Grade;
      /** true when written exactly as `A`…`D` (optionally with `(再掲)`). */
      canonical: boolean;
      /** `A(再掲)`: the grade of an item shown again (再掲). */
      repost: boolean;
      text: string;
      /**
       * A grade written with its explanation, as dropdowns offer it: `A：ほぼ達成` (colon),
       * `A（達成）` (paren), `Ａ評価` (suffix), `A 目標を達成` (space). Absent for a bare letter.
       * A column written throughout in one notation has it as its standard (build.ts).
       */
      notation?: GradeNotation;
    }
  | { kind: 'invalid'; text: string };

const REPOST_SUFFIX = /^(.*?)[(（]\s*再掲\s*[)）]$/;

export type GradeNotation = 'colon' | 'paren' | 'suffix' | 'space';

// After NFKC (so `：` is `:`, `（` is `(`, `Ａ` is `A`). The explanation is short and starts with
// something other than a Latin letter or digit: `Bコース`, `A型`, `A1` are never grades.
const EXPLAINED: readonly [GradeNotation, RegExp][] = [
  ['colon', /^([A-Da-d])\s*[:：]\s*([^A-Za-z0-9\s][^\n]{0,24})$/],
  ['paren', /^([A-Da-d])\s*\(([^()]{1,24})\)$/],
  ['suffix', /^([A-Da-d])\s*(評価|判定|ランク)$/],
  ['space', /^([A-Da-d])\s+([^\sA-Za-z0-9:(][^\n]{0,24})$/],
];
// The explanations dropdowns use: achievement words. A paren or space explanation must say
// something of that kind, so `A (再掲)` and `C 就労継続支援` stay apart from grades.
const EXPLANATION_WORDS = /達成|成果|未実施|実施|順調|概ね|おおむね|課題|不十分|遅れ|進ん|改善|十分|目標|評価|良好|やや|予定|取り?組/;

export function parseGrade(raw: string | null | undefined): ParsedGrade {
  if (raw === null || raw === undefined || raw.replace(/[\s\u3000]+/g, '') === '') return { kind: 'blank' };
  const text = raw;
  if (isDashOnly(text)) return { kind: 'none', text };
  let body = text;
  let repost = false;
  const m = REPOST_SUFFIX.exec(text.trim());
  if (m) {
    body = m[1];
    repost = true;
  }
  const folded = normalizeHeader(body).toUpperCase();
  if (folded.length === 1 && (GRADES as readonly string[]).includes(folded)) {
    const grade = folded as Grade;
    const exact = repost ? /^[ABCD]\(再掲\)$/.test(text.trim()) : text === grade;
    return { kind: 'grade', grade, canonical: exact, repost, text };
  }
  if (folded.length >= 2 && folded.length <= 30) {
    const explained = explainedGrade(body);
    if (explained) return { kind: 'grade', grade: explained.grade, canonical: false, repost, text, notation: explained.notation };
  }
  return { kind: 'invalid', text };
}

/** `A：ほぼ達成`, `A（達成）`, `Ａ評価`, `A 目標を達成` → the grade and its notation. */
export function explainedGrade(raw: string): { grade: Grade; notation: GradeNotation } | null {
  const t = raw.normalize('NFKC').trim();
  const first = t.charCodeAt(0) | 0x20; // a–d, either case
  if (first < 0x61 || first > 0x64) return null;
  for (const [notation, re] of EXPLAINED) {
    const m = re.exec(t);
    if (!m) continue;
    if ((notation === 'paren' || notation === 'space') && !EXPLANATION_WORDS.test(m[2])) return null;
    return { grade: m[1].toUpperCase() as Grade, notation };
  }
  return null;
}

/** The canonical way to write a grade, for messages. */
export function canonicalGrade(grade: Grade, repost = false): string {
  return repost ? `${grade}(再掲)` : grade;
}
