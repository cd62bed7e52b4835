import { gradeSteps, parseGrade } from '../../src/core/grades';

describe('parseGrade', () => {
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
    expect(parseGrade(raw)).toEqual({ kind: 'grade', grade, canonical, repost, text: raw });
  });

  test.each(['—', '－', '-', '−', '‐', '―', 'ー', ' - '])('%j is an explicit "no grade"', (raw) => {
    expect(parseGrade(raw).kind).toBe('none');
  });

  test.each([null, undefined, '', '   ', '\u3000'])('%j is blank', (raw) => {
    expect(parseGrade(raw)).toEqual({ kind: 'blank' });
  });

  test.each(['E', '継続', 'AB', 'A+', '2023-04-01', '100%', '達成'])('%j is not a grade', (raw) => {
    expect(parseGrade(raw)).toEqual({ kind: 'invalid', text: raw });
  });
});

describe('gradeSteps', () => {
  test.each([
    ['A', 'A', 0],
    ['A', 'B', 1],
    ['A', 'C', 2],
    ['B', 'D', 2],
    ['D', 'A', 3],
  ] as const)('%s → %s is %d steps', (from, to, steps) => {
    expect(gradeSteps(from, to)).toBe(steps);
  });
});
