import { sameLevels, scaleText, type Scale } from '../../scale';
import { defineRule } from '../../rules/rule';
import type { ConsolidationContext } from './context';

/**
 * Departments of one plan grading on different scales (one S/A/B/C, another A–D): their counts
 * cannot simply be added. Said once for the run, naming each scale and its files; the 取りまとめ
 * counts show the union of the levels, so nothing is dropped.
 */
export const scaleMixed = defineRule<ConsolidationContext, { mixed: { scales: { levels: string; files: string[] }[] } }>({
  id: 'scale-mixed',
  kind: 'consolidate',
  title: { ja: '評価の段階の不一致', en: 'Departments grade on different scales' },
  severity: 'warning',
  description: {
    ja: '担当課によって評価の段階（A〜D、S〜Cなど）が違います。',
    en: 'Departments grade on different scales (A–D, S–C …).',
  },
  messages: {
    mixed: {
      ja: (p) =>
        `担当課によって評価の段階が違います（${p.scales.map((s) => `${s.levels}: ${s.files.slice(0, 3).join('、')}${s.files.length > 3 ? ` ほか${s.files.length - 3}件` : ''}`).join(' ／ ')}）。段階ごとの件数はそのまま足し合わせられません。様式の評価基準をそろえてください。`,
      en: (p) =>
        `Departments grade on different scales (${p.scales.map((s) => `${s.levels}: ${s.files.slice(0, 3).join(', ')}${s.files.length > 3 ? ` and ${s.files.length - 3} more` : ''}`).join('; ')}). Counts per level cannot simply be added; align the forms' grading criteria.`,
    },
  },
  check(context, report) {
    const groups: { scale: Scale; files: string[] }[] = [];
    for (const f of context.files) {
      if (f.status !== 'ok' || !f.scale) continue;
      const g = groups.find((x) => sameLevels(x.scale, f.scale!));
      if (g) g.files.push(f.file);
      else groups.push({ scale: f.scale, files: [f.file] });
    }
    if (groups.length < 2) return;
    report({ messageId: 'mixed', at: { file: null, sheet: null, cell: null, row: null }, params: { scales: groups.map((g) => ({ levels: scaleText(g.scale), files: g.files })) } });
  },
});
