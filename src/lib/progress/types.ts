/**
 * What Tinker keeps in the reader's browser: code typed in cells, quiz answers, passed
 * exercises and lessons read. Stored as one versioned JSON document (see store.ts);
 * older versions are migrated (migrate.ts), anything unreadable is kept aside, never dropped.
 */

export const PROGRESS_VERSION = 2;

/** A quiz answer as the reader gave it. */
export type QuizAnswer = { kind: 'choice'; selected: number[] } | { kind: 'numeric'; value: number };

export interface SavedCell {
  /** The code as the reader left it. */
  code: string;
  /** Hash (starterHash) of the starter the reader's code grew from; tells when the site ships a new starter. */
  starterHash: string;
  /** ISO time of the last save. */
  savedAt: string;
}

export interface PassedExercise {
  passedAt: string;
  /** The measured figure at the pass, e.g. 0.9731 for accuracy. */
  figure?: number;
  /** The grader's summary, e.g. "97.3% on the 10,000 test images". */
  summary?: string;
}

export interface AnsweredQuiz {
  answer: QuizAnswer;
  correct: boolean;
  answeredAt: string;
}

export interface ReadLesson {
  readAt: string;
}

/** Version 2: the current format. */
export interface ProgressData {
  version: typeof PROGRESS_VERSION;
  /** Keyed by lesson slug, e.g. "start-here". */
  lessons: Record<string, ReadLesson>;
  /** Keyed by exercise id, e.g. "sigmoid". */
  exercises: Record<string, PassedExercise>;
  /** Keyed by quiz id. */
  quizzes: Record<string, AnsweredQuiz>;
  /** Keyed by cell id (an exercise id, or the id of a free cell). */
  cells: Record<string, SavedCell>;
}

/** Something went wrong with stored data; shown on the progress page and in widgets that save. */
export interface StorageProblem {
  /** migrated: older-format progress was converted and its original kept aside (or could not be). */
  kind: 'corrupt' | 'unknown-version' | 'quota' | 'unavailable' | 'import' | 'migrated';
  /** Plain words: what happened and what to do. */
  message: string;
  /** Storage key where the unreadable data was kept aside, if any. */
  keptAs?: string;
}
