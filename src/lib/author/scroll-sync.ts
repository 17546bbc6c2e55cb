/**
 * Scroll sync between the editor and the preview: maps an editor line to a preview scroll
 * position and back, by piecewise-linear interpolation between anchors (a block's first source
 * line ↔ the top of its element in the preview).
 *
 * Anchors come straight from the DOM, so they are cleaned before use: sorted by line, one per
 * line (the topmost), tops made non-decreasing (an element measured above the one before it is
 * moved down to it), and non-finite values dropped. Outside the anchors the answer is clamped to
 * the first or last anchor; with no anchors it is 0 (top) or line 1.
 */

export interface ScrollAnchor {
  /** 1-based source line (fractional lines are allowed). */
  line: number;
  /** Position in the preview (px from the top of the scrolled content). */
  top: number;
}

/** The anchors sorted by line, one per line, with non-decreasing tops. */
export function normalizeAnchors(anchors: readonly ScrollAnchor[]): ScrollAnchor[] {
  const sorted = anchors
    .filter((a) => Number.isFinite(a.line) && Number.isFinite(a.top))
    .map((a) => ({ line: a.line, top: a.top }))
    .sort((a, b) => a.line - b.line || a.top - b.top);
  const clean: ScrollAnchor[] = [];
  for (const anchor of sorted) {
    const last = clean[clean.length - 1];
    if (last && last.line === anchor.line) continue; // keep the topmost element of a line
    clean.push({ line: anchor.line, top: last ? Math.max(anchor.top, last.top) : anchor.top });
  }
  return clean;
}

/** Linear interpolation along anchors: `x` and `y` pick the coordinates, `xs` must be non-decreasing. */
function interpolate(
  anchors: readonly ScrollAnchor[],
  value: number,
  x: (a: ScrollAnchor) => number,
  y: (a: ScrollAnchor) => number,
  empty: number,
): number {
  const first = anchors[0];
  const last = anchors[anchors.length - 1];
  if (!first || !last || !Number.isFinite(value)) return first ? y(first) : empty;
  if (value <= x(first)) return y(first);
  if (value >= x(last)) return y(last);
  // Binary search for the last anchor with x <= value (there is one, and one after it).
  let lo = 0;
  let hi = anchors.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x(anchors[mid]!) <= value) lo = mid;
    else hi = mid;
  }
  const a = anchors[lo]!;
  const b = anchors[hi]!;
  const span = x(b) - x(a);
  if (span <= 0) return y(a);
  return y(a) + ((value - x(a)) / span) * (y(b) - y(a));
}

/** The preview position for a (fractional) editor line. */
export function previewTopForLine(anchors: readonly ScrollAnchor[], line: number): number {
  return interpolate(
    normalizeAnchors(anchors),
    line,
    (a) => a.line,
    (a) => a.top,
    0,
  );
}

/** The (fractional) editor line for a preview position. */
export function lineForPreviewTop(anchors: readonly ScrollAnchor[], top: number): number {
  // Several anchors at one top (empty or hidden blocks): below it, interpolation starts from the
  // last of them, the block whose content actually fills the space.
  return interpolate(
    normalizeAnchors(anchors),
    top,
    (a) => a.top,
    (a) => a.line,
    1,
  );
}
