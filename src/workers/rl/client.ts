/**
 * Starting a Snake Q-learning run (`rl/worker.ts`) from a page.
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
import type { RlFromWorker, RlToWorker, RlTrainConfig } from './protocol.ts';
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';

export type RlTrainingHandle = WorkerRunHandle;

export interface RlClientOptions {
  /** How long a stop may take before the worker is terminated. Default 3,000 ms. */
  stopGraceMs?: number;
  /** Makes the worker (tests). */
  createWorker?: () => Worker;
}

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
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-snake-q-learning' });
}

export function startRlTraining(config: RlTrainConfig, onMessage: (m: RlFromWorker) => void, options: RlClientOptions = {}): RlTrainingHandle {
  const tracker = new RlRunTracker();
  return startWorkerRun<RlFromWorker>({
    createWorker: options.createWorker ?? defaultWorker,
    start: { type: 'start', config } satisfies RlToWorker,
    onMessage,
    observe: (m) => void tracker.accept(m),
    syntheticStop: () => tracker.syntheticStop(),
    error: (message) => ({ type: 'error', code: 'unknown', message }),
    stopGraceMs: options.stopGraceMs ?? 3000,
  });
}
