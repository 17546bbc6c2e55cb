/**
 * The messages between a page and the model-builder worker (./worker.ts), which trains a
 * ModelSpec (src/lib/supervised/model-spec.ts) on MNIST or Fashion-MNIST (`data.dataset`) with the
 * tfjs layers API: dense networks on 784 inputs, convolutional ones on 28 × 28 × 1 images. The
 * main-thread fallback produces the same messages. A run ends with `done` or `error`; a finished
 * run (not stopped) with `save` on sends `saved` (or `save-failed`) just before its `done`.
 */
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import type { TrainingErrorCode } from '../../lib/runtime/errors.ts';
import type { DataPlan, ModelSpec } from '../../lib/supervised/model-spec.ts';
import type { SavedModelMeta } from '../../lib/supervised/saved-model.ts';
import type { MetricsMessage } from '../../tf/batch-metrics.ts';

export type { BackendName, BackendRequest, DataPlan, ModelSpec, SavedModelMeta };

export interface BuilderRequest {
  spec: ModelSpec;
  /** Training images from the start of the 60,000, validation images from its end, test images. */
  data: DataPlan;
  /** Weight initialisation and shuffling: the same seed gives the same run. */
  seed: number;
  backend: BackendRequest;
  /** Absolute URL of the folder holding `mnist/<file>.gz` and `fashion-mnist/<file>.gz` (resolved against the page). */
  dataUrl: string;
  /** Save the trained model at the end of a finished run. Default true; comparisons pass false. */
  save?: boolean;
  /** Where to save it (a tf.io URL such as 'indexeddb://…'). Default SAVED_MODEL_URL (the model inspector's). */
  saveUrl?: string;
  /** Also evaluate the test set after every epoch (`testAccuracy` in each `epoch`; the benchmark). Default false. */
  testEveryEpoch?: boolean;
}

/** Page → worker. */
export type BuilderToWorker = { type: 'start'; request: BuilderRequest } | { type: 'stop' };

export type BuilderPhase = 'loading-tfjs' | 'loading-data' | 'training' | 'validating' | 'testing' | 'saving';

export interface EpochMessage {
  type: 'epoch';
  /** 0-based. */
  epoch: number;
  /** Mean cross-entropy and accuracy over the epoch's batches, as trained (dropout on; without the L2 penalty). */
  trainLoss: number;
  trainAccuracy: number;
  /** On the validation images after the epoch (dropout off); null when the plan has none. */
  valLoss: number | null;
  valAccuracy: number | null;
  /** With `testEveryEpoch`: on the test images after the epoch. */
  testAccuracy?: number;
  /** Time in the batch loop so far (training steps only: not loading, validating or testing), in seconds. */
  seconds: number;
}

export interface DoneMessage {
  type: 'done';
  stopped: boolean;
  /** On the test images (evaluated in batches of ≤ 1,000); null when stopped before any training. */
  testAccuracy: number | null;
  testLoss: number | null;
  epochsCompleted: number;
  /** Training examples per second of the batch loop. */
  examplesPerSecond: number;
  /** Time in the batch loop (training steps only: not loading, validating or testing), in seconds. */
  seconds: number;
  /** tf.memory().numTensors after the run minus before it, measured once everything is disposed: 0. */
  tensorsLeft: number;
}

/**
 * The first conv2d layer's kernel (weights only, no biases), for drawing the filters: sent once
 * before the first batch and then at most every 250 ms (4 a second) while training, and once more
 * after the last batch. Only for specs that have a conv2d layer.
 */
export interface FiltersMessage {
  type: 'filters';
  /** Index of the layer in `spec.layers`. */
  layer: number;
  /** tfjs' kernel layout [kernelHeight, kernelWidth, inChannels, filters]. */
  shape: [number, number, number, number];
  /** The kernel values in that layout, row-major: value (y, x, c, f) is at ((y·kw + x)·inC + c)·filters + f. */
  values: Float32Array;
  /** When they were taken: 0-based epoch and training examples seen so far (0 = the initial filters). */
  epoch: number;
  examplesSeen: number;
}

/** Worker → page. */
export type BuilderFromWorker =
  | { type: 'phase'; phase: BuilderPhase; message: string }
  | { type: 'backend'; backend: BackendName; /** why a faster backend was not used, in words */ fallbackReason?: string }
  | { type: 'download'; file: string; loaded: number; /** bytes, null when the server sends no length */ total: number | null }
  /** Mean loss and accuracy of the batches since the last one (~every 100 ms, and at each epoch's end). */
  | MetricsMessage
  | EpochMessage
  | FiltersMessage
  /** The model is stored at `url` (the request's saveUrl, default SAVED_MODEL_URL) with `meta` as its `tinker` metadata. */
  | { type: 'saved'; url: string; meta: SavedModelMeta }
  /** Storing failed (e.g. private browsing, storage full); the run still succeeded. */
  | { type: 'save-failed'; message: string }
  | DoneMessage
  | { type: 'error'; code: TrainingErrorCode; message: string; /** what the reader can do about it */ hint: string };
