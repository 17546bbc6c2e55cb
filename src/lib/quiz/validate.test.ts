import { describe, expect, it } from 'vitest';
import { QuizPropsError, validateQuizProps, type QuizProps } from './validate.ts';

const problemsOf = (props: QuizProps): string[] => {
  try {
    validateQuizProps(props);
  } catch (error) {
    if (error instanceof QuizPropsError) return error.problems;
    throw error;
  }
  throw new Error('expected the props to be refused');
};

const choice = { id: 'softmax-sum', question: 'What do the outputs add up to?', options: ['0', '1', '10'], answer: 1 };

describe('validateQuizProps: choice quizzes', () => {
  it('turns valid props into a spec', () => {
    expect(validateQuizProps(choice)).toEqual({
      spec: { kind: 'choice', id: 'softmax-sum', multiple: false, optionCount: 3, answer: [1] },
      question: 'What do the outputs add up to?',
      options: ['0', '1', '10'],
      label: 'Your answer',
      feedback: [],
    });
    expect(validateQuizProps({ ...choice, multiple: true, answer: [2, 0] }).spec).toEqual({
      kind: 'choice',
      id: 'softmax-sum',
      multiple: true,
      optionCount: 3,
      answer: [0, 2],
    });
  });

  it('names the quiz and the problem in the error', () => {
    expect(() => validateQuizProps({ ...choice, answer: 3 })).toThrow(
      '<Quiz id="softmax-sum">: answer 3 is out of range: there are 3 options, numbered 0 to 2.',
    );
  });

  it('refuses answers that are not option numbers', () => {
    expect(problemsOf({ ...choice, answer: -1 })).toEqual(['answer -1 is out of range: there are 3 options, numbered 0 to 2.']);
    expect(problemsOf({ ...choice, answer: 1.5 })[0]).toMatch(/answer 1.5 is not an option number/);
    expect(problemsOf({ ...choice, answer: '1' })[0]).toMatch(/answer the text "1" is not an option number/);
    expect(problemsOf({ ...choice, answer: undefined })[0]).toMatch(/give the right option, e.g. answer=\{1\}/);
    expect(problemsOf({ ...choice, answer: [0, 1] })[0]).toMatch(/answer is a list, but the quiz takes one answer: add multiple/);
  });

  it('checks the answers of a multiple quiz', () => {
    const multi = { ...choice, multiple: true };
    expect(problemsOf({ ...multi, answer: 1 })[0]).toMatch(/a multiple quiz takes a list/);
    expect(problemsOf({ ...multi, answer: [] })[0]).toMatch(/at least one/);
    expect(problemsOf({ ...multi, answer: [0, 0] })[0]).toMatch(/lists an option twice/);
    expect(problemsOf({ ...multi, answer: [0, 5, 7] })).toEqual([
      'answer 5 is out of range: there are 3 options, numbered 0 to 2.',
      'answer 7 is out of range: there are 3 options, numbered 0 to 2.',
    ]);
  });

  it('checks the options', () => {
    expect(problemsOf({ ...choice, options: undefined })[0]).toMatch(/give the options as a list/);
    expect(problemsOf({ ...choice, options: ['only'], answer: 0 })).toEqual(['a choice quiz needs at least 2 options (got 1).']);
    expect(problemsOf({ ...choice, options: ['a', ' ', 'c'] })).toEqual(['option 1 must be non-empty text (got the text " ").']);
    expect(problemsOf({ ...choice, options: ['a', 'b', 'a'] })).toEqual(['options 0 and 2 are the same ("a").']);
  });

  it('refuses numeric-only props on a choice quiz', () => {
    expect(problemsOf({ ...choice, tolerance: 0.1 })).toEqual(['tolerance only applies to a numeric quiz: add numeric, or remove tolerance.']);
  });

  it('checks the id and the question, and reports every problem at once', () => {
    const problems = problemsOf({ question: ' ', options: ['a', 'b'], answer: 2 });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/give the quiz an id/);
    expect(problems[1]).toMatch(/give the question/);
    expect(problems[2]).toMatch(/answer 2 is out of range/);
    expect(() => validateQuizProps({ question: 'q', options: ['a', 'b'], answer: 2 })).toThrow(
      /^<Quiz id="\(no id\)">: 2 problems:\n {2}- give the quiz an id/,
    );
    expect(problemsOf({ ...choice, id: 'Softmax Sum' })[0]).toMatch(/id "Softmax Sum": use lower-case letters/);
    expect(problemsOf({ ...choice, multiple: 'yes' })[0]).toMatch(/multiple is a flag/);
  });
});

