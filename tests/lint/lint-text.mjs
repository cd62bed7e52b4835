// Lints code snippets with the project's ESLint config through ESLint's Node API, in a plain
// Node process (jest's module sandbox cannot import the ESM flat config). stdin: a JSON array
// of { code, filePath } (filePath relative to the repository); stdout: one array of
// "ruleId: message" strings per snippet.
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: root });
const out = [];
for (const { code, filePath } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  out.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
