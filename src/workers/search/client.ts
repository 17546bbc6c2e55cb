/**
 * Running a hyperparameter search from a page: N trial workers (./worker.ts), each loading its data
 * once, and the search's pure state (src/lib/search-hp/search.ts) deciding which trial goes to which
 * free worker and, with ASHA, which trials continue at a rung. The caller gets events: progress while
 * the workers load, an `update` after every result, then `done` or `error`. Stop ends every worker
 * at once (a search has nothing to save). No tfjs here: it arrives with the workers.
 */
import { SearchState, type Trial } from '../../lib/search-hp/search.ts';
import { specFor, type TrialParams } from '../../lib/search-hp/space.ts';
import { startWorkerRun, type WorkerRunHandle } from '../shared/worker-run.ts';
import type { BackendName } from '../../lib/runtime/backends.ts';
import type { FromWorker, SearchWorkerConfig, ToWorker } from './protocol.ts';

export interface SearchOptions {
  /** Data and backend of every worker (their rungs come from the scheduler). */
  worker: Omit<SearchWorkerConfig, 'rungs'>;
  trials: readonly TrialParams[];
  maxEpochs: number;
  eta: number;
  /** The first rung (default 1); maxEpochs or more: no early stopping, every trial runs to the end. */
  grace?: number;
  workers: number;
  seed: number;
}

export type SearchEvent =
  | { type: 'phase'; message: string }
  | { type: 'backend'; backend: BackendName; fallbackReason?: string }
  | { type: 'download'; file: string; loaded: number; total: number | null }
  /** Something changed: a trial started, reported an epoch or ended. */
  | { type: 'update'; state: SearchState; trial?: Trial }
  | { type: 'done'; state: SearchState; stopped: boolean }
  | { type: 'error'; state: SearchState; message: string; hint: string };

export interface SearchHandle {
  readonly state: SearchState;
  /** Ends the search now: every worker terminated, running trials marked stopped, then `done`. */
  stop(): void;
  /** Ends everything now; nothing more is delivered. */
  dispose(): void;
}

export interface SearchDeps {
  createWorker?: (index: number) => Worker;
}

const defaultWorker = (index: number): Worker =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `tinker-search-${index + 1}` });

/** The seed of trial `id` in a search seeded `seed`. */
export const trialSeed = (seed: number, id: number): number => (seed + id * 7919) >>> 0;

export function startSearch(options: SearchOptions, onEvent: (e: SearchEvent) => void, deps: SearchDeps = {}): SearchHandle {
  const state = new SearchState(options.trials, {
    maxEpochs: options.maxEpochs,
    eta: options.eta,
    grace: options.grace ?? 1,
    workers: options.workers,
  });
  const config: SearchWorkerConfig = { ...options.worker, rungs: [...state.scheduler.rungs] };
  const create = deps.createWorker ?? defaultWorker;
  const ready = new Set<number>();
  const dead = new Set<number>();
  let over = false;
  const runs: WorkerRunHandle[] = [];

  const end = (event: SearchEvent): void => {
    if (over) return;
    over = true;
    for (const r of runs) r.terminate();
    onEvent(event);
  };

  const dispatch = (): void => {
    if (over) return;
    for (const { worker, trial } of state.assign((w) => ready.has(w) && !dead.has(w))) {
      runs[worker]!.post({
        type: 'trial',
        trial: trial.id,
        spec: specFor(trial.params, options.maxEpochs),
        seed: trialSeed(options.seed, trial.id),
      } satisfies ToWorker);
      onEvent({ type: 'update', state, trial });
    }
    if (state.done) end({ type: 'done', state, stopped: false });
  };

  const onMessage = (w: number, m: FromWorker): void => {
    if (over) return;
    switch (m.type) {
      case 'phase':
        if (w === 0) onEvent({ type: 'phase', message: m.message });
        return;
      case 'backend':
        if (w === 0) onEvent({ type: 'backend', backend: m.backend, ...(m.fallbackReason ? { fallbackReason: m.fallbackReason } : {}) });
        return;
      case 'download':
        if (w === 0) onEvent({ type: 'download', file: m.file, loaded: m.loaded, total: m.total });
        return;
      case 'ready':
        ready.add(w);
        return dispatch();
      case 'epoch': {
        const decision = state.report(m.trial, m.epoch, m.accuracy);
        // The worker waits at a rung below the last epoch: tell it.
        if (m.epoch < options.maxEpochs && config.rungs.includes(m.epoch) && decision !== 'finish') {
          runs[w]!.post({ type: 'decision', trial: m.trial, decision } satisfies ToWorker);
        }
        onEvent({ type: 'update', state, trial: state.trial(m.trial) });
        return dispatch();
      }
      case 'trial-end':
        return dispatch();
      case 'done':
        return;
      case 'error':
        return workerFailed(w, m.message, m.hint);
    }
  };

  const workerFailed = (w: number, message: string, hint: string): void => {
    dead.add(w);
    const trial = state.runningOn(w);
    if (trial !== null) state.fail(trial);
    runs[w]?.terminate();
    // The search goes on while a worker lives; it fails with the last worker.
    if (dead.size === options.workers) end({ type: 'error', state, message, hint });
    else dispatch();
  };

  for (let w = 0; w < options.workers; w++) {
    runs.push(
      startWorkerRun<FromWorker>({
        createWorker: () => create(w),
        start: { type: 'start', config } satisfies ToWorker,
        workerName: 'search worker',
        onMessage: (m) => onMessage(w, m),
        error: (text) => ({ type: 'error', code: 'unknown', message: text, hint: 'Reload the page and press Start again.' }),
      }),
    );
  }
  onEvent({ type: 'phase', message: 'Loading TensorFlow.js…' });

  return {
    state,
    stop() {
      if (over) return;
      state.stopAll();
      end({ type: 'done', state, stopped: true });
    },
    dispose() {
      over = true;
      for (const r of runs) r.terminate();
    },
  };
}
