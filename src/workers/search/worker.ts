/**
 * A trial worker of the hyperparameter search: one session per worker (./session.ts) that loads
 * the data once and trains the trials the page sends, one at a time. `trial` and `decision`
 * messages go to the session's inbox; `stop` (src/workers/shared/worker-entry.ts) closes it.
 */
import { serveSessions } from '../shared/worker-entry.ts';
import { Inbox } from './inbox.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { runSearchSession } from './session.ts';

const inbox = new Inbox();

serveSessions<Extract<ToWorker, { type: 'start' }>, FromWorker>({
  run: (message, post, control) => runSearchSession(message.config, post, control, inbox),
  busy: { type: 'error', code: 'unknown', message: 'This search worker is already running.', hint: 'Stop the search first, then start again.' },
  failed: (text) => ({
    type: 'error',
    code: 'unknown',
    message: `The search worker failed: ${text}`,
    hint: 'Reload the page and press Start again.',
  }),
  more: {
    trial: (m) => inbox.push(m as unknown as Extract<ToWorker, { type: 'trial' }>),
    decision: (m) => inbox.push(m as unknown as Extract<ToWorker, { type: 'decision' }>),
  },
});
