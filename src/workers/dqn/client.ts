/**
 * Starting a DQN run (dqn/worker.ts) from a page:
 *
 *   const run = startDqnTraining(config, (m) => { ... });
 *   run.stop();      // polite: the worker finishes its slice, evaluates and sends `done`
 *   run.terminate(); // now: the worker is killed, no more messages
 *
 * If the worker does not answer a stop within `stopGraceMs` (default 5 s) it is terminated and
 * the client delivers a `done` itself. Worker failures become `error` messages in plain words.
 * Small on purpose: tfjs arrives with the worker.
 */
import type { DqnFromWorker, DqnRunConfig, DqnToWorker } from './protocol.ts';
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';

export type DqnTrainingHandle = WorkerRunHandle;

export function startDqnTraining(
  config: DqnRunConfig,
  onMessage: (m: DqnFromWorker) => void,
  options: { stopGraceMs?: number; createWorker?: () => Worker } = {},
): DqnTrainingHandle {
  let seconds = 0;
  return startWorkerRun<DqnFromWorker>({
    createWorker: options.createWorker ?? (() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-dqn' })),
    start: { type: 'start', config } satisfies DqnToWorker,
    onMessage,
    observe: (m) => {
      if (m.type === 'eval') seconds = m.point.seconds;
    },
    syntheticStop: () => ({ type: 'done', stopped: true, seconds }),
    error: (message) => ({ type: 'error', message }),
    stopGraceMs: options.stopGraceMs ?? 5000,
  });
}
