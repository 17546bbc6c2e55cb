/**
 * Browser side of `npm run bench` (bench/run.ts), installed as `window.tinkerBench` by the
 * hidden page bench/pages/bench.astro. tfjs is imported lazily, inside each benchmark.
 *
 *  - workerVsMain: the same MLP on the same backend, trained (a) by our worker training loop
 *    and (b) by a plain main-thread `model.fit` (the standard tfjs way), measuring examples/s
 *    and the longest main-thread task during each (Long Tasks API, plus heartbeat gaps)
 *    (./training.ts, with backendsInWorker and the auto-backend probes).
 *  - loadFashionTrain: fetch + gunzip + verify + parse of the 60,000 Fashion-MNIST training images (./data.ts).
 *  - codeRun: a code cell's run, timed by phase (./code.ts).
 *  - imageFilter: a 5×5 Gaussian on a 1024×1024 RGB image, naive vs separable TypeScript vs
 *    tf.conv2d (./image-filter.ts, loaded on demand).
 *  - nn: the from-scratch engine (src/lib/nn) vs tfjs cpu and wasm training the same MLP
 *    (bench/shared/nn-bench.ts, loaded on demand; bench/run.ts runs the same code in Node too).
 *  - rl: tabular Q-learning on 3×3 Snake, time to 60/90/99% greedy wins, and the exact optimum
 *    (bench/shared/qlearning-bench.ts, loaded on demand; bench/run.ts runs it in Node too).
 *  - supervised: the model builder's worker vs the from-scratch worker, time to 97% and examples/s (./supervised.ts).
 *  - author: the /author live preview on a 5,000-word, 100-formula lesson: cold render, then render
 *    plus the page's DOM update after typical edits (./author-page.ts, which the bench page passes
 *    in as an extra entry; Node runs the render part too).
 */
import { loadSplit } from '../../src/lib/data/load.ts';
import { startTraining } from '../../src/workers/train/client.ts';
import { detectCapabilities } from '../../src/tf/capabilities.ts';
import type { ImageFilterBenchOptions } from './image-filter.ts';
import type { NnBenchOptions, NnBenchResult } from '../shared/nn-bench.ts';
import type { QBenchOptions } from '../shared/qlearning-bench.ts';
import { codeRun } from './code.ts';
import type { SupervisedBenchOptions } from './supervised.ts';
import { loadFashionTrain, loadSplitSummary } from './data.ts';
import { dataUrl } from './training.ts';
import { autoBackend, autoBackendInWorker, backendsInWorker, runMainThreadFit, runSession, workerVsMain } from './training.ts';

/** The `nn` benchmark in this page: MNIST through the site's loader, wasm set up as the site does (backend.ts). */
async function nnBench(options: NnBenchOptions = {}): Promise<NnBenchResult> {
  const [tf, { tryBackend }, { runNnBench, nnBenchImagesNeeded }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('../../src/tf/backend.ts'),
    import('../shared/nn-bench.ts'),
  ]);
  const split = await loadSplit(dataUrl(), 'mnist', 'train', { limit: nnBenchImagesNeeded(options) });
  const data = { images: split.images, labels: split.labels, count: split.count, pixels: split.rows * split.cols };
  return runNnBench(
    tf,
    data,
    async (name) => {
      const attempt = await tryBackend(tf, name, true);
      return attempt.ok ? null : (attempt.reason ?? `${name} could not start`);
    },
    options,
  );
}

/**
 * Installs window.tinkerBench. `extra` adds benchmarks the bench page passes in (the /author
 * page's DOM update, which needs the page's CSS).
 */
export function installBench(extra: Record<string, (options?: never) => Promise<unknown>> = {}): void {
  const bench = {
    ...extra,
    workerVsMain,
    backendsInWorker,
    runMainThreadFit,
    runSession,
    loadFashionTrain,
    loadSplitSummary,
    autoBackend,
    autoBackendInWorker,
    codeRun,
    /** The image-filter benchmark (./image-filter.ts, loaded on demand). */
    imageFilter: async (options?: ImageFilterBenchOptions) => (await import('./image-filter.ts')).imageFilterBench(options),
    /** The nn benchmark: engine vs tfjs cpu and wasm (bench/shared/nn-bench.ts, loaded on demand). */
    nn: nnBench,
    /** The rl benchmark: Q-learning on 3×3 Snake on the page's main thread (bench/shared/qlearning-bench.ts, loaded on demand). */
    rl: async (options?: QBenchOptions) => (await import('../shared/qlearning-bench.ts')).runQBench(options),
    /** The supervised benchmark: the builder worker vs the from-scratch worker on 784-128-10 (./supervised.ts, loaded on demand). */
    supervised: async (options?: SupervisedBenchOptions) => (await import('./supervised.ts')).supervisedBench(options),
    capabilities: detectCapabilities,
    /** For manual checks from the console (stop, lost context…). */
    startTraining,
  };
  (window as unknown as { tinkerBench: typeof bench }).tinkerBench = bench;
  document.documentElement.dataset['benchReady'] = 'true';
}
