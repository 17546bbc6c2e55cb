/**
 * The PCA explorer's figure before its points load (made at build time, no DOM): each class of the
 * test images on the first two components as an ellipse one standard deviation wide around its centre,
 * in its class colour, named. Labels are nudged apart so close classes stay readable.
 */
import { escapeHtml } from '../shared/html.ts';
import type { ClassSpread } from '../../lib/unsupervised/pca-summary.ts';

export const PLOT_WIDTH = 480;
export const PLOT_HEIGHT = 360;

const n = (v: number): string => String(Math.round(v * 10) / 10);

export interface Label {
  x: number;
  y: number;
  width: number;
}

/** Moves label centres (same height `h`) apart vertically until no two boxes overlap (a few passes), inside 0…maxY. */
export function spreadLabels(labels: Label[], h: number, maxY: number): Label[] {
  const out = labels.map((l) => ({ ...l }));
  for (let pass = 0; pass < 60; pass++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const [a, b] = [out[i]!, out[j]!];
        const overlapX = (a.width + b.width) / 2 - Math.abs(a.x - b.x);
        const overlapY = h - Math.abs(a.y - b.y);
        if (overlapX <= 0 || overlapY <= 0) continue;
        const push = overlapY / 2 + 0.5;
        const [up, down] = a.y <= b.y ? [a, b] : [b, a];
        up.y -= push;
        down.y += push;
        moved = true;
      }
    }
    for (const l of out) l.y = Math.min(maxY - h / 2, Math.max(h / 2, l.y));
    if (!moved) break;
  }
  return out;
}

/** The static scatter figure: an `<svg role="img">` whose label says what it shows. */
export function spreadFigureSvg(spreads: readonly ClassSpread[], names: readonly string[], palette: readonly string[]): string {
  const margin = 16;
  const extent = (axis: 0 | 1): [number, number] => [
    Math.min(...spreads.map((c) => c.centre[axis] - 2 * c.spread[axis])),
    Math.max(...spreads.map((c) => c.centre[axis] + 2 * c.spread[axis])),
  ];
  const [x0, x1] = extent(0);
  const [y0, y1] = extent(1);
  const scale = Math.min((PLOT_WIDTH - 2 * margin) / (x1 - x0 || 1), (PLOT_HEIGHT - 2 * margin) / (y1 - y0 || 1));
  const px = (x: number): number => PLOT_WIDTH / 2 + (x - (x0 + x1) / 2) * scale;
  const py = (y: number): number => PLOT_HEIGHT / 2 - (y - (y0 + y1) / 2) * scale;
  const ellipses = spreads
    .map(
      (c) =>
        `<ellipse cx="${n(px(c.centre[0]))}" cy="${n(py(c.centre[1]))}" rx="${n(c.spread[0] * scale)}" ry="${n(c.spread[1] * scale)}" ` +
        `fill="${palette[c.label]}" fill-opacity="0.22" stroke="${palette[c.label]}" stroke-width="2"/>` +
        `<circle cx="${n(px(c.centre[0]))}" cy="${n(py(c.centre[1]))}" r="3.5" fill="${palette[c.label]}"/>`,
    )
    .join('');
  const placed = spreadLabels(
    spreads.map((c) => ({ x: px(c.centre[0]), y: py(c.centre[1]) - 12, width: (names[c.label] ?? '').length * 7 + 6 })),
    16,
    PLOT_HEIGHT,
  );
  const labels = spreads
    .map((c, i) => `<text x="${n(placed[i]!.x)}" y="${n(placed[i]!.y)}" dy="0.35em" text-anchor="middle">${escapeHtml(names[c.label] ?? '')}</text>`)
    .join('');
  const axes =
    `<line x1="${n(px(x0))}" x2="${n(px(x1))}" y1="${n(py(0))}" y2="${n(py(0))}"/>` +
    `<line x1="${n(px(0))}" x2="${n(px(0))}" y1="${n(py(y0))}" y2="${n(py(y1))}"/>`;
  const label =
    'Where each class of the test images lies on the first two principal components: an ellipse one standard deviation wide around each class centre. ' +
    'The points themselves appear once the images are loaded.';
  return (
    `<svg class="tk-pca__spread" viewBox="0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}" role="img" aria-label="${escapeHtml(label)}" data-part="spread">` +
    `<g class="tk-pca__axes">${axes}</g><g>${ellipses}</g><g class="tk-pca__labels">${labels}</g></svg>`
  );
}
