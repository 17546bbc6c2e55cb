/**
 * What the page script (src/components/scroll-regions.ts) and the build-time wrapper
 * (scroll-region.ts) agree on: the kinds of scroll region, their names, the marking attribute and
 * how far a formula shrinks. A file of its own so that the lesson pages' script does not carry the
 * rehype plugin (a module shared with the /author page ships whole).
 */

export type ScrollKind = 'formula' | 'table' | 'code';

/** The accessible name of a region of each kind (a table with a caption is named by it). */
export const SCROLL_LABELS: Readonly<Record<ScrollKind, string>> = {
  formula: 'Formula, scrolls sideways',
  table: 'Table, scrolls sideways',
  code: 'Code, scrolls sideways',
};

/** The attribute that marks a scroll region (its value is the kind); the page script finds regions by it. */
export const SCROLL_REGION_ATTRIBUTE = 'data-scroll-region';

/** A formula is shrunk to fit down to this fraction of its size (KaTeX's 1.21em of the prose: about 15 px on a phone), then it scrolls. */
export const MIN_FORMULA_SCALE = 0.75;

/** How much to shrink a formula `naturalWidth` px wide to fit `available` px: 1 when it fits, never below `min`. Rounded down to 1/100. */
export function formulaScale(available: number, naturalWidth: number, min = MIN_FORMULA_SCALE): number {
  if (!(available > 0) || !(naturalWidth > available)) return 1;
  return Math.max(min, Math.floor((available / naturalWidth) * 100) / 100);
}
