/**
 * One run of a worker, seen from the page: start it, deliver its messages until `done` or
 * `error`, stop it politely or terminate it. Every client in src/workers/<name>/client.ts is
 * built on it (or on ./worker-request.ts, its one-answer form), whose protocols all end a run
 * with `done` or `error` (a request/response protocol passes its own `isEnd`).
 *
 * - `stop()` posts `{ type: 'stop' }`; if the worker has not ended the run within `stopGraceMs`,
 *   the client delivers `syntheticStop()` itself (and terminates the worker). Without
 *   `syntheticStop`, a stop only asks.
 * - `post()` sends the worker any other message of its protocol (e.g. a test hook).
 * - `privateChannel`: the worker answers over a MessagePort (`handle.port`, to transfer with a
 *   request) instead of its global `postMessage`, which code running in the worker could reach.
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
  /** Send the worker another message of its protocol (ignored once the run is over). */
  post(message: unknown, transfer?: Transferable[]): void;
  /** True once `done` or `error` was delivered, or after terminate(). */
  readonly finished: boolean;
  /** With `privateChannel`: the port the worker answers through (transfer it); else null. */
  readonly port: MessagePort | null;
}

/** What went wrong with the worker itself: it could not start, it threw, or a message was unreadable. */
export interface WorkerFailure {
  kind: 'start' | 'error' | 'messageerror';
  /** The browser's words for it ('' when it gave none). */
  detail: string;
}

export interface WorkerRunOptions<M extends { type: string }> {
  createWorker: () => Worker;
  /** Posted once the worker exists, e.g. `{ type: 'start', config }`; nothing when left out. */
  start?: unknown;
  /** Buffers moved (not copied) with the start message. */
  startTransfer?: Transferable[];
  /** Which messages end the run. Default: `done` and `error`. */
  isEnd?: (m: M) => boolean;
  /** Receives every message of the run, in order, ending with `done` or `error`. */
  onMessage: (m: M) => void;
  /** Sees each message before it is delivered (to keep counts for `syntheticStop`). */
  observe?: (m: M) => void;
  /** The `done` delivered when a stop is not answered within `stopGraceMs`. */
  syntheticStop?: () => M;
  /**
   * The protocol's error message for a worker failure, `text` being it in plain words; or null
   * to end the run without a message (the caller takes over, e.g. falls back to the main thread).
   */
  error: (text: string, failure: WorkerFailure) => M | null;
  stopGraceMs?: number;
  /** The name of the worker in failure messages. Default 'training worker'. */
  workerName?: string;
  /** Listen on a private MessageChannel (see `handle.port`) instead of the worker's messages. */
  privateChannel?: boolean;
}

const RELOAD_HINT = 'Reload the page and press Start again.';

export function startWorkerRun<M extends { type: string }>(options: WorkerRunOptions<M>): WorkerRunHandle {
  let finished = false;
  let worker: Worker | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | null = null;
  let channel: MessageChannel | null = null;

  const end = (): void => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    stopTimer = null;
    worker?.terminate();
    worker = null;
    channel?.port1.close();
    channel = null;
  };

  const isEnd = options.isEnd ?? ((m: M) => m.type === 'done' || m.type === 'error');
  const name = options.workerName ?? 'training worker';
  const deliver = (m: M): void => {
    if (finished) return;
    options.observe?.(m);
    if (isEnd(m)) {
      finished = true;
      end();
    }
    options.onMessage(m);
  };

  const handle: WorkerRunHandle = {
    get finished() {
      return finished;
    },
    get port() {
      return channel?.port2 ?? null;
    },
    post(message, transfer = []) {
      if (!finished) worker?.postMessage(message, transfer);
    },
    stop() {
      if (finished || !worker) return;
      worker.postMessage({ type: 'stop' });
      const syntheticStop = options.syntheticStop;
      if (!syntheticStop) return;
      stopTimer ??= setTimeout(() => {
        stopTimer = null;
        deliver(syntheticStop());
      }, options.stopGraceMs ?? 0);
    },
    terminate() {
      finished = true;
      end();
    },
  };

  const fail = (failure: WorkerFailure, text: string): void => {
    if (finished) return;
    const m = options.error(text, failure);
    if (m) return deliver(m);
    finished = true;
    end();
  };

  try {
    worker = options.createWorker();
    if (options.privateChannel) channel = new MessageChannel();
  } catch (err) {
    worker?.terminate();
    worker = null;
    const detail = errorText(err);
    // Delivered after the caller has its handle, like every other message.
    queueMicrotask(() => fail({ kind: 'start', detail }, `The ${name} could not start (${detail}). ${RELOAD_HINT}`));
    return handle;
  }
  const unreadable = (): void => fail({ kind: 'messageerror', detail: '' }, `A message from the ${name} could not be read. ${RELOAD_HINT}`);
  if (channel) {
    channel.port1.onmessage = (event: MessageEvent<M>) => deliver(event.data);
    channel.port1.onmessageerror = unreadable;
  } else {
    worker.addEventListener('message', (event: MessageEvent<M>) => deliver(event.data));
  }
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    const detail = event.message || '';
    fail({ kind: 'error', detail }, `The ${name} failed: ${detail || 'its code could not be loaded'}. ${RELOAD_HINT}`);
  });
  worker.addEventListener('messageerror', unreadable);
  if (options.start !== undefined) worker.postMessage(options.start, options.startTransfer ?? []);
  return handle;
}
