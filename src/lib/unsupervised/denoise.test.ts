import { describe, expect, it } from 'vitest';
import { gaussianBlur } from '../image/convolve.ts';
import { blurGrey, denoiseScores, formatError, scoresSentence } from './denoise.ts';

describe('blurGrey', () => {
  it('is the images lesson’s Gaussian blur on the 0..1 scale, clamped', () => {
    const img = new Float32Array(28 * 28);
    img[14 * 28 + 14] = 1;
    const out = blurGrey(img, 28, 1);
    const reference = gaussianBlur({ width: 28, height: 28, channels: 1, data: img.map((v) => v * 255) }, 1, 'clamp').data;
    out.forEach((v, i) => expect(v).toBeCloseTo(reference[i]! / 255, 6));
    expect(out[14 * 28 + 14]).toBeLessThan(0.2); // the dot spreads
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4); // and keeps its mass
    expect(img[14 * 28 + 14]).toBe(1); // the input is left alone
  });

  it('says when the width does not fit', () => {
    expect(() => blurGrey(new Float32Array(10), 3, 1)).toThrow(/10 pixels do not make rows of width 3/);
  });
});

describe('denoiseScores and the sentence', () => {
  const clean = Float32Array.from([0, 1, 0, 1]);
  it('scores each version against the clean image', () => {
    const s = denoiseScores(clean, Float32Array.from([1, 1, 0, 1]), Float32Array.from([0.5, 0.5, 0.5, 0.5]), Float32Array.from([0, 1, 0, 0.8]));
    expect(s).toEqual({ corrupted: 0.25, blurred: 0.25, restored: expect.closeTo(0.01, 6) as unknown as number });
    expect(scoresSentence(s)).toBe('Mean squared error vs the clean image: corrupted 0.250, blurred 0.250, denoised 0.010 (the autoencoder is best)');
  });

  it('waits for the model, and names the blur when it wins', () => {
    const s = denoiseScores(clean, Float32Array.from([1, 0, 0, 1]), Float32Array.from([0.5, 0.5, 0.5, 0.5]), null);
    expect(s.restored).toBeNull();
    expect(scoresSentence(s)).toBe('Error vs the clean image: corrupted 0.500, blurred 0.250; the denoising autoencoder is loading');
    expect(scoresSentence({ ...s, restored: 0.3 })).toMatch(/\(the blur is best\)$/);
    expect(scoresSentence({ corrupted: 0, blurred: 0.1, restored: 0.2 })).toMatch(/corrupted 0, .*\(neither helps here\)$/);
    expect(formatError(0.0004)).toBe('4.0e-4');
  });
});
