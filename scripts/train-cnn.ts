/**
 * Trains the pretrained CNN of the convolutional networks lesson: DEFAULT_CNN_SPEC
 * (src/lib/supervised/model-spec.ts) on Fashion-MNIST, in Node with TensorFlow.js, and writes
 * public/models/fashion-cnn/ (served as PRETRAINED_CNN_URL, src/lib/supervised/pretrained.ts):
 *
 *   model.json + weights.bin   the model (tf.loadLayersModel), its spec in the `tinker` metadata
 *   metrics.json               test accuracy on all 10,000 test images, seed, epochs, training images,
 *                              spec, examples per second, backend, date (a PretrainedMetrics)
 *
 *   npm run train:cnn                                   all 60,000 images, the spec's epochs
 *   npm run train:cnn -- --train-limit 12000 --epochs 2 --backend cpu --note "provisional"
 *
 * Options: --backend cpu|wasm (default wasm when src/tf/wasm-kernels.ts, the fast convolution
 * training kernels, is there, else cpu), --train-limit N (the first N training images), --epochs N,
 * --seed N (default 1). On cpu, the filter gradient is replaced by a faster one (./cpu-filter-grad.ts). The same options on the same backend give the same model: the weights are
 * seeded (src/tf/build-model.ts) and each epoch's order comes from the seed (src/lib/runtime/shuffle.ts).
 * Data: public/data/fashion-mnist, else $DATASETS_DIR/fashion-mnist (see scripts/cnn-node.ts).
 * scripts/train-cnn.test.ts checks the committed model against a fresh evaluation.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { batchRanges, epochSeed, shuffledIndices } from '../src/lib/runtime/shuffle.ts';
import { DEFAULT_CNN_SPEC, IMAGE_SHAPE } from '../src/lib/supervised/model-spec.ts';
import type { PretrainedMetrics } from '../src/lib/supervised/pretrained.ts';
import { savedModelMetadata } from '../src/lib/supervised/saved-model.ts';
import { buildModel, disposeModel } from '../src/tf/build-model.ts';
import { evaluateBatched } from '../src/tf/evaluate.ts';
import { toTensors } from '../src/tf/mnist-tensors.ts';
import { useFastFilterGrad } from './cpu-filter-grad.ts';
import { MODEL_DIR, folderSaveHandler, parseTrainArgs, readFashion } from './cnn-node.ts';

/** The kernels helper's module (may not exist yet); a variable so TypeScript does not insist on it. */
const WASM_KERNELS = '../src/tf/wasm-kernels.ts';

async function wasmKernels(): Promise<((t: typeof tf) => unknown) | null> {
  try {
    const mod = (await import(WASM_KERNELS)) as { registerWasmTrainingKernels?: (t: typeof tf) => unknown };
    return mod.registerWasmTrainingKernels ?? null;
  } catch {
    return null;
  }
}

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // as on the site
    wasm.setWasmPaths(`${wasmDir}${sep}`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed.`);
  await tf.ready();
  if (name === 'cpu') useFastFilterGrad(tf);
  if (name === 'wasm') {
    const register = await wasmKernels();
    if (!register) throw new Error('The wasm backend trains convolutions slowly without src/tf/wasm-kernels.ts; use --backend cpu.');
    register(tf);
  }
}

async function main(): Promise<void> {
  const options = parseTrainArgs(process.argv.slice(2), { epochs: DEFAULT_CNN_SPEC.epochs, wasmAvailable: (await wasmKernels()) !== null });
  await useBackend(options.backend);
  const spec = { ...DEFAULT_CNN_SPEC, epochs: options.epochs };
  const log = (text: string): void => void process.stdout.write(`${text}\n`);
  log(`train:cnn: ${options.trainLimit} training images, ${options.epochs} epoch(s), seed ${options.seed}, backend ${tf.getBackend()}`);

  const train = readFashion('train', options.trainLimit);
  const test = readFashion('test');
  const image = (t: tf.Tensor2D): tf.Tensor4D => {
    const x = t.reshape([t.shape[0], ...IMAGE_SHAPE]) as tf.Tensor4D;
    t.dispose();
    return x;
  };
  const trainT = toTensors(tf, train);
  const testT = toTensors(tf, test);
  const xTrain = image(trainT.x);
  const xTest = image(testT.x);
  const model = buildModel(tf, spec, options.seed);

  let trainMs = 0;
  for (let epoch = 0; epoch < spec.epochs; epoch++) {
    const order = shuffledIndices(train.count, epochSeed(options.seed, epoch));
    const ranges = batchRanges(train.count, spec.batchSize);
    const t0 = performance.now();
    let lastLog = t0;
    let lossSum = 0;
    let accSum = 0;
    for (const [b, [start, end]] of ranges.entries()) {
      const [xb, yb] = tf.tidy(() => {
        const idx = tf.tensor1d(order.subarray(start, end), 'int32');
        return [tf.gather(xTrain, idx), tf.gather(trainT.y, idx)];
      });
      const [loss, acc] = (await model.trainOnBatch(xb, yb)) as number[];
      tf.dispose([xb, yb]);
      lossSum += loss! * (end - start);
      accSum += acc! * (end - start);
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        const seen = epoch * train.count + end;
        log(`  epoch ${epoch + 1} batch ${b + 1}/${ranges.length}: ${Math.round(seen / ((trainMs + lastLog - t0) / 1000))} examples/s`);
      }
    }
    trainMs += performance.now() - t0;
    log(
      `epoch ${epoch + 1}: loss ${(lossSum / train.count).toFixed(4)}, accuracy ${(accSum / train.count).toFixed(4)}, ${(trainMs / 1000).toFixed(0)} s`,
    );
  }

  const { accuracy } = await evaluateBatched(tf, model, xTest, testT.y);
  const trainedAt = new Date().toISOString();
  model.setUserDefinedMetadata(savedModelMetadata({ spec, testAccuracy: accuracy, trainedAt }));
  await model.save(folderSaveHandler(tf, MODEL_DIR));
  const metrics: PretrainedMetrics = {
    dataset: 'fashion-mnist',
    testAccuracy: accuracy,
    testImages: test.count,
    trainImages: train.count,
    epochs: spec.epochs,
    seed: options.seed,
    spec,
    examplesPerSecond: Math.round((spec.epochs * train.count) / (trainMs / 1000)),
    trainSeconds: Math.round(trainMs / 100) / 10,
    backend: tf.getBackend(),
    trainedAt,
    ...(options.note ? { note: options.note } : {}),
  };
  writeFileSync(join(MODEL_DIR, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  log(`test accuracy ${(accuracy * 100).toFixed(2)} % on ${test.count} images; wrote ${MODEL_DIR}`);
  disposeModel(model);
  tf.dispose([xTrain, trainT.y, xTest, testT.y]);
}

main().catch((err: unknown) => {
  process.stderr.write(`train:cnn: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
