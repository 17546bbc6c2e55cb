/**
 * Training an autoencoder from a page (the autoencoder trainer, the denoiser, the latent space):
 *
 *   const run = startAutoencoderRun(request, (m) => { ... }, { mode: 'auto' });
 *   run.stop();     // polite: ends within a batch; the run tests what it trained and sends `done` (stopped: true)
 *   run.dispose();  // now: the worker is terminated, nothing more is delivered
 *
 * `request` is an AutoencoderRequest (./protocol.ts). Messages arrive in order: `phase`,
 * `backend`, `download`, then `samples` and `latent` before training, per epoch `batch` (~every
 * 100 ms), `samples` (at most 4 a second), `epoch`, `latent`; then `samples` once more and last
 * `done` (test losses) or `error`. Each run has its own worker.
 *
 * Must NOT import tfjs: it is part of the page's first script (../shared/tf-run.ts).
 */
import { startTfRun, type RunMode, type TfRun } from '../shared/tf-run.ts';
import type { AutoencoderFromWorker, AutoencoderRequest, AutoencoderToWorker } from './protocol.ts';

export type { AutoencoderFromWorker, AutoencoderRequest };

export type AutoencoderRunHandle = TfRun;

export function startAutoencoderRun(
  request: AutoencoderRequest,
  onMessage: (m: AutoencoderFromWorker) => void,
  options: { mode?: RunMode } = {},
): AutoencoderRunHandle {
  return startTfRun<AutoencoderFromWorker>(
    {
      backend: request.backend,
      ...(options.mode ? { mode: options.mode } : {}),
      createWorker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tinker-autoencoder' }),
      start: { type: 'start', request } satisfies AutoencoderToWorker,
      loadSession: async () => {
        const session = await import('./session.ts');
        return (emit, control) => session.runAutoencoderSession(request, emit, control);
      },
      first: { type: 'phase', phase: 'loading-tfjs', message: 'Loading TensorFlow.js…' },
      error: (message, hint) => ({ type: 'error', code: 'unknown', message, hint }),
    },
    onMessage,
  );
}
