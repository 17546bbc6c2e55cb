/**
 * Runs the filter lab's filters off the main thread (image-filter/worker.ts), or on the main
 * thread when a worker cannot start or fails.
 *
 * Latest request wins: at most one filter runs at a time; requests made meanwhile are not queued
 * up, only the newest is kept and runs next. So while the reader drags a slider the worker never
 * falls behind, and the last position always gets drawn.
 *
 * The worker is one long run of src/workers/shared/worker-run.ts that never ends by itself
 * (requests and answers go through it); a worker failure ends it, and filtering carries on here.
 */
import { errorText } from '../../lib/format/error-text.ts';
import type { Img } from '../../lib/image/types.ts';
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';
import { renderFilter } from './ops.ts';
import type { FilterJob, FilterResult, FromFilterWorker, ToFilterWorker } from './protocol.ts';

/** The part of `Worker` used here (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: ToFilterWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromFilterWorker>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export interface FilterRunnerOptions {
  /** Makes the worker; return null or throw to filter on the main thread. Default: image-filter/worker.ts. */
  createWorker?: () => WorkerLike | null;
}

export interface FilterRunner {
  /** Where the filters run now: 'worker', or 'main' after a fallback. */
  readonly mode: 'worker' | 'main';
  /** The image to filter from now on (results for earlier images are dropped). */
  setImage(img: Img): void;
  /** Filter the current image; replaces any request still waiting. */
  request(job: FilterJob): void;
  /** Whether a filter is running or waiting. */
  readonly busy: boolean;
  /** Stops the worker; later results are ignored. */
  dispose(): void;
}

export type FilterCallback = (result: FilterResult & { job: FilterJob; mode: 'worker' | 'main' }) => void;

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-image-filter' });
}

export function createFilterRunner(onResult: FilterCallback, onError: (message: string) => void, options: FilterRunnerOptions = {}): FilterRunner {
  let worker: WorkerRunHandle | null = null;
  let mode: 'worker' | 'main' = 'main';
  let image: Img | null = null;
  let imageId = 0;
  let nextId = 0;
  let inFlight: { id: number; imageId: number; job: FilterJob } | null = null;
  let waiting: FilterJob | null = null;
  let disposed = false;

  /** Start the next request, if one is waiting and nothing runs. */
  const pump = (): void => {
    if (disposed || inFlight || !waiting || !image) return;
    const job = waiting;
    waiting = null;
    const run = { id: ++nextId, imageId, job };
    inFlight = run;
    if (worker) {
      worker.post({ type: 'filter', id: run.id, imageId: run.imageId, job } satisfies ToFilterWorker);
    } else {
      // Main thread: on the next task, so a burst of requests still collapses to the newest.
      setTimeout(() => runOnMainThread(run), 0);
    }
  };

  const finish = (id: number): { imageId: number; job: FilterJob } | null => {
    if (!inFlight || inFlight.id !== id) return null;
    const run = inFlight;
    inFlight = null;
    return run;
  };

  const deliver = (run: { imageId: number; job: FilterJob }, result: FilterResult): void => {
    pump(); // the next request starts while this result is drawn
    if (run.imageId === imageId) onResult({ ...result, job: run.job, mode });
  };

  const runOnMainThread = (run: { id: number; imageId: number; job: FilterJob }): void => {
    if (disposed || inFlight?.id !== run.id) return;
    const source = image;
    if (!source) return;
    try {
      const started = performance.now();
      const out = renderFilter(source, run.job);
      const ms = performance.now() - started;
      finish(run.id);
      deliver(run, { id: run.id, imageId: run.imageId, ms, ...out });
    } catch (error) {
      finish(run.id);
      pump();
      onError(errorText(error));
    }
  };

  /** The worker failed: carry on without it, re-running whatever it was doing. */
  const fallBack = (): void => {
    if (!worker) return;
    worker.terminate();
    worker = null;
    mode = 'main';
    if (inFlight) {
      waiting ??= inFlight.job;
      inFlight = null;
    }
    pump();
  };

  const sendImage = (): void => {
    if (!worker || !image) return;
    // A copy goes over (transferred), so the page keeps its own image.
    const data = image.data.slice();
    worker.post({ type: 'image', imageId, width: image.width, height: image.height, channels: image.channels, data } satisfies ToFilterWorker, [
      data.buffer,
    ]);
  };

  let made: WorkerLike | null = null;
  try {
    made = (options.createWorker ?? defaultWorker)();
  } catch {
    made = null;
  }
  if (made) {
    mode = 'worker';
    const created = made;
    worker = startWorkerRun<FromFilterWorker>({
      createWorker: () => created as unknown as Worker,
      isEnd: () => false, // one worker for the widget's lifetime; its `error` answers one request
      onMessage: (m) => {
        if (disposed) return;
        const run = finish(m.id);
        if (!run) return;
        if (m.type === 'result') {
          deliver(run, m);
        } else {
          pump();
          onError(m.message);
        }
      },
      error: () => {
        if (!disposed) fallBack();
        return null;
      },
      workerName: 'filter worker',
    });
  }

  return {
    get mode() {
      return mode;
    },
    get busy() {
      return inFlight !== null || waiting !== null;
    },
    setImage(img: Img) {
      image = img;
      imageId++;
      sendImage();
    },
    request(job: FilterJob) {
      waiting = job;
      pump();
    },
    dispose() {
      disposed = true;
      worker?.terminate();
      worker = null;
      inFlight = null;
      waiting = null;
    },
  };
}