describe('validateQuizProps: numeric quizzes', () => {
  const num = { id: 'always-seven', question: 'What accuracy?', numeric: true, answer: 10.28, tolerance: 0.5, percent: true };

  it('turns valid props into a spec with defaults', () => {
    expect(validateQuizProps(num)).toEqual({
      spec: { kind: 'numeric', id: 'always-seven', answer: 10.28, tolerance: 0.5, relativeTolerance: 0, percent: true, unit: '%' },
      question: 'What accuracy?',
      options: [],
      label: 'Your answer',
      feedback: [],
    });
    expect(validateQuizProps({ id: 'q', question: 'q', numeric: true, answer: 3, unit: ' ms ', label: 'Time' })).toMatchObject({
      spec: { tolerance: 0, relativeTolerance: 0, percent: false, unit: 'ms' },
      label: 'Time',
    });
  });

  it('refuses bad answers and tolerances', () => {
    expect(problemsOf({ ...num, answer: undefined })[0]).toMatch(/needs a finite number as its answer/);
    expect(problemsOf({ ...num, answer: Number.NaN })[0]).toMatch(/needs a finite number/);
    expect(problemsOf({ ...num, tolerance: -1 })[0]).toMatch(/tolerance must be a number ≥ 0/);
    expect(problemsOf({ ...num, relativeTolerance: 5 })[0]).toMatch(/relativeTolerance is a fraction/);
  });

  it('refuses contradictory props', () => {
    expect(problemsOf({ ...num, options: ['a', 'b'] })[0]).toMatch(/a numeric quiz has no options/);
    expect(problemsOf({ ...num, multiple: true })[0]).toMatch(/either numeric or multiple/);
    expect(problemsOf({ ...num, unit: 'ms' })[0]).toMatch(/a percent quiz has "%" as its unit/);
    expect(problemsOf({ ...num, percent: false, unit: '%' })[0]).toMatch(/write percent instead/);
    expect(problemsOf({ ...num, percent: false, unit: 'm2' })[0]).toMatch(/must not contain digits/);
    expect(problemsOf({ ...num, label: '' })[0]).toMatch(/label must be non-empty/);
  });
});

