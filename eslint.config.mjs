import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));
const coreDir = path.join(root, 'src', 'core');

/** npm packages src/core may import: zod (settings), fastest-levenshtein (reserved for 前年度比較). */
const CORE_PACKAGES = ['zod', 'fastest-levenshtein'];
/** Host globals: core runs unchanged in Node, a browser, a Web Worker and Excel, so it touches none. */
const HOST_GLOBALS = ['window', 'self', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'requestAnimationFrame', 'queueMicrotask', 'process', 'Buffer', 'require', 'Office', 'Excel', 'OfficeExtension', '__dirname', '__filename'];

/**
 * The fence of src/core: an import must stay inside src/core (no `../xlsx`, `../excel`, `../i18n`,
 * `../render`) or name one of CORE_PACKAGES. Resolved against the linted file, so any depth of
 * `../` is judged by where it lands, not by how it is spelled.
 */
const coreFence = {
  meta: { type: 'problem', schema: [], messages: { outside: 'src/core is pure: "{{source}}" is outside src/core.', pkg: 'src/core may import only {{allowed}}; not "{{source}}".' } },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const source = node.value;
      if (source.startsWith('.') || source.startsWith('/')) {
        const target = path.resolve(path.dirname(file), source);
        if (target !== coreDir && !target.startsWith(coreDir + path.sep)) context.report({ node, messageId: 'outside', data: { source } });
        return;
      }
      const pkg = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
      // A package's own subpath (`zod/v4`) is fine; another package's is not.
      if (!CORE_PACKAGES.includes(pkg)) context.report({ node, messageId: 'pkg', data: { source, allowed: CORE_PACKAGES.join(', ') } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportType: (n) => {
        const arg = n.source ?? n.argument;
        check(arg?.type === 'TSLiteralType' ? arg.literal : arg);
      },
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n.arguments[0]);
      },
    };
  },
};

/**
 * One scale (issue #20): grade levels are spelled only in src/core/scale. Elsewhere code iterates
 * a Scale's levels; it never imports GRADES/Grade, lists the A–D levels (`['A','B','C','D']`),
 * keys a record by them (`{ A: …, B: …, C: … }`, `'A' | 'B' | 'C'`), or matches them with a
 * `[A-D]` class. Three of the four letters make a spelling; two (`['A','B']`) may be anything.
 */
const scaleDir = path.join(root, 'src', 'core', 'scale');
const LEVEL_LETTERS = new Set(['A', 'B', 'C', 'D']);
/** A character class naming the A–D levels: `[A-D]`, `[A-Da-d]`, `[ABCD]`, `[A-D・,、]`. */
const LEVEL_CLASS = /\[[^\]]*A-D[^\]]*\]|\[ABCD\]/;
const oneScale = {
  meta: { type: 'problem', schema: [], messages: { spelled: 'Grade levels are the scale\'s: {{what}} outside src/core/scale. Iterate scale.levels (src/core/scale) instead.' } },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    if (file.startsWith(scaleDir + path.sep)) return {};
    const report = (node, what) => context.report({ node, messageId: 'spelled', data: { what } });
    const letter = (n) => n && ((n.type === 'Literal' && typeof n.value === 'string' && LEVEL_LETTERS.has(n.value)) || (n.type === 'TSLiteralType' && letter(n.literal)));
    const keyName = (p) => (p.key?.type === 'Identifier' ? p.key.name : p.key?.type === 'Literal' ? String(p.key.value) : null);
    const countLetters = (names) => new Set(names.filter((n) => n !== null && LEVEL_LETTERS.has(n))).size;
    return {
      ImportSpecifier: (n) => {
        const name = n.imported?.name ?? n.imported?.value;
        if (name === 'GRADES' || name === 'Grade') report(n, `import of ${name}`);
      },
      ArrayExpression: (n) => {
        if (n.elements.filter(letter).length >= 3) report(n, 'a list of the A–D letters');
      },
      ObjectExpression: (n) => {
        if (countLetters(n.properties.map(keyName)) >= 3) report(n, 'a record keyed by A–D');
      },
      TSTypeLiteral: (n) => {
        if (countLetters(n.members.map(keyName)) >= 3) report(n, 'a type keyed by A–D');
      },
      TSUnionType: (n) => {
        if (n.types.filter(letter).length >= 3) report(n, 'a union of the A–D letters');
      },
      Literal: (n) => {
        const text = n.regex ? n.regex.pattern : typeof n.value === 'string' ? n.value : null;
        if (text !== null && LEVEL_CLASS.test(text)) report(n, 'an [A-D] pattern');
      },
      TemplateElement: (n) => {
        if (LEVEL_CLASS.test(n.value.raw)) report(n, 'an [A-D] pattern');
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['build/', 'bench/out/', 'dist/', 'node_modules/', 'coverage/', 'docs/', 'bin/', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Japanese text legitimately holds the ideographic space (U+3000).
      'no-irregular-whitespace': ['error', { skipStrings: true, skipRegExps: true, skipTemplates: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No library's private modules anywhere in the product: they change in any patch release.
    // (The one reader reads the zip itself; ExcelJS is used only through its public API.)
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*/lib/*', '@*/*/lib/*', '*/dist/*', '*/src/*', '*/build/*'], message: "a library's private module: use its public entry point." }] },
      ],
    },
  },
  {
    // One scale: grade levels are spelled in src/core/scale only.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { scale: { rules: { 'one-scale': oneScale } } },
    rules: { 'scale/one-scale': 'error' },
  },
  {
    // The core is pure: nothing outside src/core but CORE_PACKAGES, no host globals.
    files: ['src/core/**/*.ts'],
    plugins: { hyoka: { rules: { 'core-fence': coreFence } } },
    rules: {
      'hyoka/core-fence': 'error',
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
      'no-restricted-properties': ['error', ...HOST_GLOBALS.flatMap((property) => [{ object: 'globalThis', property }, { object: 'window', property }, { object: 'self', property }])],
    },
  },
);
