import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { clip01, fgsm, maxAbsDifference, pgd, pgdStep, projectLinf, randomStart, type GradientOracle } from './attacks.ts';

/** Float32 rounding of x0 ± ε (pixels are stored as float32). */
const ROUNDING = 1e-6;

function random(length: number, seed: number, lo = 0, hi = 1): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length }, () => lo + (hi - lo) * rand());
}

function expectInsideBall(x0: Float32Array, x: Float32Array, epsilon: number): void {
  expect(maxAbsDifference(x0, x)).toBeLessThanOrEqual(epsilon + ROUNDING);
  for (const v of x) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
}

/** Equal to float32 precision, element by element. */
function expectValues(actual: Float32Array, expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i], `value ${i}`).toBeCloseTo(v, 6));
}

describe('fgsm', () => {
  it('moves every pixel by exactly ε along the gradient’s sign when nothing is clipped, and leaves sign 0 alone', () => {
    const x = Float32Array.from([0.5, 0.5, 0.5, 0.4]);
    const g = Float32Array.from([2, -0.001, 0, -7]);
    const adv = fgsm(x, g, 0.1);
    expect(Array.from(adv)).toEqual([0.6, 0.4, 0.5, 0.3].map(Math.fround));
    expect(maxAbsDifference(x, adv)).toBeCloseTo(0.1, 6);
    expect(Array.from(fgsm(x, g, 0.1, { targeted: true }))).toEqual([0.4, 0.6, 0.5, 0.5].map(Math.fround));
  });

  it('has max-norm exactly ε on images away from the edges, and stays in [0, 1] on any image', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const epsilon = 0.01 + 0.3 * mulberry32(seed)();
      const inner = random(784, seed, 0.35, 0.65);
      const g = random(784, seed + 100, -1, 1);
      expect(maxAbsDifference(inner, fgsm(inner, g, Math.min(epsilon, 0.3)))).toBeCloseTo(Math.min(epsilon, 0.3), 6);
      const any = random(784, seed + 200);
      const adv = fgsm(any, g, epsilon);
      expectInsideBall(any, adv, epsilon);
    }
  });

  it('clips at 0 and 1 and writes into out when given', () => {
    const x = Float32Array.from([0.95, 0.02]);
    const out = new Float32Array(2);
    expect(fgsm(x, Float32Array.from([1, -1]), 0.1, { out })).toBe(out);
    expect(Array.from(out)).toEqual([1, 0]);
  });

  it('refuses a negative ε or arrays of different lengths, in words', () => {
    expect(() => fgsm(new Float32Array(2), new Float32Array(2), -0.1)).toThrow(/ε must be a number of at least 0, got -0.1/);
    expect(() => fgsm(new Float32Array(2), new Float32Array(3), 0.1)).toThrow(/same length, got 2 and 3/);
  });
});

describe('projectLinf, clip01, maxAbsDifference', () => {
  it('clamp into the ball and the unit interval', () => {
    const x0 = Float32Array.from([0.5, 0.5, 0.5]);
    expect(Array.from(projectLinf(x0, Float32Array.from([0.9, 0.45, 0.1]), 0.1))).toEqual([0.6, 0.45, 0.4].map(Math.fround));
    expect(Array.from(clip01(Float32Array.from([-0.2, 0.3, 1.5])))).toEqual([0, 0.3, 1].map(Math.fround));
    expect(maxAbsDifference([0, 1, 2], [0.5, 1, 1])).toBe(1);
    expect(maxAbsDifference([], [])).toBe(0);
  });
});

