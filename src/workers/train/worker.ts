/**
 * The training worker: runs the MNIST training session (./session.ts) for each `start` and
 * posts FromWorker messages back, transferring big buffers (src/workers/shared/worker-entry.ts
 * does the start/stop bookkeeping). tfjs is imported here; a worker may be heavy, the page that
 * starts it stays light. WebGL works here through OffscreenCanvas (tfjs creates one when there
 * is no document).
 */
import { serveSessions } from '../shared/worker-entry.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { runTrainingSession, simulateContextLoss } from './session.ts';

const WORKER_YIELD_INTERVAL_MS = 25;

serveSessions<Extract<ToWorker, { type: 'start' }>, FromWorker>({
  // No page to keep responsive here: yield less often than the main-thread fallback (10 ms);
  // a stop still gets in within ~25 ms and one batch.
  run: (message, post, control) => runTrainingSession(message.config, post, control, { yieldIntervalMs: WORKER_YIELD_INTERVAL_MS }),
  busy: { type: 'error', code: 'unknown', message: 'A training run is already going on in this worker.', hint: 'Stop it first, then start again.' },
  failed: (text) => ({ type: 'error', code: 'unknown', message: `Training failed: ${text}`, hint: 'Reload the page and press Start again.' }),
  more: {
    'debug-lose-context': () => {
      simulateContextLoss();
    },
  },
});
