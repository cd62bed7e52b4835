/**
 * Lint snippets with the project's own ESLint config in one run (tests/lint/lint-text.mjs):
 * each test file registers its snippets while it loads, and `beforeAll` lints them all at once.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** A `lint(code, filePath)` that registers a snippet and returns a getter for its messages. */
export function lintCases(defaultPath: string): (code: string, filePath?: string) => () => string[] {
  const cases: { code: string; filePath: string }[] = [];
  let answers: string[][] = [];
  beforeAll(() => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'lint-text.mjs')], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' });
    answers = JSON.parse(out) as string[][];
  }, 60_000);
  return (code, filePath = defaultPath) => {
    const i = cases.push({ code, filePath }) - 1;
    return () => answers[i];
  };
}
