/**
 * Adversarial attacks under a max-norm (L∞) budget ε: every pixel may move by at most ε, and the
 * image must stay an image (pixels in [0, 1]).
 *
 * - FGSM (fast gradient sign method): one step of size ε along the sign of the loss's gradient,
 *   x' = clip(x + ε·sign(∇ₓL), 0, 1); targeted, it steps DOWN the target class's loss instead.
 * - PGD (projected gradient descent): many small steps of size α, each followed by the projection
 *   back into the ε-ball around the original x₀ and the clip to [0, 1]; optionally from a random
 *   start inside the ball.
 *
 * The gradient comes from a `GradientOracle` (the engine on a page, tfjs in a worker), so the attacks
 * are pure arithmetic on Float32Arrays: n images of any size, row-major.
 */
import { mulberry32 } from '../runtime/shuffle.ts';

/**
 * The gradient of the loss the attack works on, for n images x (row-major): untargeted, the true
 * class's loss (the attack climbs it); targeted, the target class's loss (the attack descends it).
 */
export type GradientOracle = (x: Float32Array, n: number) => Float32Array | Promise<Float32Array>;

export interface FgsmOptions {
  /** Step DOWN the gradient (the gradient is of the target class's loss). Default false. */
  targeted?: boolean;
  /** Write the result here (x's length) instead of a new array. */
  out?: Float32Array;
}

export interface PgdStepOptions {
  epsilon: number;
  /** α, the size of one step (per pixel). */
  stepSize: number;
  targeted?: boolean;
}

/** One PGD iteration in its three stages, for showing: each array has x's length. */
export interface PgdStep {
  /** x ± α·sign(g). */
  stepped: Float32Array;
  /** stepped, projected into the ε-ball around x₀. */
  projected: Float32Array;
  /** projected, clipped to [0, 1]: the next iterate. */
  next: Float32Array;
  /** Pixels the projection moved. */
  projectedCount: number;
  /** Pixels the clip to [0, 1] moved. */
  clippedCount: number;
}

export interface PgdOptions extends PgdStepOptions {
  steps: number;
  /** Start from a uniform random point of the ε-ball (clipped) instead of x₀. Default false. */
  randomStart?: boolean;
  /** Seed of the random start (default 1). */
  seed?: number;
  /** Called after each step i (1-based) with the current iterate (do not keep it: copy it). */
  onStep?(i: number, x: Float32Array): void;
}

const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

function checkEpsilon(epsilon: number, what: string): void {
  if (!(Number.isFinite(epsilon) && epsilon >= 0)) throw new RangeError(`${what}: ε must be a number of at least 0, got ${epsilon}.`);
}

function checkLength(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: the arrays must have the same length, got ${a.length} and ${b.length}.`);
}

/** clip(x ± ε·sign(g), 0, 1), with sign(0) = 0: plus untargeted, minus targeted. */
export function fgsm(x: Float32Array, gradient: Float32Array, epsilon: number, options: FgsmOptions = {}): Float32Array {
  checkEpsilon(epsilon, 'fgsm');
  checkLength(x, gradient, 'fgsm');
  const out = options.out ?? new Float32Array(x.length);
  checkLength(x, out, 'fgsm (out)');
  const step = options.targeted ? -epsilon : epsilon;
  for (let i = 0; i < x.length; i++) out[i] = Math.min(1, Math.max(0, (x[i] as number) + step * sign(gradient[i] as number)));
  return out;
}

/** x projected into the max-norm ball of radius ε around x0 (each value clamped to [x0 − ε, x0 + ε]). */
export function projectLinf(x0: Float32Array, x: Float32Array, epsilon: number, out?: Float32Array): Float32Array {
  checkEpsilon(epsilon, 'projectLinf');
  checkLength(x0, x, 'projectLinf');
  const result = out ?? new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const c = x0[i] as number;
    result[i] = Math.min(c + epsilon, Math.max(c - epsilon, x[i] as number));
  }
  return result;
}

/** x with every value clamped to [0, 1]. */
export function clip01(x: Float32Array, out?: Float32Array): Float32Array {
  const result = out ?? new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) result[i] = Math.min(1, Math.max(0, x[i] as number));
  return result;
}

/** max |a − b|: the max-norm distance (0 for empty arrays). */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLength(a, b, 'maxAbsDifference');
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** One PGD iteration from x (x0 the original), keeping each stage and counting the pixels each stage moved. */
export function pgdStep(x0: Float32Array, x: Float32Array, gradient: Float32Array, options: PgdStepOptions): PgdStep {
  const { epsilon, stepSize } = options;
  checkEpsilon(epsilon, 'pgdStep');
  if (!(Number.isFinite(stepSize) && stepSize > 0)) throw new RangeError(`pgdStep: the step size must be above 0, got ${stepSize}.`);
  checkLength(x0, x, 'pgdStep');
  checkLength(x, gradient, 'pgdStep');
  const step = options.targeted ? -stepSize : stepSize;
  const n = x.length;
  const stepped = new Float32Array(n);
  const projected = new Float32Array(n);
  const next = new Float32Array(n);
  let projectedCount = 0;
  let clippedCount = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.fround((x[i] as number) + step * sign(gradient[i] as number));
    stepped[i] = s;
    const c = x0[i] as number;
    const p = Math.fround(Math.min(c + epsilon, Math.max(c - epsilon, s)));
    projected[i] = p;
    if (p !== s) projectedCount++;
    const q = Math.min(1, Math.max(0, p));
    next[i] = q;
    if (q !== p) clippedCount++;
  }
  return { stepped, projected, next, projectedCount, clippedCount };
}

/** x0 plus uniform noise in [−ε, ε] per pixel (seeded), clipped to [0, 1]. */
export function randomStart(x0: Float32Array, epsilon: number, seed: number): Float32Array {
  checkEpsilon(epsilon, 'randomStart');
  const next = mulberry32(seed);
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) {
    const c = x0[i] as number;
    // Project after float32 rounding so the start is inside the ball exactly.
    const v = Math.fround(c + (2 * next() - 1) * epsilon);
    out[i] = Math.min(1, Math.max(0, Math.min(c + epsilon, Math.max(c - epsilon, v))));
  }
  return out;
}

/**
 * PGD on n images x0 (row-major): `steps` iterations of step, project, clip. Returns the adversarial
 * images, every pixel within ε of x0 and inside [0, 1].
 */
export async function pgd(x0: Float32Array, n: number, gradientOf: GradientOracle, options: PgdOptions): Promise<Float32Array> {
  const { epsilon, steps } = options;
  checkEpsilon(epsilon, 'pgd');
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError(`pgd: steps must be a whole number of at least 0, got ${steps}.`);
  let x = options.randomStart ? randomStart(x0, epsilon, options.seed ?? 1) : x0.slice();
  for (let i = 1; i <= steps; i++) {
    const gradient = await gradientOf(x, n);
    x = pgdStep(x0, x, gradient, options).next;
    options.onStep?.(i, x);
  }
  return x;
}
