import { describe, expect, it } from 'vitest';
import {
  assertUniqueSlugs,
  courseOrder,
  formatMinutes,
  listText,
  pathText,
  groupByTrack,
  lessonPath,
  lessonSlug,
  neighbours,
  sortLessons,
  tableOfContents,
  totalMinutes,
  type LessonEntry,
  type LessonMeta,
} from './course.ts';
import { TRACKS } from './lesson-schema.ts';

const lesson = (id: string, track: LessonMeta['track'], order: number, minutes = 10, draft = false): LessonEntry => ({
  id,
  data: { title: id, track, order, minutes, draft },
});

// Deliberately out of order: tracks mixed, orders reversed within a track.
const lessons = [
  lesson('20-k-means', 'unsupervised', 0, 25),
  lesson('02-gradient-descent', 'foundations', 2, 20),
  lesson('10-classify-digits', 'supervised', 0, 30),
  lesson('00-start-here', 'foundations', 0, 10),
  lesson('01-neurons', 'foundations', 1, 15),
];

describe('lessonSlug / lessonPath', () => {
  it('drops the numeric prefix of the file name', () => {
    expect(lessonSlug('00-start-here')).toBe('start-here');
    expect(lessonSlug('7-x')).toBe('x');
    expect(lessonSlug('123-multi-part-name')).toBe('multi-part-name');
  });

  it('keeps ids without a prefix and ids that are only a number', () => {
    expect(lessonSlug('intro')).toBe('intro');
    expect(lessonSlug('2024-')).toBe('2024-');
    expect(lessonSlug('99')).toBe('99');
  });

  it('uses the last part of a nested id', () => {
    expect(lessonSlug('supervised/03-overfitting')).toBe('overfitting');
  });

  it('builds the page path relative to the base', () => {
    expect(lessonPath('00-start-here')).toBe('lessons/start-here/');
  });
});

describe('sortLessons', () => {
  it('orders by track (TRACKS order), then order', () => {
    expect(sortLessons(lessons).map((l) => l.id)).toEqual([
      '00-start-here',
      '01-neurons',
      '02-gradient-descent',
      '10-classify-digits',
      '20-k-means',
    ]);
  });

  it('breaks ties in order by id and does not mutate its input', () => {
    const input = [lesson('b', 'supervised', 1), lesson('a', 'supervised', 1)];
    expect(sortLessons(input).map((l) => l.id)).toEqual(['a', 'b']);
    expect(input.map((l) => l.id)).toEqual(['b', 'a']);
  });
});

describe('courseOrder', () => {
  const withDraft = [...lessons, lesson('03-backprop', 'foundations', 3, 20, true)];

  it('leaves drafts out by default', () => {
    expect(courseOrder(withDraft).map((l) => l.id)).not.toContain('03-backprop');
    expect(courseOrder(withDraft)).toHaveLength(5);
  });

  it('includes drafts when asked, in order', () => {
    expect(courseOrder(withDraft, { includeDrafts: true }).map((l) => l.id).at(3)).toBe('03-backprop');
  });

  it('rejects two lessons with the same URL, naming both files', () => {
    const clash = [lesson('01-intro', 'foundations', 1), lesson('07-intro', 'supervised', 1)];
    expect(() => courseOrder(clash)).toThrow(/"01-intro" and "07-intro".*\/lessons\/intro\//);
    expect(() => assertUniqueSlugs([lesson('01-a', 'foundations', 1), lesson('02-b', 'foundations', 2)])).not.toThrow();
  });
});

describe('neighbours', () => {
  const sorted = sortLessons(lessons);

  it('gives previous and next across tracks', () => {
    const { prev, next } = neighbours(sorted, '02-gradient-descent');
    expect(prev?.id).toBe('01-neurons');
    expect(next?.id).toBe('10-classify-digits');
  });

  it('has no previous for the first lesson and no next for the last', () => {
    expect(neighbours(sorted, '00-start-here').prev).toBeUndefined();
    expect(neighbours(sorted, '00-start-here').next?.id).toBe('01-neurons');
    expect(neighbours(sorted, '20-k-means').next).toBeUndefined();
  });

  it('gives nothing for an unknown id', () => {
    expect(neighbours(sorted, 'nope')).toEqual({ prev: undefined, next: undefined });
  });
});

describe('groupByTrack / totalMinutes', () => {
  it('lists every track in order, empty ones included, with sorted lessons and minutes', () => {
    const groups = groupByTrack(lessons);
    expect(groups.map((g) => g.track)).toEqual([...TRACKS]);
    expect(groups[0]?.lessons.map((l) => l.id)).toEqual(['00-start-here', '01-neurons', '02-gradient-descent']);
    expect(groups[0]?.minutes).toBe(45);
    expect(groups[0]?.title).toBe('Foundations');
    expect(groups[3]?.lessons).toEqual([]);
    expect(groups[3]?.minutes).toBe(0);
  });

  it('adds up minutes', () => {
    expect(totalMinutes(lessons)).toBe(100);
    expect(totalMinutes([])).toBe(0);
  });
});

describe('formatMinutes', () => {
  it('writes minutes and hours', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(100)).toBe('1 h 40 min');
    expect(formatMinutes(125)).toBe('2 h 5 min');
  });
});

describe('tableOfContents', () => {
  it('nests level-3 headings under the level-2 heading before them', () => {
    const toc = tableOfContents([
      { depth: 1, slug: 'title', text: 'Title' },
      { depth: 2, slug: 'a', text: 'A' },
      { depth: 3, slug: 'a1', text: 'A1' },
      { depth: 4, slug: 'deep', text: 'Deep' },
      { depth: 3, slug: 'a2', text: 'A2' },
      { depth: 2, slug: 'b', text: 'B' },
    ]);
    expect(toc).toEqual([
      {
        slug: 'a',
        text: 'A',
        children: [
          { slug: 'a1', text: 'A1', children: [] },
          { slug: 'a2', text: 'A2', children: [] },
        ],
      },
      { slug: 'b', text: 'B', children: [] },
    ]);
  });

  it('keeps a level-3 heading that comes before any level-2 heading', () => {
    expect(tableOfContents([{ depth: 3, slug: 'x', text: 'X' }])).toEqual([{ slug: 'x', text: 'X', children: [] }]);
    expect(tableOfContents([])).toEqual([]);
  });
});

describe('pathText', () => {
  const track = (title: string, lessons: number) => ({ title, lessons: Array.from({ length: lessons }) });

  it('counts only the tracks with lessons, and names the others once as still to come', () => {
    const text = pathText([track('Foundations', 3), track('Supervised learning', 0), track('Unsupervised learning', 0), track('Reinforcement learning', 1)]);
    expect(text.intro).toMatch(/^Two tracks so far, taken in order\. /);
    expect(text.roadmap).toBe('Still to come: tracks on supervised learning and unsupervised learning.');
  });

  it('has no roadmap when every track has lessons, and speaks of one track alone', () => {
    expect(pathText([track('Foundations', 2), track('Supervised learning', 1)])).toMatchObject({ intro: expect.stringMatching(/^Two tracks/), roadmap: null });
    expect(pathText([track('Foundations', 2), track('Supervised learning', 0)])).toEqual({
      intro: expect.stringMatching(/^One track so far\. /),
      roadmap: 'Still to come: a track on supervised learning.',
    });
  });

  it('lists three or more with commas', () => {
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listText(['a'])).toBe('a');
    expect(listText([])).toBe('');
  });
});
