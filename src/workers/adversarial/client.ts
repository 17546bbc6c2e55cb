/**
 * Attacking the CNN in batches, or fine-tuning it to resist, from a page (the robustness curve,
 * adversarial training):
 *
 *   const run = startAdversarialRun(request, (m) => { ... }, { mode: 'auto' });
 *   run.stop();     // polite: heard between batches; the run ends with `done` (stopped: true)
 *   run.dispose();  // now: the worker is terminated, nothing more is delivered
 *
 * `request` is a CurveRequest or TrainRequest (./protocol.ts). Messages arrive in order:
 * 'curve': `phase`, `backend`, `download`, `phase` 'attacking', `progress`…, `curve`, `done`;
 * 'train': `phase`, `backend`, `download`, `phase` 'training', per epoch `batch`… `epoch`,
 * `trained`, `phase` 'evaluating', `progress`… `curve` (model 'trained'), `progress`… `curve`
 * (model 'standard'), `done`. Any run may end with `error` instead. Each run has its own worker.
 *
 * Must NOT import tfjs: it is part of the page's first script (../shared/tf-run.ts).
 */
import { startTfRun, type RunMode, type TfRun } from '../shared/tf-run.ts';
import type { AdversarialFromWorker, AdversarialRequest, AdversarialToWorker } from './protocol.ts';

export type { AdversarialFromWorker, AdversarialRequest };

export type AdversarialRunHandle = TfRun;

export function startAdversarialRun(
  request: AdversarialRequest,
  onMessage: (m: AdversarialFromWorker) => void,
  options: { mode?: RunMode } = {},
): AdversarialRunHandle {
  return startTfRun<AdversarialFromWorker>(
    {
      backend: request.backend,
      ...(options.mode ? { mode: options.mode } : {}),
      createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-adversarial' }),
      start: { type: 'start', request } satisfies AdversarialToWorker,
      loadSession: async () => {
        const session = await import('./session.ts');
        return (emit, control) => session.runAdversarialSession(request, emit, control);
      },
      first: { type: 'phase', phase: 'loading-tfjs', message: 'Loading TensorFlow.js…' },
      error: (message, hint) => ({ type: 'error', code: 'unknown', message, hint }),
    },
    onMessage,
  );
}
