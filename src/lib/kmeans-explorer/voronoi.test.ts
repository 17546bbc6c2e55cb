import { describe, expect, it } from 'vitest';
import { voronoiCells, type Polygon } from './voronoi.ts';

const BOX = { x: [-3, 3], y: [-2, 2] } as const;

function area(p: Polygon): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i]!;
    const [x2, y2] = p[(i + 1) % p.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
}

/** Is (x, y) inside the convex polygon (either winding)? */
function inside(p: Polygon, x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < p.length; i++) {
    const [x1, y1] = p[i]!;
    const [x2, y2] = p[(i + 1) % p.length]!;
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (Math.abs(cross) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

describe('voronoiCells', () => {
  it('two centroids split the box along their perpendicular bisector', () => {
    const [left, right] = voronoiCells(new Float32Array([-1, 0, 1, 0]), 2, BOX);
    expect(area(left!)).toBeCloseTo(12);
    expect(area(right!)).toBeCloseTo(12);
    expect(Math.max(...left!.map((p) => p[0]))).toBeCloseTo(0);
  });

  it('every place in a cell is nearest to its centroid, and the cells cover the box', () => {
    const c = new Float32Array([-2, -1, 0.5, 1.2, 2, -0.5, 0, -1.5, -1, 1]);
    const cells = voronoiCells(c, 5, BOX);
    expect(cells.reduce((s, p) => s + area(p), 0)).toBeCloseTo(24);
    for (let t = 0; t < 200; t++) {
      const x = -3 + ((t * 37) % 60) / 10;
      const y = -2 + ((t * 53) % 40) / 10;
      const d = Array.from({ length: 5 }, (_, i) => (x - c[2 * i]!) ** 2 + (y - c[2 * i + 1]!) ** 2);
      const nearest = d.indexOf(Math.min(...d));
      expect(inside(cells[nearest]!, x, y), `(${x}, ${y})`).toBe(true);
    }
  });

  it('a centroid on top of an earlier one has no cell', () => {
    const cells = voronoiCells(new Float32Array([0, 0, 0, 0]), 2, BOX);
    expect(area(cells[0]!)).toBeCloseTo(24);
    expect(cells[1]).toEqual([]);
  });
});
