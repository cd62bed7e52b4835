import { DEFAULT_SCALE, letterScale, levelSteps, markScale, MARKS_4, parseGrade, pointScale, wordScale, ACHIEVEMENT_WORDS } from '../../src/core/scale';

describe('parseGrade on the default A–D scale', () => {
  test.each([
    ['A', 'A', true, false],
    ['D', 'D', true, false],
    ['Ａ', 'A', false, false], // full-width
    ['ｂ', 'B', false, false],
    ['b', 'B', false, false],
    [' A ', 'A', false, false], // stray spaces
    ['A\n', 'A', false, false],
    ['A(再掲)', 'A', true, true],
    ['Ａ（再掲）', 'A', false, true],
    ['B（再掲）', 'B', false, true],
    ['C (再掲)', 'C', false, true],
  ])('%j reads as grade %s (canonical %s, repost %s)', (raw, grade, canonical, repost) => {
    expect(parseGrade(raw)).toEqual({ kind: 'grade', grade, level: 'ABCD'.indexOf(grade), canonical, repost, text: raw });
  });

  test.each(['—', '－', '-', '−', '‐', '―', 'ー', ' - '])('%j is an explicit "no grade"', (raw) => {
    expect(parseGrade(raw).kind).toBe('none');
  });

  test.each([null, undefined, '', '   ', '\u3000'])('%j is blank', (raw) => {
    expect(parseGrade(raw)).toEqual({ kind: 'blank' });
  });

  test.each(['E', 'S', '継続', 'AB', 'A+', '2023-04-01', '100%', '達成', 'A1', 'Bコース'])('%j is not a grade', (raw) => {
    expect(parseGrade(raw)).toEqual({ kind: 'invalid', text: raw });
  });
});

describe('a note mark beside a grade is an annotation, never an error', () => {
  test.each([
    ['B※', 'B', '※', true],
    ['A＊', 'A', '*', true],
    ['B(注1)', 'B', '(注1)', true],
    ['C※2', 'C', '※2', true],
    ['Ｂ※', 'B', '※', false], // full-width letter: counted, but not as typed canonically
    ['A※(再掲)', 'A', '※', true],
  ])('%j is grade %s with annotation %j', (raw, grade, annotation, canonical) => {
    expect(parseGrade(raw)).toMatchObject({ kind: 'grade', grade, annotation, canonical });
  });
});

describe('explained labels on any scale', () => {
  test.each([
    ['A（達成）', DEFAULT_SCALE, 'A', 'paren'],
    ['A：ほぼ達成', DEFAULT_SCALE, 'A', 'colon'],
    ['S（目標を上回る）', letterScale('S', 'C', 'values'), 'S', 'paren'],
    ['E：未実施', letterScale('A', 'E', 'values'), 'E', 'colon'],
    ['◎（十分達成）', markScale(MARKS_4, 'values'), '◎', 'paren'],
    ['5点', pointScale(5, true, 'header'), '5', 'suffix'],
    ['概ね達成（80%）', wordScale(ACHIEVEMENT_WORDS, 'values'), '概ね達成', undefined],
  ] as const)('%j on %s reads as %s', (raw, scale, grade, notation) => {
    const g = parseGrade(raw, scale);
    if (notation === undefined) {
      expect(g.kind).toBe('invalid'); // 80% is no achievement word: a paren must explain
      return;
    }
    expect(g).toMatchObject({ kind: 'grade', grade, notation });
  });

  test('S is a grade on S/A/B/C and D is not', () => {
    const s = letterScale('S', 'C', 'values');
    expect(parseGrade('S', s)).toMatchObject({ kind: 'grade', grade: 'S', level: 0 });
    expect(parseGrade('C', s)).toMatchObject({ kind: 'grade', grade: 'C', level: 3 });
    expect(parseGrade('D', s).kind).toBe('invalid');
  });

  test('marks fold: 〇 (U+3007) and ◯ read as ○, ✕ as ×', () => {
    const m = markScale(MARKS_4, 'values');
    expect(parseGrade('〇', m)).toMatchObject({ grade: '○', level: 1 });
    expect(parseGrade('◯', m)).toMatchObject({ grade: '○' });
    expect(parseGrade('✕', m)).toMatchObject({ grade: '×', level: 3 });
  });

  test('words: the longest label wins (一部未達成 is not 達成)', () => {
    const w = wordScale(ACHIEVEMENT_WORDS, 'values');
    expect(parseGrade('一部未達成', w)).toMatchObject({ grade: '一部未達成', level: 2 });
    expect(parseGrade('未達成', w)).toMatchObject({ grade: '未達成', level: 3 });
    expect(parseGrade('おおむね達成', w)).toMatchObject({ grade: '概ね達成', level: 1 });
  });

  test('points: 10 is not 1 with an explanation', () => {
    expect(parseGrade('10', pointScale(5, true, 'header')).kind).toBe('invalid');
  });
});

describe('levelSteps', () => {
  test.each([
    ['A', 'A', 0],
    ['A', 'B', 1],
    ['A', 'C', 2],
    ['B', 'D', 2],
    ['D', 'A', 3],
  ] as const)('%s → %s is %d steps', (from, to, steps) => {
    expect(levelSteps(DEFAULT_SCALE, from, to)).toBe(steps);
  });
  test('steps are levels of the scale: S→B is 2 on S/A/B/C', () => {
    expect(levelSteps(letterScale('S', 'C', 'values'), 'S', 'B')).toBe(2);
  });
});
