/**
 * How a MNIST run ends, in words: the final status sentence, the summary below the charts, and
 * the error (with "Continue on …" actions after a lost GPU or a failed backend). No state here.
 */
import type { BackendName, ErrorCode, FromWorker } from '../../workers/train/protocol.ts';
import { formatCount, formatDuration, plural } from '../../lib/format/numbers.ts';
import { BACKEND_LABELS } from '../../lib/runtime/backends.ts';
import { asSentence } from '../../lib/format/sentence.ts';
import { doneStatus, speedSentence, stoppedStatus } from '../../lib/format/status.ts';
import type { ErrorAction } from '../shared/error-panel.ts';
import type { FailDetails } from '../shared/trainer.ts';
import { FIXED } from './config.ts';

/** The last good weights, to continue after a lost GPU context. */
export interface Checkpoint {
  epochsCompleted: number;
  weights: Float32Array[];
}

type Done = Extract<FromWorker, { type: 'done' }>;

const ERROR_TITLES: Record<ErrorCode, string> = {
  'webgl-context-lost': 'The graphics card stopped responding',
  backend: 'This backend could not start',
  data: 'The MNIST images could not be loaded',
  'out-of-memory': 'The device ran out of memory',
  unknown: 'Training failed',
};

/** The status line when the run ends; `epochs` counts a resumed run's earlier epochs too. */
export function finalStatus(m: Done, epochs: number, batchesIntoEpoch: number): string {
  if (m.stopped) return stoppedStatus({ epochsCompleted: epochs, batchesIntoEpoch }, m.testAccuracy);
  if (m.testAccuracy !== null) return doneStatus(m.testAccuracy, epochs);
  return 'Training finished without a test accuracy';
}

/** The facts shown under the charts. */
export function summaryText(m: Done, elapsedMs: number): string {
  const facts = [`Took ${formatDuration(elapsedMs)} in all, loading included.`];
  if (m.examplesPerSecond > 0) facts.push(`Training ran at ${speedSentence(m.examplesPerSecond)}.`);
  if (m.testAccuracy !== null) {
    facts.push(
      `The accuracy is measured on ${formatCount(FIXED.testLimit)} test images the network never trained on; guessing at random would score about 10%.`,
    );
  }
  return facts.join(' ');
}

export interface FailureInput {
  code: ErrorCode;
  message: string;
  hint: string;
  checkpoint: Checkpoint | null;
  /** The backend that failed, not offered again. */
  failedBackend: BackendName | null;
  wasmAvailable: boolean;
  /** Continue (or restart) on another backend. */
  resume: (backend: BackendName) => void;
}

/** The error as the kit shows it, with the recovery actions a GPU or backend failure offers. */
export function failure(f: FailureInput): FailDetails {
  const title = ERROR_TITLES[f.code];
  const status = `Error: ${title}. ${asSentence(f.message)}`;
  let message = f.message;
  const actions: ErrorAction[] = [];
  if (f.code === 'webgl-context-lost' || f.code === 'backend') {
    const done = f.checkpoint?.epochsCompleted ?? 0;
    const verb = done > 0 ? 'Continue' : 'Restart';
    const offer = (backend: BackendName, available: boolean): void => {
      if (backend === f.failedBackend) return;
      actions.push({
        label: `${verb} on ${BACKEND_LABELS[backend]}`,
        onClick: () => f.resume(backend),
        disabled: !available,
        disabledReason: 'not available in this browser',
      });
    };
    offer('wasm', f.wasmAvailable);
    offer('cpu', true);
    if (done > 0) {
      message = `${asSentence(message)} The weights after ${plural(done, 'epoch')} are kept, so training can continue from there.`;
    }
  }
  return { title, message: asSentence(message), hint: asSentence(f.hint), actions, status };
}
