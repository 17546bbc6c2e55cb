/**
 * The from-scratch training worker: receives NnToWorker messages, runs one session of
 * `nn/session.ts` (src/lib/nn, no tfjs) and posts NnFromWorker messages back,
 * transferring the big buffers. 'stop' takes effect at the next group of
 * `reportEveryBatches` batches; the run then ends with `done` (stopped: true).
 */
import { errorText } from '../../lib/format/error-text.ts';
import type { NnFromWorker, NnToWorker } from './protocol.ts';
import { runNnSession } from './session.ts';

/** The parts of DedicatedWorkerGlobalScope we use (the webworker lib clashes with the DOM lib). */
const scope = globalThis as unknown as {
  postMessage(message: NnFromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<NnToWorker>) => void): void;
};

let running = false;
let stopRequested = false;
let abort = new AbortController();

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      if (running) {
        scope.postMessage(
          { type: 'error', code: 'config', message: 'A training run is already going on in this worker: stop it first, then start again.' },
          [],
        );
        return;
      }
      running = true;
      stopRequested = false;
      abort = new AbortController();
      runNnSession(message.config, (m, transfer) => scope.postMessage(m, transfer ?? []), {
        stopped: () => stopRequested,
        signal: abort.signal,
      })
        .catch((err: unknown) => {
          scope.postMessage({ type: 'error', code: 'unknown', message: `Training failed: ${errorText(err)}` }, []);
        })
        .finally(() => {
          running = false;
        });
      return;
    case 'stop':
      stopRequested = true;
      abort.abort();
      return;
  }
});
