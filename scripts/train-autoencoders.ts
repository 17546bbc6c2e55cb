/**
 * Trains the pretrained autoencoders of the autoencoders lesson on Fashion-MNIST, in Node with
 * TensorFlow.js on the wasm backend, with the SAME training loop the site runs
 * (src/workers/autoencoder/session.ts), and writes public/models/ (URLs: src/lib/unsupervised/pretrained.ts):
 *
 *   fashion-ae/    the plain autoencoder, 3-D latent
 *   fashion-vae/   the variational autoencoder, 3-D latent
 *   fashion-dae/   the denoising autoencoder, 32-D latent, Gaussian noise σ = 0.4 (DEFAULT_CORRUPTION)
 *
 * each with encoder/ and decoder/ (model.json + weights.bin), metrics.json (an AutoencoderMetrics:
 * losses on all 10,000 test images, seed, epochs, spec, date, seconds) and, for ae and vae,
 * embedding.bin (Float32 10,000 × 3: the test images' codes, the VAE's means μ, in test-set order).
 *
 *   npm run train:autoencoders                          all three, all 60,000 images, the epochs below
 *   npm run train:autoencoders -- --only vae --epochs 2 --train-limit 12000 --note "a quick one"
 *
 * The same options give the same files (seeded weights, shuffles and noise). Data: public/data/fashion-mnist,
 * else $DATASETS_DIR/fashion-mnist (scripts/cnn-node.ts). scripts/train-autoencoders.test.ts checks the committed files.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  autoencoderParameters,
  DEFAULT_CORRUPTION,
  PRETRAINED_SPECS,
  TRAINING_DEFAULTS,
  type AutoencoderKind,
  type AutoencoderMetrics,
} from '../src/lib/unsupervised/ae-spec.ts';
import { encodeAll, type Autoencoder } from '../src/tf/autoencoder.ts';
import type { AutoencoderFromWorker, AutoencoderRequest } from '../src/workers/autoencoder/protocol.ts';
import { runAutoencoderSession } from '../src/workers/autoencoder/session.ts';
import { ROOT, folderSaveHandler, readFashion } from './cnn-node.ts';

/** Epochs of each model in a full run (chosen to keep the whole script within ~6 minutes on 2 busy cores). */
export const EPOCHS: Readonly<Record<AutoencoderKind, number>> = { ae: 8, vae: 8, dae: 5 };
export const SEED = 1;
export const BATCH_SIZE = 256;
export const LEARNING_RATE = 0.002;
export const modelDir = (kind: AutoencoderKind): string => join(ROOT, 'public', 'models', `fashion-${kind}`);

