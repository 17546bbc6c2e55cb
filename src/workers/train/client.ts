/**
 * Starting a training run from a page, on the shared tfjs run (../shared/tf-run.ts): in a Web
 * Worker when the worker can use the GPU (OffscreenCanvas WebGL), otherwise on the main thread,
 * yielding after every batch. Either way the caller gets the same FromWorker messages.
 *
 * This module must NOT import tfjs statically: it is part of the page's initial script.
 * tfjs arrives with the worker, or through a dynamic import on the main thread.
 */
import { startTfRun, type RunMode, type TfRun } from '../shared/tf-run.ts';
import type { FromWorker, ToWorker, TrainConfig } from './protocol.ts';

export type { RunMode };

export interface TrainerHandle extends TfRun {
  /** Test hook: simulate a lost WebGL context (WEBGL_lose_context). */
  loseContext(): void;
}

export function startTraining(config: TrainConfig, onMessage: (m: FromWorker) => void, options: { mode?: RunMode } = {}): TrainerHandle {
  const run = startTfRun<FromWorker>(
    {
      backend: config.backend,
      ...(options.mode ? { mode: options.mode } : {}),
      createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-trainer' }),
      start: { type: 'start', config } satisfies ToWorker,
      loadSession: async () => {
        const session = await import('./session.ts');
        return (emit, control) => session.runTrainingSession(config, (m) => emit(m), control);
      },
      first: { type: 'phase', phase: 'loading-tfjs', message: 'Loading TensorFlow.js…' },
      error: (message, hint) => ({ type: 'error', code: 'unknown', message, hint }),
    },
    onMessage,
  );
  return {
    get mode() {
      return run.mode;
    },
    stop: () => run.stop(),
    dispose: () => run.dispose(),
    loseContext() {
      if (run.post({ type: 'debug-lose-context' } satisfies ToWorker)) return;
      if (run.mode === 'main-thread') void import('./session.ts').then((s) => s.simulateContextLoss());
    },
  };
}
