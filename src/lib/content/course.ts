/**
 * Course order and navigation: pure functions over lesson entries (no Astro, no DOM), so the
 * pages and their tests share one definition of "the order of the course".
 *
 * A lesson file is `content/lessons/NN-slug.mdx`; its collection id is `NN-slug` and its URL
 * `lessons/slug/`. Lessons are ordered by track (in TRACKS order), then by `order`, then by id.
 */
import { TRACKS, TRACK_TITLES, type Track } from './lesson-schema.ts';

/** The frontmatter fields the course order needs (a subset of LessonFrontmatter). */
export interface LessonMeta {
  title: string;
  track: Track;
  order: number;
  minutes: number;
  draft?: boolean;
}

/** A lesson as the content collection gives it: an id and its frontmatter. */
export interface LessonEntry<D extends LessonMeta = LessonMeta> {
  id: string;
  data: D;
}

/**
 * The URL slug of a lesson: the last part of its id without the numeric prefix.
 * `00-start-here` → `start-here`; `intro` → `intro`; `12-` is kept whole as it has no name.
 */
export function lessonSlug(id: string): string {
  const last = id.split('/').pop() ?? id;
  const stripped = last.replace(/^\d+-/, '');
  return stripped.length > 0 ? stripped : last;
}

/** The path of a lesson page relative to the site base, e.g. `lessons/start-here/`. */
export function lessonPath(id: string): string {
  return `lessons/${lessonSlug(id)}/`;
}

const trackIndex = (track: Track): number => TRACKS.indexOf(track);

/** Compares two lessons in course order: track, then `order`, then id (so the order is total). */
export function compareLessons(a: LessonEntry, b: LessonEntry): number {
  return (
    trackIndex(a.data.track) - trackIndex(b.data.track) ||
    a.data.order - b.data.order ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A sorted copy of the lessons in course order. */
export function sortLessons<E extends LessonEntry>(lessons: readonly E[]): E[] {
  return [...lessons].sort(compareLessons);
}

/**
 * Throws if two lessons would be served at the same URL (`01-intro` and `07-intro`), naming both
 * files, because one page would silently replace the other.
 */
export function assertUniqueSlugs(lessons: readonly LessonEntry[]): void {
  const seen = new Map<string, string>();
  for (const { id } of lessons) {
    const slug = lessonSlug(id);
    const other = seen.get(slug);
    if (other !== undefined) {
      throw new Error(
        `Lessons "${other}" and "${id}" both map to the URL /lessons/${slug}/. ` +
          'Rename one of the files in content/lessons/ so the part after the number differs.',
      );
    }
    seen.set(slug, id);
  }
}

/**
 * The lessons a build publishes, in course order: drafts are left out unless `includeDrafts`
 * (the dev server shows them). Checks that every lesson has its own URL.
 */
export function courseOrder<E extends LessonEntry>(
  lessons: readonly E[],
  options: { includeDrafts?: boolean } = {},
): E[] {
  const published = lessons.filter((l) => options.includeDrafts === true || l.data.draft !== true);
  assertUniqueSlugs(published);
  return sortLessons(published);
}

/** The lessons before and after `id` in a sorted course (undefined at either end). */
export function neighbours<E extends LessonEntry>(
  sorted: readonly E[],
  id: string,
): { prev: E | undefined; next: E | undefined } {
  const i = sorted.findIndex((l) => l.id === id);
  if (i === -1) return { prev: undefined, next: undefined };
  return { prev: sorted[i - 1], next: sorted[i + 1] };
}

/** Total estimated minutes of some lessons. */
export function totalMinutes(lessons: readonly LessonEntry[]): number {
  return lessons.reduce((sum, l) => sum + l.data.minutes, 0);
}

export interface TrackGroup<E extends LessonEntry> {
  track: Track;
  title: string;
  lessons: E[];
  minutes: number;
}

/**
 * Every track in TRACKS order with its lessons in course order; a track with no lessons yet
 * is still listed (the course map says "Coming soon").
 */
export function groupByTrack<E extends LessonEntry>(lessons: readonly E[]): TrackGroup<E>[] {
  const sorted = sortLessons(lessons);
  return TRACKS.map((track) => {
    const inTrack = sorted.filter((l) => l.data.track === track);
    return { track, title: TRACK_TITLES[track], lessons: inTrack, minutes: totalMinutes(inTrack) };
  });
}

/** A duration for readers: `45 min`, `1 h`, `1 h 20 min`. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

/** A heading as Astro's `render()` returns it. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocItem {
  slug: string;
  text: string;
  children: TocItem[];
}

/**
 * A two-level table of contents from a lesson's headings: each `##` with the `###` under it.
 * Other depths are left out; a `###` before any `##` becomes a top-level item.
 */
export function tableOfContents(headings: readonly Heading[]): TocItem[] {
  const items: TocItem[] = [];
  for (const h of headings) {
    if (h.depth === 2) {
      items.push({ slug: h.slug, text: h.text, children: [] });
    } else if (h.depth === 3) {
      const parent = items.at(-1);
      const item = { slug: h.slug, text: h.text, children: [] };
      if (parent) parent.children.push(item);
      else items.push(item);
    }
  }
  return items;
}

const NUMBER_WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'];

/** "Two", "Four"…; digits from 11 on. */
function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The course map's words about its path, from the tracks as they are: `intro` says how many tracks
 * have lessons (so it never promises the empty ones), `roadmap` names the tracks with no lessons
 * yet once, as plain words (null when every track has lessons).
 */
export function pathText(groups: readonly { title: string; lessons: readonly unknown[] }[]): { intro: string; roadmap: string | null } {
  const open = groups.filter((g) => g.lessons.length > 0);
  const later = groups.filter((g) => g.lessons.length === 0).map((g) => g.title.toLowerCase());
  const tracks = open.length === 1 ? 'One track so far' : `${countWord(open.length)} tracks so far, taken in order`;
  return {
    intro: `${tracks}. Each lesson lists what you will be able to do at the end and roughly how long it takes.`,
    roadmap: later.length === 0 ? null : `Still to come: ${later.length === 1 ? 'a track' : 'tracks'} on ${listText(later)}.`,
  };
}
