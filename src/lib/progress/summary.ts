/**
 * How far the reader is through one lesson, and the words the course map and the progress page
 * use for it. Pure: the lesson's exercise and quiz ids come from lesson-items.ts at build time.
 */
import type { ProgressData } from './types.ts';

/** What a lesson contains that progress can count. */
export interface LessonProgressItems {
  slug: string;
  exercises: readonly string[];
  quizzes: readonly string[];
}

export interface LessonProgress {
  read: boolean;
  exercisesPassed: number;
  exercisesTotal: number;
  quizzesCorrect: number;
  quizzesAnswered: number;
  quizzesTotal: number;
  /** It is the lesson the reader was last in (saved progress `last`). */
  visited: boolean;
  /** The reader has read the lesson, passed an exercise, answered a quiz of it, or was last in it. */
  started: boolean;
}

/** A lesson's state on the course map's path. */
export type LessonState = 'read' | 'in-progress' | 'not-started';

export function lessonState(p: LessonProgress): LessonState {
  return p.read ? 'read' : p.started ? 'in-progress' : 'not-started';
}

export function lessonProgress(data: ProgressData, lesson: LessonProgressItems): LessonProgress {
  const read = Object.hasOwn(data.lessons, lesson.slug);
  const exercisesPassed = lesson.exercises.filter((id) => Object.hasOwn(data.exercises, id)).length;
  const answered = lesson.quizzes.filter((id) => Object.hasOwn(data.quizzes, id));
  const quizzesCorrect = answered.filter((id) => data.quizzes[id]?.correct === true).length;
  const visited = data.last?.slug === lesson.slug;
  return {
    read,
    exercisesPassed,
    exercisesTotal: lesson.exercises.length,
    quizzesCorrect,
    quizzesAnswered: answered.length,
    quizzesTotal: lesson.quizzes.length,
    visited,
    started: read || visited || exercisesPassed > 0 || answered.length > 0,
  };
}

/** "Exercises 1 of 2 passed" and the like, only for what the lesson has. */
export function exercisesText(p: LessonProgress): string | null {
  if (p.exercisesTotal === 0) return null;
  return p.exercisesTotal === 1
    ? `Exercise ${p.exercisesPassed === 1 ? 'passed' : 'not passed yet'}`
    : `Exercises ${p.exercisesPassed} of ${p.exercisesTotal} passed`;
}

export function quizzesText(p: LessonProgress): string | null {
  if (p.quizzesTotal === 0) return null;
  return p.quizzesTotal === 1
    ? `Quiz ${p.quizzesCorrect === 1 ? 'answered correctly' : p.quizzesAnswered === 1 ? 'answered, not correctly yet' : 'not answered yet'}`
    : `Quizzes ${p.quizzesCorrect} of ${p.quizzesTotal} answered correctly`;
}

/**
 * The parts of a lesson card's progress line: ["Not started"] for an untouched lesson, otherwise
 * "Read" (when read) followed by the exercise and quiz counts the lesson has.
 */
export function progressParts(p: LessonProgress): string[] {
  if (!p.started) return ['Not started'];
  const parts = [p.read ? 'Read' : 'Not read to the end yet'];
  const exercises = exercisesText(p);
  const quizzes = quizzesText(p);
  if (exercises) parts.push(exercises);
  if (quizzes) parts.push(quizzes);
  return parts;
}

/** Totals over the whole course, for the progress page. */
export function courseTotals(data: ProgressData, lessons: readonly LessonProgressItems[]) {
  const all = lessons.map((l) => lessonProgress(data, l));
  const sum = (f: (p: LessonProgress) => number) => all.reduce((s, p) => s + f(p), 0);
  return {
    lessonsRead: all.filter((p) => p.read).length,
    lessonsTotal: lessons.length,
    exercisesPassed: sum((p) => p.exercisesPassed),
    exercisesTotal: sum((p) => p.exercisesTotal),
    quizzesCorrect: sum((p) => p.quizzesCorrect),
    quizzesTotal: sum((p) => p.quizzesTotal),
  };
}
