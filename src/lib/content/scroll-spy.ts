/**
 * The section in view, for the table of contents' highlight (the scroll spy in
 * src/widgets/continue/scroll-spy.ts measures the page and asks this). Pure: positions in, index out.
 *
 * A section starts at its heading. The current one is the last whose heading has passed the
 * reading line, a little below the top of the viewport (READING_LINE of its height): a heading the
 * reader jumped to from the table of contents sits at the top, so it counts at once.
 * - Above the first heading (the lesson's introduction): no section (-1).
 * - At the bottom of the page, the last sections may be too short ever to reach the line: there,
 *   the last heading inside the viewport is current, so the last entry can be highlighted at all.
 */

/** Where the reading line sits, as a fraction of the viewport height from its top. */
export const READING_LINE = 0.25;

/** How close (px) to the end of the page counts as the bottom (rounding of fractional scroll positions). */
export const BOTTOM_SLACK = 2;

export interface ViewMeasure {
  /** Each section heading's y coordinate minus the scroll offset (negative once above it), in document order. */
  tops: readonly number[];
  /** The viewport height. */
  viewportHeight: number;
  /** How far the page is scrolled, and its whole height: to tell the bottom of the page. */
  scrollTop: number;
  scrollHeight: number;
}

/** The index in `tops` of the section in view, or -1 before the first heading (or with no headings). */
export function currentSection({ tops, viewportHeight, scrollTop, scrollHeight }: ViewMeasure): number {
  const line = viewportHeight * READING_LINE;
  let current = -1;
  tops.forEach((top, i) => {
    if (top <= line) current = i;
  });
  const atBottom = scrollTop + viewportHeight >= scrollHeight - BOTTOM_SLACK && scrollTop > 0;
  if (atBottom) {
    tops.forEach((top, i) => {
      if (top < viewportHeight && i > current) current = i;
    });
  }
  return current;
}
