/**
 * Japanese fiscal years. Fiscal years run April–March, and every form below names the
 * fiscal year by its starting calendar year: 令和元年度 = 2019, 平成30年度 = 2018.
 */

const ERA_BASE: Record<string, number> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988 };

function toHalfWidth(text: string): string {
  return text.normalize('NFKC');
}

/**
 * Parses one year as a person would type it for `--year` or in settings:
 * `2023`, `2023年度`, `R5`, `令和5`, `令和５年度`, `令和元年度`, `H30`. Null when it is not a year.
 */
export function parseFiscalYear(input: string | number): number | null {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 1989 && input <= 2100 ? input : null;
  const t = toHalfWidth(input).replace(/\s+/g, '').replace(/(年度|年)$/, '');
  if (/^\d{4}$/.test(t)) {
    const y = Number(t);
    return y >= 1989 && y <= 2100 ? y : null;
  }
  const m = /^(令和|平成|[RrHh])(元|\d{1,2})$/.exec(t);
  if (!m) return null;
  const era = m[1].toUpperCase() === 'R' ? '令和' : m[1].toUpperCase() === 'H' ? '平成' : m[1];
  const n = m[2] === '元' ? 1 : Number(m[2]);
  if (n < 1 || (era === '平成' && n > 31) || n > 99) return null;
  return ERA_BASE[era] + n;
}

export interface YearMention {
  year: number;
  /** The text as written, for messages. */
  text: string;
  index: number;
  /** `令和5年度以降`, `今後`: a plan for the future rather than a record. */
  future: boolean;
}

// 令和5年度 / 令和元年度 / R5年度 / H30 / 2020年度 / 令和5(2023)年度
const YEAR_PATTERN =
  /(令和|平成)\s*(元|\d{1,2})\s*(?:[(（]\s*\d{4}\s*[)）])?\s*(年度|年)?|(?<![A-Za-z])([RH])\s*(元|\d{1,2})\s*(年度)?(?![A-Za-z\d])|(?<!\d)((?:19|20)\d{2})\s*(年度|年)/g;

/** Every fiscal-year mention in a text (titles, header labels). */
export function findYears(text: string): YearMention[] {
  const t = toHalfWidth(text);
  const out: YearMention[] = [];
  for (const m of t.matchAll(YEAR_PATTERN)) {
    let year: number | null = null;
    if (m[1]) year = ERA_BASE[m[1]] + (m[2] === '元' ? 1 : Number(m[2]));
    else if (m[4]) {
      // A bare R5/H30 only counts when it reads as a year (not inside a word).
      year = ERA_BASE[m[4]] + (m[5] === '元' ? 1 : Number(m[5]));
    } else if (m[7]) year = Number(m[7]);
    if (year === null || year < 1989 || year > 2100) continue;
    const after = t.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 4);
    const before = t.slice(Math.max(0, (m.index ?? 0) - 4), m.index ?? 0);
    const future = /^以降/.test(after) || /今後/.test(before);
    out.push({ year, text: m[0], index: m.index ?? 0, future });
  }
  return out;
}

/** Display form of a fiscal year in the user's language. */
export function formatFiscalYear(year: number, lang: 'ja' | 'en'): string {
  if (lang === 'en') return `FY${year}`;
  if (year >= 2019) return `令和${year === 2019 ? '元' : year - 2018}年度`;
  return `平成${year - 1988}年度`;
}

/**
 * The one report-year vote (check: the sheets' titles and names; consolidate: the files): the
 * year with the most weight, the later year on a tie (this year's sources outnumber stragglers,
 * and a template lays out years ahead only blank). Null when no candidate has a year.
 */
export function voteYear(candidates: readonly { year: number | null; weight: number }[]): number | null {
  const votes = new Map<number, number>();
  for (const c of candidates) if (c.year !== null) votes.set(c.year, (votes.get(c.year) ?? 0) + c.weight);
  let best: number | null = null;
  let bestVotes = 0;
  for (const [year, v] of votes) {
    if (v > bestVotes || (v === bestVotes && best !== null && year > best)) {
      best = year;
      bestVotes = v;
    }
  }
  return best;
}

/**
 * The fiscal years a workbook's own tables carry: the years their titles and sheet names state
 * and the years their columns are named for (a column of last year's grade, `R1評価`, speaks of
 * the year after it too). What a report year the user states (--year) is checked against.
 * Ascending; empty when the workbook names no year.
 */
export function yearsCarried(
  layouts: readonly {
    statedYear: number | null;
    sheetNameYear: number | null;
    entryYears: readonly number[];
    columns: readonly { role: string; year?: number }[];
  }[],
): number[] {
  const years = new Set<number>();
  for (const l of layouts) {
    if (l.statedYear !== null) years.add(l.statedYear);
    if (l.sheetNameYear !== null) years.add(l.sheetNameYear);
    for (const y of l.entryYears) years.add(y);
    for (const c of l.columns) {
      if (c.year === undefined) continue;
      years.add(c.year);
      if (c.role === 'previousGrade') years.add(c.year + 1);
    }
  }
  return [...years].sort((a, b) => a - b);
}
