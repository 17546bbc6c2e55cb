/**
 * The nearest-centroid regions of k-means in the plane (a Voronoi diagram clipped to a rectangle):
 * every point inside centroid c's cell is nearer to c than to any other centroid, so these are the
 * regions an assignment step gives, and their straight borders are why k-means cannot follow a moon.
 *
 * Each cell is the rectangle cut by one half-plane per other centroid (the side of the perpendicular
 * bisector nearer to c), a convex polygon. O(k²) cuts: nothing for the explorer's k ≤ 8.
 */
export type Polygon = [number, number][];

/** Keep the part of a convex polygon where a·x + b·y ≤ c (Sutherland–Hodgman, one edge). */
function clip(polygon: Polygon, a: number, b: number, c: number): Polygon {
  const out: Polygon = [];
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    const fp = a * p[0] + b * p[1] - c;
    const fq = a * q[0] + b * q[1] - c;
    if (fp <= 0) out.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/**
 * Cell of each centroid (k × 2) inside [x0, x1] × [y0, y1]. A centroid that sits on an earlier one
 * gets an empty cell (ties go to the lower index, as in the assignment).
 */
export function voronoiCells(centroids: Float32Array, k: number, box: { x: readonly [number, number]; y: readonly [number, number] }): Polygon[] {
  const cells: Polygon[] = [];
  for (let c = 0; c < k; c++) {
    const cx = centroids[2 * c]!;
    const cy = centroids[2 * c + 1]!;
    let cell: Polygon = [
      [box.x[0], box.y[0]],
      [box.x[1], box.y[0]],
      [box.x[1], box.y[1]],
      [box.x[0], box.y[1]],
    ];
    for (let o = 0; o < k && cell.length > 0; o++) {
      if (o === c) continue;
      const ox = centroids[2 * o]!;
      const oy = centroids[2 * o + 1]!;
      if (ox === cx && oy === cy) {
        if (o < c) cell = [];
        continue;
      }
      // Nearer to c than to o: (o − c)·p ≤ (|o|² − |c|²) / 2.
      cell = clip(cell, ox - cx, oy - cy, (ox * ox + oy * oy - cx * cx - cy * cy) / 2);
    }
    cells.push(cell.length >= 3 ? cell : []);
  }
  return cells;
}
