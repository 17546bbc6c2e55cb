/** nn: the from-scratch engine vs tfjs cpu and wasm (bench/shared/nn-bench.ts), in the page and in this Node process. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseImages, parseLabels } from '../../src/lib/data/idx.ts';
import type { NnBenchBackend, NnBenchData, NnBenchOptions, NnBenchResult } from '../shared/nn-bench.ts';
import { fmt, type Benchmark, type Row } from './types.ts';
import { errorText } from '../../src/lib/format/error-text.ts';

/** MNIST training images for the Node side: public/data/mnist, else $DATASETS_DIR/mnist, else the build's data/mnist. */
function readMnistTrain(dist: string, limit: number): NnBenchData {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dirs = [
    join(root, 'public', 'data', 'mnist'),
    ...(process.env.DATASETS_DIR ? [join(resolve(process.env.DATASETS_DIR), 'mnist')] : []),
    join(dist, 'data', 'mnist'),
  ];
  const dir = dirs.find((d) => existsSync(join(d, 'train-images-idx3-ubyte.gz')) && existsSync(join(d, 'train-labels-idx1-ubyte.gz')));
  if (!dir) throw new Error(`No MNIST training files in ${dirs.join(', ')}: run \`npm run datasets\` first.`);
  const images = parseImages(gunzipSync(readFileSync(join(dir, 'train-images-idx3-ubyte.gz'))), 'mnist/train-images-idx3-ubyte.gz');
  const labels = parseLabels(gunzipSync(readFileSync(join(dir, 'train-labels-idx1-ubyte.gz'))), 'mnist/train-labels-idx1-ubyte.gz');
  const count = Math.min(limit, images.count, labels.count);
  const pixels = images.rows * images.cols;
  return { images: images.data.subarray(0, count * pixels), labels: labels.data.subarray(0, count), count, pixels };
}

/** The same measurement as the page's, run in this Node process (tfjs cpu, and wasm loaded from node_modules). */
async function nodeNnBench(options: NnBenchOptions, dist: string): Promise<NnBenchResult> {
  const [tf, wasm, { runNnBench, nnBenchImagesNeeded }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('@tensorflow/tfjs-backend-wasm'),
    import('../shared/nn-bench.ts'),
  ]);
  // The .wasm binaries sit next to the package's main file; Node reads them from disk.
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // same as the site (no cross-origin isolation there)
  tf.env().set('PROD', true); // no "install tfjs-node" banner in the middle of the table
  wasm.setWasmPaths(`${wasmDir}${sep}`);
  const useBackend = async (name: NnBenchBackend): Promise<string | null> => {
    try {
      if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
      await tf.ready();
      return tf.getBackend() === name ? null : `tfjs ended up on ${tf.getBackend()}`;
    } catch (err) {
      return errorText(err);
    }
  };
  return runNnBench(tf, readMnistTrain(dist, nnBenchImagesNeeded(options)), useBackend, options);
}

/** Rows for one NnBenchResult, labelled with where it ran. */
function nnRows(where: string, r: NnBenchResult): Row[] {
  const rows: Row[] = [];
  const ex = (t: { examplesPerSecond: number } | undefined) => (t ? fmt(t.examplesPerSecond) : '—');
  rows.push({ label: `[${where}] examples/s, this engine`, value: ex(r.engine) });
  const losses = [`engine ${r.engine.finalLoss?.toFixed(4) ?? '?'}`];
  const best = new Map<string, { eps: number; how: string }>();
  for (const b of r.tf) {
    if (b.error) {
      rows.push({ label: `[${where}] examples/s, tfjs ${b.backend}`, value: `failed: ${b.error}` });
      continue;
    }
    const left = b.tensorsLeft ? `  (${b.tensorsLeft} tensors left!)` : '';
    rows.push({ label: `[${where}] examples/s, tfjs ${b.backend}, custom loop (minimize)`, value: ex(b.loop) + left });
    if (b.fit) rows.push({ label: `[${where}] examples/s, tfjs ${b.backend}, model.fit`, value: ex(b.fit) });
    const candidates = [
      ...(b.loop ? [{ eps: b.loop.examplesPerSecond, how: 'custom loop' }] : []),
      ...(b.fit ? [{ eps: b.fit.examplesPerSecond, how: 'model.fit' }] : []),
    ];
    if (candidates.length)
      best.set(
        b.backend,
        candidates.reduce((a, c) => (c.eps > a.eps ? c : a)),
      );
    if (b.loop?.finalLoss !== undefined) losses.push(`tfjs ${b.backend} ${b.loop.finalLoss.toFixed(4)}`);
  }
  for (const [backend, goal] of [
    ['cpu', 2],
    ['wasm', 1],
  ] as const) {
    const b = best.get(backend);
    if (!b) continue;
    const ratio = r.engine.examplesPerSecond / b.eps;
    rows.push({
      label: `[${where}] ratio engine / tfjs ${backend}`,
      value: `${fmt(ratio, 2)}  (vs its faster path, ${b.how})`,
      goal: `>= ${goal}`,
      met: ratio >= goal,
    });
  }
  rows.push({ label: `[${where}] last-batch loss (same start, same batches)`, value: losses.join(', ') });
  return rows;
}

export const nnBench: Benchmark = {
  name: 'nn',
  title:
    'From-scratch engine vs tfjs cpu and wasm: MLP 784-128-10 (ReLU, softmax cross-entropy, Adam 0.001, batch 64) on MNIST, in the page and in Node',
  async run({ page, examples, dist }) {
    const options: NnBenchOptions = { examples };
    const browser = (await page.evaluate(
      (o) => (window as unknown as { tinkerBench: { nn(o: object): Promise<unknown> } }).tinkerBench.nn(o),
      options,
    )) as NnBenchResult;
    const node = await nodeNnBench(options, dist);
    return [
      {
        label: 'setup',
        value:
          `MNIST train images /255, ${fmt(browser.examples)} timed examples per contender after ${browser.warmupBatches} warm-up batches, ` +
          `batch ${browser.batchSize}, 784-${browser.hidden}-${browser.classes}, same initial weights; engine on the page's main thread`,
      },
      ...nnRows('browser', browser),
      ...nnRows(`node ${process.version}`, node),
    ];
  },
};
