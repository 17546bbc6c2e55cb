/**
 * The header of a lesson page (meta line, title, summary, objectives, datasets), shared by
 * src/layouts/Lesson.astro and the /author preview. Styles: src/styles/lesson.css (.lesson-head …).
 */
import { formatMinutes } from '../content/course.ts';
import { DATASET_LABELS, TRACK_TITLES, type LessonFrontmatter } from '../content/lesson-schema.ts';
import { escapeHtml } from '../format/html.ts';

export interface LessonHeadLinks {
  /** URL of the lesson's track on the home page (`url('#supervised')`). */
  track: string;
  /** URL of the dataset credits (`url('about/#datasets')`). */
  datasets: string;
}

/**
 * The <header class="lesson-head">. "Lesson N of M" is shown only when `position` is given (a
 * draft in the editor has no place in the course yet). All text is escaped.
 *
 * `embedded`: the header sits inside another page (the /author preview), whose own <h1> is the page
 * title. The lesson title keeps the <h1> look but is a level-2 heading.
 */
export function lessonHeadHtml(
  lesson: LessonFrontmatter,
  links: LessonHeadLinks,
  position?: { number: number; total: number },
  options: { embedded?: boolean } = {},
): string {
  const meta = [
    `<span class="meta-item"><a href="${escapeHtml(links.track)}">${escapeHtml(TRACK_TITLES[lesson.track])}</a></span>`,
    position ? `<span class="meta-item">Lesson ${position.number} of ${position.total}</span>` : '',
    `<span class="meta-item">About ${escapeHtml(formatMinutes(lesson.minutes))}</span>`,
    lesson.draft ? '<span class="draft">Draft</span>' : '',
  ].join('');
  const objectives = lesson.objectives.map((objective) => `<li>${escapeHtml(objective)}</li>`).join('');
  const datasets =
    lesson.datasets.length > 0
      ? `<p class="datasets">Data: ${escapeHtml(lesson.datasets.map((d) => DATASET_LABELS[d]).join(', '))} (<a href="${escapeHtml(links.datasets)}">credits and licences</a>)</p>`
      : '';
  return (
    `<header class="lesson-head"><p class="lesson-meta">${meta}</p>` +
    `${titleHtml(lesson.title, options.embedded === true)}<p class="lede">${escapeHtml(lesson.summary)}</p>` +
    `<section class="objectives" aria-labelledby="objectives-title"><h2 id="objectives-title">By the end of this lesson you will…</h2>` +
    `<ul>${objectives}</ul>${datasets}</section></header>`
  );
}

/**
 * A lesson title: an `<h1>`, or inside another page a level-2 heading with the h1's look (class
 * `h1`, styled with h1 in global.css), so the page keeps a single level-1 heading.
 */
export function titleHtml(title: string, embedded: boolean): string {
  return embedded ? `<p class="h1" role="heading" aria-level="2">${escapeHtml(title)}</p>` : `<h1>${escapeHtml(title)}</h1>`;
}
