/**
 * The course as the pages see it: the published lessons from the content collection in course
 * order, grouped by track, with their URLs under the site base. The ordering rules themselves
 * live (and are tested) in src/lib/content/course.ts.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { courseOrder, groupByTrack, lessonPath, lessonSlug, totalMinutes, type TrackGroup } from '../lib/content/course.ts';
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
}

export async function getCourse(): Promise<Course> {
  const lessons = courseOrder(await getCollection('lessons'), { includeDrafts: import.meta.env.DEV });
  return {
    lessons,
    tracks: groupByTrack(lessons),
    totalMinutes: totalMinutes(lessons),
    slugOf: (lesson) => lessonSlug(lesson.id),
    hrefOf: (lesson) => url(lessonPath(lesson.id)),
  };
}
