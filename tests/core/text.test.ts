import { isDashOnly, normalizeForMatch, normalizeHeader } from '../../src/core/text';
import { parseOutlineCell } from '../../src/core/plan/identifiers';

describe('normalisation keeps originals apart from matching copies', () => {
  test('NFKC folds full-width letters and digits; dashes get their own mapping', () => {
    expect(normalizeForMatch('１－（２）－①')).toBe('1-(2)-1');
    expect(normalizeForMatch('1－(2)－①')).toBe(normalizeForMatch('1-(2)-①'));
    expect(normalizeForMatch('1—2')).toBe(normalizeForMatch('1‐2'));
    expect(normalizeForMatch('講演会･各種健康教室')).toBe(normalizeForMatch('講演会・各種健康教室'));
  });

  test('header labels drop their line breaks', () => {
    expect(normalizeHeader('前年度\n事業\n評価')).toBe('前年度事業評価');
    expect(normalizeHeader('Check\n(評価)')).toBe('Check(評価)');
  });

  test.each(['—', '－', '−', '‐', '-', '― '])('%j is dash-only', (t) => expect(isDashOnly(t)).toBe(true));
  test.each(['', 'A', '-A', '未実施'])('%j is not dash-only', (t) => expect(isDashOnly(t)).toBe(false));
});

describe('outline identifiers', () => {
  test.each([
    ['【基本方針1】人を育てる', [['kw:1', '基本方針1']], '人を育てる', false],
    ['【基本方針1】人を育てる（再）', [['kw:1', '基本方針1']], '人を育てる', true],
    ['（再）【方向性3】生活の充実', [['kw:3', '方向性3']], '生活の充実', true],
    ['【取組12】地域のサロン', [['kw:4', '取組12']], '地域のサロン', false],
    ['基本施策1 地域におけるネットワークの構築・強化', [['kw:2', '基本施策1']], '地域におけるネットワークの構築・強化', false],
    ['重点施策2 無職者・失業者への支援', [['kw:2', '重点施策2']], '無職者・失業者への支援', false],
    ['取り組みの方向性1：社会福祉に関心を持ち', [['kw:3', '取り組みの方向性1']], '社会福祉に関心を持ち', false],
    ['1-1. 地域におけるネットワーク', [['dotted', '1-1']], '地域におけるネットワーク', false],
    ['１－２ 特定の課題', [['dotted', '１－２']], '特定の課題', false],
    ['(1) 新しい包括的な相談支援', [['paren', '(1)']], '新しい包括的な相談支援', false],
    ['（２）移動支援の充実', [['paren', '（２）']], '移動支援の充実', false],
    ['(2) ①', [['paren', '(2)'], ['circled', '①']], '', false],
    ['① ユニバーサルデザイン', [['circled', '①']], 'ユニバーサルデザイン', false],
    ['1 普及啓発', [['num', '1']], '普及啓発', false],
    ['1', [['num', '1']], '', false],
    ['a', [['latin', 'a']], '', false],
    ['ア', [['kana', 'ア']], '', false],
    ['アウトリーチ等事業の実施', [], 'アウトリーチ等事業の実施', false],
    ['2025年度末までに立ち上げ', [], '2025年度末までに立ち上げ', false],
  ])('%j', (text, ids, rest, continued) => {
    const parsed = parseOutlineCell(text);
    expect(parsed.ids.map((i) => [i.style, i.display])).toEqual(ids);
    expect(parsed.rest).toBe(rest);
    expect(parsed.continued).toBe(continued);
  });

  test('circled and plain numbers share a normalised id but not a style', () => {
    const circled = parseOutlineCell('①').ids[0];
    const plain = parseOutlineCell('1').ids[0];
    expect(circled.norm).toBe(plain.norm);
    expect(circled.style).not.toBe(plain.style);
  });
});
