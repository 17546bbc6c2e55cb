/**
 * The gradient of max pooling over NHWC images, as plain loops over the
 * patch geometry of ./conv-geometry.ts (kernel = pool patch, inChannels = channels; the output
 * has the same channels). Used by the wasm backend's training kernels (src/tf/wasm-kernels.ts).
 *
 * The semantics follow TensorFlow.js' cpu backend, the reference the kernels are tested against:
 *  - each output's gradient goes to the FIRST largest input of its patch (row by
 *    row), looking only at taps inside the image: a patch of −4, −3, −2, −1 sends it to −1;
 *  - padding taps are skipped, never read as 0 (a patch of negatives next to the border
 *    does not pick the padding).
 */
import type { ConvGeometry } from './conv-geometry.ts';

/** Values an NHWC output of the geometry holds: batch · outHeight · outWidth · channels. */
export const pooledSize = (g: ConvGeometry): number => g.batch * g.outHeight * g.outWidth * g.inChannels;

/** Values the NHWC input holds: batch · inHeight · inWidth · channels. */
const inputSize = (g: ConvGeometry): number => g.batch * g.inHeight * g.inWidth * g.inChannels;

function checkLength(name: string, what: string, array: Float32Array, needed: number): void {
  if (array.length < needed) throw new RangeError(`${name}: ${what} holds ${array.length} values, ${needed} needed.`);
}

/**
 * Calls `visit(outIndex, tapIndices, count)` for every output cell (b, oy, ox) with the input
 * offsets (of channel 0) of the patch's in-image taps, row by row. One scratch array serves
 * every patch, so the loops allocate nothing per cell.
 */
function forEachWindow(g: ConvGeometry, visit: (out: number, taps: Int32Array, count: number) => void): void {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  const taps = new Int32Array(g.kernelHeight * g.kernelWidth);
  let out = 0;
  for (let b = 0; b < g.batch; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        let count = 0;
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const y = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
          if (y < 0 || y >= H) continue;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const x = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
            if (x >= 0 && x < W) taps[count++] = image + (y * W + x) * C;
          }
        }
        visit(out, taps, count);
        out += C;
      }
    }
  }
}

/**
 * The gradient of max pooling: every output's dy goes to the first largest in-image input of its
 * patch (ties: the first, row by row). `dx` is overwritten.
 */
export function maxPoolBackward(input: Float32Array, dy: Float32Array, g: ConvGeometry, dx?: Float32Array): Float32Array {
  checkLength('maxPoolBackward', 'the input', input, inputSize(g));
  checkLength('maxPoolBackward', 'dy', dy, pooledSize(g));
  const result = dx ?? new Float32Array(inputSize(g));
  checkLength('maxPoolBackward', 'dx', result, inputSize(g));
  result.fill(0, 0, inputSize(g));
  const C = g.inChannels;
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  forEachWindow(g, (o, taps, count) => {
    best.fill(Number.NEGATIVE_INFINITY);
    where.fill(-1);
    for (let t = 0; t < count; t++) {
      const src = taps[t]!;
      for (let c = 0; c < C; c++) {
        const v = input[src + c]!;
        // Strictly greater: the first of equal values wins (and a patch of −Infinity or NaN passes nothing, as in tfjs).
        if (v > best[c]!) {
          best[c] = v;
          where[c] = src + c;
        }
      }
    }
    for (let c = 0; c < C; c++) {
      const at = where[c]!;
      if (at >= 0) result[at]! += dy[o + c]!;
    }
  });
  return result;
}
