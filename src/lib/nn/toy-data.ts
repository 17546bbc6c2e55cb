/**
 * Two-dimensional toy datasets for the decision-boundary playground: XOR, circles and spirals.
 *
 * Each dataset is `count` points in the plane (x is `count × 2`, row-major, roughly in [-1, 1]
 * before noise) with a 0/1 label each. The classes alternate point by point, so every prefix of
 * the data is balanced. Same kind, count, noise and seed → the same points, on every machine.
 */
import { mulberry32 } from '../runtime/shuffle.ts';

export type ToyKind = 'xor' | 'circles' | 'spirals';

export const TOY_KINDS: readonly ToyKind[] = ['xor', 'circles', 'spirals'];

export const TOY_LABELS: Readonly<Record<ToyKind, string>> = {
  xor: 'XOR',
  circles: 'Circles',
  spirals: 'Spirals',
};

export interface ToyOptions {
  /** Standard deviation of the Gaussian noise added to each coordinate (0 = none). Default 0.1. */
  noise?: number;
  /** Seed of the random generator. Default 1. */
  seed?: number;
}

export interface ToyDataset {
  kind: ToyKind;
  /** count × 2, row-major: point i is (x[2i], x[2i + 1]). */
  x: Float32Array;
  /** 0 or 1 per point. */
  y: Float32Array;
  count: number;
}

export function isToyKind(value: unknown): value is ToyKind {
  return typeof value === 'string' && (TOY_KINDS as readonly string[]).includes(value);
}

/** Largest noise accepted: beyond it the classes are a blur of each other. */
export const MAX_TOY_NOISE = 1;

/** A standard normal sample from two uniforms (Box–Muller). */
function gaussian(rand: () => number): number {
  const u = 1 - rand(); // (0, 1]: log is finite
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * `count` labelled points of the chosen toy problem:
 * - `xor`: uniform in the square [-1, 1]², label 1 where x₁·x₂ > 0 (top-right and bottom-left quadrants);
 *   points keep a small margin from the axes, so with no noise the quadrants are cleanly separated.
 * - `circles`: label 1 inside a disc of radius 0.45, label 0 in the ring between radii 0.65 and 0.95.
 * - `spirals`: two arms winding 1.75 turns out from the centre, half a turn apart; label 1 on one arm.
 */
export function toyDataset(kind: ToyKind, count: number, options: ToyOptions = {}): ToyDataset {
  if (!isToyKind(kind)) throw new Error(`toyDataset: unknown kind ${JSON.stringify(kind)}; use one of ${TOY_KINDS.join(', ')}.`);
  if (!Number.isInteger(count) || count < 2) throw new Error(`toyDataset: count must be an integer of at least 2, got ${count}.`);
  const noise = options.noise ?? 0.1;
  if (!Number.isFinite(noise) || noise < 0 || noise > MAX_TOY_NOISE) {
    throw new Error(`toyDataset: noise must be a number from 0 to ${MAX_TOY_NOISE}, got ${noise}.`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new Error(`toyDataset: seed must be a finite number, got ${seed}.`);

  const rand = mulberry32(Math.trunc(seed));
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const x = new Float32Array(count * 2);
  const y = new Float32Array(count);
  const perClass = Math.ceil(count / 2);

  for (let i = 0; i < count; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    let a: number;
    let b: number;
    if (kind === 'xor') {
      // A coordinate in [0.05, 1] with a random sign; the quadrant decides the label.
      const margin = 0.05;
      const sa = rand() < 0.5 ? -1 : 1;
      const sameSign = label === 1;
      a = sa * uniform(margin, 1);
      b = (sameSign ? sa : -sa) * uniform(margin, 1);
    } else if (kind === 'circles') {
      const r = label === 1 ? 0.45 * Math.sqrt(rand()) : uniform(0.65, 0.95);
      const angle = uniform(0, 2 * Math.PI);
      a = r * Math.cos(angle);
      b = r * Math.sin(angle);
    } else {
      // Point k of its arm, evenly spaced along the arm from the centre outwards.
      const k = Math.floor(i / 2);
      const t = perClass > 1 ? k / (perClass - 1) : 0;
      const r = 0.08 + 0.87 * t;
      const angle = t * 1.75 * 2 * Math.PI + (label === 1 ? 0 : Math.PI);
      a = r * Math.cos(angle);
      b = r * Math.sin(angle);
    }
    x[2 * i] = a + noise * gaussian(rand);
    x[2 * i + 1] = b + noise * gaussian(rand);
    y[i] = label;
  }
  return { kind, x, y, count };
}
