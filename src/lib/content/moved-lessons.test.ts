import { describe, expect, it } from 'vitest';
import { MOVED_LESSONS, movedLessonRedirects, slugsReadThroughMoves, type MovedLesson } from './moved-lessons.ts';

const moved: MovedLesson[] = [{ from: 'old', to: ['part-one', 'part-two'] }];

describe('moved lessons', () => {
  it('redirect the old address to the first new lesson, under the site base', () => {
    expect(movedLessonRedirects('/', moved)).toEqual({ '/lessons/old/': '/lessons/part-one/' });
    expect(movedLessonRedirects('/tinker/', moved)).toEqual({ '/lessons/old/': '/tinker/lessons/part-one/' });
    expect(movedLessonRedirects('/tinker', moved)).toEqual({ '/lessons/old/': '/tinker/lessons/part-one/' });
  });

  it('count an old lesson read as every lesson that holds its content read, once', () => {
    expect(slugsReadThroughMoves(['old'], moved)).toEqual([
      { slug: 'part-one', from: 'old' },
      { slug: 'part-two', from: 'old' },
    ]);
    expect(slugsReadThroughMoves(['old', 'part-two'], moved)).toEqual([{ slug: 'part-one', from: 'old' }]);
    expect(slugsReadThroughMoves(['part-one'], moved)).toEqual([]);
    expect(slugsReadThroughMoves([], moved)).toEqual([]);
  });

  it('name the split of "A neural network from scratch" and never move a lesson onto itself', () => {
    expect(movedLessonRedirects()).toEqual({ '/lessons/neural-network-from-scratch/': '/lessons/neuron-from-scratch/' });
    for (const { from, to } of MOVED_LESSONS) expect(to).not.toContain(from);
  });
});
