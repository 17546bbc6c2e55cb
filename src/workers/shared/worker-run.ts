/**
 * One run of a training worker, seen from the page: start it, deliver its messages until `done`
 * or `error`, stop it politely or terminate it. Shared by the from-scratch, Q-learning and DQN
 * clients, whose protocols all end a run with `done` or `error`.
 *
 * - `stop()` posts `{ type: 'stop' }`; if the worker has not ended the run within `stopGraceMs`,
 *   the client delivers `syntheticStop()` itself (and terminates the worker).
 * - `terminate()` kills the worker now; nothing more is delivered.
 * - The worker is terminated as soon as the run ends, and worker failures (it cannot start, it
 *   throws, a message cannot be read) become the protocol's error message in plain words.
 */
import { errorText } from '../../lib/format/error-text.ts';

export interface WorkerRunHandle {
  /** Ask the run to stop; it ends with a `done` message. */
  stop(): void;
  /** End everything now (terminates the worker); no more messages are delivered. */
  terminate(): void;
  /** True once `done` or `error` was delivered, or after terminate(). */
  readonly finished: boolean;
}

export interface WorkerRunOptions<M extends { type: string }> {
  createWorker: () => Worker;
  /** Posted once the worker exists, e.g. `{ type: 'start', config }`. */
  start: unknown;
  /** Receives every message of the run, in order, ending with `done` or `error`. */
  onMessage: (m: M) => void;
  /** Sees each message before it is delivered (to keep counts for `syntheticStop`). */
  observe?: (m: M) => void;
  /** The `done` delivered when a stop is not answered within `stopGraceMs`. */
  syntheticStop: () => M;
  /** The protocol's error message for `text`. */
  error: (text: string) => M;
  stopGraceMs: number;
}

const RELOAD_HINT = 'Reload the page and press Start again.';

export function startWorkerRun<M extends { type: string }>(options: WorkerRunOptions<M>): WorkerRunHandle {
  let finished = false;
  let worker: Worker | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | null = null;

  const end = (): void => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    stopTimer = null;
    worker?.terminate();
    worker = null;
  };

  const deliver = (m: M): void => {
    if (finished) return;
    options.observe?.(m);
    if (m.type === 'done' || m.type === 'error') {
      finished = true;
      end();
    }
    options.onMessage(m);
  };

  const handle: WorkerRunHandle = {
    get finished() {
      return finished;
    },
    stop() {
      if (finished || !worker) return;
      worker.postMessage({ type: 'stop' });
      stopTimer ??= setTimeout(() => {
        stopTimer = null;
        deliver(options.syntheticStop());
      }, options.stopGraceMs);
    },
    terminate() {
      finished = true;
      end();
    },
  };

  try {
    worker = options.createWorker();
  } catch (err) {
    // Delivered after the caller has its handle, like every other message.
    queueMicrotask(() => deliver(options.error(`The training worker could not start (${errorText(err)}). ${RELOAD_HINT}`)));
    return handle;
  }
  worker.addEventListener('message', (event: MessageEvent<M>) => deliver(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    deliver(options.error(`The training worker failed: ${event.message || 'its code could not be loaded'}. ${RELOAD_HINT}`));
  });
  worker.addEventListener('messageerror', () => deliver(options.error(`A message from the training worker could not be read. ${RELOAD_HINT}`)));
  worker.postMessage(options.start);
  return handle;
}
