import { describe, expect, it } from 'vitest';
import {
  acceptedRange,
  checkAnswer,
  checkChoice,
  checkNumeric,
  choiceFeedback,
  numericFeedback,
  formatNumber,
  formatQuizValue,
  nothingChosenMessage,
  revealMessage,
} from './check.ts';
import type { ChoiceQuiz, NumericQuiz } from './types.ts';

const single: ChoiceQuiz = { kind: 'choice', id: 'single', multiple: false, optionCount: 4, answer: [1] };
const multiple: ChoiceQuiz = { kind: 'choice', id: 'multi', multiple: true, optionCount: 5, answer: [0, 2, 3] };
const numeric = (over: Partial<NumericQuiz> = {}): NumericQuiz => ({
  kind: 'numeric',
  id: 'num',
  answer: 0.1,
  tolerance: 0.005,
  relativeTolerance: 0,
  percent: false,
  unit: '',
  ...over,
});

describe('checkChoice, one answer', () => {
  it('is right only for exactly the right option', () => {
    expect(checkChoice(single, [1])).toMatchObject({ correct: true, message: 'Right.' });
    expect(checkChoice(single, [0])).toMatchObject({ correct: false, message: 'Not quite: that is not the answer.' });
    expect(checkChoice(single, [1, 2]).correct).toBe(false);
    expect(checkChoice(single, []).correct).toBe(false);
  });
});

describe('checkChoice, all that apply', () => {
  it('is right only for exactly the right set, in any order', () => {
    expect(checkChoice(multiple, [3, 0, 2])).toMatchObject({ correct: true, message: 'Right: you found all 3 right choices.' });
    expect(checkChoice(multiple, [0, 2, 3, 3]).correct).toBe(true); // a repeated index counts once
    expect(checkChoice(multiple, [0, 2]).correct).toBe(false);
    expect(checkChoice(multiple, [0, 1, 2, 3]).correct).toBe(false);
  });

  it('counts right and wrong choices without naming them', () => {
    expect(checkChoice(multiple, [0, 2, 4])).toMatchObject({
      correct: false,
      rightChosen: 2,
      wrongChosen: 1,
      rightTotal: 3,
      message: 'Not quite: 2 of 3 right choices, 1 wrong.',
    });
    expect(checkChoice(multiple, [0]).message).toBe('Not quite: 1 of 3 right choices, none wrong.');
    expect(checkChoice(multiple, [1, 4]).message).toBe('Not quite: 0 of 3 right choices, 2 wrong.');
    const one: ChoiceQuiz = { ...multiple, answer: [2] };
    expect(checkChoice(one, [2]).message).toBe('Right.');
    expect(checkChoice(one, [1]).message).toBe('Not quite: 0 of 1 right choice, 1 wrong.');
  });
});

