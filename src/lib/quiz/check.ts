/**
 * Judging quiz answers, and the plain-text feedback the reader sees (and a screen reader announces).
 *
 * Choice quizzes: right when the chosen set is exactly the set of right options (for a single-answer
 * quiz, exactly the one right option). A wrong answer to a "choose all that apply" quiz says how many
 * of the right options were chosen and how many wrong ones, without saying which.
 *
 * Numeric quizzes: right when |value − answer| ≤ max(tolerance, relativeTolerance × |answer|), both
 * ends included. A tiny allowance for floating-point rounding keeps the ends inclusive (0.095 is within
 * 0.005 of 0.1 although 0.1 − 0.095 computes to 0.0050000000000000044).
 *
 * Author feedback (the quiz's `feedback` prop, see validate.ts) for a wrong answer:
 *  - numeric: value entries first, in the order declared (|value − entry.value| ≤ entry.tolerance,
 *    ends included), then range entries in order (min ≤ value ≤ max); the first match applies, so an
 *    exact anticipated mistake beats a broad range such as "any negative number". A right answer never
 *    gets feedback. With no match, the generic "too high / too low" message stands alone.
 *  - choice: every entry whose option is chosen although wrong, and (in a `multiple` quiz) every entry
 *    whose option is right but left out, in the order declared.
 * The result carries the indices of the entries that apply; the page shows their texts after the message.
 */
import type { ChoiceQuiz, ChoiceResult, NumericQuiz, NumericResult, QuizAnswer, QuizResult, QuizSpec } from './types.ts';

/** Judges any answer; an answer of the wrong kind for the quiz is simply wrong. */
export function checkAnswer(spec: QuizSpec, answer: QuizAnswer): QuizResult {
  if (spec.kind === 'choice' && answer.kind === 'choice') return checkChoice(spec, answer.selected);
  if (spec.kind === 'numeric' && answer.kind === 'numeric') return checkNumeric(spec, answer.value);
  return { correct: false, message: 'This answer does not fit the question (it may have changed since). Answer it again.', feedback: [] };
}

export function checkChoice(spec: ChoiceQuiz, selected: readonly number[]): ChoiceResult {
  const chosen = new Set(selected);
  const right = new Set(spec.answer);
  let rightChosen = 0;
  let wrongChosen = 0;
  for (const index of chosen) {
    if (right.has(index)) rightChosen++;
    else wrongChosen++;
  }
  const rightTotal = right.size;
  const correct = rightChosen === rightTotal && wrongChosen === 0;
  const feedback = correct ? [] : choiceFeedback(spec, chosen);
  let message: string;
  if (correct) {
    message = spec.multiple && rightTotal > 1 ? `Right: you found all ${rightTotal} right choices.` : 'Right.';
  } else if (!spec.multiple) {
    message = feedback.length > 0 ? 'Not quite.' : 'Not quite: that is not the answer.';
  } else {
    const wrong = wrongChosen === 0 ? 'none wrong' : `${wrongChosen} wrong`;
    message = `Not quite: ${rightChosen} of ${rightTotal} right ${rightTotal === 1 ? 'choice' : 'choices'}, ${wrong}.`;
  }
  return { correct, message, feedback, rightChosen, wrongChosen, rightTotal };
}

/** Indices of the choice feedback entries that apply to a wrong selection (see the top of this file). */
export function choiceFeedback(spec: ChoiceQuiz, selected: Iterable<number>): number[] {
  const chosen = new Set(selected);
  const right = new Set(spec.answer);
  const applies: number[] = [];
  (spec.feedback ?? []).forEach((rule, i) => {
    const isRight = right.has(rule.option);
    if ((!isRight && chosen.has(rule.option)) || (spec.multiple && isRight && !chosen.has(rule.option))) applies.push(i);
  });
  return applies;
}

