/**
 * Early stopping: watch the validation loss after every epoch, remember the best epoch
 * and a copy of its weights, and say "stop" once the loss has not improved for
 * `patience` epochs in a row. The caller restores `bestWeights` at the end.
 */
export interface EarlyStoppingDecision {
  /** This epoch is the best so far (its weights were kept). */
  improved: boolean;
  /** Patience ran out: stop training now. */
  stop: boolean;
}

export class EarlyStopping {
  readonly patience: number;
  /** An improvement must lower the loss by more than this. */
  readonly minDelta: number;
  /** Epoch (as passed to `update`) of the lowest loss so far; -1 before the first. */
  bestEpoch = -1;
  bestLoss = Infinity;
  /** Copies of the weights at `bestEpoch` (null before the first finite loss). */
  bestWeights: Float32Array[] | null = null;
  /** Epochs since the last improvement. */
  waited = 0;

  constructor(patience: number, minDelta = 0) {
    if (!Number.isInteger(patience) || patience < 1) {
      throw new RangeError(`Early stopping patience must be a whole number of epochs ≥ 1, got ${patience}.`);
    }
    if (!(minDelta >= 0)) throw new RangeError(`Early stopping minDelta must be ≥ 0, got ${minDelta}.`);
    this.patience = patience;
    this.minDelta = minDelta;
  }

  /**
   * Record epoch `epoch`'s validation loss. `weights` is called (to copy the weights)
   * only when the epoch is the best so far. A NaN or infinite loss never counts as an improvement.
   */
  update(epoch: number, validationLoss: number, weights: () => Float32Array[]): EarlyStoppingDecision {
    if (Number.isFinite(validationLoss) && validationLoss < this.bestLoss - this.minDelta) {
      this.bestLoss = validationLoss;
      this.bestEpoch = epoch;
      this.bestWeights = weights().map((w) => w.slice());
      this.waited = 0;
      return { improved: true, stop: false };
    }
    this.waited++;
    return { improved: false, stop: this.waited >= this.patience };
  }
}
