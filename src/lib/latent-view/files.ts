/**
 * Reading the latent view's files, checked: an embedding (Float32, n × 3, the test images in order)
 * and PCA's basis (Float32: the mean image, then the components, each `pixels` long), which turns a
 * position in the first three components back into an image.
 */

export class LatentFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LatentFileError';
  }
}

/** n × dims Float32 values from `buffer`; its size must be exactly that. */
export function parseEmbedding(buffer: ArrayBuffer, n: number, dims: number, file: string): Float32Array {
  const expected = n * dims * 4;
  if (buffer.byteLength !== expected) {
    throw new LatentFileError(
      `${file} holds ${buffer.byteLength} bytes, not ${expected} (${n.toLocaleString('en-US')} points × ${dims} float32): it is not the embedding of the test set.`,
    );
  }
  const values = new Float32Array(buffer.slice(0));
  if (!values.every(Number.isFinite)) throw new LatentFileError(`${file} contains values that are not finite numbers.`);
  return values;
}

export interface PcaBasis {
  pixels: number;
  components: number;
  mean: Float32Array;
  /** components × pixels, row-major, by decreasing variance. */
  basis: Float32Array;
}

/** The mean and components from a pca.bin of images of `pixels` pixels; at least `needed` components. */
export function parsePcaBasis(buffer: ArrayBuffer, pixels: number, needed: number, file: string): PcaBasis {
  const floats = buffer.byteLength / 4;
  const components = floats / pixels - 1;
  if (!Number.isInteger(components) || components < needed) {
    throw new LatentFileError(
      `${file} holds ${buffer.byteLength} bytes: not a mean and at least ${needed} components of ${pixels} pixels each (float32).`,
    );
  }
  const all = new Float32Array(buffer.slice(0));
  return { pixels, components, mean: all.subarray(0, pixels), basis: all.subarray(pixels) };
}

/** The image at `coords` (one number per component used): mean + Σ coords[k] · component k. */
export function pcaImage(pca: PcaBasis, coords: ArrayLike<number>): Float32Array {
  if (coords.length > pca.components) throw new LatentFileError(`PCA has ${pca.components} components, not ${coords.length}.`);
  const out = Float32Array.from(pca.mean);
  for (let k = 0; k < coords.length; k++) {
    const c = coords[k]!;
    const row = k * pca.pixels;
    for (let p = 0; p < pca.pixels; p++) out[p]! += c * pca.basis[row + p]!;
  }
  return out;
}
