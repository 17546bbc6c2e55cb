import { describe, expect, it } from 'vitest';
import { KERNEL_PRESETS, gaussianKernel } from '../../lib/image/kernels.ts';
import {
  FILTER_PRESETS,
  INITIAL_STATE,
  PRESET_ORDER,
  filterName,
  filterStatus,
  formatCell,
  jobFor,
  kernelSum,
  parseCell,
  resizeKernel,
  sumMeaning,
  withCell,
  withPreset,
  withSize,
} from './config.ts';

describe('filter lab presets', () => {
  it('offer every library kernel plus the gradient magnitude, each filling its grid', () => {
    expect([...PRESET_ORDER].sort()).toEqual([...Object.keys(KERNEL_PRESETS), 'magnitude'].sort());
    for (const name of PRESET_ORDER) {
      for (const size of [3, 5] as const) expect(FILTER_PRESETS[name].kernel(size, 1)).toHaveLength(size * size);
    }
  });

  it('use the library numbers', () => {
    expect(FILTER_PRESETS.sobelX.kernel(3, 1)).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    expect(FILTER_PRESETS.gaussian.kernel(5, 1.5)).toEqual(Array.from(gaussianKernel(1.5, 5).values));
    expect(FILTER_PRESETS.box.kernel(5, 1).every((v) => Math.abs(v - 1 / 25) < 1e-7)).toBe(true);
  });

  it('choose sensible display modes: signed Sobel, |v| Laplacian, plain blur', () => {
    expect(withPreset(INITIAL_STATE, 'sobelX').display).toBe('signed');
    expect(withPreset(INITIAL_STATE, 'laplacian').display).toBe('abs');
    expect(withPreset(INITIAL_STATE, 'box').display).toBe('clamp');
    expect(withPreset(INITIAL_STATE, 'magnitude').kind).toBe('magnitude');
    expect(withPreset(INITIAL_STATE, 'sobelY').grey).toBe(true);
  });

  it('fill the grid at their own size: 5×5 Gaussian, 3×3 Sobel, or a size asked for', () => {
    expect(withPreset(withPreset(INITIAL_STATE, 'sobelX'), 'gaussian').size).toBe(5);
    expect(withPreset(INITIAL_STATE, 'sobelX').size).toBe(3);
    expect(withPreset(INITIAL_STATE, 'gaussian', 3).values).toHaveLength(9);
  });

  it('start with a 5×5 Gaussian of σ = 1 and clamped borders', () => {
    expect(INITIAL_STATE).toMatchObject({ preset: 'gaussian', size: 5, sigma: 1, border: 'clamp', kind: 'kernel' });
    expect(kernelSum(INITIAL_STATE.values)).toBeCloseTo(1, 6);
  });
});

describe('kernel editing', () => {
  it('centres a 3×3 kernel in a 5×5 grid and crops it back', () => {
    const k3 = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const k5 = resizeKernel(k3, 3, 5);
    expect(k5).toEqual([0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 4, 5, 6, 0, 0, 7, 8, 9, 0, 0, 0, 0, 0, 0]);
    expect(resizeKernel(k5, 5, 3)).toEqual(k3);
  });

  it('recomputes a preset at the new size but pads a custom kernel', () => {
    const box3 = withPreset(INITIAL_STATE, 'box');
    const box5 = withSize(box3, 5);
    expect(box5.values.every((v) => Math.abs(v - 1 / 25) < 1e-7)).toBe(true);
    const custom = withCell(box3, 4, 2);
    expect(custom.preset).toBe('custom');
    expect(withSize(custom, 5).values[12]).toBe(2);
    expect(withSize(custom, 5).values[0]).toBe(0);
  });

  it('keeps the border, display and grey choices when the size changes', () => {
    const s = { ...withPreset(INITIAL_STATE, 'sobelX'), border: 'reflect' as const, display: 'abs' as const, grey: false };
    expect(withSize(s, 5)).toMatchObject({ border: 'reflect', display: 'abs', grey: false, preset: 'sobelX' });
  });

  it('reads numbers, fractions and typographic minus signs', () => {
    expect(parseCell('0.5')).toBe(0.5);
    expect(parseCell(' -2 ')).toBe(-2);
    expect(parseCell('−1')).toBe(-1);
    expect(parseCell('1/9')).toBeCloseTo(1 / 9, 12);
    expect(parseCell('-1 / 4')).toBe(-0.25);
    expect(parseCell('')).toBeNull();
    expect(parseCell('abc')).toBeNull();
    expect(parseCell('1/0')).toBeNull();
    expect(parseCell('-')).toBeNull();
  });

  it('shows at most 4 decimals', () => {
    expect(formatCell(1 / 9)).toBe('0.1111');
    expect(formatCell(-2)).toBe('-2');
    expect(formatCell(-0.00001)).toBe('0');
  });

  it('explains the kernel sum', () => {
    expect(sumMeaning(1)).toMatch(/keep their brightness/);
    expect(sumMeaning(kernelSum(FILTER_PRESETS.sobelX.kernel(3, 1)))).toMatch(/Sum 0.*edge/);
    expect(sumMeaning(2)).toMatch(/Sum 2\.00.*brighter/);
    expect(sumMeaning(0.5)).toMatch(/darker/);
    expect(sumMeaning(-1)).toMatch(/Sum −1\.00.*negative/);
  });
});

describe('filter lab status', () => {
  it('names the filter, the kernel size, the border, the image size and the time', () => {
    const state = { ...withPreset(INITIAL_STATE, 'sobelX'), size: 3 as const, values: FILTER_PRESETS.sobelX.kernel(3, 1) };
    const text = filterStatus(filterName(state), jobFor(state), { width: 451, height: 300, ms: 12.4, min: -612.2, max: 580 });
    expect(text).toBe('Sobel x, 3×3, border clamp, on grey: 451 × 300 pixels in 12 ms. Values −612 to 580, shown signed (0 is mid grey).');
  });

  it('names the Gaussian with its sigma and custom kernels as custom', () => {
    expect(filterName({ ...INITIAL_STATE, sigma: 1.5 })).toBe('Gaussian blur σ = 1.5');
    expect(filterName(withCell(INITIAL_STATE, 0, 1))).toBe('Custom kernel');
    expect(filterName(withCell(withPreset(INITIAL_STATE, 'magnitude'), 0, 1))).toBe('Custom kernel, gradient magnitude');
  });

  it('gives the worker a copy of the kernel', () => {
    const job = jobFor(INITIAL_STATE);
    expect(job.values).toEqual(INITIAL_STATE.values);
    expect(job.values).not.toBe(INITIAL_STATE.values);
  });
});
