/**
 * Starting a training run from a page. Runs the shared training session in a Web Worker
 * when the worker can use the GPU (OffscreenCanvas WebGL), otherwise on the main thread,
 * yielding after every batch. Either way the caller gets the same FromWorker messages.
 *
 * This module must NOT import tfjs statically: it is part of the page's initial script.
 * tfjs arrives with the worker, or through a dynamic import on the main thread.
 */
import { initialRunMode, shouldRetryOnMainThread, type RunMode } from '../../lib/runtime/run-mode.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { detectCapabilities } from '../../tf/capabilities.ts';
import { startWorkerRun, type WorkerFailure, type WorkerRunHandle } from '../shared/worker-run.ts';
import type { FromWorker, ToWorker, TrainConfig } from './protocol.ts';

export type { RunMode };

export interface TrainerHandle {
  /** Where the run is (now): it can move from 'worker' to 'main-thread' in 'auto' mode. */
  readonly mode: 'worker' | 'main-thread';
  /** Ask the run to stop; it takes effect within one batch and ends with a `done` message. */
  stop(): void;
  /** End everything now (terminates the worker); no more messages are delivered. */
  dispose(): void;
  /** Test hook: simulate a lost WebGL context (WEBGL_lose_context). */
  loseContext(): void;
}

const TFJS_LOAD_HINT = 'Check your connection and reload the page.';

function failureText(f: WorkerFailure): string {
  if (f.kind === 'start') return `The training worker could not start: ${f.detail}`;
  if (f.kind === 'error') return `The training worker failed: ${f.detail || 'it could not be loaded'}.`;
  return 'A message from the training worker could not be read.';
}

export function startTraining(config: TrainConfig, onMessage: (m: FromWorker) => void, options: { mode?: RunMode } = {}): TrainerHandle {
  const requested = options.mode ?? 'auto';
  const caps = detectCapabilities();
  let mode = initialRunMode(requested, config.backend, caps);
  let disposed = false;
  let finished = false;
  let stopRequested = false;
  let run: WorkerRunHandle | null = null;
  let mainAbort: AbortController | null = null;

  const deliver = (m: FromWorker): void => {
    if (disposed || finished) return;
    // The run is over at done/error (worker-run frees the worker, and its GPU memory, at once).
    if (m.type === 'done' || m.type === 'error') finished = true;
    onMessage(m);
  };

  const runOnMainThread = async (): Promise<void> => {
    mode = 'main-thread';
    mainAbort = new AbortController();
    if (stopRequested) mainAbort.abort();
    let session: typeof import('./session.ts');
    try {
      session = await import('./session.ts');
    } catch (err) {
      deliver({ type: 'error', code: 'unknown', message: `TensorFlow.js could not be loaded: ${errorText(err)}`, hint: TFJS_LOAD_HINT });
      return;
    }
    if (disposed) return;
    const signal = mainAbort.signal;
    await session.runTrainingSession(config, (m) => deliver(m), { stopped: () => stopRequested || disposed, signal });
  };

  const runInWorker = (): void => {
    let backendKnown = false;
    // Messages still queued from the dropped worker are not delivered (worker-run is finished).
    const fallBack = (): void => {
      run?.terminate();
      run = null;
      void runOnMainThread();
    };
    run = startWorkerRun<FromWorker>({
      createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-trainer' }),
      start: { type: 'start', config } satisfies ToWorker,
      onMessage: (m) => {
        if (m.type === 'backend') {
          backendKnown = true;
          if (requested === 'auto' && !stopRequested && shouldRetryOnMainThread(config.backend, m.backend, caps)) {
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
        return { type: 'error', code: 'unknown', message: failureText(failure), hint: TFJS_LOAD_HINT };
      },
    });
  };

  onMessage({ type: 'phase', phase: 'loading-tfjs', message: 'Loading TensorFlow.js…' });
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
    loseContext() {
      if (run && !run.finished) {
        run.post({ type: 'debug-lose-context' } satisfies ToWorker);
      } else if (mode === 'main-thread') {
        void import('./session.ts').then((s) => s.simulateContextLoss());
      }
    },
  };
}
