/**
 * The page side of the CNN trainer's model worker (./worker.ts): one worker for the widget's
 * lifetime (one long run of src/workers/shared/worker-run.ts), requests answered by id as promises.
 * Feature maps are "latest wins": while one request runs only the newest waits, so a reader paging
 * through test images quickly never queues up stale work. No tfjs here: it arrives with the worker.
 */
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';
import type { FromFeatureMaps, LayerOutput, ModelKey, ToFeatureMaps } from './protocol.ts';

type Answer = Exclude<FromFeatureMaps, { type: 'progress' } | { type: 'error' }>;
type Request = ToFeatureMaps extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never;
export type ProgressMessage = Extract<FromFeatureMaps, { type: 'progress' }>;

/** A request the worker refused, with what to do about it. */
export class FeatureMapRequestError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'FeatureMapRequestError';
  }
}

export interface FeatureMapClient {
  /** Sends a request; resolves with its answer, rejects with a FeatureMapRequestError. */
  request<T extends Answer['type']>(message: Request, expect: T, onProgress?: (p: ProgressMessage) => void): Promise<Extract<Answer, { type: T }>>;
  /** Every layer's output for test image `index`, unless a newer call replaces it first (then null). */
  maps(key: ModelKey, index: number): Promise<LayerOutput[] | null>;
  /** Ends the worker; pending requests never settle. */
  dispose(): void;
}

interface Pending {
  expect: string;
  resolve: (m: Answer) => void;
  reject: (e: FeatureMapRequestError) => void;
  onProgress?: ((p: ProgressMessage) => void) | undefined;
}

export function createFeatureMapClient(
  createWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-feature-maps' }),
): FeatureMapClient {
  let nextId = 0;
  const pending = new Map<number, Pending>();
  let broken: FeatureMapRequestError | null = null;

  const run: WorkerRunHandle = startWorkerRun<FromFeatureMaps>({
    createWorker,
    isEnd: () => false,
    workerName: 'feature-map worker',
    onMessage: (m) => {
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m);
      pending.delete(m.id);
      if (m.type === 'error') p.reject(new FeatureMapRequestError(m.message, m.hint));
      else if (m.type === p.expect) p.resolve(m);
      else p.reject(new FeatureMapRequestError(`The feature-map worker answered '${m.type}' to a request for '${p.expect}'.`, 'Reload the page.'));
    },
    // The worker failed: every request waiting, and any later one, fails with its words.
    error: (text) => {
      broken = new FeatureMapRequestError(text, 'Reload the page and try again.');
      for (const p of pending.values()) p.reject(broken);
      pending.clear();
      return null;
    },
  });

  const request: FeatureMapClient['request'] = (message, expect, onProgress) =>
    new Promise((resolve, reject) => {
      if (broken) return reject(broken);
      const id = ++nextId;
      pending.set(id, { expect, resolve: resolve as (m: Answer) => void, reject, onProgress });
      run.post({ ...message, id } as ToFeatureMaps);
    });

  let busy = false;
  let waiting: { key: ModelKey; index: number; resolve: (o: LayerOutput[] | null) => void; reject: (e: unknown) => void } | null = null;
  const pump = async (): Promise<void> => {
    if (busy || !waiting) return;
    const { key, index, resolve, reject } = waiting;
    waiting = null;
    busy = true;
    try {
      resolve((await request({ type: 'maps', key, index }, 'maps')).outputs);
    } catch (err) {
      reject(err);
    } finally {
      busy = false;
      void pump();
    }
  };

  return {
    request,
    maps(key, index) {
      return new Promise((resolve, reject) => {
        waiting?.resolve(null);
        waiting = { key, index, resolve, reject };
        void pump();
      });
    },
    dispose() {
      run.terminate();
      pending.clear();
    },
  };
}
