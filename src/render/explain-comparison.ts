import { compareMessages } from '../i18n/compare';
import type { Lang } from '../core/report';
import type { MatchReason, MatchResult } from '../core/compare/match';
import type { YearProgram } from '../core/compare/programs';

/** One reason in words. */
export function describeReason(reason: MatchReason, lang: Lang): string {
  const r = compareMessages[lang].reason;
  switch (reason.kind) {
    case 'same-name': return r.sameName;
    case 'same-id': return r.sameId(reason.id);
    case 'renumbered': return r.renumbered(reason.from, reason.to);
    case 'renamed': return r.renamed(reason.from, reason.to, reason.similarity);
    case 'moved': return r.moved(reason.from, reason.to);
    case 'same-place': return r.samePlace;
  }
}

function where(p: YearProgram): string {
  const path = p.node.path && p.node.path !== p.name ? `${p.node.path} ` : '';
  return `${p.file ? `${p.file} ` : ''}${p.sheet}!${p.nameCell.row + 1} ${path}${p.name}`;
}

/** `--explain`: why each program was paired with last year's, and what was left over. */
export function explainMatches(match: MatchResult, lang: Lang): string[] {
  const m = compareMessages[lang];
  const lines: string[] = [`${m.explainMatched} (${match.matches.length})`];
  for (const x of match.matches) {
    lines.push(`  ${where(x.previous)}  →  ${where(x.current)}`);
    lines.push(`      ${x.reasons.map((r) => describeReason(r, lang)).join(lang === 'ja' ? '、' : '; ')}`);
    for (const d of x.departments) {
      if (d.link === 'same' || d.link === 'only') continue;
      const from = d.previous.map((e) => e.entry.department ?? '—').join(lang === 'ja' ? '・' : ', ');
      lines.push(`      ${m.reason.department[d.link]}: ${from || '—'} → ${d.current.entry.department ?? '—'}`);
    }
  }
  if (match.ambiguous.length) {
    lines.push(`${m.explainAmbiguous} (${match.ambiguous.length})`);
    for (const a of match.ambiguous) lines.push(`  ${where(a.current)}  ?  ${a.candidates.map(where).join(' | ')}`);
  }
  lines.push(`${m.explainVanished} (${match.vanished.length})`);
  for (const p of match.vanished) lines.push(`  ${where(p)}`);
  lines.push(`${m.explainAdded} (${match.added.length})`);
  for (const p of match.added) lines.push(`  ${where(p)}`);
  return lines;
}
