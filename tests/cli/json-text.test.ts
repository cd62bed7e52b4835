/**
 * `jsonPieces` (src/cli/json-text.ts): the pieces joined are exactly JSON.stringify(v, null, 2),
 * and a large document comes out in several pieces rather than one string.
 */
import { jsonPieces } from '../../src/cli/json-text';

const joined = (v: unknown): string => [...jsonPieces(v)].join('');

test.each([
  ['a number', 1],
  ['a string with a newline and a quote', 'a\n"b"'],
  ['null', null],
  ['empty containers', { a: [], b: {}, c: [[], {}] }],
  ['undefined, functions and symbols: left out of objects, null in arrays', { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1, Symbol('s')] }],
  ['deep nesting past the walked depth', { a: [{ b: [{ c: [{ d: [1, { e: 'x\ny' }] }] }] }] }],
  ['toJSON and Dates', { when: new Date(0), custom: { toJSON: () => ({ made: 'by toJSON' }) }, list: [new Date(86_400_000)] }],
  ['class instances and Maps as JSON.stringify writes them', { m: new Map([[1, 2]]), e: new Error('x'), n: Object.assign(Object.create(null) as object, { k: 1 }) }],
  ['Japanese text, control and bidi characters', { name: '評価\u202e表\u0007', keys: { '施策\n名': ['Ａ', '①'] } }],
  ['holes in an array', [1, , 3]], // eslint-disable-line no-sparse-arrays
])('%s', (_name, value) => {
  expect(joined(value)).toBe(JSON.stringify(value, null, 2));
});

test('a report-sized document: the same text, in pieces', () => {
  const policies = Array.from({ length: 5_000 }, (_, i) => ({
    sheet: '評価調書',
    id: `基本方針${i}`,
    name: `だれもが安心して暮らせるまち${i}`,
    counts: { A: i % 3, B: 1, C: 0, D: 2 },
    declaredGrade: i % 2 ? null : 'B',
  }));
  const doc = { file: 'x.xlsx', reportYear: 2020, sheets: [{ name: '評価調書', regions: [{ columns: [{ col: 'A', evidence: [{ kind: 'header' }] }] }] }], findings: [], policies };
  const pieces = [...jsonPieces(doc)];
  expect(pieces.join('')).toBe(JSON.stringify(doc, null, 2));
  expect(pieces.length).toBeGreaterThan(5);
  // Each piece is bounded: small parts gathered to 64k characters (the last one may pass it
  // by a quarter), or one batch of 64 policies.
  expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(82_000);
  // Several files' documents, and long lists nested in lists, come out the same way.
  const nested = [doc, { file: 'y.xlsx', policies: [[...policies.slice(0, 100), undefined, doc]] }, [1, [2, [policies.slice(0, 70)]]]];
  const nestedPieces = [...jsonPieces(nested)];
  expect(nestedPieces.join('')).toBe(JSON.stringify(nested, null, 2));
  // Nothing holding a long list was stringified whole: every piece stays small.
  expect(Math.max(...nestedPieces.map((p) => p.length))).toBeLessThan(82_000);
});
