/**
 * The page side of the inspector's worker (./worker.ts): one worker for the widget's lifetime
 * (one long run of src/workers/shared/worker-run.ts), requests answered by id as promises.
 * Predictions are "latest wins": while one runs, only the newest drawing waits, so a reader
 * drawing fast never queues up stale work. No tfjs here: it arrives with the worker.
 */
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';
import type { FromInspector, ToInspector } from './protocol.ts';

type Answer = Exclude<FromInspector, { type: 'progress' } | { type: 'error' }>;
type Request = ToInspector extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;

/** A request the worker refused, with what to do about it. */
export class InspectorError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'InspectorError';
  }
}

export interface InspectorClient {
  /** Sends a request; resolves with its answer, rejects with an InspectorError. */
  request<T extends Answer['type']>(
    message: Request,
    expect: T,
    onProgress?: (p: Extract<FromInspector, { type: 'progress' }>) => void,
  ): Promise<Extract<Answer, { type: T }>>;
  /** Classifies `pixels` (784 values 0..1) unless a newer call replaces it first (then resolves null). */
  predict(pixels: Float32Array): Promise<Float32Array | null>;
  /** Ends the worker; pending requests never settle. */
  dispose(): void;
}

interface Pending {
  expect: string;
  resolve: (m: Answer) => void;
  reject: (e: InspectorError) => void;
  onProgress?: ((p: Extract<FromInspector, { type: 'progress' }>) => void) | undefined;
}

export function createInspectorClient(
  createWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-inspector' }),
): InspectorClient {
  let nextId = 0;
  const pending = new Map<number, Pending>();
  let broken: InspectorError | null = null;

  const run: WorkerRunHandle = startWorkerRun<FromInspector>({
    createWorker,
    isEnd: () => false,
    workerName: 'inspector worker',
    onMessage: (m) => {
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m);
      pending.delete(m.id);
      if (m.type === 'error') p.reject(new InspectorError(m.message, m.hint));
      else if (m.type === p.expect) p.resolve(m);
      else p.reject(new InspectorError(`The inspector worker answered '${m.type}' to a request for '${p.expect}'.`, 'Reload the page.'));
    },
    // The worker failed: every request waiting, and any later one, fails with its words.
    error: (text) => {
      broken = new InspectorError(text, 'Reload the page and try again.');
      for (const p of pending.values()) p.reject(broken);
      pending.clear();
      return null;
    },
  });

  const request: InspectorClient['request'] = (message, expect, onProgress) =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      const id = ++nextId;
      pending.set(id, { expect, resolve: resolve as (m: Answer) => void, reject, onProgress });
      const transfer = message.type === 'load' ? [message.weightData] : message.type === 'predict' ? [message.pixels.buffer] : [];
      run.post({ ...message, id } as ToInspector, transfer);
    });

  let predicting = false;
  let waiting: { pixels: Float32Array; resolve: (p: Float32Array | null) => void } | null = null;
  const pump = async (): Promise<void> => {
    if (predicting || !waiting) return;
    const { pixels, resolve } = waiting;
    waiting = null;
    predicting = true;
    try {
      resolve((await request({ type: 'predict', pixels }, 'prediction')).probs);
    } catch {
      resolve(null);
    } finally {
      predicting = false;
      void pump();
    }
  };

  return {
    request,
    predict(pixels) {
      return new Promise((resolve) => {
        waiting?.resolve(null);
        waiting = { pixels, resolve };
        void pump();
      });
    },
    dispose() {
      run.terminate();
      pending.clear();
    },
  };
}
