/**
 * Starting a Snake Q-learning run (`rl.worker.ts`) from a page.
 *
 *   const run = startRlTraining(config, (m) => { ... });
 *   run.stop();      // polite: the worker finishes its current slice and sends `done` (stopped: true)
 *   run.terminate(); // now: the worker is killed and no more messages are delivered
 *
 * If the worker does not answer a stop within `stopGraceMs` (default 3 s), the client terminates
 * it and delivers a `done` of its own. The worker is terminated as soon as the run ends (`done`
 * or `error`), so nothing is left running. Worker failures become `{ type: 'error' }` messages.
 *
 * This module is small and imports no engine code: the engine arrives with the worker.
 */
import { errorText } from '../lib/format/error-text.ts';
import type { RlFromWorker, RlToWorker, RlTrainConfig } from './rl-protocol.ts';

export interface RlTrainingHandle {
  /** Ask the run to stop; it ends with a `done` message (stopped: true). */
  stop(): void;
  /** End everything now (terminates the worker); no more messages are delivered. */
  terminate(): void;
  /** True once `done` or `error` was delivered, or after terminate(). */
  readonly finished: boolean;
}

export interface RlClientOptions {
  /** How long a stop may take before the worker is terminated. Default 3,000 ms. */
  stopGraceMs?: number;
  /** Makes the worker (tests). */
  createWorker?: () => Worker;
}

const RELOAD_HINT = 'Reload the page and press Start again.';

/**
 * Tracks a run's messages: remembers the latest training time and episodes, and ends the run
 * at `done` or `error`. Pure (no Worker), so it can be unit-tested.
 */
export class RlRunTracker {
  trainingMs = 0;
  episodes = 0;
  finished = false;

  /** Returns whether `m` should be delivered (nothing after the run has finished). */
  accept(m: RlFromWorker): boolean {
    if (this.finished) return false;
    if (m.type === 'progress') {
      this.trainingMs = m.trainingMs;
      this.episodes = m.episodes;
    }
    if (m.type === 'done' || m.type === 'error') this.finished = true;
    return true;
  }

  /** The `done` the client sends itself when it had to terminate a worker that did not stop. */
  syntheticStop(): Extract<RlFromWorker, { type: 'done' }> {
    return { type: 'done', stopped: true, reachedTarget: false, trainingMs: this.trainingMs, episodes: this.episodes };
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./rl.worker.ts', import.meta.url), { type: 'module', name: 'tinker-snake-q-learning' });
}

export function startRlTraining(
  config: RlTrainConfig,
  onMessage: (m: RlFromWorker) => void,
  options: RlClientOptions = {},
): RlTrainingHandle {
  const tracker = new RlRunTracker();
  let worker: Worker | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | null = null;

  const end = (): void => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    stopTimer = null;
    worker?.terminate();
    worker = null;
  };

  const deliver = (m: RlFromWorker): void => {
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

  worker.addEventListener('message', (event: MessageEvent<RlFromWorker>) => deliver(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    deliver({ type: 'error', code: 'unknown', message: `The training worker failed: ${event.message || 'its code could not be loaded'}. ${RELOAD_HINT}` });
  });
  worker.addEventListener('messageerror', () => {
    deliver({ type: 'error', code: 'unknown', message: `A message from the training worker could not be read. ${RELOAD_HINT}` });
  });
  worker.postMessage({ type: 'start', config } satisfies RlToWorker);
  return handle();

  function handle(): RlTrainingHandle {
    return {
      get finished() {
        return tracker.finished;
      },
      stop() {
        if (tracker.finished || !worker) return;
        worker.postMessage({ type: 'stop' } satisfies RlToWorker);
        if (stopTimer === null) {
          stopTimer = setTimeout(() => {
            stopTimer = null;
            deliver(tracker.syntheticStop());
          }, options.stopGraceMs ?? 3000);
        }
      },
      terminate() {
        tracker.finished = true;
        end();
      },
    };
  }
}
