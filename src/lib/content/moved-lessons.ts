/**
 * Lessons that moved: a slug the course once published, and the lessons that now hold its content,
 * in course order. Read by the site config (the old address redirects to the first of them) and by
 * saved progress (a reader who read the old lesson has read every part of it), so that neither an
 * old link nor a reader's progress is lost when a lesson is split or renamed.
 */

export interface MovedLesson {
  /** The old URL slug (`lessons/<from>/`). */
  from: string;
  /** The slugs that hold its content now; the first is where its address leads. */
  to: readonly [string, ...string[]];
}

export const MOVED_LESSONS: readonly MovedLesson[] = [
  // "A neural network from scratch" was split in two (the neuron, then layers and the network).
  { from: 'neural-network-from-scratch', to: ['neuron-from-scratch', 'network-from-scratch'] },
];

/**
 * The redirects of the moved lessons, for Astro's `redirects` option: the old lesson path (Astro serves
 * it under the site base) to the first lesson that now holds its content. Astro does not add the base
 * to a destination, so it is given here: `base` is the site's base path, `/` or `/tinker/`.
 */
export function movedLessonRedirects(base = '/', moved: readonly MovedLesson[] = MOVED_LESSONS): Record<string, string> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return Object.fromEntries(moved.map(({ from, to }) => [`/lessons/${from}/`, `${prefix}lessons/${to[0]}/`]));
}

/**
 * The lessons a reader has read once moved lessons are followed: every old slug read stands for all
 * the lessons that now hold its content. Returns each new slug to mark read (never one already read)
 * with the old slug it comes from.
 */
export function slugsReadThroughMoves(readSlugs: Iterable<string>, moved: readonly MovedLesson[] = MOVED_LESSONS): { slug: string; from: string }[] {
  const read = new Set(readSlugs);
  const added: { slug: string; from: string }[] = [];
  for (const { from, to } of moved) {
    if (!read.has(from)) continue;
    for (const slug of to) {
      if (!read.has(slug)) {
        read.add(slug);
        added.push({ slug, from });
      }
    }
  }
  return added;
}
