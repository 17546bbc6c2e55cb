/**
 * The race's drawing as SVG strings, shared by the build-time markup and the element: the plot's
 * geometry (surface coordinates ↔ pixels), the start point and the minima, each optimiser's path
 * with a marker of its own shape at its end, and the legend's shape swatches. Pure, no DOM, no d3
 * (the contours are in contours.ts, which loads d3-contour).
 */
import type { Runner } from '../../lib/optim2d/race.ts';
import { formatPoint } from '../../lib/optim2d/race.ts';
import type { OptimizerKind, Point } from '../../lib/optim2d/steppers.ts';
import type { Surface } from '../../lib/optim2d/surfaces.ts';
import { escapeHtml } from '../shared/html.ts';

/** The plot area in pixels (the svg scales to its container) and the margin for the axes. */
export const PLOT = { width: 480, height: 320, left: 40, top: 8, right: 8, bottom: 34 } as const;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

/** Each optimiser's colour (the data palette, both themes) and its marker, so no reader needs the colour. */
export const RUNNER_STYLE: Readonly<Record<OptimizerKind, { color: string; marker: MarkerShape }>> = {
  sgd: { color: 'var(--class-0, #0072b2)', marker: 'circle' },
  momentum: { color: 'var(--class-5, #d55e00)', marker: 'square' },
  rmsprop: { color: 'var(--class-2, #009e73)', marker: 'triangle' },
  adam: { color: 'var(--class-7, #882255)', marker: 'diamond' },
};

const r1 = (v: number): string => String(Math.round(v * 10) / 10);

/** Surface coordinates → pixels inside the plot area, and back. */
export function plotScale(surface: Surface): { x(v: number): number; y(v: number): number; invert(px: number, py: number): Point } {
  const [x0, x1] = surface.xDomain;
  const [y0, y1] = surface.yDomain;
  return {
    x: (v) => ((v - x0) / (x1 - x0)) * PLOT.width,
    y: (v) => PLOT.height - ((v - y0) / (y1 - y0)) * PLOT.height,
    invert: (px, py) => [x0 + (px / PLOT.width) * (x1 - x0), y0 + ((PLOT.height - py) / PLOT.height) * (y1 - y0)],
  };
}

/** A marker of `shape` centred on (cx, cy), `size` across. */
export function markerMarkup(shape: MarkerShape, cx: number, cy: number, size: number, attrs = ''): string {
  const h = size / 2;
  switch (shape) {
    case 'circle':
      return `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(h)}"${attrs}/>`;
    case 'square':
      return `<rect x="${r1(cx - h * 0.9)}" y="${r1(cy - h * 0.9)}" width="${r1(size * 0.9)}" height="${r1(size * 0.9)}"${attrs}/>`;
    case 'triangle':
      return `<path d="M${r1(cx)},${r1(cy - h * 1.1)}L${r1(cx + h * 1.05)},${r1(cy + h * 0.8)}L${r1(cx - h * 1.05)},${r1(cy + h * 0.8)}Z"${attrs}/>`;
    case 'diamond':
      return `<path d="M${r1(cx)},${r1(cy - h * 1.2)}L${r1(cx + h)},${r1(cy)}L${r1(cx)},${r1(cy + h * 1.2)}L${r1(cx - h)},${r1(cy)}Z"${attrs}/>`;
  }
}

/** A small svg holding one marker: the legend's swatch. */
export function swatchMarkup(kind: OptimizerKind): string {
  const style = RUNNER_STYLE[kind];
  return (
    `<svg class="tk-race__swatch" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">` +
    `<line x1="0" y1="7" x2="28" y2="7" stroke="${style.color}" stroke-width="2"/>` +
    markerMarkup(style.marker, 14, 7, 10, ` fill="${style.color}" stroke="var(--figure-bg, #fff)" stroke-width="1"`) +
    `</svg>`
  );
}

/** The paths so far, each ending in its marker (only the runners that have moved). */
export function runnersMarkup(surface: Surface, runners: readonly Pick<Runner, 'kind' | 'path'>[]): string {
  const s = plotScale(surface);
  return runners
    .filter((r) => r.path.length > 1)
    .map((r) => {
      const style = RUNNER_STYLE[r.kind];
      const d = r.path.map((p, i) => `${i === 0 ? 'M' : 'L'}${r1(s.x(p[0]))},${r1(s.y(p[1]))}`).join('');
      const end = r.path[r.path.length - 1]!;
      return (
        `<g class="tk-race__runner" data-kind="${r.kind}" data-steps="${r.path.length - 1}">` +
        `<path d="${d}" fill="none" stroke="${style.color}" stroke-width="2" stroke-linejoin="round"/>` +
        markerMarkup(style.marker, s.x(end[0]), s.y(end[1]), 11, ` fill="${style.color}" stroke="var(--figure-bg, #fff)" stroke-width="1.5"`) +
        `</g>`
      );
    })
    .join('');
}

