/**
 * Starting a from-scratch training run (src/lib/nn in `nn.worker.ts`) from a page.
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
import { errorText } from '../lib/format/error-text.ts';
import type { NnFromWorker, NnToWorker, NnTrainConfig } from './nn-protocol.ts';

export interface NnTrainingHandle {
  /** Ask the run to stop; it ends with a `done` message (stopped: true). */
  stop(): void;
  /** End everything now (terminates the worker); no more messages are delivered. */
  terminate(): void;
  /** True once `done` or `error` was delivered, or after terminate(). */
  readonly finished: boolean;
}

export interface NnClientOptions {
  /** How long a stop may take before the worker is terminated. Default 5,000 ms. */
  stopGraceMs?: number;
  /** Makes the worker (tests). */
  createWorker?: () => Worker;
}

const RELOAD_HINT = 'Reload the page and press Start again.';

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
  return new Worker(new URL('./nn.worker.ts', import.meta.url), { type: 'module', name: 'tinker-nn-trainer' });
}

export function startNnTraining(
  config: NnTrainConfig,
  onMessage: (m: NnFromWorker) => void,
  options: NnClientOptions = {},
): NnTrainingHandle {
  const tracker = new NnRunTracker();
  let worker: Worker | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | null = null;

  const end = (): void => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    stopTimer = null;
    worker?.terminate();
    worker = null;
  };

  const deliver = (m: NnFromWorker): void => {
    if (!tracker.accept(m)) return;
    if (tracker.finished) end();
    onMessage(m);
  };

  try {
    worker = (options.createWorker ?? defaultWorker)();
  } catch (err) {
    // Delivered after the caller has its handle, like every other message.
    queueMicrotask(() =>
      deliver({ type: 'error', code: 'unknown', message: `The training worker could not start (${errorText(err)}). ${RELOAD_HINT}` }),
    );
    return handle();
  }

  worker.addEventListener('message', (event: MessageEvent<NnFromWorker>) => deliver(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    deliver({
      type: 'error',
      code: 'unknown',
      message: `The training worker failed: ${event.message || 'its code could not be loaded'}. ${RELOAD_HINT}`,
    });
  });
  worker.addEventListener('messageerror', () => {
    deliver({ type: 'error', code: 'unknown', message: `A message from the training worker could not be read. ${RELOAD_HINT}` });
  });
  worker.postMessage({ type: 'start', config } satisfies NnToWorker);
  return handle();

  function handle(): NnTrainingHandle {
    return {
      get finished() {
        return tracker.finished;
      },
      stop() {
        if (tracker.finished || !worker) return;
        worker.postMessage({ type: 'stop' } satisfies NnToWorker);
        if (stopTimer === null) {
          stopTimer = setTimeout(() => {
            stopTimer = null;
            deliver(tracker.syntheticStop());
          }, options.stopGraceMs ?? 5000);
        }
      },
      terminate() {
        tracker.finished = true;
        end();
      },
    };
  }
}
