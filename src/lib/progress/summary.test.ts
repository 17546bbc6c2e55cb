import { describe, expect, it } from 'vitest';
import { emptyProgress } from './migrate.ts';
import { courseTotals, lessonProgress, lessonState, progressParts } from './summary.ts';
import type { ProgressData } from './types.ts';

const T = '2025-01-01T00:00:00.000Z';
const lesson = { slug: 'start-here', exercises: ['sigmoid', 'mnist-90'], quizzes: ['q1', 'q2', 'q3'] };

function data(): ProgressData {
  const d = emptyProgress();
  d.lessons['start-here'] = { readAt: T };
  d.exercises.sigmoid = { passedAt: T };
  d.exercises['other-lesson-exercise'] = { passedAt: T };
  d.quizzes.q1 = { answer: { kind: 'choice', selected: [0] }, correct: true, answeredAt: T };
  d.quizzes.q2 = { answer: { kind: 'choice', selected: [1] }, correct: true, answeredAt: T };
  d.quizzes.q3 = { answer: { kind: 'numeric', value: 3 }, correct: false, answeredAt: T };
  return d;
}

describe('lessonProgress and progressParts', () => {
  it('counts only the lesson’s own exercises and quizzes', () => {
    const p = lessonProgress(data(), lesson);
    expect(p).toEqual({
      read: true,
      exercisesPassed: 1,
      exercisesTotal: 2,
      quizzesCorrect: 2,
      quizzesAnswered: 3,
      quizzesTotal: 3,
      visited: false,
      started: true,
    });
    expect(progressParts(p)).toEqual(['Read', 'Exercises 1 of 2 passed', 'Quizzes 2 of 3 answered correctly']);
  });

  it('says "Not started" for an untouched lesson', () => {
    expect(progressParts(lessonProgress(emptyProgress(), lesson))).toEqual(['Not started']);
  });

  it('shows only the parts a lesson has', () => {
    const d = data();
    expect(progressParts(lessonProgress(d, { slug: 'start-here', exercises: [], quizzes: [] }))).toEqual(['Read']);
    delete d.lessons['start-here'];
    expect(progressParts(lessonProgress(d, { slug: 'start-here', exercises: ['sigmoid'], quizzes: ['q3'] }))).toEqual([
      'Not read to the end yet',
      'Exercise passed',
      'Quiz answered, not correctly yet',
    ]);
    expect(progressParts(lessonProgress(d, { slug: 'start-here', exercises: ['mnist-90'], quizzes: ['q4', 'q1'] }))).toEqual([
      'Not read to the end yet',
      'Exercise not passed yet',
      'Quizzes 1 of 2 answered correctly',
    ]);
  });

  it('does not count inherited object properties as progress', () => {
    const p = lessonProgress(emptyProgress(), { slug: 'constructor', exercises: ['toString'], quizzes: ['valueOf'] });
    expect(p.started).toBe(false);
  });
});

describe('courseTotals', () => {
  it('adds up the course', () => {
    const totals = courseTotals(data(), [lesson, { slug: 'next', exercises: ['x'], quizzes: [] }]);
    expect(totals).toEqual({ lessonsRead: 1, lessonsTotal: 2, exercisesPassed: 1, exercisesTotal: 3, quizzesCorrect: 2, quizzesTotal: 3 });
  });
});

describe('lessonState', () => {
  it('is read, in progress (visited, an exercise passed or a quiz answered) or not started', () => {
    expect(lessonState(lessonProgress(data(), lesson))).toBe('read');
    expect(lessonState(lessonProgress(emptyProgress(), lesson))).toBe('not-started');
    const visited = emptyProgress();
    visited.last = { slug: 'start-here', section: 'a', sectionTitle: 'A', at: T };
    const p = lessonProgress(visited, lesson);
    expect(p.visited).toBe(true);
    expect(lessonState(p)).toBe('in-progress');
    expect(progressParts(p)).toEqual(['Not read to the end yet', 'Exercises 0 of 2 passed', 'Quizzes 0 of 3 answered correctly']);
    const elsewhere = emptyProgress();
    elsewhere.last = { slug: 'other', section: '', sectionTitle: '', at: T };
    expect(lessonState(lessonProgress(elsewhere, lesson))).toBe('not-started');
    const passed = emptyProgress();
    passed.exercises.sigmoid = { passedAt: T };
    expect(lessonState(lessonProgress(passed, lesson))).toBe('in-progress');
  });
});
