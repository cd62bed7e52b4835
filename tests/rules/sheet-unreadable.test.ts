/**
 * sheet-unreadable: a sheet the workbook lists whose part is missing from the file. The
 * workbook is the clean Kiyose fixture with one sheet part removed from the zip, read by the
 * reader users use, checked by the engine and by the CLI.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';

import { checkWorkbook } from '../../src/core';
import { describe as describeFinding } from '../../src/render/describe';
import { readWorkbook } from '../../src/xlsx/read';
import { buildSeedWorkbook, toBuffer } from '../fixtures/workbooks';
import { ensureBuilt, runCli } from '../hostile/cli';

jest.setTimeout(60_000);

/** The fixture with the part of sheet `name` taken out (its entry in the workbook stays). */
async function withoutSheetPart(name: string): Promise<Uint8Array> {
  const { workbook } = buildSeedWorkbook('kiyose-programs');
  const files = unzipSync(await toBuffer(workbook));
  const index = workbook.worksheets.findIndex((w) => w.name === name);
  delete files[`xl/worksheets/sheet${index + 1}.xml`];
  return zipSync(files);
}

beforeAll(() => ensureBuilt());

describe('sheet-unreadable', () => {
  it('clean workbook: none', async () => {
    const { workbook } = buildSeedWorkbook('kiyose-programs');
    const { report } = checkWorkbook(await readWorkbook(await toBuffer(workbook)));
    expect(report.findings.filter((f) => f.rule === 'sheet-unreadable')).toEqual([]);
  });

  it('a missing sheet part is named (error) and the other sheets are still checked', async () => {
    const { workbook } = buildSeedWorkbook('kiyose-programs');
    const missing = workbook.worksheets.find((w) => w.name !== '評価調書')!.name;
    const snapshot = await readWorkbook(await withoutSheetPart(missing));
    const { report } = checkWorkbook(snapshot);
    const found = report.findings.filter((f) => f.rule === 'sheet-unreadable');
    expect(found).toEqual([expect.objectContaining({ severity: 'error', sheet: missing, cell: null, messageId: 'missingPart', params: { name: missing } })]);
    expect(report.sheets.map((s) => s.name)).toContain('評価調書');
    expect(describeFinding(found[0], 'ja')).toContain(`シート「${missing}」の中身がファイルにありません`);
    expect(describeFinding(found[0], 'en')).toContain(`Sheet "${missing}" is listed in the workbook but its content is missing`);
  });

  it('through the CLI: exit 1 with the finding in --json', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-sheet-unreadable-'));
    try {
      const file = path.join(dir, 'book.xlsx');
      await fs.writeFile(file, await withoutSheetPart('評価調書'));
      const r = await runCli(['check', file, '--json']);
      expect(r.code).toBe(1);
      const json = JSON.parse(r.stdout) as { findings: { rule: string; sheet: string }[] };
      expect(json.findings.filter((f) => f.rule === 'sheet-unreadable').map((f) => f.sheet)).toEqual(['評価調書']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
