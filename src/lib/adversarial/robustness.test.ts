import { describe, expect, it } from 'vitest';
import { EPSILONS, attackSummary, smallestFlipEpsilon } from './robustness.ts';

describe('attackSummary', () => {
  it('counts flips over the images the model got right, robust accuracy over all, and where the flips went', () => {
    // Six images of three classes. Image 2 is wrong before the attack (and stays out of the success rate);
    // image 5 is wrong before and right after (it counts as robustly right, not as a flip).
    const labels = [0, 0, 1, 1, 2, 2];
    const clean = [0, 0, 2, 1, 2, 1];
    const adversarial = [0, 1, 2, 2, 0, 2];
    const s = attackSummary(labels, clean, adversarial, 3);
    expect(s.total).toBe(6);
    expect(s.cleanCorrect).toBe(4);
    expect(s.flipped).toBe(3);
    expect(s.successRate).toBe(0.75);
    expect(s.robustAccuracy).toBeCloseTo(2 / 6, 12);
    expect(s.confusion).toEqual([
      [1, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('is all zeros for no images and refuses mismatched lengths or unknown classes', () => {
    const empty = attackSummary([], [], []);
    expect([empty.total, empty.cleanCorrect, empty.flipped, empty.successRate, empty.robustAccuracy]).toEqual([0, 0, 0, 0, 0]);
    expect(empty.confusion).toHaveLength(10);
    expect(() => attackSummary([1, 2], [1], [1, 2])).toThrow(/2 labels need as many predictions before and after, got 1 and 2/);
    expect(() => attackSummary([1], [1], [12], 10)).toThrow(/image 0 has class 1 → 12, outside the 10 classes/);
  });
});

describe('smallestFlipEpsilon', () => {
  it('finds the first grid ε whose prediction differs, on a stepwise predictor', () => {
    const predictor = (epsilon: number): number => (epsilon < 0.0375 ? 7 : epsilon < 0.2 ? 5 : 8);
    expect(smallestFlipEpsilon(predictor, 7)).toBe(0.038);
    expect(smallestFlipEpsilon(predictor, 7, { step: 0.01 })).toBe(0.04);
  });

  it('takes the first flip even when a larger ε flips back, and tries ε up to max inclusive', () => {
    const tried: number[] = [];
    const predictor = (epsilon: number): number => {
      tried.push(epsilon);
      return epsilon === 0.03 ? 1 : 0;
    };
    expect(smallestFlipEpsilon(predictor, 0, { step: 0.01, max: 0.05 })).toBe(0.03);
    expect(tried).toEqual([0, 0.01, 0.02, 0.03]);
    expect(smallestFlipEpsilon(() => 0, 0, { step: 0.01, max: 0.05 })).toBeNull();
    const all: number[] = [];
    smallestFlipEpsilon((e) => (all.push(e), 0), 0, { step: 0.001, max: 0.5 });
    expect(all).toHaveLength(501);
    expect(all[all.length - 1]).toBe(0.5);
    expect(all[123]).toBe(0.123);
  });

  it('is 0 when the clean image is already misclassified', () => {
    expect(smallestFlipEpsilon(() => 3, 4)).toBe(0);
  });
});

describe('EPSILONS', () => {
  it('rises from 0 to 0.3', () => {
    expect(EPSILONS[0]).toBe(0);
    expect(EPSILONS[EPSILONS.length - 1]).toBe(0.3);
    for (let i = 1; i < EPSILONS.length; i++) expect(EPSILONS[i]).toBeGreaterThan(EPSILONS[i - 1]!);
  });
});
