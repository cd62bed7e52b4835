import { scaleMixed } from '../../../src/core/consolidate/rules/scale-mixed';
import { DEFAULT_SCALE, letterScale } from '../../../src/core/scale';
import { context, file, problems, results } from './context';

const sc = letterScale('S', 'C', 'values');

describe('scale-mixed', () => {
  it.each([
    ['all on A–D', [file('a.xlsx', { scale: DEFAULT_SCALE }), file('b.xlsx', { scale: DEFAULT_SCALE })], []],
    ['no scale read (no grades)', [file('a.xlsx'), file('b.xlsx', { scale: sc })], []],
    ['a wrong-year file does not count', [file('a.xlsx', { scale: DEFAULT_SCALE }), file('b.xlsx', { scale: sc, status: 'wrong-year' })], []],
    ['A–D beside S–C', [file('a.xlsx', { scale: DEFAULT_SCALE }), file('b.xlsx', { scale: sc })], ['- -!-']],
  ])('%s', (_, files, expected) => {
    expect(results(scaleMixed, context({ files }))).toEqual(expected);
  });

  it('names each scale and its files', () => {
    const [r] = problems(scaleMixed, context({ files: [file('高齢.xlsx', { scale: DEFAULT_SCALE }), file('障害.xlsx', { scale: sc }), file('子ども.xlsx', { scale: DEFAULT_SCALE })] }));
    expect(r.params).toEqual({ scales: [{ levels: 'A/B/C/D', files: ['高齢.xlsx', '子ども.xlsx'] }, { levels: 'S/A/B/C', files: ['障害.xlsx'] }] });
    expect(r.ja).toContain('担当課によって評価の段階が違います');
    expect(r.en).toContain('S/A/B/C: 障害.xlsx');
  });
});
