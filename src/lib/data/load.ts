/**
 * Browser loader for the IDX datasets prepared by `npm run datasets`.
 *
 * Streams each file with byte progress, gunzips it with DecompressionStream, verifies
 * the SHA-256 of the uncompressed bytes against the manifest, parses it with the shared
 * IDX parser and keeps the verified download in the Cache API so a second visit does
 * not download again. One file: fetch-idx.ts; a split (images and labels together): here.
 *
 * Uses only fetch, streams, DecompressionStream, crypto.subtle and (optionally)
 * `globalThis.caches`: no DOM, so it runs in pages, workers and Node 24 (tests).
 */
import { DataLoadError, fetchIdxFile, PREPARE_HINT, type FetchIdxOptions } from './fetch-idx.ts';
import { DATASETS, dataFileUrl, splitFiles, type DatasetId, type DatasetInfo, type SplitName } from './manifest.ts';

export { DATA_CACHE_NAME, DataLoadError, fetchIdxFile, type CacheLike, type FetchIdxOptions } from './fetch-idx.ts';

/** Size in bytes of an IDX file: its header (magic, count and for images rows and cols) and its body. */
export function idxByteLength(kind: 'images' | 'labels', count: number, rows: number, cols: number): number {
  return kind === 'images' ? 16 + count * rows * cols : 8 + count;
}

export interface FileProgress {
  file: string;
  loaded: number;
  total: number | null;
}

export interface LoadProgress {
  /** Bytes received over all files. */
  loaded: number;
  /** Bytes expected over all files; null until every file's size is known. */
  total: number | null;
  files: FileProgress[];
}

export interface LoadSplitOptions {
  /** Use only the first `limit` examples (zero-copy). */
  limit?: number;
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
  cache?: FetchIdxOptions['cache'];
}

export interface LoadedSplit {
  /** count × rows × cols pixels, 0–255, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
  /** True when both files came from the cache. */
  fromCache: boolean;
}

/** What a training session needs from a loaded split. */
export type SplitData = Pick<LoadedSplit, 'images' | 'labels' | 'count' | 'rows' | 'cols'>;

/** `loadSplit`'s shape, so sessions can be tested with synthetic data. */
export type SplitLoader = (dataUrl: string, dataset: DatasetId, split: SplitName, options: LoadSplitOptions) => Promise<SplitData>;

/**
 * Loads the images and labels of one split of a dataset from `<dataUrl>/<dataset>/<file>.gz`
 * (both files in parallel), verified against the manifest.
 * `dataset` is a dataset id, or a manifest entry (tests use small generated files).
 */
export async function loadSplit(
  dataUrl: string,
  dataset: DatasetId | DatasetInfo,
  split: SplitName,
  options: LoadSplitOptions = {},
): Promise<LoadedSplit> {
  const info = typeof dataset === 'string' ? DATASETS[dataset] : dataset;
  const { limit, onProgress, signal } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new RangeError(`loadSplit: limit must be a positive integer, got ${limit}.`);
  }
  const pair = splitFiles(info, split);
  const wanted = [pair.images, pair.labels];
  const progress: FileProgress[] = wanted.map((f) => ({ file: `${info.id}/${f.name}.gz`, loaded: 0, total: null }));
  const report = () => {
    if (!onProgress) return;
    const loaded = progress.reduce((s, p) => s + p.loaded, 0);
    const total = progress.every((p) => p.total !== null) ? progress.reduce((s, p) => s + (p.total ?? 0), 0) : null;
    onProgress({ loaded, total, files: progress.map((p) => ({ ...p })) });
  };

  // If one file fails, stop the other download too.
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  if (signal?.aborted) forward();
  try {
    const [imagesResult, labelsResult] = await Promise.all(
      wanted.map((f, i) =>
        fetchIdxFile(dataFileUrl(dataUrl, info.id, f.name), {
          fileName: progress[i]!.file,
          expectedSha256: f.sha256,
          expectedBytes: idxByteLength(f.kind, f.count, info.rows, info.cols),
          signal: controller.signal,
          ...(options.cache !== undefined ? { cache: options.cache } : {}),
          onProgress: (loaded, total) => {
            progress[i]!.loaded = loaded;
            progress[i]!.total = total;
            report();
          },
        }).catch((err: unknown) => {
          controller.abort(err);
          throw err;
        }),
      ),
    );
    const images = imagesResult!.idx;
    const labels = labelsResult!.idx;
    const url = dataFileUrl(dataUrl, info.id, pair.labels.name);
    if (images.kind !== 'images' || labels.kind !== 'labels') {
      throw new DataLoadError(
        { file: progress[images.kind !== 'images' ? 0 : 1]!.file, url, reason: 'mismatch' },
        `${info.id} ${split}: expected an image file and a label file, got ${images.kind} and ${labels.kind}. ${PREPARE_HINT}`,
      );
    }
    if (images.count !== labels.count) {
      throw new DataLoadError(
        { file: progress[1]!.file, url, reason: 'mismatch' },
        `${info.id} ${split}: ${images.count} images but ${labels.count} labels; the files do not belong together. ${PREPARE_HINT}`,
      );
    }
    const count = limit === undefined ? images.count : Math.min(limit, images.count);
    const pixels = images.rows * images.cols;
    return {
      images: images.data.subarray(0, count * pixels),
      labels: labels.data.subarray(0, count),
      count,
      rows: images.rows,
      cols: images.cols,
      fromCache: imagesResult!.fromCache && labelsResult!.fromCache,
    };
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}

/**
 * Only the labels of one split (a few kilobytes, verified against the manifest like loadSplit's):
 * what a grader needs to score answers without the images.
 */
export async function loadLabels(
  dataUrl: string,
  dataset: DatasetId | DatasetInfo,
  split: SplitName,
  options: Pick<LoadSplitOptions, 'signal' | 'cache'> = {},
): Promise<Uint8Array> {
  const info = typeof dataset === 'string' ? DATASETS[dataset] : dataset;
  const file = splitFiles(info, split).labels;
  const fileName = `${info.id}/${file.name}.gz`;
  const { idx } = await fetchIdxFile(dataFileUrl(dataUrl, info.id, file.name), {
    fileName,
    expectedSha256: file.sha256,
    expectedBytes: idxByteLength('labels', file.count, info.rows, info.cols),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.cache !== undefined ? { cache: options.cache } : {}),
  });
  if (idx.kind !== 'labels') {
    throw new DataLoadError(
      { file: fileName, url: dataFileUrl(dataUrl, info.id, file.name), reason: 'mismatch' },
      `${fileName} holds ${idx.kind}, not labels. ${PREPARE_HINT}`,
    );
  }
  return idx.data;
}
