/**
 * Dataset loading through the browser loader, timed for `npm run bench -- --only fashion-load` and
 * summarised for the end-to-end tests (e2e/pages.spec.ts).
 */
import { loadSplit } from '../../src/lib/data/load.ts';
import type { DatasetId, SplitName } from '../../src/lib/data/manifest.ts';
import { dataUrl } from './training.ts';

export interface LoadResult {
  ms: number;
  count: number;
  bytes: number | null;
}

/** Times fetch + DecompressionStream + SHA-256 check + IDX parse of the full Fashion-MNIST train set (no cache). */
export async function loadFashionTrain(): Promise<LoadResult> {
  let bytes: number | null = null;
  const t0 = performance.now();
  const split = await loadSplit(dataUrl(), 'fashion-mnist', 'train', {
    cache: 'none',
    onProgress: (p) => {
      bytes = p.total;
    },
  });
  return { ms: performance.now() - t0, count: split.count, bytes };
}

export interface SplitSummary {
  count: number;
  rows: number;
  cols: number;
  fromCache: boolean;
  /** Labels of the first ten images, to compare with known values. */
  firstLabels: number[];
  /** Mean grey level of the first image (0..255). */
  firstImageMean: number;
}

/** Loads a split through the browser loader (with the Cache API) and summarises it, for the end-to-end tests. */
export async function loadSplitSummary(dataset: DatasetId, split: SplitName): Promise<SplitSummary> {
  const s = await loadSplit(dataUrl(), dataset, split);
  const pixels = s.rows * s.cols;
  let sum = 0;
  for (let i = 0; i < pixels; i++) sum += s.images[i]!;
  return {
    count: s.count,
    rows: s.rows,
    cols: s.cols,
    fromCache: s.fromCache,
    firstLabels: Array.from(s.labels.subarray(0, 10)),
    firstImageMean: sum / pixels,
  };
}