describe('checkNumeric', () => {
  it('accepts values within the absolute tolerance, both ends included', () => {
    const spec = numeric();
    for (const v of [0.1, 0.095, 0.105, 0.1049]) expect(checkNumeric(spec, v).correct, String(v)).toBe(true);
    for (const v of [0.0949, 0.1051, -0.1, 1, Number.NaN, Number.POSITIVE_INFINITY]) expect(checkNumeric(spec, v).correct, String(v)).toBe(false);
  });

  it('with tolerance 0 wants the exact value (as parsed)', () => {
    const spec = numeric({ tolerance: 0 });
    expect(checkNumeric(spec, 0.1).correct).toBe(true);
    expect(checkNumeric(spec, 1 / 10).correct).toBe(true);
    expect(checkNumeric(spec, 0.1000001).correct).toBe(false);
  });

  it('accepts values within the relative tolerance, and the larger of the two tolerances when both are given', () => {
    const rel = numeric({ answer: 200, tolerance: 0, relativeTolerance: 0.05 });
    expect(checkNumeric(rel, 210).correct).toBe(true);
    expect(checkNumeric(rel, 190).correct).toBe(true);
    expect(checkNumeric(rel, 210.5).correct).toBe(false);
    const both = numeric({ answer: 200, tolerance: 15, relativeTolerance: 0.05 });
    expect(checkNumeric(both, 214).correct).toBe(true);
    expect(acceptedRange(both)).toEqual([185, 215]);
    const negative = numeric({ answer: -4, tolerance: 0, relativeTolerance: 0.25 });
    expect(checkNumeric(negative, -5).correct).toBe(true);
    expect(checkNumeric(negative, -3).correct).toBe(true);
    expect(checkNumeric(negative, -2.9).correct).toBe(false);
  });

  it('says whether a wrong value is too high or too low, with the unit', () => {
    expect(checkNumeric(numeric(), 0.2)).toMatchObject({ correct: false, direction: 'high', message: 'Not quite: 0.2 is too high.' });
    expect(checkNumeric(numeric({ unit: 'ms', answer: 12, tolerance: 1 }), 3)).toMatchObject({
      direction: 'low',
      message: 'Not quite: 3 ms is too low.',
    });
  });

  it('says the exact answer when a right value was not exact', () => {
    expect(checkNumeric(numeric(), 0.1).message).toBe('Right: 0.1.');
    expect(checkNumeric(numeric(), 0.103).message).toBe('Right. The exact answer is 0.1.');
    expect(checkNumeric(numeric({ percent: true, unit: '%', answer: 10.28, tolerance: 0.5 }), 10).message).toBe('Right. The exact answer is 10.28%.');
  });

  it('spots a fraction typed for a percentage, and a percentage typed for a fraction', () => {
    const percent = numeric({ percent: true, unit: '%', answer: 10.28, tolerance: 0.5 });
    const r = checkNumeric(percent, 0.1028);
    expect(r.correct).toBe(false);
    expect(r.message).toBe('Not quite: this question asks for a percentage, and 0.1028 looks like a fraction. As a percentage it is 10.28%.');
    const fraction = numeric({ answer: 0.1028, tolerance: 0.005 });
    expect(checkNumeric(fraction, 10.28).message).toBe(
      'Not quite: this question asks for a plain number, and 10.28 looks like a percentage. Type 0.1028, or 10.28%.',
    );
  });
});

describe('checkAnswer', () => {
  it('dispatches on the quiz kind, and an answer of the wrong kind is wrong', () => {
    expect(checkAnswer(single, { kind: 'choice', selected: [1] }).correct).toBe(true);
    expect(checkAnswer(numeric(), { kind: 'numeric', value: 0.1 }).correct).toBe(true);
    expect(checkAnswer(single, { kind: 'numeric', value: 1 }).correct).toBe(false);
    expect(checkAnswer(numeric(), { kind: 'choice', selected: [0] }).correct).toBe(false);
  });
});

describe('messages', () => {
  it('reveal the answer', () => {
    expect(revealMessage(single)).toBe('The right answer is marked.');
    expect(revealMessage(multiple)).toBe('The 3 right answers are marked.');
    expect(revealMessage(numeric({ percent: true, unit: '%', answer: 10.28, tolerance: 0.5 }))).toBe(
      'The answer is 10.28%; anything from 9.78% to 10.78% counts as right.',
    );
    expect(revealMessage(numeric({ tolerance: 0 }))).toBe('The answer is 0.1.');
  });

  it('ask for a choice first', () => {
    expect(nothingChosenMessage(single)).toBe('Choose an answer first.');
    expect(nothingChosenMessage(multiple)).toBe('Choose one or more answers first.');
  });

  it('format numbers so they can be typed back', () => {
    expect(formatNumber(0.1028)).toBe('0.1028');
    expect(formatNumber(1028)).toBe('1028');
    expect(formatNumber(1 / 3)).toBe('0.3333333333');
    expect(formatNumber(10.28 - 0.5)).toBe('9.78');
    expect(formatNumber(-0)).toBe('0');
    expect(formatQuizValue(numeric({ unit: 'ms' }), 5)).toBe('5 ms');
    expect(formatQuizValue(numeric({ percent: true, unit: '%' }), 5)).toBe('5%');
  });
});

