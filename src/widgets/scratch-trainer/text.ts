/**
 * The from-scratch trainer's sentences and the small bits of arithmetic behind them.
 * Pure, so tests read exactly what the reader sees. Epochs here count from 1, as people do.
 */
import { formatCount, formatLoss, formatPercent, plural } from '../../lib/format/numbers.ts';

/** One finished epoch, as the widget keeps it (epoch counted from 1). */
export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number | null;
  validationAccuracy: number | null;
}

/** "Test accuracy 97.8% after 4 epochs (55,000 training images)" — the mnist variant's figure. */
export function mnistDoneStatus(testAccuracy: number, epochs: number, trainImages: number): string {
  return `Test accuracy ${formatPercent(testAccuracy)} after ${plural(epochs, 'epoch')} (${formatCount(trainImages)} training images)`;
}

/** The epoch with the lowest finite validation loss (the first one on ties), or null. */
export function bestEpoch(points: readonly EpochPoint[]): EpochPoint | null {
  let best: EpochPoint | null = null;
  for (const p of points) {
    if (p.validationLoss === null || !Number.isFinite(p.validationLoss)) continue;
    if (best === null || p.validationLoss < (best.validationLoss ?? Infinity)) best = p;
  }
  return best;
}

/**
 * How far validation loss climbed after its minimum, as a fraction of the minimum
 * (0.25 = the last epoch's validation loss is 25% above the best). 0 when it did not rise.
 */
export function validationRise(points: readonly EpochPoint[]): number {
  const best = bestEpoch(points);
  const last = points[points.length - 1];
  if (!best || !last || last.validationLoss === null || !Number.isFinite(last.validationLoss)) return 0;
  const min = best.validationLoss ?? 0;
  if (!(min > 0)) return 0;
  return Math.max(0, last.validationLoss / min - 1);
}

export interface OverfitOutcome {
  points: readonly EpochPoint[];
  /** Epochs the reader asked for. */
  epochs: number;
  /** Set when early stopping ended the run: the epoch it stopped after (from 1). */
  stoppedEarlyAfter: number | null;
}

/**
 * The overfit variant's figure: the best epoch and its validation loss and accuracy, e.g.
 * "Best epoch 18 of 100: validation loss 0.39, validation accuracy 88.7%; by epoch 100 validation loss had risen to 0.52"
 * or "Early stopping after epoch 28 kept the best epoch, 18: validation loss 0.39, validation accuracy 88.7%".
 */
export function overfitDoneStatus(o: OverfitOutcome): string {
  const best = bestEpoch(o.points);
  const last = o.points[o.points.length - 1];
  if (!best || !last) {
    if (last && !Number.isFinite(last.trainLoss)) return divergedStatus(last.epoch);
    return 'Training finished without a validation loss';
  }
  const figures = `validation loss ${formatLoss(best.validationLoss ?? NaN)}, validation accuracy ${formatPercent(best.validationAccuracy ?? NaN)}`;
  if (o.stoppedEarlyAfter !== null) {
    return `Early stopping after epoch ${o.stoppedEarlyAfter} kept the best epoch, ${best.epoch}: ${figures}`;
  }
  let text = `Best epoch ${best.epoch} of ${last.epoch}: ${figures}`;
  if (last.epoch > best.epoch && last.validationLoss !== null && Number.isFinite(last.validationLoss)) {
    text += `; by epoch ${last.epoch} validation loss had risen to ${formatLoss(last.validationLoss)}`;
  } else if (last.validationLoss === null || !Number.isFinite(last.validationLoss)) {
    text += `; then the loss blew up (the learning rate is too large)`;
  }
  return text;
}

/** "Training diverged at epoch 3: the loss is no longer a number. Try a smaller learning rate." */
export function divergedStatus(epoch: number): string {
  return `Training diverged at epoch ${epoch}: the loss is no longer a number. Try a smaller learning rate`;
}

/** "Epoch 3 of 100 · training loss 0.41 · validation loss 0.52" (overfit, per epoch). */
export function overfitEpochStatus(p: EpochPoint, epochs: number): string {
  const validation = p.validationLoss === null ? '' : ` · validation loss ${formatLoss(p.validationLoss)}`;
  return `Epoch ${formatCount(p.epoch)} of ${formatCount(epochs)} · training loss ${formatLoss(p.trainLoss)}${validation}`;
}

/** "Epoch 2 of 4 done: training accuracy 97.1%, validation accuracy 96.8%" (mnist, per epoch). */
export function mnistEpochStatus(p: EpochPoint, epochs: number): string {
  const validation = p.validationAccuracy === null ? '' : `, validation accuracy ${formatPercent(p.validationAccuracy)}`;
  return `Epoch ${formatCount(p.epoch)} of ${formatCount(epochs)} done: training accuracy ${formatPercent(p.trainAccuracy)}${validation}`;
}

/** Losses above this are drawn at it: a cross-entropy that starts near 2.3 and shoots past 4 is off the scale. */
export const LOSS_CAP = 4;

/** Loss values drawn on a chart: non-finite values are dropped and huge ones capped, so a diverging run stays readable. */
export function plottableLoss(loss: number, cap = LOSS_CAP): number | null {
  if (!Number.isFinite(loss)) return null;
  return Math.min(loss, cap);
}

/**
 * The 10×10 confusion matrix as rows of counts with each row's total and its share on the diagonal,
 * for the accessible table. `confusion[t * 10 + p]` counts true label t predicted as p.
 */
export function confusionRows(confusion: ArrayLike<number>, classes = 10): { counts: number[]; total: number; recall: number }[] {
  if (confusion.length !== classes * classes) {
    throw new Error(`A ${classes}-class confusion matrix needs ${classes * classes} counts, got ${confusion.length}.`);
  }
  const rows: { counts: number[]; total: number; recall: number }[] = [];
  for (let t = 0; t < classes; t++) {
    const counts: number[] = [];
    for (let p = 0; p < classes; p++) counts.push(confusion[t * classes + p] ?? 0);
    const total = counts.reduce((a, b) => a + b, 0);
    rows.push({ counts, total, recall: total > 0 ? (counts[t] ?? 0) / total : 0 });
  }
  return rows;
}

/** The most frequent mistake in a confusion matrix: "4 read as 9 (23 times)", or null when there are none. */
export function commonestMistake(confusion: ArrayLike<number>, classes = 10): string | null {
  let best = { t: -1, p: -1, n: 0 };
  for (let t = 0; t < classes; t++) {
    for (let p = 0; p < classes; p++) {
      const n = confusion[t * classes + p] ?? 0;
      if (t !== p && n > best.n) best = { t, p, n };
    }
  }
  return best.n > 0 ? `${best.t} read as ${best.p} (${plural(best.n, 'time')})` : null;
}
