/**
 * Starting a from-scratch training run (src/lib/nn in `nn/worker.ts`) from a page.
 *
 *   const run = startNnTraining(config, (m) => { ... });
 *   run.stop();      // polite: the worker finishes its current group of batches, evaluates
 *                    // the weights so far on the test set and sends `done` with stopped: true
 *   run.terminate(); // now: the worker is killed and no more messages are delivered
 *
 * Stop keeps the weights learned so far (the run ends with a real `done`). If the worker
 * does not answer a stop within `stopGraceMs` (default 5 s), the client terminates it and
 * delivers a `done` of its own: stopped: true, test: null, no weights.
 * The worker is terminated as soon as the run ends (`done` or `error`).
 * Worker failures become `{ type: 'error' }` messages in plain words.
 *
 * This module is small and imports no engine code: the engine arrives with the worker.
 */
import type { NnFromWorker, NnToWorker, NnTrainConfig } from './protocol.ts';
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';

export type NnTrainingHandle = WorkerRunHandle;

export interface NnClientOptions {
  /** How long a stop may take before the worker is terminated. Default 5,000 ms. */
  stopGraceMs?: number;
  /** Makes the worker (tests). */
  createWorker?: () => Worker;
}

/**
 * Tracks a run's messages: counts finished epochs and ends the run at `done` or `error`.
 * Pure (no Worker), so it can be unit-tested.
 */
export class NnRunTracker {
  epochsCompleted = 0;
  finished = false;

  /** Returns whether `m` should be delivered (nothing after the run has finished). */
  accept(m: NnFromWorker): boolean {
    if (this.finished) return false;
    if (m.type === 'epoch') this.epochsCompleted = m.summary.epoch + 1;
    if (m.type === 'done' || m.type === 'error') this.finished = true;
    return true;
  }

  /** The `done` the client sends itself when it had to terminate a worker that did not stop. */
  syntheticStop(): Extract<NnFromWorker, { type: 'done' }> {
    return { type: 'done', stopped: true, epochsCompleted: this.epochsCompleted, test: null, weights: [] };
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-nn-trainer' });
}

export function startNnTraining(config: NnTrainConfig, onMessage: (m: NnFromWorker) => void, options: NnClientOptions = {}): NnTrainingHandle {
  const tracker = new NnRunTracker();
  return startWorkerRun<NnFromWorker>({
    createWorker: options.createWorker ?? defaultWorker,
    start: { type: 'start', config } satisfies NnToWorker,
    onMessage,
    observe: (m) => void tracker.accept(m),
    syntheticStop: () => tracker.syntheticStop(),
    error: (message) => ({ type: 'error', code: 'unknown', message }),
    stopGraceMs: options.stopGraceMs ?? 5000,
  });
}
