import { describe, expect, it } from 'vitest';
import { absDifference, subtract } from './arithmetic.ts';
import { createImg, toRgba } from './image.ts';
import type { Img } from './types.ts';

const rgba = (values: number[]): Img => ({ width: values.length / 4, height: 1, channels: 4, data: Float32Array.from(values) });

describe('subtract', () => {
  const a = rgba([200, 100, 50, 255, 10, 20, 30, 255]);
  const b = rgba([100, 100, 80, 255, 0, 0, 0, 255]);
  it('subtracts every channel, negative results kept', () => {
    expect([...subtract(a, b).data]).toEqual([100, 0, -30, 0, 10, 20, 30, 0]);
  });
  it('the alpha pitfall: two opaque RGBA images give alpha 0 everywhere (invisible)', () => {
    const d = subtract(a, b);
    for (let i = 3; i < d.data.length; i += 4) expect(d.data[i]).toBe(0);
    const shown = toRgba(d);
    expect(shown[3]).toBe(0);
    expect(shown[7]).toBe(0);
  });
  it('works on RGB and grey too', () => {
    const g1 = { width: 2, height: 1, channels: 1 as const, data: Float32Array.from([5, 9]) };
    const g2 = { width: 2, height: 1, channels: 1 as const, data: Float32Array.from([7, 1]) };
    expect([...subtract(g1, g2).data]).toEqual([-2, 8]);
  });
  it('rejects images of different shapes', () => {
    expect(() => subtract(createImg(2, 2, 3), createImg(2, 2, 4))).toThrow(/same shape.*2×2×3 and 2×2×4/);
  });
});

describe('absDifference', () => {
  const a = rgba([200, 100, 50, 255, 10, 20, 30, 200]);
  const b = rgba([100, 100, 80, 255, 0, 0, 0, 50]);
  it('takes |a − b| and keeps alpha opaque by default (the fix)', () => {
    const d = absDifference(a, b);
    expect([...d.data]).toEqual([100, 0, 30, 255, 10, 20, 30, 255]);
    expect(toRgba(d)[3]).toBe(255);
  });
  it('with keepAlpha false, alpha is |αa − αb| like the other channels', () => {
    expect([...absDifference(a, b, { keepAlpha: false }).data]).toEqual([100, 0, 30, 0, 10, 20, 30, 150]);
  });
  it('identical images differ by zero', () => {
    const d = absDifference(createImg(3, 3, 3, 42), createImg(3, 3, 3, 42));
    expect(d.data.every((v) => v === 0)).toBe(true);
  });
});
