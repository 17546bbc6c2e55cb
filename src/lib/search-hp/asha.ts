/**
 * An ASHA scheduler (asynchronous successive halving), as Ray Tune's ASHAScheduler does it with one
 * bracket: rungs at grace · η^k epochs below the maximum (1, 3, 9… for grace 1 and η = 3). When a
 * trial reaches a rung, it is compared with the results recorded at that rung so far (the trials that
 * got there before it): it continues if its validation accuracy is at least the (1 − 1/η) quantile of
 * them, i.e. in their top 1/η, and is stopped otherwise. The first trial at a rung always continues
 * (there is nothing to compare with), ties continue, and no one waits for a full bracket: every
 * decision is taken the moment a trial reports.
 */

export interface AshaOptions {
  /** Epochs a trial runs at most (it finishes there). */
  maxEpochs: number;
  /** Reduction factor η: a rung keeps its top 1/η. Ray Tune's default is 4; we use 3. */
  eta: number;
  /** The first rung (Ray Tune's grace_period). */
  grace: number;
}

export type Decision = 'continue' | 'stop';

/** The rungs (epochs) where a decision is taken: grace · η^k, strictly below maxEpochs. */
export function rungs(options: AshaOptions): number[] {
  const { maxEpochs, eta, grace } = options;
  if (!(eta > 1)) throw new RangeError(`ASHA: the reduction factor η must be above 1, got ${eta}.`);
  if (!(grace >= 1) || !Number.isInteger(grace)) throw new RangeError(`ASHA: the first rung must be a whole number of epochs ≥ 1, got ${grace}.`);
  const out: number[] = [];
  for (let r = grace; r < maxEpochs; r = Math.round(r * eta)) out.push(r);
  return out;
}

/** The q-quantile (0..1) of `values` with linear interpolation (numpy's default percentile). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export class AshaScheduler {
  readonly rungs: readonly number[];
  private readonly recorded = new Map<number, Map<string | number, number>>();

  constructor(readonly options: AshaOptions) {
    this.rungs = rungs(options);
    for (const r of this.rungs) this.recorded.set(r, new Map());
  }

  /** True when `epoch` is a rung (the trial must wait for `decide`). */
  isRung(epoch: number): boolean {
    return this.recorded.has(epoch);
  }

  /** The quantile a newcomer at `rung` must reach to continue, or null when nothing is recorded there yet. */
  cutoff(rung: number): number | null {
    const results = this.recorded.get(rung);
    if (!results || results.size === 0) return null;
    return quantile([...results.values()], 1 - 1 / this.options.eta);
  }

  /**
   * A trial reports `accuracy` after `epoch` epochs. At a rung the result is recorded and the
   * decision is taken against the results recorded there before it; elsewhere it continues.
   * A trial reporting the same rung twice is decided against the others only.
   */
  decide(trial: string | number, epoch: number, accuracy: number): Decision {
    const results = this.recorded.get(epoch);
    if (!results) return 'continue';
    results.delete(trial);
    const cut = this.cutoff(epoch);
    results.set(trial, Number.isFinite(accuracy) ? accuracy : -Infinity);
    return cut === null || accuracy >= cut ? 'continue' : 'stop';
  }

  /** How many results are recorded at `rung`. */
  count(rung: number): number {
    return this.recorded.get(rung)?.size ?? 0;
  }
}
