/**
 * Quizzes in lessons: what a quiz asks and how an answer is judged. Pure data, shared by the
 * build (Quiz.astro validates the props into a QuizSpec) and the browser (<tk-quiz> checks answers).
 */
import type { QuizAnswer } from '../progress/types.ts';

export type { QuizAnswer };

/** A multiple-choice quiz: one right option (`multiple: false`) or a set of them. */
export interface ChoiceQuiz {
  kind: 'choice';
  id: string;
  /** true: the reader picks every option that applies; false: exactly one. */
  multiple: boolean;
  /** Number of options; answers are indices 0..optionCount-1. */
  optionCount: number;
  /** Indices of the right options, sorted ascending, no duplicates (one entry unless `multiple`). */
  answer: number[];
  /** Feedback the author wrote for mistakes about options, in the order declared (absent: none). */
  feedback?: ChoiceFeedbackRule[];
}

/**
 * When a choice quiz's feedback entry applies: option `option` is chosen although it is wrong, or
 * (in a `multiple` quiz, where it may be a right option) a right option is left out.
 */
export interface ChoiceFeedbackRule {
  option: number;
}

/**
 * When a numeric quiz's feedback entry applies to a wrong answer: within `tolerance` of `value` (the
 * quiz's own tolerance unless the entry gives one), or within [min, max], both ends included (null:
 * open on that side). Values are in the unit the reader answers in, like `answer`.
 */
export type NumericFeedbackRule = { value: number; tolerance: number } | { min: number | null; max: number | null };

/** A quiz answered with a number, right when within the tolerance of `answer`. */
export interface NumericQuiz {
  kind: 'numeric';
  id: string;
  /** The right value, in the unit the reader answers in (percentage points when `percent`). */
  answer: number;
  /** Absolute tolerance: |value − answer| ≤ tolerance is right. 0 = exact. */
  tolerance: number;
  /** Relative tolerance as a fraction of |answer| (0.02 = within 2%). 0 = none. */
  relativeTolerance: number;
  /** The reader answers in percent: "10.3" and "10.3%" both mean 10.3 (and so do answer and tolerance). */
  percent: boolean;
  /** Unit shown after the input and accepted after the number ("ms"); "%" when `percent`; "" for none. */
  unit: string;
  /** Feedback the author wrote for likely wrong answers, in the order declared (absent: none). */
  feedback?: NumericFeedbackRule[];
}

export type QuizSpec = ChoiceQuiz | NumericQuiz;

/** The verdict on one answer. `message` is plain text for the quiz's status line. */
export interface QuizResult {
  correct: boolean;
  message: string;
  /**
   * Indices into the quiz's `feedback` of the author's feedback that applies to this wrong answer,
   * shown after `message` (empty when right, or when no entry anticipates the answer).
   */
  feedback: number[];
}

/** Choice quizzes also say how many right and wrong options were chosen. */
export interface ChoiceResult extends QuizResult {
  rightChosen: number;
  wrongChosen: number;
  rightTotal: number;
}

/** Numeric quizzes say which side of the accepted range a wrong answer lies on. */
export interface NumericResult extends QuizResult {
  /** 'high' or 'low' when wrong; null when right. */
  direction: 'high' | 'low' | null;
}
