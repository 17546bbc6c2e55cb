import { describe, expect, it } from 'vitest';
import { continueTarget, continueText, parseContinueLessons, type ContinueLesson } from './continue.ts';
import { emptyProgress } from './migrate.ts';
import type { ProgressData } from './types.ts';

const T = '2025-01-01T00:00:00.000Z';
const LESSONS: ContinueLesson[] = [
  { slug: 'start-here', title: 'Start here', href: '/lessons/start-here/' },
  { slug: 'images', title: 'An image is just a matrix', href: '/lessons/images/' },
  { slug: 'snake', title: 'Q-learning wins Snake', href: '/lessons/snake/' },
];

function progress(read: string[], last?: { slug: string; section?: string; sectionTitle?: string }): ProgressData {
  const data = emptyProgress();
  for (const slug of read) data.lessons[slug] = { readAt: T };
  if (last) data.last = { slug: last.slug, section: last.section ?? '', sectionTitle: last.sectionTitle ?? '', at: T };
  return data;
}

describe('continueTarget', () => {
  it('offers nothing on a first visit (the pages keep "Start the course")', () => {
    expect(continueTarget(emptyProgress(), LESSONS)).toBeNull();
    expect(continueTarget(emptyProgress(), [])).toBeNull();
  });

  it('goes back to the section of an unfinished lesson', () => {
    const t = continueTarget(progress([], { slug: 'images', section: 'channels', sectionTitle: 'Channels' }), LESSONS);
    expect(t).toEqual({ lesson: LESSONS[1], section: { id: 'channels', title: 'Channels' }, href: '/lessons/images/#channels' });
    expect(continueText(t!)).toBe('Continue: An image is just a matrix — Channels');
  });

  it('goes to the top of a lesson left before its first heading', () => {
    const t = continueTarget(progress([], { slug: 'snake' }), LESSONS)!;
    expect(t.href).toBe('/lessons/snake/');
    expect(t.section).toBeNull();
    expect(continueText(t)).toBe('Continue: Q-learning wins Snake');
  });

  it('escapes the section id in the link', () => {
    const t = continueTarget(progress([], { slug: 'images', section: 'a b#c', sectionTitle: 'A b' }), LESSONS)!;
    expect(t.href).toBe('/lessons/images/#a%20b%23c');
  });

  it('after a lesson is finished, goes on to the next lesson not read yet', () => {
    const finished = { slug: 'start-here', section: 'summary', sectionTitle: 'Summary' };
    expect(continueTarget(progress(['start-here'], finished), LESSONS)).toMatchObject({
      lesson: LESSONS[1],
      section: null,
      href: '/lessons/images/',
    });
    // Lessons read out of order are skipped, and the search wraps round to the start.
    expect(continueTarget(progress(['start-here', 'images'], finished), LESSONS)?.lesson).toBe(LESSONS[2]);
    expect(continueTarget(progress(['snake'], { slug: 'snake' }), LESSONS)?.lesson).toBe(LESSONS[0]);
  });

  it('with every lesson read, goes back to where the reader last was', () => {
    const all = progress(['start-here', 'images', 'snake'], { slug: 'images', section: 'filters', sectionTitle: 'Filters' });
    expect(continueTarget(all, LESSONS)?.href).toBe('/lessons/images/#filters');
    expect(continueTarget(progress(['start-here', 'images', 'snake']), LESSONS)?.lesson).toBe(LESSONS[2]);
  });

  it('without a saved visit, continues from the first lesson not read', () => {
    expect(continueTarget(progress(['start-here']), LESSONS)?.lesson).toBe(LESSONS[1]);
  });

  it('ignores a visit to a lesson the course no longer has', () => {
    expect(continueTarget(progress([], { slug: 'removed', section: 'x', sectionTitle: 'X' }), LESSONS)).toBeNull();
    expect(continueTarget(progress(['start-here'], { slug: 'removed' }), LESSONS)?.lesson).toBe(LESSONS[1]);
  });

  it('says only the lesson when the section has no title', () => {
    const t = continueTarget(progress([], { slug: 'images', section: 'channels' }), LESSONS)!;
    expect(t.href).toBe('/lessons/images/#channels');
    expect(continueText(t)).toBe('Continue: An image is just a matrix');
  });
});

describe('parseContinueLessons', () => {
  it('reads the embedded list and skips entries of the wrong shape', () => {
    const text = JSON.stringify([LESSONS[0], { slug: 1, title: 'x', href: '/' }, null, 'x', LESSONS[2]]);
    expect(parseContinueLessons(text)).toEqual([LESSONS[0], LESSONS[2]]);
  });

  it('gives no lessons for missing or damaged text', () => {
    expect(parseContinueLessons(undefined)).toEqual([]);
    expect(parseContinueLessons('{not json')).toEqual([]);
    expect(parseContinueLessons('{"slug":"a"}')).toEqual([]);
  });
});
