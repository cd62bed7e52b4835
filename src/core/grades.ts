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
    }
  | { kind: 'invalid'; text: string };

const REPOST_SUFFIX = /^(.*?)[(（]\s*再掲\s*[)）]$/;

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
  return { kind: 'invalid', text };
}

/** The canonical way to write a grade, for messages. */
export function canonicalGrade(grade: Grade, repost = false): string {
  return repost ? `${grade}(再掲)` : grade;
}
