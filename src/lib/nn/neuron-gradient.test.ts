import { describe, expect, it } from 'vitest';
import {
  analyticGradient,
  chainFactors,
  errorCurve,
  formatGradNumber,
  formatH,
  formatRelativeError,
  gradientReport,
  hFromExponent,
  H_EXPONENTS,
  lossAt,
  neuronForward,
  numericGradient,
  paramName,
  relativeError,
  type NeuronPoint,
} from './neuron-gradient.ts';

const P: NeuronPoint = { x: [0.5, -1.2, 0.8, 0.3], w: [0.4, 0.1, -0.6, 0.9], b: 0.2, y: 1 };

describe('one neuron with binary cross-entropy', () => {
  it('forward: z = w·x + b, ŷ = σ(z), L = −log ŷ for y = 1', () => {
    const f = neuronForward(P);
    expect(f.z).toBeCloseTo(0.2 - 0.12 - 0.48 + 0.27 + 0.2, 12);
    expect(f.yHat).toBeCloseTo(1 / (1 + Math.exp(-f.z)), 12);
    expect(f.loss).toBeCloseTo(-Math.log(f.yHat), 12);
    const f0 = neuronForward({ ...P, y: 0 });
    expect(f0.loss).toBeCloseTo(-Math.log(1 - f0.yHat), 12);
  });

  it('stays finite for a very confident wrong answer (large |z|)', () => {
    const f = neuronForward({ x: [1], w: [800], b: 0, y: 0 });
    expect(f.loss).toBeCloseTo(800, 6);
    expect(f.yHat).toBe(1);
  });

  it('the chain-rule product equals the shortcut (ŷ − y)·x_i', () => {
    for (const y of [0, 1]) {
      for (let i = 0; i <= 4; i++) {
        const c = chainFactors({ ...P, y }, i);
        expect(c.product).toBeCloseTo(c.shortcut, 12);
        expect(c.dzdParam).toBe(i === 4 ? 1 : P.x[i]);
        expect(c.dLdz).toBeCloseTo(c.dLdyHat * c.dyHatdz, 12);
      }
    }
  });

  it('analytic gradient matches the numeric one to ~1e-9 at a moderate h', () => {
    const report = gradientReport(P, 1e-5);
    expect(report.rows.map((r) => r.name)).toEqual(['w₀', 'w₁', 'w₂', 'w₃', 'b']);
    expect(report.maxRelativeError).toBeLessThan(1e-8);
    const a = analyticGradient(P);
    report.rows.forEach((r, i) => expect(r.analytic).toBe(a[i]));
  });

  it('a wrong analytic gradient is caught: the relative error is large', () => {
    const wrong = -analyticGradient(P)[0]!;
    expect(relativeError(wrong, numericGradient(P, 0, 1e-5))).toBeGreaterThan(1);
  });

  it('the error falls as h shrinks, then rises again from rounding', () => {
    const curve = errorCurve(P, 0);
    expect(curve.map((c) => c.exponent)).toEqual([...H_EXPONENTS]);
    const at = (e: number) => curve.find((c) => c.exponent === e)!.relativeError;
    const best = Math.min(...curve.map((c) => c.relativeError));
    // Truncation dominates at h = 0.1, rounding at h = 1e-7; the best lies in between.
    expect(at(-1)).toBeGreaterThan(1e-6);
    expect(at(-3)).toBeLessThan(at(-1) / 100);
    expect(best).toBeLessThan(1e-10);
    expect(at(-7)).toBeGreaterThan(best * 10);
  });

  it('lossAt moves one parameter', () => {
    expect(lossAt(P, 4, P.b)).toBeCloseTo(neuronForward(P).loss, 14);
    expect(lossAt(P, 0, 0.4 + 1)).toBeCloseTo(neuronForward({ ...P, w: [1.4, 0.1, -0.6, 0.9] }).loss, 14);
  });

  it('rejects bad input clearly', () => {
    expect(() => neuronForward({ ...P, w: [1] })).toThrow(/same length/);
    expect(() => neuronForward({ ...P, y: 2 })).toThrow(/label y must be between 0 and 1/);
    expect(() => neuronForward({ ...P, b: Number.NaN })).toThrow(/finite/);
    expect(() => numericGradient(P, 0, 0)).toThrow(/positive/);
    expect(() => chainFactors(P, 5)).toThrow(/index must be 0–4/);
  });

  it('formats numbers for the page', () => {
    expect(paramName(P, 1)).toBe('w₁');
    expect(paramName(P, 4)).toBe('b');
    expect(formatGradNumber(-0.123456)).toBe('\u22120.1235');
    expect(formatGradNumber(0.00001234)).toBe('1.234e\u22125');
    expect(formatRelativeError(3.21e-10)).toBe('3.2e\u221210');
    expect(formatRelativeError(0)).toBe('0');
    expect(formatH(-4)).toBe('1e\u22124');
    expect(formatH(-4.5)).toBe('3.2e\u22125');
    expect(hFromExponent(-7)).toBe(1e-7);
  });
});
