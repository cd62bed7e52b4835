/**
 * #26, at the unit level: a split found on the normalised copy is applied to the original.
 */
import { blockHeaderLine } from '../../src/core/layout/detect';
import { normalizeHeader, normalizeLoose, originalSlice } from '../../src/core/text';

describe('originalSlice', () => {
  test('cuts the original where the normalised copy was cut', () => {
    const t = '施策の柱５　適切なサービス利用～ｻｰﾋﾞｽ①';
    const loose = normalizeLoose(t);
    const at = loose.indexOf('適切');
    expect(originalSlice(t, at, loose.length, normalizeLoose)).toBe('適切なサービス利用～ｻｰﾋﾞｽ①');
    expect(originalSlice(t, loose.indexOf('5'), loose.indexOf('5') + 1, normalizeLoose)).toBe('５');
  });

  test('characters that normalise to several or to none stay whole', () => {
    const t = '㈱ひまわり　　ＡＢＣ\n事業';
    const h = normalizeHeader(t);
    expect(originalSlice(t, h.indexOf('ひ'), h.length, normalizeHeader)).toBe('ひまわり　　ＡＢＣ\n事業');
    expect(originalSlice('葛\u{E0100}飾区の事業', 0, 2, normalizeLoose)).toBe('葛\u{E0100}');
  });
});

describe('a block line outside the outline is shown as typed', () => {
  const sheetWith = (cells: (string | null)[]) => ({ name: 's', visibility: 'visible' as const, rows: [cells], merges: [] });

  test('施策の柱5 適切なサービス利用… keeps its ー (it was shown as サ-ビス)', () => {
    const line = blockHeaderLine(sheetWith([null, null, '【施策の柱5】適切なサービス利用につながる仕組みをつくる']), 0, 10, new Set([0, 1]));
    expect(line).toEqual({ row: 0, label: '施策の柱', value: '5 適切なサービス利用につながる仕組みをつくる' });
  });

  test('full-width digits, half-width katakana, ～ and a line break stay as typed', () => {
    const line = blockHeaderLine(sheetWith([null, null, '基本施策３　ｻｰﾋﾞｽの質～向上\n（重点）']), 0, 10, new Set([0, 1]));
    expect(line?.value).toBe('３ ｻｰﾋﾞｽの質～向上\n（重点）');
  });

  test('a label cell and a value cell: the number as typed', () => {
    const line = blockHeaderLine(sheetWith(['基本目標１', '福祉のまちづくり－ー']), 0, 10);
    expect(line).toEqual({ row: 0, label: '基本目標', value: '１ 福祉のまちづくり－ー' });
  });
});
