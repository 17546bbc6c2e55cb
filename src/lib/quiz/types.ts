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
}

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
}

export type QuizSpec = ChoiceQuiz | NumericQuiz;

/** The verdict on one answer. `message` is plain text for the quiz's status line. */
export interface QuizResult {
  correct: boolean;
  message: string;
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
