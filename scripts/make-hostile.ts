/**
 * Writes the hostile-input files of tests/hostile to a folder, to look at them in Excel or
 * run the CLI on them by hand:  npx tsx scripts/make-hostile.ts [folder]   (default: hostile/)
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

import * as g from '../tests/hostile/generate';

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'hostile');
  await fs.mkdir(dir, { recursive: true });
  const files: Record<string, Buffer | Promise<Buffer>> = {
    'not-a-zip.xlsx': g.notAZip(),
    'truncated.xlsx': g.truncated(),
    'encrypted.xlsx': g.encryptedWorkbook(),
    'legacy.xls': g.legacyXls(),
    'legacy-renamed.xlsx': g.legacyXls(),
    'csv-renamed.xlsx': g.csvText(),
    'zip-without-workbook.xlsx': g.zipWithoutWorkbook(),
    'empty-file.xlsx': Buffer.alloc(0),
    'macros.xlsm': g.withMacros(),
    'all-hidden.xlsx': g.allSheetsHidden(),
    'empty-workbook.xlsx': g.emptyWorkbook(),
    'no-sheets.xlsx': g.noSheets(),
    'stray-bottom.xlsx': g.strayBottom(),
    'formula-errors.xlsx': g.formulaErrors().then((x) => x.data),
    'merges-10k.xlsx': g.manyMerges(),
    'long-cell.xlsx': g.longCell(),
    'control-chars.xlsx': g.controlChars(),
    'odd-sheet-names.xlsx': g.oddSheetNames(),
    'dates-as-grades.xlsx': g.datesAsGrades().then((x) => x.data),
    'formula-lookalikes.xlsx': g.formulaLookalikes().then((x) => x.data),
  };
  for (const [name, data] of Object.entries(files)) await fs.writeFile(path.join(dir, name), await data);
  process.stdout.write(`${Object.keys(files).length} files in ${dir}\n`);
}

void main();
