/**
 * "Continue where you left off": from the saved progress and the course's lessons (in course
 * order), where the course map and the header send the reader. Pure; the pages render it.
 *
 * - Nothing saved (no visit, nothing read): null, and the pages keep "Start the course".
 * - The last lesson visited is not read yet: that lesson, at the section the reader was in
 *   ("Continue: Start here — Your first network", linking to the lesson URL + #section).
 * - It is read (the reader reached its end or marked it read): the next lesson not read yet,
 *   after it in course order (else the first one not read), from its top.
 * - No visit saved, but some lessons read (progress from before visits were saved, or imported):
 *   the first lesson not read.
 * - Every lesson read: the last lesson visited at its section, or the last lesson of the course.
 * A saved visit to a lesson the course no longer has counts as no visit.
 */
import type { ProgressData } from './types.ts';

/** A lesson as the continue link needs it; `href` is its page URL under the site base. */
export interface ContinueLesson {
  slug: string;
  title: string;
  href: string;
}

export interface ContinueTarget {
  lesson: ContinueLesson;
  /** The section to go back to, when the reader is returning to a place inside the lesson. */
  section: { id: string; title: string } | null;
  /** The lesson URL, with `#section` when there is one. */
  href: string;
}

function target(lesson: ContinueLesson, section: ContinueTarget['section']): ContinueTarget {
  return { lesson, section, href: section ? `${lesson.href}#${encodeURIComponent(section.id)}` : lesson.href };
}

/** Where "Continue" leads, or null when there is nothing to continue (see the rules above). */
export function continueTarget(data: ProgressData, lessons: readonly ContinueLesson[]): ContinueTarget | null {
  const isRead = (lesson: ContinueLesson) => Object.hasOwn(data.lessons, lesson.slug);
  const last = data.last;
  const at = last ? lessons.findIndex((lesson) => lesson.slug === last.slug) : -1;
  const visited = last && at >= 0 ? lessons[at] : undefined;
  const atSection = last && last.section !== '' ? { id: last.section, title: last.sectionTitle } : null;

  if (visited && !isRead(visited)) return target(visited, atSection);
  const anyRead = lessons.some(isRead);
  if (!visited && !anyRead) return null;

  const after = visited ? at + 1 : 0;
  const next = [...lessons.slice(after), ...lessons.slice(0, after)].find((lesson) => !isRead(lesson));
  if (next) return target(next, null);
  if (visited) return target(visited, atSection);
  const end = lessons.at(-1);
  return end ? target(end, null) : null;
}

/** The link's words: "Continue: <lesson> — <section>", or "Continue: <lesson>" from a lesson's top. */
export function continueText(t: ContinueTarget): string {
  return t.section && t.section.title !== '' ? `Continue: ${t.lesson.title} — ${t.section.title}` : `Continue: ${t.lesson.title}`;
}

/**
 * Reads the course's lessons from the JSON a page embeds (untrusted in the sense that a stale
 * cached page may hold an older shape): entries that are not {slug, title, href} strings are skipped.
 */
export function parseContinueLessons(text: string | undefined): ContinueLesson[] {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { slug, title, href } = entry as Record<string, unknown>;
    return typeof slug === 'string' && typeof title === 'string' && typeof href === 'string' ? [{ slug, title, href }] : [];
  });
}
