/**
 * One tfjs training run from a page, in a Web Worker or on the main thread (the clients of
 * src/workers/train and src/workers/builder are built on it). The session runs in a worker when
 * the worker can use the GPU (OffscreenCanvas WebGL), otherwise on the main thread, yielding
 * between batches; in 'auto' mode a worker that fails to start, or only gets a CPU backend
 * while the page has WebGL, is dropped and the run moves to the main thread. Either way the
 * caller gets the same protocol messages, ending with `done` or `error`.
 *
 * Must NOT import tfjs: it is part of the page's first script. tfjs arrives with the worker,
 * or with `loadSession` (a dynamic import) on the main thread.
 */
import { errorText } from '../../lib/format/error-text.ts';
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import { initialRunMode, shouldRetryOnMainThread, type RunMode } from '../../lib/runtime/run-mode.ts';
import { detectCapabilities } from '../../tf/capabilities.ts';
import { startWorkerRun, type WorkerFailure, type WorkerRunHandle } from './worker-run.ts';

export type { RunMode };

/** The messages every tfjs training protocol shares (others pass through untouched). */
type Shared = { type: 'backend'; backend: BackendName } | { type: 'done' } | { type: 'error' };

export interface TfRunHandle {
  /** Where the run is (now): it can move from 'worker' to 'main-thread' in 'auto' mode. */
  readonly mode: 'worker' | 'main-thread';
  /** Ask the run to stop; it takes effect within one batch and ends with a `done` message. */
  stop(): void;
  /** End everything now (terminates the worker); no more messages are delivered. */
  dispose(): void;
  /** Sends the worker another message of its protocol; false when the run is not in a worker (any more). */
  post(message: unknown): boolean;
}

/** What a client hands the page (the widgets' run handle): where the run is, a polite stop, and the end of everything. */
export type TfRun = Pick<TfRunHandle, 'mode' | 'stop' | 'dispose'>;

/** A session as the main thread runs it: the same function the worker runs. */
export type MainThreadSession<M> = (emit: (m: M) => void, control: { stopped(): boolean; signal: AbortSignal }) => Promise<void>;

export interface TfRunOptions<M extends { type: string }> {
  backend: BackendRequest;
  mode?: RunMode;
  createWorker: () => Worker;
  /** Posted to the worker, e.g. `{ type: 'start', config }`. */
  start: unknown;
  /** Imports the session for the main thread (dynamic import: this is where tfjs loads). */
  loadSession: () => Promise<MainThreadSession<M>>;
  /** The protocol's first message, delivered at once (e.g. the 'loading-tfjs' phase). */
  first: M;
  /** The protocol's error message. */
  error: (message: string, hint: string) => M;
}

const TFJS_LOAD_HINT = 'Check your connection and reload the page.';

function failureText(f: WorkerFailure): string {
  if (f.kind === 'start') return `The training worker could not start: ${f.detail}`;
  if (f.kind === 'error') return `The training worker failed: ${f.detail || 'it could not be loaded'}.`;
  return 'A message from the training worker could not be read.';
}

export function startTfRun<M extends { type: string }>(options: TfRunOptions<M>, onMessage: (m: M) => void): TfRunHandle {
  const requested = options.mode ?? 'auto';
  const caps = detectCapabilities();
  let mode = initialRunMode(requested, options.backend, caps);
  let disposed = false;
  let finished = false;
  let stopRequested = false;
  let run: WorkerRunHandle | null = null;
  let mainAbort: AbortController | null = null;

  const deliver = (m: M): void => {
    if (disposed || finished) return;
    // The run is over at done/error (worker-run frees the worker, and its GPU memory, at once).
    if (m.type === 'done' || m.type === 'error') finished = true;
    onMessage(m);
  };

  const runOnMainThread = async (): Promise<void> => {
    mode = 'main-thread';
    mainAbort = new AbortController();
    if (stopRequested) mainAbort.abort();
    let session: MainThreadSession<M>;
    try {
      session = await options.loadSession();
    } catch (err) {
      deliver(options.error(`TensorFlow.js could not be loaded: ${errorText(err)}`, TFJS_LOAD_HINT));
      return;
    }
    if (disposed) return;
    await session(deliver, { stopped: () => stopRequested || disposed, signal: mainAbort.signal });
  };

  const runInWorker = (): void => {
    let backendKnown = false;
    // Messages still queued from the dropped worker are not delivered (worker-run is finished).
    const fallBack = (): void => {
      run?.terminate();
      run = null;
      void runOnMainThread();
    };
    run = startWorkerRun<M>({
      createWorker: options.createWorker,
      start: options.start,
      onMessage: (m) => {
        const shared = m as unknown as Shared;
        if (shared.type === 'backend') {
          backendKnown = true;
          if (requested === 'auto' && !stopRequested && shouldRetryOnMainThread(options.backend, shared.backend, caps)) {
            // The worker has no GPU but the page does: the main thread will be faster.
            return fallBack();
          }
        }
        deliver(m);
      },
      error: (_text, failure) => {
        if (requested === 'auto' && (failure.kind === 'start' || (failure.kind === 'error' && !backendKnown))) {
          queueMicrotask(fallBack);
          return null;
        }
        return options.error(failureText(failure), TFJS_LOAD_HINT);
      },
    });
  };

  onMessage(options.first);
  if (mode === 'worker') runInWorker();
  else void runOnMainThread();

  return {
    get mode() {
      return mode;
    },
    stop() {
      stopRequested = true;
      run?.stop();
      mainAbort?.abort();
    },
    dispose() {
      disposed = true;
      stopRequested = true;
      run?.terminate();
      run = null;
      mainAbort?.abort();
    },
    post(message) {
      if (!run || run.finished) return false;
      run.post(message);
      return true;
    },
  };
}
