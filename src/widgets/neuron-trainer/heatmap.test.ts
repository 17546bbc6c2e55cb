import { describe, expect, it } from 'vitest';
import { describeWeights, divergingRgb, maxAbs, weightPixels } from './heatmap.ts';
import { NEGATIVE_RGB, POSITIVE_RGB, ZERO_RGB } from './markup.ts';

describe('divergingRgb', () => {
  it('maps −limit, 0 and +limit to blue, light and red, clamping beyond', () => {
    expect(divergingRgb(-2, 2)).toEqual([...NEGATIVE_RGB]);
    expect(divergingRgb(0, 2)).toEqual([...ZERO_RGB]);
    expect(divergingRgb(2, 2)).toEqual([...POSITIVE_RGB]);
    expect(divergingRgb(9, 2)).toEqual([...POSITIVE_RGB]);
    const half = divergingRgb(1, 2);
    expect(half[0]).toBe(Math.round((247 + 178) / 2));
  });
});

describe('weightPixels', () => {
  it('scales by the largest |w| and writes opaque RGBA', () => {
    const out = new Uint8ClampedArray(8);
    expect(weightPixels([0.5, -0.25], out)).toBe(0.5);
    expect([...out.subarray(0, 4)]).toEqual([...POSITIVE_RGB, 255]);
    expect(out[7]).toBe(255);
    expect(maxAbs([0, 0])).toBeGreaterThan(0);
  });
});

describe('describeWeights', () => {
  it('says when nothing is learned yet', () => {
    expect(describeWeights(new Float32Array(784))).toMatch(/not learned anything/);
  });
  it('reports the range and contrasts the ring with the centre', () => {
    const w = new Float32Array(784);
    for (let i = 0; i < 784; i++) {
      const r = Math.hypot(Math.floor(i / 28) + 0.5 - 14, (i % 28) + 0.5 - 14) / 28;
      w[i] = r < 0.12 ? -0.5 : r < 0.36 ? 0.25 : 0;
    }
    const text = describeWeights(w);
    expect(text).toMatch(/from −0\.50 to \+0\.25/);
    expect(text).toMatch(/centre of the image averages −0\.50 and a ring around it \+0\.25: ink on the ring/);
  });
});
