/**
 * The typed message protocol between the hyperparameter search (page) and one trial worker. A
 * worker loads its data once (`start` → `ready`), then trains the trials the page hands it, one at
 * a time: an `epoch` message after every epoch with the validation accuracy, and at a rung it
 * waits for the page's `decision` (ASHA runs on the page, over all workers' results). `stop`
 * ends the worker's session with `done`.
 */
import type { DatasetId } from '../../lib/data/manifest.ts';
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import type { ModelSpec } from '../../lib/supervised/model-spec.ts';

export interface SearchWorkerConfig {
  dataset: DatasetId;
  /** Absolute URL of the datasets folder (see src/workers/train/protocol.ts). */
  dataUrl: string;
  /** Training images: the first N of the 60,000. */
  trainLimit: number;
  /** Validation images: the last N of the 60,000. */
  validationCount: number;
  backend: BackendRequest;
  /** Epochs after which a trial waits for the page's decision (ASHA's rungs). */
  rungs: number[];
}

export interface TrialRequest {
  trial: number;
  /** The model and its training settings; spec.epochs is the most a trial runs. */
  spec: ModelSpec;
  /** Weight initialisation and shuffling. */
  seed: number;
}

/** Page → worker. */
export type ToWorker =
  | { type: 'start'; config: SearchWorkerConfig }
  | ({ type: 'trial' } & TrialRequest)
  | { type: 'decision'; trial: number; decision: 'continue' | 'stop' }
  | { type: 'stop' };

export type ErrorCode = 'webgl-context-lost' | 'backend' | 'data' | 'out-of-memory' | 'unknown';

/** Worker → page. */
export type FromWorker =
  | { type: 'phase'; phase: 'loading-tfjs' | 'loading-data'; message: string }
  | { type: 'backend'; backend: BackendName; fallbackReason?: string }
  | { type: 'download'; file: string; loaded: number; total: number | null }
  /** Data loaded: the worker waits for trials. */
  | { type: 'ready'; trainCount: number; validationCount: number }
  | { type: 'epoch'; trial: number; epoch: number; accuracy: number; loss: number; ms: number }
  /** A trial is over: it ran `epochs` epochs; `stopped` when the page's decision (or Stop) ended it early. */
  | { type: 'trial-end'; trial: number; epochs: number; stopped: boolean }
  | { type: 'done'; stopped: boolean; trials: number }
  | { type: 'error'; code: ErrorCode; message: string; hint: string; /** the trial that was running, if any */ trial?: number };
