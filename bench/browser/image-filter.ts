/**
 * Browser side of the `image-filter` benchmark (`npm run bench -- --only image-filter`), called
 * through window.tinkerBench.imageFilter (bench/browser/install.ts loads this module lazily).
 *
 * Times filtering a synthetic (seeded) RGB image with a 5×5 Gaussian (σ = 1, zero border), three
 * ways side by side in one page: the direct 2D loops (`convolve`), the separable TypeScript passes
 * (`convolveSeparable`, what `gaussianBlur` does), and tf.conv2d on the active backend (auto).
 * Each figure is the median of `runs` runs; the tfjs path is warmed up once first (shader
 * compilation, wasm start-up) and timed up to `await data()`.
 */
import { convolve, convolveSeparable } from '../../src/lib/image/convolve.ts';
import { createImg, toPlanar, toRgba } from '../../src/lib/image/image.ts';
import { gaussianKernel, gaussianKernel1d } from '../../src/lib/image/kernels.ts';
import type { Img } from '../../src/lib/image/types.ts';
import { mulberry32 } from '../../src/lib/runtime/shuffle.ts';
import { pauseForPaint } from '../../src/lib/runtime/yield.ts';

export interface ImageFilterBenchOptions {
  /** Side of the square benchmark image (default 1024). */
  size?: number;
  /** Side of the widget-sized image (default 512). */
  widgetSize?: number;
  /** Timed runs per method (default 7). */
  runs?: number;
}

export interface TimedRuns {
  medianMs: number;
  runsMs: number[];
}

export interface ImageFilterBenchResult {
  size: number;
  widgetSize: number;
  runs: number;
  naive: TimedRuns;
  separable: TimedRuns;
  /** Img in → Img out: planar copy, upload, conv2d, `await data()`, copy back. */
  tf: TimedRuns;
  /** conv2d on a tensor already on the backend, then `await data()`. */
  tfResident: TimedRuns;
  /** The first (warm-up) tf run: includes shader compilation / kernel set-up. */
  tfWarmupMs: number;
  backend: string;
  fallbackReason?: string;
  /** Largest |difference| between the naive result and the separable / tf results. */
  maxDiffSeparable: number;
  maxDiffTf: number;
  /** The widget's redraw cost at widgetSize²: naive 5×5 filter, separable, and toRgba for drawing. */
  widgetNaive: TimedRuns;
  widgetSeparable: TimedRuns;
  widgetToRgba: TimedRuns;
}

/** A seeded RGB image: smooth gradients plus noise, values 0–255. */
function syntheticImage(size: number, seed: number): Img {
  const rand = mulberry32(seed);
  const img = createImg(size, size, 3);
  const d = img.data;
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i += 3) {
      d[i] = (x / size) * 200 + rand() * 55;
      d[i + 1] = (y / size) * 200 + rand() * 55;
      d[i + 2] = rand() * 255;
    }
  }
  return img;
}

const pause = pauseForPaint;

async function timeRuns(runs: number, f: () => unknown | Promise<unknown>): Promise<TimedRuns> {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await pause(); // let the page breathe between runs
    const t0 = performance.now();
    await f();
    runsMs.push(performance.now() - t0);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianMs, runsMs };
}

function maxDiff(a: Img, b: Img): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

export async function imageFilterBench(options: ImageFilterBenchOptions = {}): Promise<ImageFilterBenchResult> {
  const size = options.size ?? 1024;
  const widgetSize = options.widgetSize ?? 512;
  const runs = options.runs ?? 7;
  const [tf, { initBackend }, { tfConvolveAsync }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('../../src/tf/backend.ts'),
    import('../../src/tf/image-conv.ts'),
  ]);
  const chosen = await initBackend(tf, 'auto');

  const img = syntheticImage(size, 1);
  const kernel = gaussianKernel(1, 5);
  const g = gaussianKernel1d(1, 5);

  // Pure TypeScript: warm the JIT once, then time.
  const naiveOut = convolve(img, kernel, 'zero');
  const naive = await timeRuns(runs, () => convolve(img, kernel, 'zero'));
  const sepOut = convolveSeparable(img, g, g, 'zero');
  const separable = await timeRuns(runs, () => convolveSeparable(img, g, g, 'zero'));

  // tfjs: warm-up run (timed on its own), then the timed runs.
  const w0 = performance.now();
  const tfOut = await tfConvolveAsync(tf, img, kernel);
  const tfWarmupMs = performance.now() - w0;
  const tfTimed = await timeRuns(runs, () => tfConvolveAsync(tf, img, kernel));

  const x = tf.tensor4d(toPlanar(img), [3, size, size, 1]);
  const f = tf.tensor4d(kernel.values, [5, 5, 1, 1]);
  let tfResident: TimedRuns;
  try {
    tfResident = await timeRuns(runs, async () => {
      const y = tf.conv2d(x, f, 1, 'same');
      try {
        await y.data();
      } finally {
        y.dispose();
      }
    });
  } finally {
    x.dispose();
    f.dispose();
  }

  // The widget's redraw at 512×512.
  const small = syntheticImage(widgetSize, 2);
  convolve(small, kernel, 'clamp');
  const widgetNaive = await timeRuns(runs, () => convolve(small, kernel, 'clamp'));
  const widgetSeparable = await timeRuns(runs, () => convolveSeparable(small, g, g, 'clamp'));
  const rgbaOut = new Uint8ClampedArray(widgetSize * widgetSize * 4);
  const widgetToRgba = await timeRuns(runs, () => toRgba(small, 'clamp', rgbaOut));

  return {
    size,
    widgetSize,
    runs,
    naive,
    separable,
    tf: tfTimed,
    tfResident,
    tfWarmupMs,
    backend: chosen.backend,
    ...(chosen.fallbackReason ? { fallbackReason: chosen.fallbackReason } : {}),
    maxDiffSeparable: maxDiff(naiveOut, sepOut),
    maxDiffTf: maxDiff(naiveOut, tfOut),
    widgetNaive,
    widgetSeparable,
    widgetToRgba,
  };
}