/** The start point (a ring, "start") and every minimum (a cross, "min"). */
export function marksMarkup(surface: Surface, start: Point): string {
  const s = plotScale(surface);
  const minima = surface.minima
    .map(([mx, my]) => {
      const x = s.x(mx);
      const y = s.y(my);
      return (
        `<path class="tk-race__min" d="M${r1(x - 6)},${r1(y)}H${r1(x + 6)}M${r1(x)},${r1(y - 6)}V${r1(y + 6)}"/>` +
        `<text class="tk-race__label" x="${r1(x + 8)}" y="${r1(y - 6)}">min</text>`
      );
    })
    .join('');
  const sx = s.x(start[0]);
  const sy = s.y(start[1]);
  const anchor = sx > PLOT.width - 50 ? 'end' : 'start';
  const dx = anchor === 'end' ? -10 : 10;
  return (
    minima +
    `<circle class="tk-race__start" cx="${r1(sx)}" cy="${r1(sy)}" r="7"/>` +
    `<text class="tk-race__label" x="${r1(sx + dx)}" y="${r1(sy < 20 ? sy + 16 : sy - 9)}" text-anchor="${anchor}">start</text>`
  );
}

/** Ticks along both axes, at the whole (or half) units of the surface's region. */
function axesMarkup(surface: Surface): string {
  const s = plotScale(surface);
  const ticks = ([a, b]: readonly [number, number]) => {
    const step = b - a > 6 ? 2 : b - a > 3 ? 1 : 0.5;
    const out: number[] = [];
    for (let v = Math.ceil(a / step) * step; v <= b + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
    return out;
  };
  const label = (v: number) => String(v).replace('-', '−');
  const xs = ticks(surface.xDomain)
    .map((v) => `<text x="${r1(PLOT.left + s.x(v))}" y="${PLOT.top + PLOT.height + 14}" text-anchor="middle">${label(v)}</text>`)
    .join('');
  const ys = ticks(surface.yDomain)
    .map((v) => `<text x="${PLOT.left - 6}" y="${r1(PLOT.top + s.y(v))}" dy="0.32em" text-anchor="end">${label(v)}</text>`)
    .join('');
  return (
    `<g class="tk-race__axes" aria-hidden="true">${xs}${ys}` +
    `<text x="${PLOT.left + PLOT.width / 2}" y="${PLOT.top + PLOT.height + 30}" text-anchor="middle">x</text>` +
    `<text x="10" y="${PLOT.top + PLOT.height / 2}" text-anchor="middle">y</text></g>`
  );
}

/** The text alternative of the drawing. */
export function plotLabel(surface: Surface, start: Point): string {
  return `Contour map of ${surface.formula}, the shading deepens as the loss rises; start ${formatPoint(start)}, minimum at ${surface.minima.map(formatPoint).join(' and ')}.`;
}

/**
 * The whole drawing: axes, then a nested svg (which clips what leaves the region) holding the
 * contours, the start and minima, and the paths.
 */
export function plotMarkup(surface: Surface, start: Point, contours: string, runners = ''): string {
  const outerW = PLOT.left + PLOT.width + PLOT.right;
  const outerH = PLOT.top + PLOT.height + PLOT.bottom;
  return (
    `<svg class="tk-race__svg" viewBox="0 0 ${outerW} ${outerH}" width="${outerW}" height="${outerH}" role="img" aria-label="${escapeHtml(plotLabel(surface, start))}" data-part="svg">` +
    axesMarkup(surface) +
    `<svg x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" viewBox="0 0 ${PLOT.width} ${PLOT.height}" data-part="area">` +
    `<rect class="tk-race__bg" width="${PLOT.width}" height="${PLOT.height}"/>` +
    `<g data-part="contours">${contours}</g>` +
    `<g data-part="marks">${marksMarkup(surface, start)}</g>` +
    `<g data-part="runners">${runners}</g>` +
    `</svg></svg>`
  );
}
