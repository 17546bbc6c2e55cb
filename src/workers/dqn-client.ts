/**
 * Starting a DQN run (dqn.worker.ts) from a page:
 *
 *   const run = startDqnTraining(config, (m) => { ... });
 *   run.stop();      // polite: the worker finishes its slice, evaluates and sends `done`
 *   run.terminate(); // now: the worker is killed, no more messages
 *
 * If the worker does not answer a stop within `stopGraceMs` (default 5 s) it is terminated and
 * the client delivers a `done` itself. Worker failures become `error` messages in plain words.
 * Small on purpose: tfjs arrives with the worker.
 */
import { errorText } from '../lib/format/error-text.ts';
import type { DqnFromWorker, DqnRunConfig, DqnToWorker } from './dqn-protocol.ts';

export interface DqnTrainingHandle {
  stop(): void;
  terminate(): void;
  readonly finished: boolean;
}

const RELOAD_HINT = 'Reload the page and press Start again.';

export function startDqnTraining(
  config: DqnRunConfig,
  onMessage: (m: DqnFromWorker) => void,
  options: { stopGraceMs?: number; createWorker?: () => Worker } = {},
): DqnTrainingHandle {
  let finished = false;
  let worker: Worker | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | null = null;
  let seconds = 0;

  const end = (): void => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    stopTimer = null;
    worker?.terminate();
    worker = null;
  };
  const deliver = (m: DqnFromWorker): void => {
    if (finished) return;
    if (m.type === 'eval') seconds = m.point.seconds;
    if (m.type === 'done' || m.type === 'error') {
      finished = true;
      end();
    }
    onMessage(m);
  };

  try {
    worker = (options.createWorker ?? (() => new Worker(new URL('./dqn.worker.ts', import.meta.url), { type: 'module', name: 'tinker-dqn' })))();
  } catch (err) {
    queueMicrotask(() => deliver({ type: 'error', message: `The training worker could not start (${errorText(err)}). ${RELOAD_HINT}` }));
    return handle();
  }
  worker.addEventListener('message', (event: MessageEvent<DqnFromWorker>) => deliver(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    deliver({ type: 'error', message: `The training worker failed: ${event.message || 'its code could not be loaded'}. ${RELOAD_HINT}` });
  });
  worker.addEventListener('messageerror', () => deliver({ type: 'error', message: `A message from the training worker could not be read. ${RELOAD_HINT}` }));
  worker.postMessage({ type: 'start', config } satisfies DqnToWorker);
  return handle();

  function handle(): DqnTrainingHandle {
    return {
      get finished() {
        return finished;
      },
      stop() {
        if (finished || !worker) return;
        worker.postMessage({ type: 'stop' } satisfies DqnToWorker);
        stopTimer ??= setTimeout(() => {
          stopTimer = null;
          deliver({ type: 'done', stopped: true, seconds });
        }, options.stopGraceMs ?? 5000);
      },
      terminate() {
        finished = true;
        end();
      },
    };
  }
}
