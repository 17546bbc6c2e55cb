/**
 * The `datasets` object the reader's code (and the graders) get in a code cell:
 *
 *   const { xs, ys, labels, count } = await datasets.load('mnist', 'train', { limit: 10000 });
 *
 * returns the images as float32 tensors with values 0–1 (flat [n, 784], or [n, 28, 28, 1] with
 * shape: 'image'), the labels one-hot ([n, 10]) and as int32 ([n]), the raw bytes, and the
 * class names. Downloads show as progress output. Each split is downloaded (or read from the
 * cache) once per run, however often it is loaded; the tensors belong to the run, which frees
 * them when it ends.
 */
import { loadSplit as defaultLoadSplit, type LoadProgress, type LoadSplitOptions } from '../lib/data/load.ts';
import { DATASETS, DATASET_IDS, type DatasetId, type SplitName } from '../lib/data/manifest.ts';
import { formatBytes, formatCount } from '../lib/format/numbers.ts';
import type { Tf } from './backend.ts';

type Tensor = InstanceType<Tf['Tensor']>;

export interface CodeDataset {
  /** Images, float32 with values 0–1: [count, 784], or [count, 28, 28, 1] with shape 'image'. */
  xs: Tensor;
  /** Labels one-hot, float32 [count, 10]. */
  ys: Tensor;
  /** Labels as class numbers, int32 [count]. */
  labels: Tensor;
  /** The raw pixels, 0–255, count × 784 bytes (a copy the code may change). */
  pixels: Uint8Array;
  /** The labels as bytes 0–9. */
  labelValues: Uint8Array;
  count: number;
  rows: number;
  cols: number;
  /** Names of the classes, indexed by label ("0"…"9" for MNIST, "T-shirt/top"… for Fashion-MNIST). */
  classNames: string[];
}

export interface LoadOptions {
  /** Only the first `limit` examples. */
  limit?: number;
  /** 'flat' (default): xs is [n, 784]; 'image': xs is [n, 28, 28, 1] for convolutional layers. */
  shape?: 'flat' | 'image';
}

export interface CodeDatasets {
  load(name: DatasetId, split: SplitName, options?: LoadOptions): Promise<CodeDataset>;
  /** The dataset names `load` accepts. */
  readonly names: readonly DatasetId[];
}

/** Thrown for wrong arguments to datasets.load (shown to the reader as it is). */
export class DatasetArgumentError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'TypeError';
  }
}

export interface CreateDatasetsOptions {
  /** Absolute URL of the site's data/ folder. */
  dataUrl: string;
  /** Shows download progress (fraction 0–1 and a label). */
  progress?: (fraction: number, label: string) => void;
  /** The loader (tests inject synthetic data). */
  loadSplit?: (
    dataUrl: string,
    dataset: DatasetId,
    split: SplitName,
    options: LoadSplitOptions,
  ) => Promise<{ images: Uint8Array; labels: Uint8Array; count: number; rows: number; cols: number }>;
}

const SPLITS: readonly SplitName[] = ['train', 'test'];
const OPTION_KEYS = ['limit', 'shape'];

const quoteList = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(' and ');

function describeArg(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : v === undefined ? 'nothing' : typeof v;
}

export function createDatasets(tf: Tf, options: CreateDatasetsOptions): CodeDatasets {
  const load = options.loadSplit ?? defaultLoadSplit;
  const cache = new Map<string, ReturnType<typeof load>>();

  const fetchSplit = (id: DatasetId, split: SplitName): ReturnType<typeof load> => {
    const key = `${id}/${split}`;
    let pending = cache.get(key);
    if (!pending) {
      const title = `${DATASETS[id].title} ${split === 'train' ? 'training' : 'test'} set`;
      const onProgress = (p: LoadProgress): void => {
        if (!options.progress) return;
        const fraction = p.total ? Math.min(1, p.loaded / p.total) : 0;
        const of = p.total ? ` of ${formatBytes(p.total)}` : '';
        options.progress(fraction, `Downloading the ${title}: ${formatBytes(p.loaded)}${of}`);
      };
      pending = load(options.dataUrl, id, split, { onProgress });
      cache.set(key, pending);
      // A failed download is tried again on the next load.
      pending.catch(() => cache.delete(key));
      void pending.then((s) => options.progress?.(1, `${title}: ${formatCount(s.count)} images ready`)).catch(() => {});
    }
    return pending;
  };

  return {
    names: DATASET_IDS,
    async load(name: DatasetId, split: SplitName, opts: LoadOptions = {}): Promise<CodeDataset> {
      if (typeof name !== 'string' || !DATASET_IDS.includes(name)) {
        throw new DatasetArgumentError(
          `datasets.load: unknown dataset ${describeArg(name)}. The datasets are ${quoteList(DATASET_IDS)}, e.g. datasets.load('mnist', 'train').`,
        );
      }
      if (typeof split !== 'string' || !SPLITS.includes(split)) {
        throw new DatasetArgumentError(
          `datasets.load: the split must be 'train' or 'test'; got ${describeArg(split)}. For example datasets.load('${name}', 'test').`,
        );
      }
      if (typeof opts !== 'object' || opts === null) {
        throw new DatasetArgumentError(`datasets.load: the options must be an object like { limit: 1000 }; got ${typeof opts}.`);
      }
      for (const k of Object.keys(opts)) {
        if (!OPTION_KEYS.includes(k)) throw new DatasetArgumentError(`datasets.load: unknown option "${k}"; the options are limit and shape.`);
      }
      const { limit, shape = 'flat' } = opts;
      if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
        throw new DatasetArgumentError(`datasets.load: limit must be a whole number of at least 1; got ${String(limit)}.`);
      }
      if (shape !== 'flat' && shape !== 'image') {
        throw new DatasetArgumentError(`datasets.load: shape must be 'flat' ([n, 784]) or 'image' ([n, 28, 28, 1]); got ${describeArg(shape)}.`);
      }

      const full = await fetchSplit(name, split);
      const count = limit === undefined ? full.count : Math.min(limit, full.count);
      const size = full.rows * full.cols;
      const pixels = full.images.slice(0, count * size);
      const labelValues = full.labels.slice(0, count);
      const floats = new Float32Array(pixels.length);
      for (let i = 0; i < pixels.length; i++) floats[i] = pixels[i]! / 255;
      const classes = DATASETS[name].classNames.length;
      const xs = shape === 'image' ? tf.tensor4d(floats, [count, full.rows, full.cols, 1], 'float32') : tf.tensor2d(floats, [count, size], 'float32');
      const labels = tf.tensor1d(Int32Array.from(labelValues), 'int32');
      const ys = tf.tidy(() => tf.oneHot(labels, classes).toFloat());
      return { xs, ys, labels, pixels, labelValues, count, rows: full.rows, cols: full.cols, classNames: [...DATASETS[name].classNames] };
    },
  };
}
