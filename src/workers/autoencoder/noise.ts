/**
 * The denoiser's corruption of a batch, until src/lib/unsupervised/corrupt.ts (the ae part) is
 * merged: then `corruptionFor` becomes `(p, n, d, seed) => corruptBatch(p, n, d, corruption, seed)`
 * and this file goes. Seeded: the same seed gives the same damage; the input is left alone and
 * the result is clamped to 0..1.
 */
import { mulberry32 } from '../../lib/runtime/shuffle.ts';
import type { CorruptionSpec } from '../../lib/unsupervised/ae-spec.ts';

/** Corrupts n images of d pixels (row-major), returning a new array. */
export type CorruptBatch = (pixels: Float32Array, n: number, d: number, seed: number) => Float32Array;

export function corruptionFor(corruption: CorruptionSpec): CorruptBatch {
  return (pixels, _n, _d, seed) => {
    const rand = mulberry32(seed);
    const out = new Float32Array(pixels.length);
    const s = corruption.strength;
    for (let i = 0; i < pixels.length; i++) {
      let v = pixels[i]!;
      if (corruption.kind === 'gaussian') {
        // Box–Muller: a standard normal from two uniforms.
        v += s * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      } else if (rand() < s) v = corruption.kind === 'mask' ? 0 : rand() < 0.5 ? 0 : 1;
      out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    return out;
  };
}
