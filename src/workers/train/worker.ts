/**
 * The training worker: receives ToWorker messages, runs the shared training session
 * (src/workers/train/session.ts) and posts FromWorker messages back, transferring big buffers.
 * tfjs is imported here; a worker may be heavy, the page that starts it stays light.
 * WebGL works here through OffscreenCanvas (tfjs creates one when there is no document).
 */
import { runTrainingSession, simulateContextLoss } from './session.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** The parts of DedicatedWorkerGlobalScope we use (the webworker lib clashes with the DOM lib). */
const scope = globalThis as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

let running = false;
let stopRequested = false;
let abort = new AbortController();

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'start': {
      if (running) {
        scope.postMessage(
          { type: 'error', code: 'unknown', message: 'A training run is already going on in this worker.', hint: 'Stop it first, then start again.' },
          [],
        );
        return;
      }
      running = true;
      stopRequested = false;
      abort = new AbortController();
      void runTrainingSession(
        message.config,
        (m, transfer) => scope.postMessage(m, transfer ?? []),
        { stopped: () => stopRequested, signal: abort.signal },
      ).finally(() => {
        running = false;
      });
      return;
    }
    case 'stop':
      stopRequested = true;
      abort.abort();
      return;
    case 'debug-lose-context':
      simulateContextLoss();
      return;
  }
});