interface Options {
  only: AutoencoderKind[];
  trainLimit: number;
  epochs?: number;
  seed: number;
  note?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { only: ['ae', 'vae', 'dae'], trainLimit: 60_000, seed: SEED };
  const whole = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} needs a whole number from ${min} to ${max}, not ${value ?? 'nothing'}.`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (flag === '--only') {
      const kinds = (value ?? '').split(',');
      if (!kinds.every((k) => k === 'ae' || k === 'vae' || k === 'dae')) throw new Error('--only needs ae, vae or dae (comma-separated).');
      options.only = kinds as AutoencoderKind[];
    } else if (flag === '--train-limit') options.trainLimit = whole(flag, value, 64, 60_000);
    else if (flag === '--epochs') options.epochs = whole(flag, value, 1, 100);
    else if (flag === '--seed') options.seed = whole(flag, value, 0, 2 ** 31 - 1);
    else if (flag === '--note' && value) options.note = value;
    else throw new Error(`Unknown option ${flag}; use --only, --train-limit, --epochs, --seed or --note.`);
  }
  return options;
}

async function useWasm(): Promise<void> {
  tf.env().set('PROD', true); // no "install tfjs-node" banner
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(`${wasmDir}${sep}`);
  if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed.");
  await tf.ready();
}

const log = (text: string): void => void process.stdout.write(`${text}\n`);

async function train(kind: AutoencoderKind, options: Options): Promise<void> {
  const spec = PRETRAINED_SPECS[kind];
  const epochs = options.epochs ?? EPOCHS[kind];
  const request: AutoencoderRequest = {
    kind,
    latent: spec.latent,
    hidden: [...spec.hidden],
    images: options.trainLimit,
    epochs,
    learningRate: LEARNING_RATE,
    batchSize: BATCH_SIZE,
    seed: options.seed,
    ...(kind === 'dae' ? { corruption: DEFAULT_CORRUPTION } : {}),
    sampleCount: 0,
    latentCount: 0,
    backend: 'wasm',
    dataUrl: 'file:',
  };
  const dir = modelDir(kind);
  const test = readFashion('test');
  let done: Extract<AutoencoderFromWorker, { type: 'done' }> | null = null;
  let lastLog = performance.now();
  await runAutoencoderSession(
    request,
    (m) => {
      if (m.type === 'error') throw new Error(`${m.message} ${m.hint}`);
      if (m.type === 'epoch') {
        const kl = m.kl !== undefined ? ` (reconstruction ${m.reconstruction.toFixed(2)} + KL ${m.kl.toFixed(2)})` : '';
        log(`  ${kind} epoch ${m.epoch + 1}/${epochs}: loss ${m.loss.toFixed(2)}${kl}, ${m.seconds.toFixed(0)} s`);
      }
      if (m.type === 'batch' && performance.now() - lastLog > 20_000) {
        lastLog = performance.now();
        log(`  ${kind} epoch ${m.epoch + 1} batch ${m.batch + 1}/${m.batchesPerEpoch}: loss ${m.loss.toFixed(2)}`);
      }
      if (m.type === 'done') done = m;
    },
    { stopped: () => false },
    {
      loadSplit: async (_url, _dataset, split, o) => readFashion(split === 'train' ? 'train' : 'test', o.limit),
      initBackend: async () => ({ backend: 'wasm', attempts: [] }),
      yieldToEventLoop: () => Promise.resolve(),
      batchIntervalMs: 1000,
      onTrained: async (model: Autoencoder) => {
        await model.encoder.save(folderSaveHandler(tf, join(dir, 'encoder')));
        await model.decoder.save(folderSaveHandler(tf, join(dir, 'decoder')));
        if (kind === 'dae') return;
        const pixels = Float32Array.from(test.images, (v) => v / 255);
        const embedding = await encodeAll(tf, model, pixels, test.count);
        writeFileSync(join(dir, 'embedding.bin'), new Uint8Array(embedding.buffer));
      },
    },
  );
  const end = done as Extract<AutoencoderFromWorker, { type: 'done' }> | null;
  if (!end || end.testLoss === null || end.testReconstruction === null) throw new Error(`${kind}: the run ended without test losses.`);
  const metrics: AutoencoderMetrics = {
    spec,
    testLoss: end.testLoss,
    testReconstruction: end.testReconstruction,
    ...(end.testKl != null ? { testKl: end.testKl } : {}),
    testImages: test.count,
    trainImages: options.trainLimit,
    epochs,
    batchSize: BATCH_SIZE,
    learningRate: LEARNING_RATE,
    seed: options.seed,
    ...(kind === 'dae' ? { corruption: DEFAULT_CORRUPTION } : {}),
    parameters: autoencoderParameters(spec),
    trainSeconds: Math.round(end.seconds * 10) / 10,
    backend: tf.getBackend(),
    trainedAt: new Date().toISOString(),
    ...(options.note ? { note: options.note } : {}),
  };
  writeFileSync(join(dir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  log(`${kind}: test loss ${end.testLoss.toFixed(2)} per image on ${test.count} images, ${metrics.trainSeconds} s of training; wrote ${dir}`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  await useWasm();
  log(`train:autoencoders: ${options.only.join(', ')} on ${options.trainLimit} images, seed ${options.seed}, backend ${tf.getBackend()}`);
  const t0 = performance.now();
  for (const kind of options.only) await train(kind, options);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s (defaults: ${JSON.stringify(TRAINING_DEFAULTS)})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`train:autoencoders: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
