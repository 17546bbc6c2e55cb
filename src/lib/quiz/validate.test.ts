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
    expect(() => validateQuizProps({ question: 'q', options: ['a', 'b'], answer: 2 })).toThrow(/^<Quiz id="\(no id\)">: 2 problems:\n {2}- give the quiz an id/);
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
