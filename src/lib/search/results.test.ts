import { describe, expect, it } from 'vitest';
import { resultSummary, sectionHits, type PagefindPage } from './results.ts';

/** Locations far apart (no two words together), with the given scores. */
const at = (...scores: number[]) => scores.map((balanced_score, i) => ({ balanced_score, location: i * 100 }));

const page: PagefindPage = {
  url: '/lessons/start-here/',
  meta: { title: 'Start here' },
  excerpt: 'page <mark>loss</mark>',
  sub_results: [
    { title: 'Start here', url: '/lessons/start-here/', excerpt: 'intro <mark>loss</mark>', weighted_locations: at(1) },
    {
      title: 'The loss',
      url: '/lessons/start-here/#the-loss',
      anchor: { id: 'the-loss', element: 'h3' },
      excerpt: 'a',
      weighted_locations: at(5, 5),
    },
    { title: 'Softmax', url: '/lessons/start-here/#softmax', anchor: { id: 'softmax', element: 'h3' }, excerpt: 'b', weighted_locations: at(2) },
    { title: 'Summary', url: '/lessons/start-here/#summary', anchor: { id: 'summary', element: 'h2' }, excerpt: 'c', weighted_locations: at(2) },
  ],
};

describe('sectionHits', () => {
  it('keeps the best sections of each page, ties in reading order, with heading titles', () => {
    expect(sectionHits([page], { perPage: 3 })).toEqual([
      { lesson: 'Start here', section: 'The loss', url: '/lessons/start-here/#the-loss', excerpt: 'a' },
      { lesson: 'Start here', section: 'Softmax', url: '/lessons/start-here/#softmax', excerpt: 'b' },
      { lesson: 'Start here', section: 'Summary', url: '/lessons/start-here/#summary', excerpt: 'c' },
    ]);
  });

  it('ranks a section with the words together above one with a heavier single word', () => {
    const phrase = {
      title: 'Steps',
      url: '/p/#steps',
      anchor: { id: 'steps' },
      excerpt: 'p',
      weighted_locations: [10, 11, 12, 13].map((location) => ({ location, balanced_score: 1 })),
    };
    const heading = {
      title: 'Train',
      url: '/p/#train',
      anchor: { id: 'train' },
      excerpt: 'h',
      weighted_locations: [
        { location: 1, balanced_score: 1000 },
        { location: 30, balanced_score: 1 },
      ],
    };
    const hits = sectionHits([{ url: '/p/', meta: { title: 'P' }, excerpt: '', sub_results: [heading, phrase] }]);
    expect(hits.map((h) => h.section)).toEqual(['Steps', 'Train']);
  });

  it('ranks sections across pages: the phrase on the page Pagefind lists second comes first', () => {
    const together = (id: string) => ({
      title: id,
      url: `/b/#${id}`,
      anchor: { id },
      excerpt: id,
      weighted_locations: [20, 21, 22].map((location) => ({ location, balanced_score: 1 })),
    });
    const scattered = { title: 'Loose', url: '/a/#loose', anchor: { id: 'loose' }, excerpt: 'l', weighted_locations: at(50, 50, 50) };
    const first: PagefindPage = { url: '/a/', meta: { title: 'A' }, excerpt: '', sub_results: [scattered] };
    const second: PagefindPage = { url: '/b/', meta: { title: 'B' }, excerpt: '', sub_results: [together('phrase')] };
    expect(sectionHits([first, second]).map((h) => h.url)).toEqual(['/b/#phrase', '/a/#loose']);
    // Equal sections keep Pagefind's page order.
    expect(sectionHits([first, { ...second, sub_results: [scattered] }]).map((h) => h.lesson)).toEqual(['A', 'B']);
  });

  it('gives the text before the first heading no section', () => {
    const [hit] = sectionHits([{ ...page, sub_results: [page.sub_results![0]!] }]);
    expect(hit).toEqual({ lesson: 'Start here', section: null, url: '/lessons/start-here/', excerpt: 'intro <mark>loss</mark>' });
  });

  it('gives one row for a page without sections and stops at max', () => {
    const bare: PagefindPage = { url: '/lessons/x/', meta: {}, excerpt: 'x' };
    expect(sectionHits([bare])).toEqual([{ lesson: '/lessons/x/', section: null, url: '/lessons/x/', excerpt: 'x' }]);
    expect(sectionHits([page, page], { perPage: 3, max: 4 })).toHaveLength(4);
  });
});

describe('resultSummary', () => {
  it('says how many sections and lessons match, or that none does', () => {
    expect(resultSummary('  ', 0, 0)).toBe('Type a word or phrase to search the lessons.');
    expect(resultSummary('zebra', 0, 0)).toBe('No lesson mentions “zebra”.');
    expect(resultSummary('loss', 1, 1)).toBe('1 section in 1 lesson matches “loss”.');
    expect(resultSummary('loss ', 5, 2)).toBe('5 sections in 2 lessons match “loss”.');
  });
});
