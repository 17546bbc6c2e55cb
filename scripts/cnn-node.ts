/**
 * Node-side pieces of the pretrained CNN (scripts/train-cnn.ts and its test): reading Fashion-MNIST
 * from disk, and saving / loading a tfjs layers model as model.json + weights.bin in a folder
 * (tfjs without tfjs-node has no file:// handler).
 *
 * The data is looked for in public/data/fashion-mnist (where `npm run datasets` puts it), then in
 * $DATASETS_DIR/fashion-mnist (the mirror CI sets), as bench/runner/nn.ts does for MNIST.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type * as TF from '@tensorflow/tfjs';
import type { SplitData } from '../src/lib/data/load.ts';
import { parseImages, parseLabels } from '../src/lib/data/idx.ts';

type Tf = typeof TF;

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where `npm run train:cnn` writes the model (served as PRETRAINED_CNN_URL). */
export const MODEL_DIR = join(ROOT, 'public', 'models', 'fashion-cnn');

/** The first `limit` images of a Fashion-MNIST split (all when unset). Throws in words when the files are missing. */
export function readFashion(split: 'train' | 'test', limit?: number): SplitData {
  const prefix = split === 'train' ? 'train' : 't10k';
  const dirs = [
    join(ROOT, 'public', 'data', 'fashion-mnist'),
    ...(process.env.DATASETS_DIR ? [join(resolve(process.env.DATASETS_DIR), 'fashion-mnist')] : []),
  ];
  const file = (d: string, kind: 'images-idx3' | 'labels-idx1'): string => join(d, `${prefix}-${kind}-ubyte.gz`);
  const dir = dirs.find((d) => existsSync(file(d, 'images-idx3')) && existsSync(file(d, 'labels-idx1')));
  if (!dir) {
    throw new Error(
      `No Fashion-MNIST ${split} files in ${dirs.join(' or ')}: run \`npm run datasets\`, or set DATASETS_DIR to a folder holding fashion-mnist/.`,
    );
  }
  const images = parseImages(gunzipSync(readFileSync(file(dir, 'images-idx3'))), `fashion-mnist/${prefix}-images`);
  const labels = parseLabels(gunzipSync(readFileSync(file(dir, 'labels-idx1'))), `fashion-mnist/${prefix}-labels`);
  const count = Math.min(limit ?? Infinity, images.count, labels.count);
  const pixels = images.rows * images.cols;
  return { images: images.data.subarray(0, count * pixels), labels: labels.data.subarray(0, count), count, rows: images.rows, cols: images.cols };
}

/** A tf.io save handler writing `dir/model.json` and `dir/weights.bin` (the layout tf.loadLayersModel(url) reads). */
export function folderSaveHandler(tf: Tf, dir: string): TF.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const weights = artifacts.weightData;
    if (!weights || Array.isArray(weights)) throw new Error('Expected the model weights as one buffer.');
    const json = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
    };
    writeFileSync(join(dir, 'model.json'), `${JSON.stringify(json)}\n`);
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weights));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  });
}

/** A tf.io load handler reading what folderSaveHandler wrote. */
export function folderLoadHandler(tf: Tf, dir: string): TF.io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as TF.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = manifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dir, p))));
        const bytes = Buffer.concat(buffers);
        return [specs, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
      });
    },
  };
}

export interface TrainOptions {
  backend: 'cpu' | 'wasm';
  trainLimit: number;
  epochs: number;
  seed: number;
  note?: string;
}

/**
 * Reads train-cnn's options (`--backend wasm --train-limit 12000 --epochs 2 --seed 1 --note "…"`).
 * Throws in words on anything it does not understand.
 */
export function parseTrainArgs(argv: readonly string[], defaults: { epochs: number; wasmAvailable: boolean }): TrainOptions {
  const options: TrainOptions = { backend: defaults.wasmAvailable ? 'wasm' : 'cpu', trainLimit: 60_000, epochs: defaults.epochs, seed: 1 };
  const whole = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} needs a whole number from ${min} to ${max}, not ${value ?? 'nothing'}.`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    i++;
    if (flag === '--backend') {
      if (value !== 'cpu' && value !== 'wasm') throw new Error(`--backend must be cpu or wasm, not ${value ?? 'nothing'}.`);
      options.backend = value;
    } else if (flag === '--train-limit') options.trainLimit = whole(flag, value, 1, 60_000);
    else if (flag === '--epochs') options.epochs = whole(flag, value, 1, 100);
    else if (flag === '--seed') options.seed = whole(flag, value, 0, 2 ** 31 - 1);
    else if (flag === '--note') {
      if (!value) throw new Error('--note needs a text.');
      options.note = value;
    } else throw new Error(`Unknown option ${flag}; use --backend, --train-limit, --epochs, --seed or --note.`);
  }
  return options;
}
