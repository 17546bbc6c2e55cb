/**
 * The loss surface as filled contour bands with d3-contour, an SVG string: used at build time by
 * the markup and loaded with `import()` by the element when the reader switches surface. The
 * surface is sampled on a grid as log(1 + f − min), so that the levels follow the loss across
 * many orders of magnitude (Rosenbrock's walls rise to thousands while its floor is nearly flat).
 */
import { contours } from 'd3-contour';
import type { Surface } from '../../lib/optim2d/surfaces.ts';
import { PLOT } from './plot.ts';

const COLUMNS = 120;
const ROWS = 80;
const LEVELS = 14;

/** A ring without the points that lie on a straight line between their neighbours (the plot's edges, mostly). */
function corners(ring: readonly (readonly number[])[]): (readonly number[])[] {
  return ring.filter((p, i) => {
    const a = ring[i - 1];
    const b = ring[i + 1];
    if (!a || !b) return true;
    return Math.abs((p[0]! - a[0]!) * (b[1]! - p[1]!) - (p[1]! - a[1]!) * (b[0]! - p[0]!)) > 1e-9;
  });
}

export function contourMarkup(surface: Surface): string {
  const [x0, x1] = surface.xDomain;
  const [y0, y1] = surface.yDomain;
  const values = new Float64Array(COLUMNS * ROWS);
  let max = 0;
  for (let j = 0; j < ROWS; j++) {
    // Row 0 is the top of the plot (the largest y).
    const y = y1 - ((j + 0.5) / ROWS) * (y1 - y0);
    for (let i = 0; i < COLUMNS; i++) {
      const x = x0 + ((i + 0.5) / COLUMNS) * (x1 - x0);
      const v = Math.log1p(Math.max(0, surface.value(x, y) - surface.minValue));
      values[j * COLUMNS + i] = v;
      if (v > max) max = v;
    }
  }
  // Level 0 would cover the whole plot (the background shows it).
  const thresholds = Array.from({ length: LEVELS - 1 }, (_, k) => (max * (k + 1)) / LEVELS);
  const sx = PLOT.width / COLUMNS;
  const sy = PLOT.height / ROWS;
  const n = (v: number) => String(Math.round(v));
  return contours()
    .size([COLUMNS, ROWS])
    .thresholds(thresholds)(Array.from(values))
    .map((band, k) => {
      const d = band.coordinates
        .flatMap((polygon) =>
          polygon.map(
            (ring) =>
              corners(ring)
                .map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p[0]! * sx)},${n(p[1]! * sy)}`)
                .join('') + 'Z',
          ),
        )
        .join('');
      // Band k covers every point above level k, so the translucent bands stack: the shading deepens as the loss rises.
      return d ? `<path class="tk-race__band" data-level="${k}" d="${d}"/>` : '';
    })
    .join('');
}
