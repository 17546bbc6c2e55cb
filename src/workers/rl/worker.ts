/**
 * The Snake Q-learning worker: runs one session of `rl/session.ts` (src/lib/rl, no tfjs) per
 * `start` and posts RlFromWorker messages back. 'stop' takes effect after the current training
 * slice (tens of milliseconds); the run then ends with `done` (stopped: true).
 * Start/stop bookkeeping: src/workers/shared/worker-entry.ts.
 */
import { serveSessions } from '../shared/worker-entry.ts';
import type { RlFromWorker, RlToWorker } from './protocol.ts';
import { runRlSession } from './session.ts';

serveSessions<Extract<RlToWorker, { type: 'start' }>, RlFromWorker>({
  run: (message, post, control) => runRlSession(message.config, (m) => post(m), { stopped: control.stopped }),
  busy: { type: 'error', code: 'config', message: 'A training run is already going on in this worker: stop it first, then start again.' },
  failed: (text) => ({ type: 'error', code: 'unknown', message: `Training failed: ${text}` }),
});
