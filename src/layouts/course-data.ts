/**
 * The course as the pages see it: the published lessons from the content collection in course
 * order, grouped by track, with their URLs under the site base. The ordering rules themselves
 * live (and are tested) in src/lib/content/course.ts. Each lesson's exercises, free code cells and
 * quizzes are read from its MDX source (src/lib/content/lesson-items.ts) for the course map and the
 * progress page; an id used twice in the course stops the build.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { courseOrder, groupByTrack, lessonPath, lessonSlug, totalMinutes, type TrackGroup } from '../lib/content/course.ts';
import { assertUniqueItemIds, lessonItems, type LessonItems } from '../lib/content/lesson-items.ts';
import { url } from '../lib/content/url.ts';

export type LessonCollectionEntry = CollectionEntry<'lessons'>;

export interface Course {
  /** Published lessons in course order (drafts too on the dev server). */
  lessons: LessonCollectionEntry[];
  /** All four tracks in order, each with its lessons (possibly none). */
  tracks: TrackGroup<LessonCollectionEntry>[];
  totalMinutes: number;
  slugOf(lesson: LessonCollectionEntry): string;
  /** The lesson page URL, including the site base. */
  hrefOf(lesson: LessonCollectionEntry): string;
  /** The lesson's exercises, free code cells and quizzes, in page order. */
  itemsOf(lesson: LessonCollectionEntry): LessonItems;
}

export async function getCourse(): Promise<Course> {
  const lessons = courseOrder(await getCollection('lessons'), { includeDrafts: import.meta.env.DEV });
  const withItems = lessons.map((lesson) => ({ id: lesson.id, items: lessonItems(lesson.body ?? '', lesson.id) }));
  assertUniqueItemIds(withItems);
  const items = new Map(withItems.map(({ id, items }) => [id, items]));
  return {
    lessons,
    tracks: groupByTrack(lessons),
    totalMinutes: totalMinutes(lessons),
    slugOf: (lesson) => lessonSlug(lesson.id),
    hrefOf: (lesson) => url(lessonPath(lesson.id)),
    itemsOf: (lesson) => items.get(lesson.id) ?? lessonItems(lesson.body ?? '', lesson.id),
  };
}
