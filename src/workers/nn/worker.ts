/**
 * The from-scratch training worker: runs one session of `nn/session.ts` (src/lib/nn, no tfjs)
 * per `start` and posts NnFromWorker messages back, transferring the big buffers. 'stop' takes
 * effect at the next group of `reportEveryBatches` batches; the run then ends with `done`
 * (stopped: true). Start/stop bookkeeping: src/workers/shared/worker-entry.ts.
 */
import { serveSessions } from '../shared/worker-entry.ts';
import type { NnFromWorker, NnToWorker } from './protocol.ts';
import { runNnSession } from './session.ts';

serveSessions<Extract<NnToWorker, { type: 'start' }>, NnFromWorker>({
  run: (message, post, control) => runNnSession(message.config, post, control),
  busy: { type: 'error', code: 'config', message: 'A training run is already going on in this worker: stop it first, then start again.' },
  failed: (text) => ({ type: 'error', code: 'unknown', message: `Training failed: ${text}` }),
});
