/**
 * README.md and docs/*.md link only to what exists: every relative link's file, and every
 * `#anchor` to a heading of the file it points into (GitHub's heading ids). A renamed file, a
 * moved section or a deleted doc fails here instead of leaving a dead link.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DOCS = [join(ROOT, 'README.md'), ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f))];

/** GitHub's id for a heading: lower case, punctuation dropped (letters, digits, `-`, `_` kept), spaces to `-`. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** `[text](target)` and `![alt](target)` outside code blocks and inline code. */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

const cases = DOCS.flatMap((file) => links(file).filter((l) => !/^[a-z]+:/i.test(l)).map((l) => [relative(ROOT, file), l] as const));

test('the docs hold relative links to check', () => {
  expect(cases.length).toBeGreaterThan(20);
});

test.each(cases)('%s → %s exists', (from, link) => {
  const [path, anchor] = link.split('#') as [string, string | undefined];
  const target = path === '' ? join(ROOT, from) : resolve(dirname(join(ROOT, from)), decodeURI(path));
  expect([link, existsSync(target)]).toEqual([link, true]);
  if (anchor !== undefined && anchor !== '' && statSync(target).isFile() && target.endsWith('.md')) {
    expect([link, anchors(target).has(decodeURIComponent(anchor))]).toEqual([link, true]);
  }
});

test('the heading ids are GitHub’s', () => {
  expect(slug('Diagnostics in real Excel (設定 › 診断)')).toBe('diagnostics-in-real-excel-設定--診断');
  expect(slug('`--json`')).toBe('--json');
  expect(slug('The JSON contract of a finding')).toBe('the-json-contract-of-a-finding');
});
