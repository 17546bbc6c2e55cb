import { describe, expect, it } from 'vitest';
import { Conv2D } from './conv2d.ts';
import { MaxPool2D } from './max-pool-2d.ts';
import { centralUnit, clipSpan, receptiveFields, unitSpan, type WindowLayer } from './receptive-field.ts';

const conv = (kernel: number, padding: WindowLayer['padding'] = 'same', stride = 1, dilation = 1): WindowLayer => ({
  kind: 'conv',
  kernel,
  stride,
  padding,
  dilation,
});
const pool = (size: number): WindowLayer => ({ kind: 'pool', kernel: size, stride: size, padding: 'valid' });

/** The default CNN of the course: conv 3×3 same → pool 2 → conv 3×3 same → pool 2. */
const DEFAULT_CNN = [conv(3), pool(2), conv(3), pool(2)];

describe('receptive fields', () => {
  it('grow as r_l = r_{l−1} + (k_l − 1)·j_{l−1} with jumps j_l = j_{l−1}·s_l: 3, 4, 8, 10 for the default CNN', () => {
    const fields = receptiveFields(28, DEFAULT_CNN);
    expect(fields.map((f) => [f.size, f.field, f.jump])).toEqual([
      [28, 3, 1],
      [14, 4, 2],
      [14, 8, 2],
      [7, 10, 4],
    ]);
    // 'same' padding starts unit 0's field one pixel (conv 1) then two (conv 2, at jump 2) before the image.
    expect(fields.map((f) => f.first)).toEqual([-1, -1, -3, -3]);
  });

  it('follow valid padding, strides and dilation', () => {
    const lenet = receptiveFields(28, [conv(5, 'valid'), pool(2), conv(5, 'valid'), pool(2)]);
    expect(lenet.map((f) => [f.size, f.field, f.jump, f.first])).toEqual([
      [24, 5, 1, 0],
      [12, 6, 2, 0],
      [8, 14, 2, 0],
      [4, 16, 4, 0],
    ]);
    const strided = receptiveFields(11, [conv(3, 'valid', 2), conv(3, 'valid', 1, 2)]);
    expect(strided.map((f) => [f.size, f.field, f.jump, f.first])).toEqual([
      [5, 3, 2, 0],
      [1, 11, 2, 0],
    ]);
  });

  it('says in words when a window no longer fits', () => {
    expect(() => receptiveFields(4, [pool(2), pool(2), pool(2)])).toThrow('Pooling layer 3 on width 1: The kernel spans 2 cells');
  });

  it('agree with the layers themselves: every pixel of a unit’s field changes its output, and no other', () => {
    // Conv 3×3 same → pool 2 → conv 3×3 dilated 2 on 12 × 12: poke each pixel and see which output units move.
    const layers = [new Conv2D([12, 12, 1], { filters: 1, kernelSize: 3, padding: 'same' }), new MaxPool2D([12, 12, 1], { poolSize: 2 })];
    const last = new Conv2D([6, 6, 1], { filters: 1, kernelSize: 3, padding: 'valid', dilation: 2 });
    for (const l of [layers[0]!, last]) (l as Conv2D).kernel.value.fill(1);
    const fields = receptiveFields(12, [conv(3), pool(2), conv(3, 'valid', 1, 2)]);
    const f = fields[2]!;
    expect([f.size, f.field, f.jump]).toEqual([2, 12, 2]);
    const run = (x: Float32Array): Float32Array => last.forward(layers[1]!.forward(layers[0]!.forward(x, 1), 1), 1).slice();
    const base = new Float32Array(144).fill(1);
    const reference = run(base);
    for (let unit = 0; unit < 2; unit++) {
      const span = clipSpan(unitSpan(f, unit), 12)!;
      for (let x = 0; x < 12; x++) {
        const poked = base.slice();
        poked[5 * 12 + x] = 50; // row 5 is inside both units' rows
        const moved = run(poked)[unit] !== reference[unit]; // output row 0, column `unit`
        expect(moved, `unit ${unit}, pixel ${x}`).toBe(x >= span.start && x <= span.end);
      }
    }
  });

  it('the central unit of an earlier layer lies inside the later unit’s field', () => {
    const fields = receptiveFields(28, DEFAULT_CNN);
    const last = fields[3]!;
    for (let unit = 0; unit < last.size; unit++) {
      const outer = unitSpan(last, unit);
      for (const earlier of fields.slice(0, 3)) {
        const inner = unitSpan(earlier, centralUnit(earlier, last, unit));
        expect(inner.start).toBeGreaterThanOrEqual(outer.start);
        expect(inner.end).toBeLessThanOrEqual(outer.end);
      }
    }
    // Unit 3 of the 7-grid sees pixels 9…18; at layer 1 the centre pixel 13.5 rounds to unit 13 (pixels 12…14).
    expect(unitSpan(last, 3)).toEqual({ start: 9, end: 18 });
    expect(centralUnit(fields[0]!, last, 3)).toBe(13);
    expect(clipSpan(unitSpan(last, 0), 28)).toEqual({ start: 0, end: 6 });
    expect(clipSpan({ start: -5, end: -1 }, 28)).toBeNull();
  });
});
