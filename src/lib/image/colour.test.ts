import { describe, expect, it } from 'vitest';
import { addNoise, brightness, channelGain, contrast, DEFAULT_MANGLE, mangle, posterize, saturation } from './colour.ts';
import type { Img } from './types.ts';

const rgb = (values: number[]): Img => ({ width: values.length / 3, height: 1, channels: 3, data: Float32Array.from(values) });
const rgba = (values: number[]): Img => ({ width: values.length / 4, height: 1, channels: 4, data: Float32Array.from(values) });
const close = (actual: Float32Array, expected: number[]) => expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 3));

describe('single colour operations', () => {
  it('brightness adds delta to colour values, not to alpha, without clamping', () => {
    expect([...brightness(rgba([10, 250, 0, 200]), 20).data]).toEqual([30, 270, 20, 200]);
  });
  it('contrast: 128 + f · (v − 128)', () => {
    expect([...contrast(rgb([0, 128, 228]), 2).data]).toEqual([-128, 128, 328]);
    expect([...contrast(rgb([0, 50, 255]), 0).data]).toEqual([128, 128, 128]);
  });
  it('saturation: Y + f · (v − Y) with Y the luma', () => {
    const y = 0.299 * 200 + 0.587 * 100 + 0.114 * 50; // 124.2
    close(saturation(rgb([200, 100, 50]), 0).data, [y, y, y]);
    close(saturation(rgb([200, 100, 50]), 2).data, [2 * 200 - y, 2 * 100 - y, 2 * 50 - y]);
    close(saturation(rgb([200, 100, 50]), 1).data, [200, 100, 50]);
    const grey: Img = { width: 1, height: 1, channels: 1, data: Float32Array.from([77]) };
    expect(saturation(grey, 3).data[0]).toBe(77);
    expect(saturation(rgba([200, 100, 50, 9]), 0).data[3]).toBe(9);
  });
  it('channelGain multiplies R, G, B by their gains (grey by the luma of the gains)', () => {
    expect([...channelGain(rgba([100, 100, 100, 255]), [2, 0.5, 0]).data]).toEqual([200, 50, 0, 255]);
    const grey: Img = { width: 1, height: 1, channels: 1, data: Float32Array.from([100]) };
    expect(channelGain(grey, [2, 1, 1]).data[0]).toBeCloseTo(129.9, 3);
  });
  it('posterize: round(v / 255 · (L − 1)) · 255 / (L − 1)', () => {
    expect([...posterize(rgb([0, 100, 200]), 2).data]).toEqual([0, 0, 255]);
    close(posterize(rgb([0, 60, 140]), 3).data, [0, 0, 255 / 2]); // 60/127.5 = 0.47 → 0, 140/127.5 = 1.1 → 1
    close(posterize(rgb([-50, 300, 64]), 5).data, [0, 255, 63.75]);
    expect([...posterize(rgb([0, 17, 254]), 256).data]).toEqual([0, 17, 254]);
    expect(() => posterize(rgb([0, 0, 0]), 1)).toThrow(/2 to 256/);
  });
  it('noise is deterministic by seed, bounded by amount, and leaves alpha alone', () => {
    const base = rgba(Array.from({ length: 400 }, (_, i) => (i % 4 === 3 ? 255 : 128)));
    const a = addNoise(base, 20, 7);
    const b = addNoise(base, 20, 7);
    const c = addNoise(base, 20, 8);
    expect([...a.data]).toEqual([...b.data]);
    expect([...a.data]).not.toEqual([...c.data]);
    let moved = 0;
    for (let i = 0; i < a.data.length; i++) {
      if (i % 4 === 3) expect(a.data[i]).toBe(255);
      else {
        expect(Math.abs(a.data[i]! - 128)).toBeLessThanOrEqual(20);
        if (a.data[i] !== 128) moved++;
      }
    }
    expect(moved).toBeGreaterThan(290);
    expect([...base.data.slice(0, 4)]).toEqual([128, 128, 128, 255]); // input untouched
  });
});

describe('mangle', () => {
  it('with the default settings changes nothing (and returns a new image)', () => {
    const a = rgba([0, 17.5, 255, 255, 3, 4, 5, 100]);
    const m = mangle(a, { ...DEFAULT_MANGLE, gains: [1, 1, 1] });
    expect(m).not.toBe(a);
    expect([...m.data]).toEqual([...a.data]);
  });
  it('applies brightness → contrast → saturation → gains → noise → posterize, clamping after each step', () => {
    // brightness +100: 200 → 300 → clamped 255; contrast 0.5: 128 + 0.5 · 127 = 191.5
    const m = mangle(rgb([200, 0, 0]), { ...DEFAULT_MANGLE, brightness: 100, contrast: 0.5 });
    close(m.data, [191.5, 128 + 0.5 * (100 - 128), 128 + 0.5 * (100 - 128)]);
    // gains then posterize to 2 levels: 191.5 · 0.5 = 95.75 → 0; 114 · 2 = 228 → 255
    const p = mangle(rgb([200, 0, 0]), { ...DEFAULT_MANGLE, brightness: 100, contrast: 0.5, gains: [0.5, 2, 1], levels: 2 });
    expect([...p.data]).toEqual([0, 255, 0]);
  });
  it('is deterministic with noise', () => {
    const s = { ...DEFAULT_MANGLE, noise: 30, seed: 3 };
    const a = rgb([10, 20, 30, 40, 50, 60]);
    expect([...mangle(a, s).data]).toEqual([...mangle(a, s).data]);
  });
});

describe('mangle equals the single operations in order, clamped after each', () => {
  it('on RGBA and grey images, noise included', () => {
    const rand = (seed: number) => {
      let a = seed;
      return () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
    };
    const r = rand(9);
    const src: Img = { width: 5, height: 4, channels: 4, data: Float32Array.from({ length: 80 }, () => r() * 300 - 20) };
    const s = { brightness: -30, contrast: 1.7, saturation: 1.6, gains: [1.2, 0.7, 1.1] as [number, number, number], levels: 6, noise: 25, seed: 42 };
    const clampImg = (img: Img): Img => {
      const d = img.data;
      for (let i = 0; i < d.length; i++) if (img.channels !== 4 || i % 4 !== 3) d[i] = Math.min(255, Math.max(0, d[i]!));
      return img;
    };
    const chain = (img: Img) =>
      posterize(
        clampImg(
          addNoise(
            clampImg(
              channelGain(
                clampImg(
                  saturation(
                    clampImg(contrast(clampImg(brightness(clampImg({ ...img, data: img.data.slice() }), s.brightness)), s.contrast)),
                    s.saturation,
                  ),
                ),
                s.gains,
              ),
            ),
            s.noise,
            s.seed,
          ),
        ),
        s.levels,
      );
    const expected = chain(src);
    const actual = mangle(src, s);
    for (let i = 0; i < expected.data.length; i++) expect(actual.data[i]).toBeCloseTo(expected.data[i]!, 3);
    const grey: Img = { width: 4, height: 3, channels: 1, data: Float32Array.from({ length: 12 }, () => r() * 255) };
    const eg = chain(grey);
    const ag = mangle(grey, s);
    for (let i = 0; i < eg.data.length; i++) expect(ag.data[i]).toBeCloseTo(eg.data[i]!, 3);
  });
});
