/**
 * The legacy check and the bundle agree (npm run test:e2e builds first). src/static/legacy-check.js
 * lets the pane load only where its feature tests pass; the weakest engines that pass them are
 * Chrome/WebView2 93 (Object.hasOwn) and Safari 16.4 (regex lookbehind), which parse ES2021 but
 * not every ES2022 form (class static blocks need Chrome 94). So every file of the production
 * bundle must parse as ES2021 (webpack.config.js BUNDLE_ECMA_VERSION), dependencies included —
 * acorn is the parser webpack itself uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BUNDLE_ECMA_VERSION } = require('../../webpack.config.js') as { BUNDLE_ECMA_VERSION: 2021 };

const parses = (src: string, ecmaVersion: 5 | 2021 | 2022, sourceType: 'script' | 'module' = 'script') => {
  try {
    parse(src, { ecmaVersion, sourceType });
    return 'ok';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

describe('bundle syntax vs the legacy check', () => {
  it('the check names the features that set its floor (Chrome 93, Safari 16.4)', () => {
    const check = readFileSync(join(ROOT, 'src/static/legacy-check.js'), 'utf8');
    for (const feature of ['Object.hasOwn', "'(?<=a)b'", 'Array.prototype.at']) expect([feature, check.includes(feature)]).toEqual([feature, true]);
    expect(BUNDLE_ECMA_VERSION).toBe(2021);
  });

  it('the parser tells the difference that matters (a class static block is not ES2021)', () => {
    expect(parses('class A { static { this.x = 1; } }', 2021)).toMatch(/Unexpected token/);
    expect(parses('class A { static { this.x = 1; } }', 2022)).toBe('ok');
  });

  it('every built script parses at the version the check guarantees; the check itself as ES5', () => {
    const files = readdirSync(DIST).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const src = readFileSync(join(DIST, f), 'utf8');
      expect([f, parses(src, f === 'legacy-check.js' ? 5 : BUNDLE_ECMA_VERSION)]).toEqual([f, 'ok']);
    }
  });

  it('the dependency loader lowers a static block to ES2021', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require('../../scripts/ecma-target-loader.js') as (this: unknown, source: string) => void;
    let out = '';
    loader.call({ getOptions: () => ({ ecma: 2021 }), resourcePath: 'x.js', sourceMap: false, callback: (_e: unknown, code: string) => (out = code) }, 'export class A { static { this.x = 1; } }');
    expect(parses(out, 2021, 'module')).toBe('ok');
  });
});
