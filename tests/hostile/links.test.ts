/**
 * Links in written reports: relative to the report, percent-encoded where a link would misread
 * the name (`#`, `%`, spaces), none at all for a name that looks like a URL or a network path,
 * and — in a report that holds only its own sheets — none to sheets it does not contain.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

import { linkTarget } from '../../src/cli/links';
import { linksWithinDocument } from '../../src/core/links';
import type { SummaryDocument } from '../../src/core/summary-document';
import { ensureBuilt, expectNoCrash, runCli, tempDir } from './cli';
import * as g from './generate';

test('linkTarget: relative, percent-encoded, and null for URL-like or UNC names', () => {
  expect(linkTarget('/r/out/report.xlsx', '/r/in/評価#1 調書.xlsx')).toBe('../in/評価%231%20調書.xlsx');
  expect(linkTarget('/r/report.xlsx', '/r/50%.xlsx')).toBe('50%25.xlsx');
  expect(linkTarget('/r/report.xlsx', '/r/a?b.xlsx')).toBe('a%3Fb.xlsx');
  expect(linkTarget('/r/report.xlsx', '/r/https:evil.example.xlsx')).toBeNull();
  expect(linkTarget('/r/report.xlsx', '/r/file:etc.xlsx')).toBeNull();
  expect(linkTarget('/r/report.xlsx', '/r/\\\\host\\share\\x.xlsx')).toBeNull();
  expect(linkTarget('/r/report.xlsx', '/r/sub/mailto:x.xlsx')).toBeNull();
  expect(linkTarget('/r/report.xlsx', '')).toBeNull();
});

test('linksWithinDocument keeps links to its own sheets and to other files, and drops the rest', () => {
  const doc: SummaryDocument = {
    sheets: [
      {
        name: '点検結果',
        blocks: [
          {
            kind: 'table',
            title: 't',
            columns: [{ header: 'h', width: 10 }],
            rows: [[{ text: 'F10', link: { sheet: '評価調書', cell: 'F10' } }, { text: 'A1', link: { sheet: '点検結果', cell: 'A1' } }, { text: 'B2', link: { sheet: '評価調書', cell: 'B2', file: 'in.xlsx' } }]],
          },
        ],
      },
    ],
  };
  const rows = (linksWithinDocument(doc).sheets[0].blocks[0] as { rows: unknown[][] }).rows;
  expect(rows[0]).toEqual(['F10', { text: 'A1', link: { sheet: '点検結果', cell: 'A1' } }, { text: 'B2', link: { sheet: '評価調書', cell: 'B2', file: 'in.xlsx' } }]);
});

/** Every hyperlink target and location the written workbook holds. */
function hyperlinks(data: Uint8Array): string[] {
  const files = unzipSync(data);
  const out: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const xml = strFromU8(bytes);
    if (/_rels\/sheet\d+\.xml\.rels$/.test(name)) for (const m of xml.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"/g)) out.push(m[1]);
    if (/worksheets\/sheet\d+\.xml$/.test(name)) for (const m of xml.matchAll(/<hyperlink [^>]*location="([^"]*)"/g)) out.push(`#${m[1]}`);
  }
  return out;
}

test('through the CLI: a # in the input name is encoded, a URL-like name gets no link', async () => {
  ensureBuilt();
  const dir = await tempDir('links');
  const inDir = path.join(dir, '提出');
  const outDir = path.join(dir, '結果');
  await fs.mkdir(inDir);
  await fs.mkdir(outDir);
  const data = await g.formulaErrors();
  const hash = path.join(inDir, '第2#回 評価.xlsx');
  const url = path.join(inDir, 'https:evil.example.xlsx');
  await fs.writeFile(hash, data.data);
  await fs.writeFile(url, data.data);
  const [a, b] = await Promise.all([
    runCli(['check', hash, '--out', path.join(outDir, 'a.xlsx')]),
    runCli(['check', url, '--out', path.join(outDir, 'b.xlsx')]),
  ]);
  for (const r of [a, b]) expectNoCrash(r);
  const linksA = hyperlinks(await fs.readFile(path.join(outDir, 'a.xlsx')));
  const external = linksA.filter((l) => !l.startsWith('#'));
  expect(external.length).toBeGreaterThan(0);
  for (const l of external) expect(l.startsWith('../提出/第2%23回%20評価.xlsx#')).toBe(true);
  const linksB = hyperlinks(await fs.readFile(path.join(outDir, 'b.xlsx')));
  expect(linksB.filter((l) => !l.startsWith('#'))).toEqual([]);
  // Nor links into sheets the report does not hold.
  for (const l of linksB) expect(l).toMatch(/^#'?(評価集計|点検結果)/);
  await fs.rm(dir, { recursive: true, force: true });
}, 60_000);
