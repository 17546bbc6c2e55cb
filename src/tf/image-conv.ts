/**
 * The same convolution as src/lib/image/convolve.ts, computed by tf.conv2d (to check our loops
 * against it, and to time it on the GPU in `npm run bench`).
 *
 * Layout: each colour channel is filtered on its own, so the channels become the batch
 * dimension: input [C, H, W, 1], filter [k, k, 1, 1], stride 1, padding 'same' (for an odd k that
 * pads r = (k − 1)/2 zeros on every side: our 'zero' border). tf.conv2d is cross-correlation,
 * like `convolve`. Alpha (RGBA) is copied, not filtered.
 */
import type * as TF from '@tensorflow/tfjs';
import { fromPlanar, toPlanar } from '../lib/image/image.ts';
import type { Img, Kernel } from '../lib/image/types.ts';

type Tf = typeof TF;

/** The filtered colour planes as a [C, H, W, 1] tensor (the caller disposes it). */
export function tfConvolveTensor(tf: Tf, img: Img, kernel: Kernel): TF.Tensor4D {
  const { width: w, height: h } = img;
  const k = kernel.size;
  if (k % 2 !== 1 || kernel.values.length !== k * k) {
    throw new RangeError(`tfConvolve: the kernel must be square with an odd size; got size ${k} with ${kernel.values.length} values.`);
  }
  const planes = toPlanar(img);
  const c = planes.length / (w * h);
  return tf.tidy(() => {
    const x = tf.tensor4d(planes, [c, h, w, 1]);
    const f = tf.tensor4d(kernel.values, [k, k, 1, 1]);
    return tf.conv2d(x, f, 1, 'same');
  });
}

/** convolve(img, kernel, 'zero') computed by tf.conv2d (reads the result back synchronously). */
export function tfConvolve(tf: Tf, img: Img, kernel: Kernel): Img {
  const t = tfConvolveTensor(tf, img, kernel);
  try {
    return fromPlanar(t.dataSync(), img);
  } finally {
    t.dispose();
  }
}

/** As `tfConvolve`, reading the result back with `await data()` (does not block a GPU backend). */
export async function tfConvolveAsync(tf: Tf, img: Img, kernel: Kernel): Promise<Img> {
  const t = tfConvolveTensor(tf, img, kernel);
  try {
    return fromPlanar(await t.data(), img);
  } finally {
    t.dispose();
  }
}
