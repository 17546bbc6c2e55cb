/** One social card per lesson (og/lessons/<slug>.png): track and position, title, summary. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCourse } from '../../../layouts/course-data.ts';
import { lessonCard } from '../../../lib/share/cards.ts';
import { cardPng } from '../_card.ts';

export const getStaticPaths = (async () => {
  const course = await getCourse();
  return course.lessons.map((lesson, i) => ({
    params: { slug: course.slugOf(lesson) },
    props: { card: lessonCard(lesson.data, { number: i + 1, total: course.lessons.length }) },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: ReturnType<typeof lessonCard> }> = ({ props }) => cardPng(props.card);
