/**
 * Picking without the GPU (the canvas-2D fallback, and the keyboard's "nearest point to the cursor"):
 * the point drawn closest to a pixel, and the data point closest to a 3-D position.
 */

/**
 * Index of the projected point (`projected` from `projectAll`: x, y, depth per point) nearest to
 * (px, py) within `radius` pixels, the nearer one to the camera on a tie; null if none is that close
 * or the point is clipped.
 */
export function nearestProjected(projected: Float32Array, n: number, px: number, py: number, radius: number): number | null {
  let best: number | null = null;
  let bestD = radius * radius;
  let bestDepth = Infinity;
  for (let i = 0; i < n; i++) {
    const depth = projected[i * 3 + 2]!;
    if (!(depth >= 0 && depth <= 1)) continue;
    const dx = projected[i * 3]! - px;
    const dy = projected[i * 3 + 1]! - py;
    const d = dx * dx + dy * dy;
    if (d < bestD || (d === bestD && depth < bestDepth)) {
      best = i;
      bestD = d;
      bestDepth = depth;
    }
  }
  return best;
}

/** Index of the point of `points` (n × dims, row-major) nearest to `target` in Euclidean distance; null if n is 0. */
export function nearestPoint(points: Float32Array, n: number, target: ArrayLike<number>, dims = 3): number | null {
  let best: number | null = null;
  let bestD = Infinity;
  for (let i = 0; i < n; i++) {
    let d = 0;
    for (let a = 0; a < dims; a++) {
      const diff = points[i * dims + a]! - target[a]!;
      d += diff * diff;
    }
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Packs a point index into an RGB colour for id picking (index + 1, so black means "no point"). */
export function indexToRgb(index: number): [number, number, number] {
  const id = index + 1;
  return [(id >> 16) & 255, (id >> 8) & 255, id & 255];
}

/** The point index read back from an id colour; null for the background. */
export function rgbToIndex(r: number, g: number, b: number): number | null {
  const id = (r << 16) | (g << 8) | b;
  return id === 0 ? null : id - 1;
}
