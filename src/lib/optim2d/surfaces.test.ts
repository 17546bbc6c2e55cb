import { describe, expect, it } from 'vitest';
import { makeStepper } from './steppers.ts';
import { clampToDomain, distanceToMinimum, SURFACE_IDS, SURFACES } from './surfaces.ts';

/** Central finite differences of a surface's value. */
function numericGradient(f: (x: number, y: number) => number, x: number, y: number, h = 1e-6): [number, number] {
  return [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)];
}

describe('loss surfaces', () => {
  it.each(SURFACE_IDS)('%s: the gradient matches finite differences across the drawn region', (id) => {
    const s = SURFACES[id];
    for (let i = 0; i <= 6; i++) {
      for (let j = 0; j <= 6; j++) {
        const x = s.xDomain[0] + ((s.xDomain[1] - s.xDomain[0]) * i) / 6 + 0.013;
        const y = s.yDomain[0] + ((s.yDomain[1] - s.yDomain[0]) * j) / 6 - 0.007;
        const [gx, gy] = s.gradient(x, y);
        const [nx, ny] = numericGradient(s.value, x, y);
        expect(gx).toBeCloseTo(nx, 3);
        expect(gy).toBeCloseTo(ny, 3);
      }
    }
  });

  it.each(SURFACE_IDS)('%s: zero gradient and the lowest value at every minimum; the start and minima lie inside the region', (id) => {
    const s = SURFACES[id];
    for (const [mx, my] of s.minima) {
      expect(s.gradient(mx, my).map(Math.abs)).toEqual([0, 0]);
      expect(s.value(mx, my)).toBe(s.minValue);
      for (const [dx, dy] of [
        [0.01, 0],
        [0, 0.01],
        [-0.01, 0.01],
      ] as const) {
        expect(s.value(mx + dx, my + dy)).toBeGreaterThan(s.minValue);
      }
      expect(clampToDomain(s, [mx, my])).toEqual([mx, my]);
    }
    expect(clampToDomain(s, s.start)).toEqual(s.start);
    expect(distanceToMinimum(s, s.start)).toBeGreaterThan(s.tolerance);
  });

  it('Rosenbrock: minimum 0 at (1, 1), the textbook value at the classic start (−1.2, 1)', () => {
    const r = SURFACES.rosenbrock;
    expect(r.value(1, 1)).toBe(0);
    expect(r.value(-1.2, 1)).toBeCloseTo(24.2, 10);
    expect(r.gradient(-1.2, 1)[0]).toBeCloseTo(-215.6, 10);
    expect(r.gradient(-1.2, 1)[1]).toBeCloseTo(-88, 10);
  });

  it('the valley is 40 times steeper across than along (curvatures 0.1 and 4)', () => {
    const v = SURFACES.valley;
    expect(v.gradient(1, 0)).toEqual([0.1, 0]);
    expect(v.gradient(0, 1)).toEqual([0, 4]);
  });

  describe('saddle', () => {
    const s = SURFACES.saddle;
    it('has zero gradient at (0, 0), rises along x and falls along y there', () => {
      expect(s.gradient(0, 0)).toEqual([0, 0]);
      expect(s.value(0.1, 0)).toBeGreaterThan(s.value(0, 0));
      expect(s.value(0, 0.1)).toBeLessThan(s.value(0, 0));
    });

    it('SGD started exactly on the ridge (y = 0) converges to the saddle, not a minimum', () => {
      const sgd = makeStepper('sgd', { learningRate: 0.1 });
      let p: readonly [number, number] = [-2.5, 0];
      for (let i = 0; i < 300; i++) p = sgd.step(p, s.gradient(p[0], p[1]));
      expect(Math.hypot(p[0], p[1])).toBeLessThan(1e-6);
      expect(distanceToMinimum(s, p)).toBeCloseTo(1, 5);
    });

    it('a start just off the ridge escapes to a minimum, and Adam escapes sooner than SGD', () => {
      const stepsToEscape = (kind: 'sgd' | 'adam') => {
        const stepper = makeStepper(kind, { learningRate: 0.1 });
        let p: readonly [number, number] = [-2.5, 0.01];
        for (let i = 1; i <= 500; i++) {
          p = stepper.step(p, s.gradient(p[0], p[1]));
          if (Math.abs(p[1]) > 0.5) return i;
        }
        return Infinity;
      };
      const sgd = stepsToEscape('sgd');
      const adam = stepsToEscape('adam');
      expect(sgd).toBeLessThan(500);
      expect(adam).toBeLessThan(sgd);
    });
  });
});
