/**
 * Trains the adversarially robust CNN of the adversarial examples lesson: the pretrained CNN
 * (public/models/fashion-cnn/) fine-tuned on adversarial examples by the adversarial worker's own
 * session (src/workers/adversarial/session.ts, train task → src/tf/adversarial.ts), in Node on the
 * wasm backend with the project's convolution training kernels, and writes
 * public/models/fashion-cnn-robust/ (served as ROBUST_CNN_URL, src/lib/adversarial/pretrained.ts):
 *
 *   model.json + weights.bin   the model (same architecture), its `tinker` metadata with the new test accuracy
 *   metrics.json               a RobustMetrics: method, ε, images, epochs, seconds, backend, date; for the robust
 *                              AND the standard model: clean accuracy on the 10,000 test images, and FGSM and
 *                              PGD-10 success rate and robust accuracy at every ε of EPSILONS on the first
 *                              ATTACK_IMAGES test images
 *
 *   npm run train:robust
 *   npm run train:robust -- --method pgd --steps 7 --epsilon 0.1 --images 10000 --epochs 1
 *
 * Options: --method fgsm-rs|pgd, --epsilon E, --steps K (pgd), --images N (the first N training
 * images), --epochs N, --seed N, --out DIR (another folder, for trials). The same options give the same model (seeded order and starts).
 * Data: public/data/fashion-mnist, else $DATASETS_DIR/fashion-mnist (scripts/cnn-node.ts).
 * scripts/train-robust.test.ts runs `trainRobust` on a tiny subset and checks the committed files.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ModelRobustness, RobustMetrics, RobustPoint } from '../src/lib/adversarial/pretrained.ts';
import { EPSILONS } from '../src/lib/adversarial/robustness.ts';
import { ATTACK_IMAGES } from '../src/lib/adversarial/sneaker.ts';
import type { SplitLoader } from '../src/lib/data/load.ts';
import { readSavedModelMeta, savedModelMetadata } from '../src/lib/supervised/saved-model.ts';
import { cleanAccuracy, robustnessCurve } from '../src/tf/adversarial.ts';
import { registerWasmTrainingKernels } from '../src/tf/wasm-kernels.ts';
import type { AdversarialFromWorker, CurveMessage, TrainRequest } from '../src/workers/adversarial/protocol.ts';
import { runAdversarialSession } from '../src/workers/adversarial/session.ts';
import { MODEL_DIR, ROOT, folderLoadHandler, folderSaveHandler, readFashion } from './cnn-node.ts';

/** Where `npm run train:robust` writes the model. */
export const ROBUST_DIR = join(ROOT, 'public', 'models', 'fashion-cnn-robust');
/** PGD's steps in the metrics (PGD-10). */
export const PGD_STEPS = 10;

/** The training settings are the worker's own (TrainRequest); the rest says what to measure. */
export interface RobustOptions extends Pick<
  TrainRequest,
  'method' | 'epsilon' | 'steps' | 'images' | 'epochs' | 'batchSize' | 'learningRate' | 'seed'
> {
  /** The curves' images (the first N test images) and the clean accuracy's (all 10,000 by default). */
  attackImages: number;
  testImages: number;
  epsilons: readonly number[];
  outDir: string;
  note?: string;
}

/** The committed model's settings (see FIGURES and the file's comment for what they give). */
export const DEFAULT_OPTIONS: RobustOptions = {
  method: 'fgsm-rs',
  epsilon: 0.1,
  images: 10_000,
  epochs: 2,
  batchSize: 64,
  learningRate: 1e-3,
  seed: 1,
  attackImages: ATTACK_IMAGES,
  testImages: 10_000,
  epsilons: EPSILONS,
  outDir: ROBUST_DIR,
};

