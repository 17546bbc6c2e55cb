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

/**
 * Where the reader last was: a lesson and the section in view (the course map and the header
 * offer "Continue: <lesson> — <section>" from it). Optional, so version 2 data without it stays
 * version 2: code from before it keeps it as a field it does not know, and stored data from
 * before it simply has none. A damaged one is left out when read (migrate.ts readLastVisit): it is
 * a bookmark, not work of the reader's.
 */
export interface LastVisit {
  /** The lesson's slug, e.g. "start-here". */
  slug: string;
  /** The id of the section heading in view (an h2 or h3 of the lesson); '' at the top, before the first heading. */
  section: string;
  /** That heading's text as the page showed it; '' with no section. */
  sectionTitle: string;
  /** ISO time of the visit. */
  at: string;
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
  /** The lesson and section the reader was last in; absent until the reader opens a lesson. */
  last?: LastVisit;
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
