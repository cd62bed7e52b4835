/**
 * The printed pages of what Hyoka writes, as the committee gets them: `hyoka check --out` on
 * the Komae and Koganei samples and `hyoka consolidate` on samples/departments, rendered by
 * LibreOffice to PDF and the first page of every sheet to docs/screenshots/print-*.png
 * (pdftoppm). Part of `npm run screenshots`; needs soffice and poppler-utils.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as hyoka } from '../src/cli/main';
import type { Io } from '../src/cli/io';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const quiet: Io = { stdout: () => undefined, stderr: () => undefined, interactive: false };

export async function printScreenshots(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-print-shots-'));
  try {
    const runs: [string, string[]][] = [
      ['komae', ['check', 'samples/komae-policy-grades.xlsx']],
      ['koganei', ['check', 'samples/koganei-departments.xlsx']],
      ['consolidate', ['consolidate', 'samples/departments']],
    ];
    // From the repository, so the sheets name the samples as a user would type them.
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      for (const [name, args] of runs) await hyoka([...args, '--out', join(dir, `${name}.xlsx`)], quiet);
    } finally {
      process.chdir(cwd);
    }
    const files = runs.map(([name]) => join(dir, `${name}.xlsx`));
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore' });
    for (const [name] of runs) {
      const pdf = join(dir, `${name}.pdf`);
      const pages = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).split('\f');
      // The footer (first line LibreOffice writes) starts with the sheet's name: first page of each.
      const seen = new Set<string>();
      pages.forEach((text, i) => {
        const sheet = text.trimStart().split('\n')[0].split(/\s/)[0];
        if (!sheet || seen.has(sheet)) return;
        seen.add(sheet);
        const stem = join(dir, `page-${name}-${seen.size}`);
        execFileSync('pdftoppm', ['-f', String(i + 1), '-l', String(i + 1), '-r', '70', '-png', '-singlefile', pdf, stem]);
        const target = join(OUT, `print-${name}-${seen.size}.png`);
        renameSync(`${stem}.png`, target);
        console.log(`docs/screenshots/print-${name}-${seen.size}.png  (${sheet})`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  printScreenshots().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

