/**
 * The typed message protocol between a widget (page) and a training worker.
 * The same messages are produced by the main-thread fallback, so a widget never
 * needs to know where training runs.
 */
import type { DatasetId } from '../../lib/data/manifest.ts';
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';

export type { DatasetId };

export type { BackendName, BackendRequest };

export interface TrainConfig {
  dataset: DatasetId;
  /** URL of the folder holding `<dataset>/<file>.gz`, e.g. `${import.meta.env.BASE_URL}data/`. Absolute (resolved against the page) so a worker can use it. */
  dataUrl: string;
  /** How many training images to use (the first N of the 60,000). */
  trainLimit: number;
  /** How many test images to evaluate on (the first N of the 10,000). */
  testLimit: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Sizes of the hidden dense layers, e.g. [128]. */
  hidden: number[];
  backend: BackendRequest;
  /** How many test digits to send back with predictions for the grid. */
  previewCount: number;
  /** Seed for weight initialisation and shuffling, so runs can be compared. */
  seed: number;
  /** Resume from these weights (from a `checkpoint` message), e.g. after a lost WebGL context. */
  initialWeights?: Float32Array[];
}

/** Page → worker. */
export type ToWorker =
  | { type: 'start'; config: TrainConfig }
  | { type: 'stop' }
  /** Test hook: simulate a lost WebGL context (WEBGL_lose_context) to exercise recovery. */
  | { type: 'debug-lose-context' };

export type Phase = 'loading-tfjs' | 'loading-data' | 'training' | 'evaluating';

export interface Predictions {
  /** previewCount × 784 grey levels 0..255. */
  images: Uint8Array;
  labels: Uint8Array;
  predicted: Uint8Array;
}

export type ErrorCode = 'webgl-context-lost' | 'backend' | 'data' | 'out-of-memory' | 'unknown';

/** Where a session's time went, in ms (npm run bench -- --only worker-vs-main prints it). */
export interface SessionTimings {
  /** Choosing and self-testing the backend. */
  backendMs: number;
  /** Loading the data (download or cache, gunzip, checks) and making tensors of it. */
  dataMs: number;
  /** The batch loop (what examplesPerSecond divides by), including the two below. */
  trainingMs: number;
  /** Of trainingMs: yielding to the event loop between batches (lets a stop in), and how often. */
  yieldMs: number;
  yields: number;
  /** Of trainingMs: waiting for loss/accuracy read-backs (on WebGL: for the GPU to catch up). */
  metricsMs: number;
  batches: number;
  metricsMessages: number;
}

/** Worker → page. */
export type FromWorker =
  | { type: 'phase'; phase: Phase; message: string }
  | { type: 'backend'; backend: BackendName; /** why a faster backend was not used, in words */ fallbackReason?: string }
  | { type: 'download'; file: string; loaded: number; /** bytes, null when the server sends no length */ total: number | null }
  | {
      type: 'metrics';
      epoch: number;
      batch: number;
      batchesPerEpoch: number;
      examplesSeen: number;
      loss: number;
      accuracy: number;
    }
  | { type: 'epoch'; epoch: number; testAccuracy: number; testLoss: number }
  /** The last good weights, sent after every epoch and when stopped; kept by the page so a lost GPU context loses nothing. */
  | {
      type: 'checkpoint';
      /** Whole epochs completed when it was taken (after Stop, the weights also hold the partial epoch's batches). */
      epoch: number;
      weights: Float32Array[];
    }
  | {
      type: 'done';
      stopped: boolean;
      epochsCompleted: number;
      /** null when stopped before the first evaluation */
      testAccuracy: number | null;
      examplesPerSecond: number;
      predictions: Predictions | null;
      /** Where the time went (for the benchmark; widgets ignore it). */
      timings?: SessionTimings;
    }
  | { type: 'error'; code: ErrorCode; message: string; /** what the reader can do about it */ hint: string };
