/**
 * The Snake Q-learning worker: receives RlToWorker messages, runs one session of
 * `rl/session.ts` (src/lib/rl, no tfjs) and posts RlFromWorker messages back.
 * 'stop' takes effect after the current training slice (tens of milliseconds); the run
 * then ends with `done` (stopped: true).
 */
import { errorText } from '../../lib/format/error-text.ts';
import type { RlFromWorker, RlToWorker } from './protocol.ts';
import { runRlSession } from './session.ts';

/** The parts of DedicatedWorkerGlobalScope we use (the webworker lib clashes with the DOM lib). */
const scope = globalThis as unknown as {
  postMessage(message: RlFromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<RlToWorker>) => void): void;
};

let running = false;
let stopRequested = false;

/** A quick yield to the event loop (a MessageChannel round trip is not clamped like setTimeout). */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = (): Promise<void> =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      if (running) {
        scope.postMessage({ type: 'error', code: 'config', message: 'A training run is already going on in this worker: stop it first, then start again.' });
        return;
      }
      running = true;
      stopRequested = false;
      runRlSession(message.config, (m) => scope.postMessage(m), { stopped: () => stopRequested, yieldToEvents })
        .catch((err: unknown) => {
          scope.postMessage({ type: 'error', code: 'unknown', message: `Training failed: ${errorText(err)}` });
        })
        .finally(() => {
          running = false;
        });
      return;
    case 'stop':
      stopRequested = true;
      return;
  }
});
