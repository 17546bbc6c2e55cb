/**
 * Turns Pagefind results into the rows the search box shows: one row per matching section
 * ("Lesson title › Section heading"), linking to the section's heading. Pure data shaping, no
 * DOM; the search box is src/widgets/site-search/site-search.ts.
 */

import { plural } from '../format/numbers.ts';

/** The parts of a Pagefind sub-result (one heading's section of a page) that are used here. */
export interface PagefindSection {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { id?: string; element?: string; text?: string } | undefined;
  weighted_locations?: readonly { balanced_score: number; location: number }[] | undefined;
}

/** The parts of a Pagefind result's `data()` that are used here. */
export interface PagefindPage {
  url: string;
  meta: { title?: string | undefined };
  excerpt: string;
  sub_results?: readonly PagefindSection[] | undefined;
}

export interface SearchHit {
  /** The lesson's title. */
  lesson: string;
  /** The heading of the section, or null for the text before the first heading. */
  section: string | null;
  /** Page URL, with `#heading-id` for a section. */
  url: string;
  /** Pagefind's excerpt: text with the matched words in `<mark>` elements. */
  excerpt: string;
}

/** Matched words that count as "together": within this many word positions of each other. */
export const NEAR = 8;

/**
 * How well a section matches: first the most matched words found together (within NEAR
 * positions; a phrase the reader typed scores its whole length), then the total of Pagefind's
 * word scores. A section that holds the phrase beats one that only has a heading with one word.
 */
function score(section: PagefindSection): [number, number] {
  const locations = [...(section.weighted_locations ?? [])].sort((a, b) => a.location - b.location);
  let together = 0;
  let start = 0;
  for (let end = 0; end < locations.length; end++) {
    while (locations[end]!.location - locations[start]!.location >= NEAR) start++;
    together = Math.max(together, end - start + 1);
  }
  const total = locations.reduce((sum, l) => sum + l.balanced_score, 0);
  return [together, total];
}

/**
 * The best `perPage` sections of each page (matched words together, then Pagefind's word scores,
 * ties in reading order), then every kept section ranked the same way across pages (ties in
 * Pagefind's page order): the section that holds the typed phrase comes first whichever page
 * Pagefind ranks first. At most `max` rows. A page with no sections gives one row for the page,
 * ranked after the sections.
 */
export function sectionHits(pages: readonly PagefindPage[], options: { perPage?: number; max?: number } = {}): SearchHit[] {
  const { perPage = 3, max = 12 } = options;
  const ranked: { hit: SearchHit; score: [number, number]; page: number; order: number }[] = [];
  const noSections: SearchHit[] = [];
  pages.forEach((page, pageIndex) => {
    const lesson = page.meta.title?.trim() || page.url;
    const sections = (page.sub_results ?? [])
      .map((section, order) => ({ section, order, score: score(section) }))
      .sort(byScore)
      .slice(0, perPage);
    if (sections.length === 0) noSections.push({ lesson, section: null, url: page.url, excerpt: page.excerpt });
    for (const { section, order, score: sectionScore } of sections) {
      const isHeading = section.anchor?.id !== undefined && section.url.includes('#');
      const hit = { lesson, section: isHeading ? section.title.trim() : null, url: section.url, excerpt: section.excerpt };
      ranked.push({ hit, score: sectionScore, page: pageIndex, order });
    }
  });
  ranked.sort((a, b) => b.score[0] - a.score[0] || b.score[1] - a.score[1] || a.page - b.page || a.order - b.order);
  return [...ranked.map((r) => r.hit), ...noSections].slice(0, max);
}

function byScore(a: { score: [number, number]; order: number }, b: { score: [number, number]; order: number }): number {
  return b.score[0] - a.score[0] || b.score[1] - a.score[1] || a.order - b.order;
}

/** The sentence for the results' status region. */
export function resultSummary(query: string, hits: number, lessons: number): string {
  const q = query.trim();
  if (q === '') return 'Type a word or phrase to search the lessons.';
  if (hits === 0) return `No lesson mentions “${q}”.`;
  return `${plural(hits, 'section')} in ${plural(lessons, 'lesson')} ${hits === 1 ? 'matches' : 'match'} “${q}”.`;
}
