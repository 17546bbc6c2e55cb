/**
 * The changes pages make to progress, as functions a ProgressStore applies to the latest stored
 * data (see ProgressStore.update). Each takes its time up front, so replaying it after a failed
 * write gives the same result.
 */
import { LAST_VISIT_LIMITS, readLastVisit, setOwn } from './migrate.ts';
import type { Change } from './store.ts';
import type { QuizAnswer } from './types.ts';

export function saveCell(cellId: string, code: string, starterHash: string, at: string): Change {
  return (data) => {
    setOwn(data.cells, cellId, { code, starterHash, savedAt: at });
  };
}

export function forgetCell(cellId: string): Change {
  return (data) => {
    if (Object.hasOwn(data.cells, cellId)) delete data.cells[cellId];
  };
}

/** Records a pass. A later pass replaces the figure of an earlier one. */
export function passExercise(id: string, result: { figure?: number; summary?: string }, at: string): Change {
  return (data) => {
    const entry: { passedAt: string; figure?: number; summary?: string } = { passedAt: at };
    if (result.figure !== undefined && Number.isFinite(result.figure)) entry.figure = result.figure;
    if (result.summary !== undefined) entry.summary = result.summary;
    setOwn(data.exercises, id, entry);
  };
}

export function answerQuiz(id: string, answer: QuizAnswer, correct: boolean, at: string): Change {
  return (data) => {
    const copy: QuizAnswer = answer.kind === 'choice' ? { kind: 'choice', selected: [...answer.selected] } : { kind: 'numeric', value: answer.value };
    setOwn(data.quizzes, id, { answer: copy, correct, answeredAt: at });
  };
}

/** Marks a lesson read; the first time counts, so re-reading keeps the original date. */
export function markRead(slug: string, at: string): Change {
  return (data) => {
    if (!Object.hasOwn(data.lessons, slug)) setOwn(data.lessons, slug, { readAt: at });
  };
}

/**
 * Records where the reader is: `section` is the id of the heading in view ('' before the first
 * one) and `sectionTitle` its text. Values a LastVisit may not hold (see readLastVisit) are not recorded.
 */
export function visitLesson(slug: string, section: string, sectionTitle: string, at: string): Change {
  return (data) => {
    const visit = readLastVisit({ slug, section, sectionTitle: sectionTitle.trim().slice(0, LAST_VISIT_LIMITS.sectionTitle), at });
    if (visit) data.last = visit;
  };
}
