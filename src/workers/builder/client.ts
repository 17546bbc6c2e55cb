/**
 * Training a ModelSpec from a page: the model builder, and any widget that overlays several runs.
 *
 *   const run = startBuilderRun(request, (m) => { ... }, { mode: 'auto' });
 *   run.stop();     // polite: ends within a batch; the run tests what it trained and sends `done` (stopped: true)
 *   run.dispose();  // now: the worker is terminated, nothing more is delivered
 *
 * `request` is a BuilderRequest (./protocol.ts): { spec, data: { trainLimit, validationCount,
 * testLimit, dataset? }, seed, backend, dataUrl, save?, saveUrl?, testEveryEpoch? }. Messages arrive
 * in order: `phase`, `backend`, `download`, then per epoch `metrics` (~every 100 ms) and `epoch`
 * (training and validation loss/accuracy), with `filters` (the first convolution's kernel, for specs
 * that have one: before the first batch, at most 4 a second, after the last batch), then `saved` or
 * `save-failed` (finished runs with `save` on, the default), and last `done` (test accuracy and
 * loss) or `error`. Each run has its own worker, so
 * several runs may go on at once (they share the machine). Pass `save: false` for runs that must
 * not replace the model the reader saved.
 *
 * Must NOT import tfjs: it is part of the page's first script (../shared/tf-run.ts).
 */
import { startTfRun, type RunMode, type TfRun } from '../shared/tf-run.ts';
import type { BuilderFromWorker, BuilderRequest, BuilderToWorker } from './protocol.ts';

export type { BuilderFromWorker, BuilderRequest };

export type BuilderRunHandle = TfRun;

export function startBuilderRun(
  request: BuilderRequest,
  onMessage: (m: BuilderFromWorker) => void,
  options: { mode?: RunMode } = {},
): BuilderRunHandle {
  return startTfRun<BuilderFromWorker>(
    {
      backend: request.backend,
      ...(options.mode ? { mode: options.mode } : {}),
      createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-model-builder' }),
      start: { type: 'start', request } satisfies BuilderToWorker,
      loadSession: async () => {
        const session = await import('./session.ts');
        return (emit, control) => session.runBuilderSession(request, emit, control);
      },
      first: { type: 'phase', phase: 'loading-tfjs', message: 'Loading TensorFlow.js…' },
      error: (message, hint) => ({ type: 'error', code: 'unknown', message, hint }),
    },
    onMessage,
  );
}
