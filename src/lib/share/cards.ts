/**
 * What each page's social card says and where its PNG is (relative to the site base). One place
 * for the build's image endpoints (src/pages/og/) and the layouts' head tags, so the card a page
 * names is the card that is built.
 */
import { TRACK_TITLES, type Track } from '../content/lesson-schema.ts';
import type { CardText } from './social-card.ts';

export const SITE_NAME = 'Tinker';
export const SITE_TAGLINE = 'Learn machine learning by doing';
export const SITE_DESCRIPTION =
  'Tinker teaches machine learning by letting you train real models in your browser: lessons, live widgets and exercises.';

/** The card of every page that is not a lesson. */
export const SITE_CARD: CardText = { siteName: SITE_NAME, title: SITE_TAGLINE, summary: SITE_DESCRIPTION };
export const SITE_CARD_PATH = 'og/site.png';

/** The card of one lesson: its track and position above the title, its summary below. */
export function lessonCard(lesson: { title: string; summary: string; track: Track }, position?: { number: number; total: number }): CardText {
  const where = position ? ` · Lesson ${position.number} of ${position.total}` : '';
  return { siteName: SITE_NAME, eyebrow: `${TRACK_TITLES[lesson.track]}${where}`, title: lesson.title, summary: lesson.summary };
}

/** Where a lesson's card is, under the site base: og/lessons/<slug>.png. */
export function lessonCardPath(slug: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new Error(`A lesson slug must be lower-case letters, digits and dashes; got "${slug}".`);
  return `og/lessons/${slug}.png`;
}