/** The wasm backend, as the site sets it up (no threads), with the convolution training kernels. */
export async function useWasm(): Promise<void> {
  tf.env().set('PROD', true);
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${wasmDir}${sep}`);
  if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed.");
  await tf.ready();
  registerWasmTrainingKernels(tf);
}

const diskLoader: SplitLoader = async (_url, _dataset, split, options) => readFashion(split === 'train' ? 'train' : 'test', options.limit);
const points = (curve: Pick<CurveMessage, 'points'>): RobustPoint[] =>
  curve.points.map(({ epsilon, successRate, robustAccuracy }) => ({ epsilon, successRate, robustAccuracy }));

/** Fine-tunes with the worker's session, saves the model to options.outDir, measures both models; returns the metrics (also written). */
export async function trainRobust(options: RobustOptions, log: (text: string) => void): Promise<RobustMetrics> {
  const test = readFashion('test', options.testImages);
  const testX = Float32Array.from(test.images, (v) => v / 255);
  const loadStandard = (): Promise<tf.LayersModel> => tf.loadLayersModel(folderLoadHandler(tf, MODEL_DIR));
  const request: TrainRequest = {
    task: 'train',
    method: options.method,
    epsilon: options.epsilon,
    ...(options.steps !== undefined ? { steps: options.steps } : {}),
    images: options.images,
    epochs: options.epochs,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    seed: options.seed,
    evaluate: { attack: 'fgsm', epsilons: [...options.epsilons], images: options.attackImages },
    backend: 'auto',
    dataUrl: 'file:',
    modelUrl: 'file:',
  };
  let robustClean = 0;
  let trainSeconds = 0;
  let lastLog = performance.now();
  const curves: Partial<Record<'trained' | 'standard', CurveMessage>> = {};
  const onMessage = (m: AdversarialFromWorker): void => {
    if (m.type === 'error') throw new Error(`${m.message} ${m.hint}`);
    if (m.type === 'batch' && performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(
        `  epoch ${m.epoch + 1} batch ${m.batch + 1}/${m.batchesPerEpoch}: loss ${m.loss.toFixed(3)}, adversarial accuracy ${m.adversarialAccuracy.toFixed(3)}`,
      );
    }
    if (m.type === 'epoch')
      log(`epoch ${m.epoch + 1}: loss ${m.loss.toFixed(4)}, adversarial accuracy ${m.adversarialAccuracy.toFixed(4)}, ${m.seconds.toFixed(0)} s`);
    if (m.type === 'trained') trainSeconds = m.seconds;
    if (m.type === 'curve' && m.model !== 'requested') curves[m.model] = m;
  };
  const errors: string[] = [];
  await runAdversarialSession(
    request,
    (m) => {
      try {
        onMessage(m);
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
    },
    { stopped: () => false },
    {
      loadSplit: diskLoader,
      initBackend: async () => ({ backend: tf.getBackend() as 'wasm' | 'cpu', attempts: [] }),
      loadModel: loadStandard,
      // Nothing to hear here, and an unref'd MessageChannel would let Node exit mid-run.
      yieldToEventLoop: () => Promise.resolve(),
      onTrained: async (model) => {
        robustClean = await cleanAccuracy(tf, model, testX, test.labels, test.count);
        const meta = readSavedModelMeta(model.getUserDefinedMetadata());
        if (!meta.ok) throw new Error(`The pretrained CNN has no usable metadata: ${meta.problem}`);
        model.setUserDefinedMetadata(savedModelMetadata({ ...meta.meta, testAccuracy: robustClean, trainedAt: new Date().toISOString() }));
        mkdirSync(options.outDir, { recursive: true });
        await model.save(folderSaveHandler(tf, options.outDir));
      },
    },
  );
  if (errors.length > 0) throw new Error(errors.join(' '));
  if (!curves.trained || !curves.standard) throw new Error('The session ended without both FGSM curves.');
  log(`fine-tuned in ${trainSeconds.toFixed(0)} s; clean accuracy ${(robustClean * 100).toFixed(2)} % on ${test.count} test images`);

  const pgdCurve = async (model: tf.LayersModel): Promise<RobustPoint[]> => {
    const curve = await robustnessCurve(tf, model, testX, test.labels, options.attackImages, {
      attack: 'pgd',
      epsilons: options.epsilons,
      steps: PGD_STEPS,
    });
    return points(curve!);
  };
  const robustModel = await tf.loadLayersModel(folderLoadHandler(tf, options.outDir));
  const standardModel = await loadStandard();
  let robust: ModelRobustness;
  let standard: ModelRobustness;
  try {
    robust = { cleanAccuracy: robustClean, fgsm: points(curves.trained), pgd: await pgdCurve(robustModel) };
    log('PGD curve of the robust model done');
    const standardClean = await cleanAccuracy(tf, standardModel, testX, test.labels, test.count);
    standard = { cleanAccuracy: standardClean, fgsm: points(curves.standard), pgd: await pgdCurve(standardModel) };
  } finally {
    robustModel.dispose();
    standardModel.dispose();
  }
  const metrics: RobustMetrics = {
    dataset: 'fashion-mnist',
    method: options.method,
    epsilon: options.epsilon,
    ...(options.method === 'pgd' ? { trainSteps: options.steps ?? 7 } : {}),
    trainImages: options.images,
    epochs: options.epochs,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    seed: options.seed,
    trainSeconds: Math.round(trainSeconds * 10) / 10,
    backend: tf.getBackend(),
    trainedAt: new Date().toISOString(),
    testImages: test.count,
    attackImages: options.attackImages,
    pgdSteps: PGD_STEPS,
    robust,
    standard,
    ...(options.note ? { note: options.note } : {}),
  };
  writeFileSync(join(options.outDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  return metrics;
}

/** The command line's options over DEFAULT_OPTIONS; throws in words on anything else. */
export function parseRobustArgs(args: readonly string[]): RobustOptions {
  const options: RobustOptions = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    const n = Number(value);
    if (flag === '--method' && (value === 'fgsm-rs' || value === 'pgd')) options.method = value;
    else if (flag === '--note' && value) options.note = value;
    else if (flag === '--out' && value) options.outDir = value;
    else if (!Number.isFinite(n) || n <= 0) throw new Error(`Unknown option or bad value: ${flag} ${value ?? ''}`);
    else if (flag === '--epsilon' && n <= 0.5) options.epsilon = n;
    else if (flag === '--steps' && Number.isInteger(n)) options.steps = n;
    else if (flag === '--images' && Number.isInteger(n) && n <= 60_000) options.images = n;
    else if (flag === '--epochs' && Number.isInteger(n)) options.epochs = n;
    else if (flag === '--seed' && Number.isInteger(n)) options.seed = n;
    else throw new Error(`Unknown option or bad value: ${flag} ${value ?? ''}`);
  }
  return options;
}

const table = (m: ModelRobustness): string =>
  m.fgsm
    .map((p, i) => `    ε ${p.epsilon}: FGSM ${(p.robustAccuracy * 100).toFixed(1)} %, PGD ${(m.pgd[i]!.robustAccuracy * 100).toFixed(1)} %`)
    .join('\n');

async function main(): Promise<void> {
  const options = parseRobustArgs(process.argv.slice(2));
  await useWasm();
  const log = (text: string): void => void process.stdout.write(`${text}\n`);
  log(`train:robust: ${options.method} at ε ${options.epsilon} on ${options.images} images, ${options.epochs} epoch(s), backend ${tf.getBackend()}`);
  const t0 = performance.now();
  const metrics = await trainRobust(options, log);
  log(`robust accuracy (robust model):\n${table(metrics.robust)}\nrobust accuracy (standard model):\n${table(metrics.standard)}`);
  log(`wrote ${options.outDir} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`train:robust: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