describe('validateQuizProps: feedback', () => {
  const num = { id: 'image-numbers', question: 'How many numbers?', numeric: true, answer: 960000 };
  const choice = { id: 'kernel-sum', question: 'Which?', options: ['0', 'v', '9v', 'depends'], answer: 0 };

  it('turns numeric feedback into rules and texts, in the order declared', () => {
    const quiz = validateQuizProps({
      ...num,
      feedback: [
        { value: 720000, text: ' RGB only ' },
        { min: -1, max: 0, text: 'sign' },
        { max: -1, text: 'negative' },
        { value: 1000, tolerance: 50, text: 'near' },
      ],
    });
    expect(quiz.spec).toMatchObject({
      feedback: [
        { value: 720000, tolerance: 0 },
        { min: -1, max: 0 },
        { min: null, max: -1 },
        { value: 1000, tolerance: 50 },
      ],
    });
    expect(quiz.feedback).toEqual(['RGB only', 'sign', 'negative', 'near']);
  });

  it("gives a value entry the quiz's own tolerance, relative tolerance measured at the value", () => {
    const quiz = validateQuizProps({
      ...num,
      answer: 10,
      tolerance: 0.1,
      relativeTolerance: 0.02,
      feedback: [
        { value: 100, text: 'x' },
        { value: 1, text: 'y' },
      ],
    });
    expect(quiz.spec.feedback).toEqual([
      { value: 100, tolerance: 2 },
      { value: 1, tolerance: 0.1 },
    ]);
  });

  it('leaves feedback out of the spec when there is none', () => {
    expect('feedback' in validateQuizProps(num).spec).toBe(false);
    expect('feedback' in validateQuizProps(choice).spec).toBe(false);
  });

  it('turns choice feedback into rules', () => {
    const quiz = validateQuizProps({
      ...choice,
      feedback: [
        { option: 2, text: 'nine' },
        { option: 1, text: 'v' },
      ],
    });
    expect(quiz.spec.feedback).toEqual([{ option: 2 }, { option: 1 }]);
    expect(quiz.feedback).toEqual(['nine', 'v']);
    // In a "choose all that apply" quiz a right option may have feedback: it shows when left out.
    const multi = validateQuizProps({ ...choice, multiple: true, answer: [0, 1], feedback: [{ option: 1, text: 'missed' }] });
    expect(multi.spec.feedback).toEqual([{ option: 1 }]);
  });

  it('refuses a feedback prop that is not a list of objects', () => {
    expect(problemsOf({ ...num, feedback: 'too low' })).toEqual([
      'feedback is a list of entries, e.g. feedback={[{ value: 720000, text: "…" }, { max: 0, text: "…" }]} (got the text "too low").',
    ]);
    expect(problemsOf({ ...num, feedback: [] })[0]).toMatch(/^feedback lists no entry: remove it/);
    expect(problemsOf({ ...choice, feedback: [3] })).toEqual(['feedback 0 must be an object such as { value: 3, text: "…" } (got 3).']);
  });

  it('names each problem of a numeric entry', () => {
    expect(problemsOf({ ...num, feedback: [{ value: 720000 }] })[0]).toMatch(/^feedback 0 needs text/);
    expect(problemsOf({ ...num, feedback: [{ vaule: 720000, text: 'x' }] })).toEqual([
      'feedback 0: unknown key "vaule"; an entry takes "value", "tolerance", "min", "max", "text".',
      'feedback 0: say which answers it is for, with value (e.g. value: 720000) or a range (min and/or max, e.g. max: 0 for every negative answer).',
    ]);
    expect(problemsOf({ ...num, feedback: [{ value: 1, max: 2, text: 'x' }] })).toEqual([
      'feedback 0: give either a value or a range (min and/or max), not both.',
    ]);
    expect(problemsOf({ ...num, feedback: [{ value: '720000', text: 'x' }] })).toEqual([
      'feedback 0: value must be a finite number, e.g. value: 720000 (got the text "720000").',
    ]);
    expect(problemsOf({ ...num, feedback: [{ value: 1, tolerance: -1, text: 'x' }] })).toEqual([
      'feedback 0: tolerance must be a number ≥ 0 (got -1).',
    ]);
    expect(problemsOf({ ...num, feedback: [{ min: 2, max: 2, text: 'x' }] })).toEqual([
      'feedback 0: min 2 must be below max 2; for one value write value: 2.',
    ]);
    expect(problemsOf({ ...num, feedback: [{ min: 0, max: 'ten', text: 'x' }] })).toEqual([
      'feedback 0: max must be a finite number (got the text "ten"); leave it out for no upper end.',
    ]);
    expect(problemsOf({ ...num, feedback: [{ min: 0, tolerance: 1, text: 'x' }] })).toEqual([
      'feedback 0: tolerance applies to a value entry; a range already says where it starts and ends.',
    ]);
    expect(problemsOf({ ...num, feedback: [{ option: 1, text: 'x' }] })[1]).toMatch(/^feedback 0: option is for choice quizzes/);
    expect(
      problemsOf({
        ...num,
        feedback: [
          { value: 5, text: 'a' },
          { value: 5, text: 'b' },
        ],
      }),
    ).toEqual(['feedback 0 and 1 are both for the value 5: merge them into one.']);
  });

  it('refuses numeric feedback that could never show, because it only covers right answers', () => {
    expect(problemsOf({ ...num, feedback: [{ value: 960000, text: 'x' }] })).toEqual([
      'feedback 0: value 960000 counts as a right answer (the answer is 960000), so this feedback would never show.',
    ]);
    const tolerant = { ...num, answer: 0.25, tolerance: 0.01 };
    expect(problemsOf({ ...tolerant, feedback: [{ value: 0.255, text: 'x' }] })).toEqual([
      'feedback 0: value 0.255 counts as a right answer (answers from 0.24 to 0.26 are right), so this feedback would never show.',
    ]);
    expect(problemsOf({ ...tolerant, feedback: [{ min: 0.245, max: 0.25, text: 'x' }] })).toEqual([
      'feedback 0: the range 0.245 to 0.25 holds only right answers (answers from 0.24 to 0.26 are right), so this feedback would never show.',
    ]);
    // A range around the answer is fine: it applies to the wrong answers in it.
    expect(validateQuizProps({ ...tolerant, feedback: [{ min: 0, max: 1, text: 'x' }] }).spec.feedback).toEqual([{ min: 0, max: 1 }]);
  });

  it('names each problem of a choice entry', () => {
    expect(problemsOf({ ...choice, feedback: [{ option: 0, text: 'x' }] })).toEqual([
      'feedback 0: option 0 is the right answer, so this feedback would never show; feedback is for wrong answers (say more in the explanation instead).',
    ]);
    expect(problemsOf({ ...choice, feedback: [{ option: 4, text: 'x' }] })).toEqual([
      'feedback 0: option must be an option number from 0 to 3 (got 4).',
    ]);
    expect(
      problemsOf({
        ...choice,
        feedback: [
          { option: 1, text: 'x' },
          { option: 1, text: 'y' },
        ],
      }),
    ).toEqual(['feedback 0 and 1 are both for option 1: merge them into one.']);
    expect(problemsOf({ ...choice, feedback: [{ option: 1, text: '  ' }] })[0]).toMatch(/^feedback 0 needs text/);
    expect(problemsOf({ ...choice, feedback: [{ value: 1, option: 1, text: 'x' }] })).toEqual([
      'feedback 0: unknown key "value"; an entry takes "option", "text".',
      'feedback 0: value, min and max are for numeric quizzes; in a choice quiz name the option, e.g. { option: 2, text: "…" }.',
    ]);
  });

  it('reports feedback problems together with the others, in one error naming the quiz', () => {
    expect(() => validateQuizProps({ ...choice, answer: 0, label: 'x', feedback: [{ option: 9, text: 'x' }] })).toThrow(
      '<Quiz id="kernel-sum">: 2 problems:\n  - label only applies to a numeric quiz: add numeric, or remove label.\n  - feedback 0: option must be an option number from 0 to 3 (got 9).',
    );
  });
});
