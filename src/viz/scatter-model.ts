/**
 * The pure part of the 2-D scatter (scatter-2d.ts): fitting n points into a drawing area, and a
 * uniform grid over their positions that finds the nearest point to a spot in a few cells' work
 * (hover and pick over 10,000 points without scanning them all). No DOM here, so it is unit-tested.
 */

export interface Box {
  width: number;
  height: number;
}

/** Where the points sit in the area: pixel = offset + scale · value (y upwards, so scaleY < 0). */
export interface Fit {
  scaleX: number;
  offsetX: number;
  scaleY: number;
  offsetY: number;
}

/**
 * A fit of the finite points of `xy` (n·2) into `box` with `margin` pixels on every side, the same
 * scale on both axes (so distances look like distances) and centred. All-equal or no points give a
 * fit around 0 or the one value.
 */
export function fitPoints(xy: Float32Array, box: Box, margin = 8): Fit {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) [x0, x1, y0, y1] = [-1, 1, -1, 1];
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const w = Math.max(1, box.width - 2 * margin);
  const h = Math.max(1, box.height - 2 * margin);
  const scale = Math.min(w / spanX, h / spanY);
  return {
    scaleX: scale,
    offsetX: box.width / 2 - (scale * (x0 + x1)) / 2,
    scaleY: -scale,
    offsetY: box.height / 2 + (scale * (y0 + y1)) / 2,
  };
}

/** The pixel positions (n·2) of the points under a fit; a non-finite value stays NaN (not drawn, never nearest). */
export function placePoints(xy: Float32Array, fit: Fit): Float32Array {
  const out = new Float32Array(xy.length);
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    const ok = Number.isFinite(x) && Number.isFinite(y);
    out[i] = ok ? fit.offsetX + fit.scaleX * x : NaN;
    out[i + 1] = ok ? fit.offsetY + fit.scaleY * y : NaN;
  }
  return out;
}

/** A uniform grid over point positions (n·2): `nearest` looks only at the cells within the radius. */
export class PointGrid {
  private readonly x0: number;
  private readonly y0: number;
  private readonly columns: number;
  private readonly rows: number;
  /** Point indices sorted by cell, and where each cell's run starts (length cells + 1). */
  private readonly order: Int32Array;
  private readonly starts: Int32Array;

  constructor(
    private readonly positions: Float32Array,
    private readonly cell = 8,
  ) {
    const n = positions.length >> 1;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = positions[2 * i]!;
      const y = positions[2 * i + 1]!;
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (x0 > x1) [x0, x1, y0, y1] = [0, 0, 0, 0];
    this.x0 = x0;
    this.y0 = y0;
    this.columns = Math.floor((x1 - x0) / cell) + 1;
    this.rows = Math.floor((y1 - y0) / cell) + 1;
    const cells = this.columns * this.rows;
    const cellOf = new Int32Array(n);
    const counts = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const x = positions[2 * i]!;
      const y = positions[2 * i + 1]!;
      if (Number.isNaN(x) || Number.isNaN(y)) {
        cellOf[i] = -1;
        continue;
      }
      const c = Math.floor((y - y0) / cell) * this.columns + Math.floor((x - x0) / cell);
      cellOf[i] = c;
      counts[c + 1]!++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1]! += counts[c]!;
    this.starts = counts.slice();
    const fill = counts;
    this.order = new Int32Array(this.starts[cells]!);
    for (let i = 0; i < n; i++) if (cellOf[i]! >= 0) this.order[fill[cellOf[i]!]!++] = i;
  }

  /** The index of the point nearest (x, y) within `radius` (same units as the positions), or null. Ties go to the lower index. */
  nearest(x: number, y: number, radius: number): number | null {
    const c0 = Math.max(0, Math.floor((x - radius - this.x0) / this.cell));
    const c1 = Math.min(this.columns - 1, Math.floor((x + radius - this.x0) / this.cell));
    const r0 = Math.max(0, Math.floor((y - radius - this.y0) / this.cell));
    const r1 = Math.min(this.rows - 1, Math.floor((y + radius - this.y0) / this.cell));
    let best: number | null = null;
    let bestD = radius * radius;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.columns + c;
        for (let k = this.starts[cell]!; k < this.starts[cell + 1]!; k++) {
          const i = this.order[k]!;
          const dx = this.positions[2 * i]! - x;
          const dy = this.positions[2 * i + 1]! - y;
          const d = dx * dx + dy * dy;
          if (d < bestD || (d === bestD && (best === null || i < best))) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }
}
