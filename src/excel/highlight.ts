/// <reference types="office-js" />
import type { Finding, Severity } from '../core';
import { HIGHLIGHTS_KEY } from './workbook-keys';

/**
 * Reversible highlighting of flagged cells. What each cell looked like before is stored in the
 * workbook's settings, so "clear highlights" can restore it exactly even after Excel restarts.
 * Only fills are touched; values and formulas never are.
 */
export const HIGHLIGHT_COLOURS: Record<Severity, string> = { error: '#FDE7E9', warning: '#FFF4CE', info: '#EBF3FC' };

export interface StoredHighlight {
  sheet: string;
  cell: string;
  /** The original fill colour, or null for "no fill". */
  original: string | null;
  /** The colour Hyoka applied; a cell the user has recoloured since is left alone. */
  applied: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
/** Settings are kept small: a workbook with more flagged cells is highlighted only up to this. */
export const MAX_HIGHLIGHTS = 5000;

export interface FillCapabilities {
  /** ExcelApi 1.9: RangeFill.pattern tells "no fill" from a white fill. */
  pattern: boolean;
}

export async function readHighlightState(context: Excel.RequestContext): Promise<StoredHighlight[]> {
  const item = context.workbook.settings.getItemOrNullObject(HIGHLIGHTS_KEY);
  item.load('value');
  await context.sync();
  return item.isNullObject ? [] : parseStored(item.value);
}

export async function applyHighlights(
  context: Excel.RequestContext,
  findings: readonly Finding[],
  caps: FillCapabilities,
): Promise<number> {
  // Start from the user's own fills: undo an earlier highlight first.
  if ((await readHighlightState(context)).length > 0) await clearHighlights(context);

  const targets = new Map<string, { sheet: string; cell: string; severity: Severity }>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    const prev = targets.get(key);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) targets.set(key, { sheet: f.sheet, cell: f.cell, severity: f.severity });
    if (targets.size >= MAX_HIGHLIGHTS) break;
  }
  if (targets.size === 0) return 0;

  const fills = [...targets.values()].map((t) => {
    const fill = context.workbook.worksheets.getItem(t.sheet).getRange(t.cell).format.fill;
    fill.load(caps.pattern ? 'color,pattern' : 'color');
    return { ...t, fill };
  });
  await context.sync();

  const stored: StoredHighlight[] = fills.map(({ sheet, cell, severity, fill }) => {
    const noFill = caps.pattern ? fill.pattern === 'None' : isWhite(fill.color);
    const original = noFill ? null : fill.color;
    const applied = HIGHLIGHT_COLOURS[severity];
    fill.color = applied;
    return { sheet, cell, original, applied };
  });
  context.workbook.settings.add(HIGHLIGHTS_KEY, stored);
  await context.sync();
  return stored.length;
}

export async function clearHighlights(context: Excel.RequestContext): Promise<number> {
  const stored = await readHighlightState(context);
  if (stored.length === 0) return 0;
  const fills = stored.map((h) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(h.sheet);
    const fill = ws.getRange(h.cell).format.fill;
    fill.load('color');
    return { h, ws, fill };
  });
  await context.sync();
  let restored = 0;
  for (const { h, ws, fill } of fills) {
    if (ws.isNullObject) continue;
    if (!sameColour(fill.color, h.applied)) continue; // the user recoloured it: theirs now
    if (h.original === null) fill.clear();
    else fill.color = h.original;
    restored++;
  }
  context.workbook.settings.getItemOrNullObject(HIGHLIGHTS_KEY).delete();
  await context.sync();
  return restored;
}

function isWhite(colour: string | null | undefined): boolean {
  return !colour || /^#?ffffff$/i.test(colour) || /^white$/i.test(colour);
}

function sameColour(a: string | null | undefined, b: string): boolean {
  return (a ?? '').replace('#', '').toUpperCase() === b.replace('#', '').toUpperCase();
}

function parseStored(value: unknown): StoredHighlight[] {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (h): h is StoredHighlight =>
      typeof h === 'object' && h !== null && typeof h.sheet === 'string' && typeof h.cell === 'string' &&
      typeof h.applied === 'string' && (h.original === null || typeof h.original === 'string'),
  );
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
