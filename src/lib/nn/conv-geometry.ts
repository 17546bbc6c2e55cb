/**
 * The geometry of a 2D convolution or pooling patch, and im2col: the patches of a batch of
 * images unrolled into the rows of one matrix, so that a convolution becomes one matrix product.
 * Shared by the engine's Conv2D and MaxPool2D (src/lib/nn), the wasm training kernels (src/tf)
 * and the convolution explorer. Pure: no tfjs, no DOM.
 *
 * Layouts are tfjs' own: images are NHWC (batch, height, width, channels) row-major in one
 * Float32Array; a filter is [kernelHeight, kernelWidth, inChannels, outChannels], so flattened
 * it is a (kernelHeight · kernelWidth · inChannels) × outChannels matrix W. With the columns
 * matrix C of im2col (one row per output position, one column per kernel tap and channel, in
 * the order kh, kw, c), the convolution's output is C · W, rows in (batch, outY, outX) order.
 */

/** One spatial axis of a sliding patch: input size n, kernel k, stride s, padding p (each side), dilation d. */
export interface AxisSetting {
  n: number;
  k: number;
  s: number;
  p: number;
  d: number;
}

/**
 * The output size along one axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1. Assumes a valid setting
 * (see `axisProblem`); 0 or less means the patch does not fit.
 */
export function outputSize({ n, k, s, p, d }: AxisSetting): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/** The span of a dilated kernel: d(k − 1) + 1 input cells from its first tap to its last. */
export const effectiveKernel = (k: number, d: number): number => d * (k - 1) + 1;

/**
 * Why a setting is impossible, in words a reader can act on; null when it is fine. Checks that
 * every number is a whole number in range and that the dilated kernel fits in the padded input.
 */
export function axisProblem({ n, k, s, p, d }: AxisSetting): string | null {
  const whole = (v: number): boolean => Number.isInteger(v);
  if (!whole(n) || n < 1) return `The input size must be a whole number of at least 1 (got ${n}).`;
  if (!whole(k) || k < 1) return `The kernel size must be a whole number of at least 1 (got ${k}).`;
  if (!whole(s) || s < 1) return `The stride must be a whole number of at least 1 (got ${s}).`;
  if (!whole(p) || p < 0) return `The padding must be a whole number of at least 0 (got ${p}).`;
  if (!whole(d) || d < 1) return `The dilation must be a whole number of at least 1 (got ${d}).`;
  const span = effectiveKernel(k, d);
  if (span > n + 2 * p) {
    return (
      `The kernel spans ${span} cells (dilation ${d} × (${k} − 1) + 1) but the padded input has only ${n + 2 * p} ` +
      `(${n} + 2 × ${p}): use a smaller kernel or dilation, or more padding.`
    );
  }
  if (p >= span) return `Padding ${p} is as wide as the kernel's span (${span}): some outputs would see only padding. Use less than ${span}.`;
  return null;
}

/** Everything im2col needs: the input batch's shape, the patch, and the output size. */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  /** Zero padding before the first row and column (tfjs' 'same' pads any odd extra at the bottom and right). */
  padTop: number;
  padLeft: number;
  outHeight: number;
  outWidth: number;
}

/** A geometry from symmetric settings per axis (padding p on every side), output sizes by `outputSize`. */
export function convGeometry(batch: number, inChannels: number, height: AxisSetting, width: AxisSetting): ConvGeometry {
  return {
    batch,
    inHeight: height.n,
    inWidth: width.n,
    inChannels,
    kernelHeight: height.k,
    kernelWidth: width.k,
    strideHeight: height.s,
    strideWidth: width.s,
    dilationHeight: height.d,
    dilationWidth: width.d,
    padTop: height.p,
    padLeft: width.p,
    outHeight: outputSize(height),
    outWidth: outputSize(width),
  };
}

/** Rows and columns of the im2col matrix: one row per output position, one column per tap and channel. */
export function im2colShape(g: ConvGeometry): { rows: number; cols: number } {
  return { rows: g.batch * g.outHeight * g.outWidth, cols: g.kernelHeight * g.kernelWidth * g.inChannels };
}

/**
 * Unrolls the patches of `input` (NHWC) into `out` (rows × cols, row-major; allocated when not
 * given). Taps that fall in the padding read 0. Returns `out`.
 */
export function im2col(input: Float32Array, g: ConvGeometry, out?: Float32Array): Float32Array {
  const { rows, cols } = im2colShape(g);
  const result = out ?? new Float32Array(rows * cols);
  if (result.length < rows * cols) throw new RangeError(`im2col: the output holds ${result.length} values, ${rows * cols} needed.`);
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const y = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const x = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
            if (y < 0 || y >= H || x < 0 || x >= W) {
              result.fill(0, o, o + C);
            } else {
              const src = image + (y * W + x) * C;
              for (let c = 0; c < C; c++) result[o + c] = input[src + c]!;
            }
            o += C;
          }
        }
      }
    }
  }
  return result;
}

/**
 * The adjoint of im2col: adds every entry of `columns` (rows × cols) back into the input cell it
 * was read from, into `out` (NHWC, zeroed first; allocated when not given). Padding taps are
 * dropped. This turns dL/dC into dL/dInput for a convolution's backward pass.
 */
export function col2im(columns: Float32Array, g: ConvGeometry, out?: Float32Array): Float32Array {
  const size = g.batch * g.inHeight * g.inWidth * g.inChannels;
  const result = out ?? new Float32Array(size);
  if (result.length < size) throw new RangeError(`col2im: the output holds ${result.length} values, ${size} needed.`);
  result.fill(0, 0, size);
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    const image = b * H * W * C;
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const y = oy * g.strideHeight - g.padTop + ky * g.dilationHeight;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const x = ox * g.strideWidth - g.padLeft + kx * g.dilationWidth;
            if (y >= 0 && y < H && x >= 0 && x < W) {
              const dst = image + (y * W + x) * C;
              for (let c = 0; c < C; c++) result[dst + c]! += columns[o + c]!;
            }
            o += C;
          }
        }
      }
    }
  }
  return result;
}
