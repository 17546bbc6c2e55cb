/** tf.conv2d (cpu backend) agrees with our direct convolution with the zero border. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convolve } from '../lib/image/convolve.ts';
import { createImg } from '../lib/image/image.ts';
import { gaussianKernel, KERNEL_PRESETS, makeKernel } from '../lib/image/kernels.ts';
import type { Img, Kernel } from '../lib/image/types.ts';
import { mulberry32 } from '../lib/runtime/shuffle.ts';
import { tfConvolve, tfConvolveAsync } from './image-conv.ts';

function randomImg(width: number, height: number, channels: Img['channels'], seed: number): Img {
  const rand = mulberry32(seed);
  const img = createImg(width, height, channels);
  for (let i = 0; i < img.data.length; i++) img.data[i] = rand();
  return img;
}
function randomKernel(size: number, seed: number): Kernel {
  const rand = mulberry32(seed);
  return makeKernel(
    size,
    Array.from({ length: size * size }, () => rand() * 2 - 1),
  );
}
function maxDiff(a: Img, b: Img): number {
  expect([a.width, a.height, a.channels]).toEqual([b.width, b.height, b.channels]);
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('tfConvolve', () => {
  const img = randomImg(23, 17, 3, 11); // odd, non-square, values in [0, 1]
  for (const size of [3, 5]) {
    it(`agrees with convolve(…, 'zero') within 1e-5 for a random ${size}×${size} kernel`, () => {
      const k = randomKernel(size, size);
      const ours = convolve(img, k, 'zero');
      const theirs = tfConvolve(tf, img, k);
      expect(maxDiff(ours, theirs)).toBeLessThan(1e-5);
      expect(ours.data.some((v) => v < 0)).toBe(true); // a real test: signed results too
    });
  }
  it('agrees for the presets on an RGBA image, copies alpha, and leaves no tensors behind', async () => {
    const rgba = randomImg(9, 6, 4, 5);
    const before = tf.memory().numTensors;
    for (const k of [KERNEL_PRESETS.sobelX.kernel, KERNEL_PRESETS.emboss.kernel, gaussianKernel(1, 5)]) {
      const theirs = await tfConvolveAsync(tf, rgba, k);
      expect(maxDiff(convolve(rgba, k, 'zero'), theirs)).toBeLessThan(1e-5);
      for (let i = 3; i < rgba.data.length; i += 4) expect(theirs.data[i]).toBe(rgba.data[i]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
  it('works on a grey image', () => {
    const g = randomImg(8, 5, 1, 9);
    const k = randomKernel(3, 4);
    expect(maxDiff(convolve(g, k, 'zero'), tfConvolve(tf, g, k))).toBeLessThan(1e-5);
  });
});