describe('pgdStep', () => {
  it('counts what the projection and the clip moved, on a hand-made case', () => {
    // x0 = original; x = current iterate (already 0.08 away on pixel 0); ε = 0.1, α = 0.05.
    const x0 = Float32Array.from([0.5, 0.5, 0.97, 0.03, 0.5, 0.02]);
    const x = Float32Array.from([0.58, 0.5, 0.97, 0.03, 0.45, 0.02]);
    const g = Float32Array.from([1, 1, 1, -1, 0, -1]);
    const step = pgdStep(x0, x, g, { epsilon: 0.1, stepSize: 0.05 });
    // Pixel 0: 0.58 → 0.63, projected back to 0.6. Pixel 2: 0.97 → 1.02, inside the ball, clipped to 1.
    // Pixel 3: 0.03 → −0.02, clipped to 0. Pixel 4: sign 0, stays. Pixel 5: 0.02 → −0.03, clipped to 0.
    expectValues(step.stepped, [0.63, 0.55, 1.02, -0.02, 0.45, -0.03]);
    expectValues(step.projected, [0.6, 0.55, 1.02, -0.02, 0.45, -0.03]);
    expectValues(step.next, [0.6, 0.55, 1, 0, 0.45, 0]);
    expect(step.projectedCount).toBe(1);
    expect(step.clippedCount).toBe(3);
  });

  it('steps against the gradient when targeted', () => {
    const x0 = Float32Array.from([0.5, 0.5]);
    const step = pgdStep(x0, x0, Float32Array.from([1, -1]), { epsilon: 0.1, stepSize: 0.05, targeted: true });
    expect(Array.from(step.next)).toEqual([0.45, 0.55].map(Math.fround));
    expect(step.projectedCount + step.clippedCount).toBe(0);
  });

  it('refuses a step size of 0', () => {
    const x = new Float32Array(1);
    expect(() => pgdStep(x, x, x, { epsilon: 0.1, stepSize: 0 })).toThrow(/step size must be above 0/);
  });
});

describe('randomStart', () => {
  it('is seeded, inside the ball and inside [0, 1]', () => {
    const x0 = random(784, 3);
    const a = randomStart(x0, 0.2, 7);
    expect(randomStart(x0, 0.2, 7)).toEqual(a);
    expect(randomStart(x0, 0.2, 8)).not.toEqual(a);
    expectInsideBall(x0, a, 0.2);
    expect(maxAbsDifference(x0, a)).toBeGreaterThan(0.15);
  });
});

describe('pgd', () => {
  it('never leaves the ε-ball nor [0, 1], whatever the input, gradient, ε, step size and start (property)', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = mulberry32(seed);
      const n = 1 + Math.floor(rand() * 3);
      const x0 = random(n * 50, seed);
      // Pixels at the edges, where the clip matters.
      for (let i = 0; i < x0.length; i += 7) x0[i] = rand() < 0.5 ? 0 : 1;
      const epsilon = rand() * 0.4;
      const stepSize = 0.001 + rand() * 0.2;
      const gradientSeed = mulberry32(seed + 1000);
      const oracle: GradientOracle = (x) => Float32Array.from(x, () => gradientSeed() - 0.5);
      const seen: number[] = [];
      const adv = await pgd(x0, n, oracle, {
        epsilon,
        stepSize,
        steps: 8,
        targeted: rand() < 0.5,
        randomStart: rand() < 0.5,
        seed,
        onStep: (i, x) => {
          seen.push(i);
          expectInsideBall(x0, x, epsilon);
        },
      });
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expectInsideBall(x0, adv, epsilon);
    }
  });

  it('targeted, descends the target’s loss: on a linear loss it reaches the ball’s best corner', async () => {
    // Loss of the target L(x) = w·x: its gradient is w; descending it moves each pixel to x0 − ε·sign(w).
    const x0 = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
    const w = Float32Array.from([1, -2, 0.5, -0.1]);
    const loss = (x: Float32Array): number => x.reduce((s, v, i) => s + v * w[i]!, 0);
    const losses: number[] = [];
    const adv = await pgd(x0, 1, () => w, {
      epsilon: 0.1,
      stepSize: 0.03,
      steps: 5,
      targeted: true,
      onStep: (_, x) => losses.push(loss(x)),
    });
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1]!);
    expect(losses[0]).toBeLessThan(loss(x0));
    expect(Array.from(adv)).toEqual([0.4, 0.6, 0.4, 0.6].map(Math.fround));
  });

  it('waits for an asynchronous oracle and refuses fractional steps', async () => {
    const x0 = Float32Array.from([0.5]);
    const adv = await pgd(x0, 1, async () => Float32Array.from([1]), { epsilon: 0.05, stepSize: 0.02, steps: 2 });
    expect(adv[0]).toBeCloseTo(0.54, 6);
    await expect(pgd(x0, 1, () => x0, { epsilon: 0.05, stepSize: 0.02, steps: 1.5 })).rejects.toThrow(/steps must be a whole number/);
  });
});
