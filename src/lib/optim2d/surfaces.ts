/**
 * The loss surfaces of the optimiser race: functions of two parameters (x, y) with their exact
 * gradients, the region drawn, where the minima are and a start point that shows each surface's
 * difficulty. Pure maths, no DOM.
 */
import type { Point } from './steppers.ts';

export const SURFACE_IDS = ['valley', 'saddle', 'rosenbrock'] as const;
export type SurfaceId = (typeof SURFACE_IDS)[number];

export interface Surface {
  readonly id: SurfaceId;
  /** Short name for the select. */
  readonly name: string;
  /** The formula, in plain text. */
  readonly formula: string;
  /** One sentence: what makes it hard. */
  readonly description: string;
  value(x: number, y: number): number;
  gradient(x: number, y: number): Point;
  /** The region drawn: [min, max] of x and of y. */
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  /** Every global minimum (the saddle surface has two). */
  readonly minima: readonly Point[];
  /** The loss at the minima. */
  readonly minValue: number;
  readonly start: Point;
  /** A learning rate at which the race is worth watching here (the slider moves to it on a switch). */
  readonly learningRate: number;
  /** Reached the minimum: within this distance of one. */
  readonly tolerance: number;
}

/** Long narrow valley: an ill-conditioned quadratic, 40 times steeper across than along. */
const valley: Surface = {
  id: 'valley',
  name: 'Long narrow valley',
  formula: 'f(x, y) = 0.05·x² + 2·y²',
  description: 'A long narrow valley: steep across (y), almost flat along (x). A step that suits one direction is wrong for the other.',
  value: (x, y) => 0.05 * x * x + 2 * y * y,
  gradient: (x, y) => [0.1 * x, 4 * y],
  xDomain: [-5, 5],
  yDomain: [-2, 2],
  minima: [[0, 0]],
  minValue: 0,
  start: [-4.5, 1.2],
  learningRate: 0.1,
  tolerance: 0.1,
};

/** A saddle at the origin between two valleys at y = ±1. */
const saddle: Surface = {
  id: 'saddle',
  name: 'Saddle',
  formula: 'f(x, y) = x²/2 + y⁴/4 − y²/2',
  description:
    'A saddle point at (0, 0): downhill along y, uphill along x. The gradient there is zero, so a start on the ridge creeps for a long time before it falls off towards a minimum at y = ±1.',
  value: (x, y) => 0.5 * x * x + 0.25 * y ** 4 - 0.5 * y * y,
  gradient: (x, y) => [x, y ** 3 - y],
  xDomain: [-3, 3],
  yDomain: [-2, 2],
  minima: [
    [0, 1],
    [0, -1],
  ],
  minValue: -0.25,
  start: [-2.5, 0.01],
  learningRate: 0.1,
  tolerance: 0.1,
};

/** Rosenbrock's banana: a curved, flat-bottomed valley with its minimum at (1, 1). */
const rosenbrock: Surface = {
  id: 'rosenbrock',
  name: 'Rosenbrock',
  formula: 'f(x, y) = (1 − x)² + 100·(y − x²)²',
  description:
    "Rosenbrock's function: a curved valley with steep walls and an almost flat floor. Finding the valley is easy; following it to the minimum at (1, 1) is not.",
  value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  xDomain: [-2, 2],
  yDomain: [-1, 3],
  minima: [[1, 1]],
  minValue: 0,
  start: [-1.2, 1],
  learningRate: 0.002,
  tolerance: 0.1,
};

export const SURFACES: Readonly<Record<SurfaceId, Surface>> = { valley, saddle, rosenbrock };

/** Distance from `p` to the nearest minimum of `surface`. */
export function distanceToMinimum(surface: Surface, p: Point): number {
  return Math.min(...surface.minima.map((m) => Math.hypot(p[0] - m[0], p[1] - m[1])));
}

/** `p` moved inside the surface's drawn region. */
export function clampToDomain(surface: Surface, p: Point): Point {
  const clamp = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));
  return [clamp(p[0], surface.xDomain), clamp(p[1], surface.yDomain)];
}
