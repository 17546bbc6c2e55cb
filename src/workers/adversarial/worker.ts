/**
 * The adversarial worker: runs ./session.ts for each `start` and posts AdversarialFromWorker
 * messages back (src/workers/shared/worker-entry.ts does the start/stop bookkeeping).
 */
import { serveSessions } from '../shared/worker-entry.ts';
import type { AdversarialFromWorker, AdversarialToWorker } from './protocol.ts';
import { runAdversarialSession } from './session.ts';

/** No page to keep responsive here: yield less often than on the main thread (10 ms). */
const WORKER_YIELD_INTERVAL_MS = 25;

serveSessions<Extract<AdversarialToWorker, { type: 'start' }>, AdversarialFromWorker>({
  run: (message, post, control) => runAdversarialSession(message.request, post, control, { yieldIntervalMs: WORKER_YIELD_INTERVAL_MS }),
  busy: {
    type: 'error',
    code: 'unknown',
    message: 'An attack or training run is already going on in this worker.',
    hint: 'Stop it first, then start again.',
  },
  failed: (text) => ({ type: 'error', code: 'unknown', message: `The run failed: ${text}`, hint: 'Reload the page and press Start again.' }),
});
