import { describe, expect, it } from 'vitest';
import { outputSize } from '../nn/conv-geometry.ts';
import { demoInput, im2colView, kernelWeights, outputValues, patchOf, readersOf, type KernelKind } from './grids.ts';
import { DEFAULT_SETTING, LIMITS, settingProblem } from './setting.ts';

describe('patchOf and readersOf', () => {
  it('gives the issue’s example: output (0, 0) of a 5 × 5 input, 3 × 3 kernel, stride 2, padding 1 reads rows and columns −1 to 1', () => {
    const taps = patchOf(DEFAULT_SETTING, 0, 0);
    expect(taps.map((t) => [t.y, t.x])).toEqual([
      [-1, -1],
      [-1, 0],
      [-1, 1],
      [0, -1],
      [0, 0],
      [0, 1],
      [1, -1],
      [1, 0],
      [1, 1],
    ]);
    expect(taps.filter((t) => t.inside)).toHaveLength(4);
    // Input cell (2, 2) is read by the middle window only; cell (1, 1), where windows overlap, by four.
    expect(readersOf(DEFAULT_SETTING, 2, 2)).toEqual([{ y: 1, x: 1 }]);
    expect(readersOf(DEFAULT_SETTING, 1, 1)).toEqual([
      { y: 0, x: 0 },
      { y: 0, x: 1 },
      { y: 1, x: 0 },
      { y: 1, x: 1 },
    ]);
  });

  it('dilation spreads the taps: kernel 2, dilation 3 reads cells 3 apart', () => {
    const setting = { n: 7, k: 2, s: 1, p: 0, d: 3 };
    expect(patchOf(setting, 1, 2).map((t) => [t.y, t.x])).toEqual([
      [1, 2],
      [1, 5],
      [4, 2],
      [4, 5],
    ]);
    expect(readersOf(setting, 3, 3)).toEqual([
      { y: 0, x: 0 },
      { y: 0, x: 3 },
      { y: 3, x: 0 },
      { y: 3, x: 3 },
    ]);
  });

  it('are each other’s inverse over every possible setting: output o reads cell c exactly when o is among c’s readers', () => {
    let checked = 0;
    for (let n = 1; n <= LIMITS.n.max; n += 2)
      for (let k = 1; k <= LIMITS.k.max; k++)
        for (let s = 1; s <= LIMITS.s.max; s++)
          for (let p = 0; p <= LIMITS.p.max; p++)
            for (let d = 1; d <= LIMITS.d.max; d++) {
              const setting = { n, k, s, p, d };
              if (settingProblem(setting) !== null) continue;
              const out = outputSize(setting);
              const reads = new Set<string>();
              for (let oy = 0; oy < out; oy++)
                for (let ox = 0; ox < out; ox++) for (const t of patchOf(setting, oy, ox)) reads.add(`${oy},${ox}:${t.y},${t.x}`);
              const back = new Set<string>();
              for (let y = -p; y < n + p; y++)
                for (let x = -p; x < n + p; x++) for (const o of readersOf(setting, y, x)) back.add(`${o.y},${o.x}:${y},${x}`);
              expect(back, JSON.stringify(setting)).toEqual(reads);
              checked++;
            }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('kernels', () => {
  it('are whole-number k × k kernels: edges add up to 0, blur to k², sharpen to 1', () => {
    for (let k = 1; k <= 5; k++) {
      const sum = (kind: KernelKind) => kernelWeights(kind, k).reduce((a, b) => a + b, 0);
      expect(kernelWeights('blur', k)).toHaveLength(k * k);
      expect(sum('edgeV')).toBe(0);
      expect(sum('edgeH')).toBe(0);
      expect(sum('blur')).toBe(k * k);
      expect(sum('sharpen')).toBe(1);
    }
    expect(Array.from(kernelWeights('edgeV', 3))).toEqual([-1, 0, 1, -1, 0, 1, -1, 0, 1]);
    expect(Array.from(kernelWeights('edgeH', 2))).toEqual([-1, -1, 1, 1]);
    expect(Array.from(kernelWeights('sharpen', 3))).toEqual([-1, -1, -1, -1, 9, -1, -1, -1, -1]);
  });
});

describe('outputValues', () => {
  const setting = { n: 4, k: 2, s: 2, p: 1, d: 1 };
  const input = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

  it('convolves as a sliding dot product with zero padding (cross-correlation)', () => {
    // Window (0,0) reads padding except input (0,0) = 1 under the kernel's bottom-right weight.
    const w = Float32Array.from([1, 2, 3, 4]);
    const values = outputValues(setting, 'conv', input, w);
    expect(values).toHaveLength(9);
    expect(values[0]).toBe(4 * 1);
    // Window (1,1) reads rows 1–2, columns 1–2: 6, 7, 10, 11.
    expect(values[4]).toBe(1 * 6 + 2 * 7 + 3 * 10 + 4 * 11);
  });

  it('pools the window’s input cells, leaving the padding out', () => {
    expect(outputValues(setting, 'max', input, new Float32Array())).toEqual([1, 3, 4, 9, 11, 12, 13, 15, 16]);
    const avg = outputValues(setting, 'avg', input, new Float32Array());
    expect(avg[0]).toBe(1);
    expect(avg[1]).toBe((2 + 3) / 2);
    expect(avg[4]).toBe((6 + 7 + 10 + 11) / 4);
  });

  it('has no value for a pooling window that holds only padding (the taps jump over a 1-cell input)', () => {
    const jump = { n: 1, k: 2, s: 1, p: 2, d: 3 };
    expect(settingProblem(jump)).toBeNull();
    expect(outputValues(jump, 'max', Float32Array.from([5]), new Float32Array())).toEqual([null, null, null, null]);
  });
});

describe('im2colView', () => {
  it('has one row per output cell and one column per tap, the padding marked, and times the kernel gives the output', () => {
    const input = demoInput(DEFAULT_SETTING.n);
    const view = im2colView(DEFAULT_SETTING, input);
    expect([view.rows, view.cols]).toEqual([9, 9]);
    expect(view.rowCells[4]).toEqual({ y: 1, x: 1 });
    expect(view.colTaps[5]).toEqual({ ky: 1, kx: 2 });
    // Row 0 is output (0, 0): its first row and column of taps fall in the padding.
    expect(view.padding.slice(0, 9)).toEqual([true, true, true, true, false, false, true, false, false]);
    expect(view.values[4]).toBe(input[0]);
    const w = kernelWeights('edgeV', 3);
    const conv = outputValues(DEFAULT_SETTING, 'conv', input, w);
    for (let r = 0; r < view.rows; r++) {
      let dot = 0;
      for (let c = 0; c < view.cols; c++) dot += view.values[r * view.cols + c]! * w[c]!;
      expect(dot).toBe(conv[r]);
    }
  });

  it('demoInput holds whole numbers 0–9', () => {
    const v = demoInput(9);
    expect(v.every((x) => Number.isInteger(x) && x >= 0 && x <= 9)).toBe(true);
    expect(new Set(v).size).toBeGreaterThan(5);
  });
});
