/**
 * The running loss/accuracy of a tfjs batch loop (src/workers/train/session.ts,
 * src/workers/builder/session.ts): summed on the device and read
 * back only when a `metrics` message is due (~every 100 ms). A read-back is started, not awaited:
 * training goes on while it settles (on WebGL, awaiting it would drain the GPU's queue each time
 * and leave the GPU idle while the next batches are queued). It is awaited when the next one is
 * due (at most one in flight, so the GPU never falls far behind) and by `flush` at the end of an
 * epoch or a stop. Messages keep their order; a failed read-back (a lost context) is thrown by
 * the next `settle`.
 */
import type * as TF from '@tensorflow/tfjs';
import { accumulate } from './mnist-tensors.ts';

type Tf = typeof TF;

/** Where in the run a `metrics` message was taken. */
export interface MetricsFields {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  examplesSeen: number;
}

/** The `metrics` message of the training protocols: mean loss and accuracy since the last one. */
export type MetricsMessage = { type: 'metrics' } & MetricsFields & { loss: number; accuracy: number };
type Metrics = MetricsMessage;

export class BatchMetrics {
  private lossSum: TF.Scalar;
  private correctSum: TF.Scalar;
  private examples = 0;
  private inFlight: Promise<{ error: unknown } | null> | null = null;
  private muted = false;
  /** Time spent waiting for read-backs (ms), and how many were made. */
  waitedMs = 0;
  reads = 0;

  constructor(
    private readonly tf: Tf,
    private readonly readBack: <T>(read: Promise<T>) => Promise<T>,
    private readonly emit: (m: Metrics) => void,
    private readonly now: () => number,
  ) {
    this.lossSum = tf.scalar(0);
    this.correctSum = tf.scalar(0);
  }

  /** Adds a batch's summed loss and number of correct answers (takes ownership of both). */
  add(lossSum: TF.Scalar, correct: TF.Scalar, examples: number): void {
    this.lossSum = accumulate(this.tf, this.lossSum, lossSum);
    this.correctSum = accumulate(this.tf, this.correctSum, correct);
    this.examples += examples;
  }

  /** Starts reading back the sums since the last report (once the previous read-back settled). */
  async report(fields: MetricsFields): Promise<void> {
    if (this.examples === 0) return;
    await this.settle();
    const { tf } = this;
    const l = this.lossSum;
    const c = this.correctSum;
    const n = this.examples;
    this.lossSum = tf.scalar(0);
    this.correctSum = tf.scalar(0);
    this.examples = 0;
    this.reads++;
    this.inFlight = this.readBack(Promise.all([l.data(), c.data()]))
      .then(([lv, cv]) => {
        if (!this.muted) this.emit({ type: 'metrics', ...fields, loss: (lv[0] as number) / n, accuracy: (cv[0] as number) / n });
        return null;
      })
      .catch((error: unknown) => ({ error }))
      .finally(() => {
        l.dispose();
        c.dispose();
      });
  }

  /** Waits for the read-back in flight, if any; throws its failure. */
  async settle(): Promise<void> {
    const pending = this.inFlight;
    if (!pending) return;
    this.inFlight = null;
    const t = this.now();
    const failure = await pending;
    this.waitedMs += this.now() - t;
    if (failure) throw failure.error;
  }

  /** Reports what is left and waits until every message is out. */
  async flush(fields: MetricsFields): Promise<void> {
    await this.report(fields);
    await this.settle();
  }

  /** No more messages, even from a read-back in flight (the run is ending with `error` or `done`). */
  mute(): void {
    this.muted = true;
  }

  /** Frees the sums (after `settle`, so that nothing is in flight). */
  dispose(): void {
    this.lossSum.dispose();
    this.correctSum.dispose();
  }
}