describe('author feedback, numeric', () => {
  const spec = numeric({
    answer: 960000,
    tolerance: 0,
    feedback: [
      { min: null, max: 0 },
      { value: 720000, tolerance: 0 },
      { min: 700000, max: 800000 },
      { value: 240000, tolerance: 1000 },
    ],
  });

  it('matches an exact value entry before any range, even one declared earlier', () => {
    expect(numericFeedback(spec, 720000)).toBe(1);
    expect(checkNumeric(spec, 720000)).toMatchObject({ correct: false, message: 'Not quite: 720000.', direction: 'low', feedback: [1] });
  });

  it("matches a value within the entry's tolerance, both ends included", () => {
    for (const v of [239000, 240000, 241000]) expect(numericFeedback(spec, v), String(v)).toBe(3);
    expect(numericFeedback(spec, 241001)).toBeNull();
  });

  it('matches ranges with both ends included, and open ends', () => {
    expect(numericFeedback(spec, 700000)).toBe(2);
    expect(numericFeedback(spec, 800000)).toBe(2);
    expect(numericFeedback(spec, 720001)).toBe(2);
    expect(numericFeedback(spec, 0)).toBe(0);
    expect(numericFeedback(spec, -1e12)).toBe(0);
    expect(numericFeedback(spec, 800001)).toBeNull();
  });

  it('gives no feedback to a right answer, a non-finite value, or an unanticipated one', () => {
    const around = numeric({ answer: 1, tolerance: 0.1, feedback: [{ min: 0, max: 2 }] });
    expect(checkNumeric(around, 1.05)).toMatchObject({ correct: true, feedback: [] });
    expect(numericFeedback(around, Number.NaN)).toBeNull();
    expect(checkNumeric(around, 1.5)).toMatchObject({ correct: false, feedback: [0], message: 'Not quite: 1.5.' });
    // The generic message stands when nothing matches.
    expect(checkNumeric(spec, 1000000)).toMatchObject({ correct: false, feedback: [], message: 'Not quite: 1000000 is too high.' });
  });

  it('lets author feedback take over from the percent-or-fraction hint', () => {
    const percent = numeric({ answer: 10.28, tolerance: 0.1, percent: true, unit: '%' });
    expect(checkNumeric(percent, 0.1028).message).toMatch(/asks for a percentage/);
    const anticipated = { ...percent, feedback: [{ min: 0, max: 1 }] };
    expect(checkNumeric(anticipated, 0.1028)).toMatchObject({ message: 'Not quite: 0.1028%.', feedback: [0] });
  });

  it('is the same through checkAnswer', () => {
    expect(checkAnswer(spec, { kind: 'numeric', value: 720000 }).feedback).toEqual([1]);
    expect(checkAnswer(spec, { kind: 'choice', selected: [0] }).feedback).toEqual([]);
  });
});

describe('author feedback, choice', () => {
  it('one answer: applies to the wrong option chosen', () => {
    const spec: ChoiceQuiz = { ...single, feedback: [{ option: 3 }, { option: 0 }] };
    expect(checkChoice(spec, [0])).toMatchObject({ correct: false, message: 'Not quite.', feedback: [1] });
    expect(checkChoice(spec, [3]).feedback).toEqual([0]);
    // An option without feedback keeps the generic message.
    expect(checkChoice(spec, [2])).toMatchObject({ message: 'Not quite: that is not the answer.', feedback: [] });
    expect(checkChoice(spec, [1])).toMatchObject({ correct: true, feedback: [] });
  });

  it('all that apply: wrong options chosen and right options left out, in the order declared', () => {
    const spec: ChoiceQuiz = { ...multiple, feedback: [{ option: 4 }, { option: 2 }, { option: 1 }] };
    // Right are 0, 2, 3: choosing 0, 3, 4 picks wrong 4 and leaves out right 2.
    expect(choiceFeedback(spec, [0, 3, 4])).toEqual([0, 1]);
    expect(checkChoice(spec, [0, 3, 4])).toMatchObject({ message: 'Not quite: 2 of 3 right choices, 1 wrong.', feedback: [0, 1] });
    expect(checkChoice(spec, [0, 1, 2, 3]).feedback).toEqual([2]);
    expect(checkChoice(spec, [0, 2, 3]).feedback).toEqual([]);
  });
});
