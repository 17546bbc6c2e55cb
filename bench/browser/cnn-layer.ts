/**
 * The `cnn` benchmark's layer part (bench/browser/cnn.ts): one realistic convolution (64 × 28 × 28 × 8
 * input, 3 × 3 kernel, 16 filters, stride 1, 'same'), forward and backward, three ways:
 *  - naive loops: the textbook nested loops over output, kernel and channels (TypeScript);
 *  - im2col + gemm: src/lib/nn/conv-geometry.ts and src/lib/nn/gemm.ts (TypeScript);
 *  - tfjs on wasm: tf.conv2d forward (XNNPACK), and the backward kernels of src/tf/wasm-kernels.ts.
 * Each figure is the fastest of a few repetitions, in milliseconds.
 */
import type * as TF from '@tensorflow/tfjs';
import { col2im, convGeometry, im2col, im2colShape, type ConvGeometry } from '../../src/lib/nn/conv-geometry.ts';
import { gemmNN, gemmNT, gemmTN } from '../../src/lib/nn/gemm.ts';

export interface LayerTimes {
  forward: number;
  filterGrad: number;
  inputGrad: number;
}

export interface LayerBenchResult {
  shape: string;
  naive: LayerTimes;
  im2colGemm: LayerTimes;
  wasm: LayerTimes;
}

function fastest(reps: number, f: () => void): number {
  f();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** y = conv(x, w) by the textbook loops: every output position, kernel tap, input channel and filter. */
function naiveConv(g: ConvGeometry, x: Float32Array, w: Float32Array, y: Float32Array, outC: number): void {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  y.fill(0);
  for (let b = 0; b < g.batch; b++)
    for (let oy = 0; oy < g.outHeight; oy++)
      for (let ox = 0; ox < g.outWidth; ox++) {
        const o = ((b * g.outHeight + oy) * g.outWidth + ox) * outC;
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const iy = oy * g.strideHeight - g.padTop + ky;
          if (iy < 0 || iy >= H) continue;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const ix = ox * g.strideWidth - g.padLeft + kx;
            if (ix < 0 || ix >= W) continue;
            const i = ((b * H + iy) * W + ix) * C;
            const wBase = (ky * g.kernelWidth + kx) * C * outC;
            for (let c = 0; c < C; c++) {
              const xv = x[i + c]!;
              for (let f = 0; f < outC; f++) y[o + f]! += xv * w[wBase + c * outC + f]!;
            }
          }
        }
      }
}

/** The same loops backwards: dW (when given) and dx (when given) from dy. */
function naiveGrads(
  g: ConvGeometry,
  x: Float32Array,
  w: Float32Array,
  dy: Float32Array,
  dw: Float32Array | null,
  dx: Float32Array | null,
  outC: number,
): void {
  const { inHeight: H, inWidth: W, inChannels: C } = g;
  dw?.fill(0);
  dx?.fill(0);
  for (let b = 0; b < g.batch; b++)
    for (let oy = 0; oy < g.outHeight; oy++)
      for (let ox = 0; ox < g.outWidth; ox++) {
        const o = ((b * g.outHeight + oy) * g.outWidth + ox) * outC;
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const iy = oy * g.strideHeight - g.padTop + ky;
          if (iy < 0 || iy >= H) continue;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const ix = ox * g.strideWidth - g.padLeft + kx;
            if (ix < 0 || ix >= W) continue;
            const i = ((b * H + iy) * W + ix) * C;
            const wBase = (ky * g.kernelWidth + kx) * C * outC;
            for (let c = 0; c < C; c++) {
              for (let f = 0; f < outC; f++) {
                const d = dy[o + f]!;
                if (dw) dw[wBase + c * outC + f]! += x[i + c]! * d;
                if (dx) dx[i + c]! += w[wBase + c * outC + f]! * d;
              }
            }
          }
        }
      }
}

export async function layerBench(tf: typeof TF, reps = 3): Promise<LayerBenchResult> {
  const [batch, size, inC, k, outC] = [64, 28, 8, 3, 16];
  const g = convGeometry(batch, inC, { n: size, k, s: 1, p: 1, d: 1 }, { n: size, k, s: 1, p: 1, d: 1 });
  const { rows, cols } = im2colShape(g);
  const random = (n: number): Float32Array => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
  const x = random(batch * size * size * inC);
  const w = random(k * k * inC * outC);
  const dy = random(rows * outC);
  const y = new Float32Array(rows * outC);
  const dw = new Float32Array(w.length);
  const dx = new Float32Array(x.length);
  const columns = new Float32Array(rows * cols);

  const naive: LayerTimes = {
    forward: fastest(reps, () => naiveConv(g, x, w, y, outC)),
    filterGrad: fastest(reps, () => naiveGrads(g, x, w, dy, dw, null, outC)),
    inputGrad: fastest(reps, () => naiveGrads(g, x, w, dy, null, dx, outC)),
  };
  const im2colGemm: LayerTimes = {
    forward: fastest(reps, () => gemmNN(im2col(x, g, columns), w, y, rows, cols, outC)),
    filterGrad: fastest(reps, () => gemmTN(im2col(x, g, columns), dy, dw, cols, rows, outC)),
    inputGrad: fastest(reps, () => col2im(gemmNT(dy, w, columns, rows, outC, cols), g, dx)),
  };

  const xt = tf.tensor4d(x, [batch, size, size, inC]);
  const wt = tf.tensor4d(w, [k, k, inC, outC]);
  const dyt = tf.tensor4d(dy, [batch, size, size, outC]);
  const run = (f: () => TF.Tensor): void => {
    const t = f();
    t.dataSync();
    t.dispose();
  };
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC' };
  const wasm: LayerTimes = {
    forward: fastest(reps, () => run(() => tf.conv2d(xt, wt, 1, 'same'))),
    filterGrad: fastest(reps, () =>
      run(() => tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy: dyt }, { ...attrs, filterShape: [k, k, inC, outC] }) as TF.Tensor),
    ),
    inputGrad: fastest(reps, () =>
      run(
        () => tf.engine().runKernel('Conv2DBackpropInput', { dy: dyt, filter: wt }, { ...attrs, inputShape: [batch, size, size, inC] }) as TF.Tensor,
      ),
    ),
  };
  tf.dispose([xt, wt, dyt]);
  return { shape: `${batch}×${size}×${size}×${inC} input, ${k}×${k} kernel, ${outC} filters, stride 1, same`, naive, im2colGemm, wasm };
}
