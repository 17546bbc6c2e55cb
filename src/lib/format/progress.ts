/**
 * Where a training run stands, as fractions a progress bar or a chart can use.
 * Pure arithmetic on the numbers of a `metrics` message.
 */

export interface BatchPosition {
  /** 1-based epoch. */
  epoch: number;
  /** 1-based batch within the epoch. */
  batch: number;
  batchesPerEpoch: number;
}

/** Position in epochs as a real number: batch 469 of 938 in epoch 2 → 1.5. */
export function epochsElapsed(p: BatchPosition): number {
  if (p.batchesPerEpoch <= 0) return Math.max(0, p.epoch - 1);
  const within = Math.min(Math.max(p.batch, 0), p.batchesPerEpoch) / p.batchesPerEpoch;
  return Math.max(0, p.epoch - 1) + within;
}

/** Fraction 0..1 of the whole run done: epochsElapsed / epochs, clamped. */
export function runFraction(p: BatchPosition, epochs: number): number {
  if (epochs <= 0) return 0;
  return Math.min(1, Math.max(0, epochsElapsed(p) / epochs));
}

/** Sum bytes over files that report progress; total is null while any file's size is unknown. */
export function sumDownloads(files: Iterable<{ loaded: number; total: number | null }>): {
  loaded: number;
  total: number | null;
} {
  let loaded = 0;
  let total: number | null = 0;
  for (const f of files) {
    loaded += f.loaded;
    total = total === null || f.total === null ? null : total + f.total;
  }
  return { loaded, total };
}