/** Index of the numeric feedback entry that applies to a wrong `value`, or null (see the top of this file). */
export function numericFeedback(spec: NumericQuiz, value: number): number | null {
  if (!Number.isFinite(value) || isWithinTolerance(spec, value)) return null;
  const rules = spec.feedback ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if ('value' in rule && within(value, rule.value, rule.tolerance)) return i;
  }
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if ('min' in rule && (rule.min === null || value >= rule.min) && (rule.max === null || value <= rule.max)) return i;
  }
  return null;
}

/** |value − target| ≤ allowed, with the same allowance for rounding as the answer's own check. */
function within(value: number, target: number, allowed: number): boolean {
  const rounding = 4 * Number.EPSILON * Math.max(Math.abs(value), Math.abs(target), allowed);
  return Math.abs(value - target) <= allowed + rounding;
}

/** The accepted range [low, high] of a numeric quiz. */
export function acceptedRange(spec: NumericQuiz): [number, number] {
  const allowed = Math.max(spec.tolerance, spec.relativeTolerance * Math.abs(spec.answer));
  return [spec.answer - allowed, spec.answer + allowed];
}

export function isWithinTolerance(spec: NumericQuiz, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  return within(value, spec.answer, Math.max(spec.tolerance, spec.relativeTolerance * Math.abs(spec.answer)));
}

export function checkNumeric(spec: NumericQuiz, value: number): NumericResult {
  if (isWithinTolerance(spec, value)) {
    const exact = value === spec.answer;
    const message = exact ? `Right: ${formatQuizValue(spec, value)}.` : `Right. The exact answer is ${formatQuizValue(spec, spec.answer)}.`;
    return { correct: true, message, direction: null, feedback: [] };
  }
  const direction = value > spec.answer ? 'high' : 'low';
  const match = numericFeedback(spec, value);
  // The author's feedback explains this mistake: the verdict only names the value.
  if (match !== null) return { correct: false, message: `Not quite: ${formatQuizValue(spec, value)}.`, direction, feedback: [match] };
  let message = `Not quite: ${formatQuizValue(spec, value)} is too ${direction}.`;
  // A common slip: a fraction typed where a percentage is asked for, or the other way round.
  if (spec.percent && isWithinTolerance(spec, value * 100)) {
    message = `Not quite: this question asks for a percentage, and ${formatNumber(value)} looks like a fraction. As a percentage it is ${formatNumber(value * 100)}%.`;
  } else if (!spec.percent && !spec.unit && isWithinTolerance(spec, value / 100)) {
    message = `Not quite: this question asks for a plain number, and ${formatNumber(value)} looks like a percentage. Type ${formatNumber(value / 100)}, or ${formatNumber(value)}%.`;
  }
  return { correct: false, message, direction, feedback: [] };
}

/** What the status line says when the reader asks to see the answer. */
export function revealMessage(spec: QuizSpec): string {
  if (spec.kind === 'choice') {
    return spec.answer.length === 1 ? 'The right answer is marked.' : `The ${spec.answer.length} right answers are marked.`;
  }
  const answer = `The answer is ${formatQuizValue(spec, spec.answer)}`;
  const [low, high] = acceptedRange(spec);
  if (high === low) return `${answer}.`;
  return `${answer}; anything from ${formatQuizValue(spec, low)} to ${formatQuizValue(spec, high)} counts as right.`;
}

/** What the status line says when Check is pressed with nothing chosen. */
export function nothingChosenMessage(spec: ChoiceQuiz): string {
  return spec.multiple ? 'Choose one or more answers first.' : 'Choose an answer first.';
}

/**
 * A number as the quiz shows it: up to 10 significant digits, no trailing zeros, no thousands
 * separators (so it can be typed back exactly): 0.1028 → "0.1028", 1028 → "1028", 1/3 → "0.3333333333".
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(10));
  return rounded === 0 ? '0' : String(rounded);
}

/** A value with the quiz's unit: "10.28%", "12 ms", "0.1". */
export function formatQuizValue(spec: NumericQuiz, value: number): string {
  const n = formatNumber(value);
  if (spec.percent) return `${n}%`;
  return spec.unit ? `${n} ${spec.unit}` : n;
}
