/**
 * The messages between a page and the autoencoder worker (./worker.ts), which trains a plain,
 * denoising or variational autoencoder (src/lib/unsupervised/ae-spec.ts, src/tf/autoencoder.ts)
 * on Fashion-MNIST, from scratch or from the pretrained weights. The main-thread fallback sends
 * the same messages. A run ends with `done` or `error`.
 *
 * Losses are per image: binary cross-entropy summed over the 784 pixels (the VAE adds its KL term).
 */
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import type { TrainingErrorCode } from '../../lib/runtime/errors.ts';
import type { AutoencoderKind, CorruptionSpec } from '../../lib/unsupervised/ae-spec.ts';

export type { AutoencoderKind, BackendName, BackendRequest, CorruptionSpec };

export interface AutoencoderRequest {
  kind: AutoencoderKind;
  /** Bottleneck size, LATENT_MIN…LATENT_MAX (the VAE's view wants 3). */
  latent: number;
  /** Hidden layers (encoder side first). Default DEFAULT_HIDDEN; a pretrained start takes the pretrained model's. */
  hidden?: number[];
  /** The first N of the 60,000 training images. */
  images: number;
  epochs: number;
  /** Adam's step size. */
  learningRate: number;
  batchSize: number;
  /** Weights, shuffling and noise: the same seed gives the same run. */
  seed: number;
  /** The denoiser's corruption, applied afresh to every batch (default DEFAULT_CORRUPTION); ignored for 'ae' and 'vae'. */
  corruption?: CorruptionSpec;
  /** How many of the first test images `samples` shows (0 = no samples). */
  sampleCount: number;
  /** How many of the first test images `latent` sends (default 10,000; 0 = no latent messages). */
  latentCount?: number;
  /** Test images the final losses are measured on (default 10,000). */
  testImages?: number;
  /**
   * Start from these weights instead of random ones: absolute URLs of the encoder's and decoder's
   * model.json (e.g. PRETRAINED_AE of src/lib/unsupervised/pretrained.ts resolved against the site).
   * Their shapes must match kind, latent and hidden (an `error` says what differs).
   */
  pretrained?: { encoder: string; decoder: string };
  backend: BackendRequest;
  /** Absolute URL of the folder holding `fashion-mnist/<file>.gz` (resolved against the page). */
  dataUrl: string;
}

/** Page → worker. */
export type AutoencoderToWorker = { type: 'start'; request: AutoencoderRequest } | { type: 'stop' };

export type AutoencoderPhase = 'loading-tfjs' | 'loading-data' | 'loading-model' | 'training' | 'testing';

/** Mean loss of the batches since the last `batch` message (~every 100 ms, and at each epoch's end). */
export interface BatchMessage {
  type: 'batch';
  /** 0-based. */
  epoch: number;
  /** 0-based index of the last batch counted. */
  batch: number;
  batchesPerEpoch: number;
  examplesSeen: number;
  /** Per image: reconstruction (+ KL for the VAE). */
  loss: number;
  /** VAE only: the two parts of `loss`. */
  reconstruction?: number;
  kl?: number;
}

export interface EpochMessage {
  type: 'epoch';
  /** 0-based. */
  epoch: number;
  /** Mean over the epoch's training images, per image. */
  loss: number;
  reconstruction: number;
  /** VAE only. */
  kl?: number;
  /** Time in the batch loop so far, in seconds. */
  seconds: number;
}

/**
 * Reconstructions of the first `sampleCount` test images: once before the first batch, at most
 * 4 a second while training, and once after the last batch.
 */
export interface SamplesMessage {
  type: 'samples';
  count: number;
  /** What the network gets, count × 784 row-major, 0..1: the test images (for the denoiser: corrupted, the same corruption every time). */
  inputs: Float32Array;
  /** What it gives back, count × 784 (the VAE's: decoded from the means μ). */
  outputs: Float32Array;
  /** 0-based epoch and training images seen so far (0 = before training). */
  epoch: number;
  examplesSeen: number;
}

/** The latent (the VAE's means μ) of the first `latentCount` test images: before training and at each epoch's end. */
export interface LatentMessage {
  type: 'latent';
  count: number;
  dimensions: number;
  /** count × dimensions, row-major, test-set order. */
  values: Float32Array;
  /** The images' classes (0–9, FASHION_CLASS_NAMES). */
  labels: Uint8Array;
  /** Epochs completed (0 = before training). */
  epochsCompleted: number;
}

export interface DoneMessage {
  type: 'done';
  stopped: boolean;
  /** On the first `testImages` test images, per image; null when stopped before any training. */
  testLoss: number | null;
  testReconstruction: number | null;
  /** VAE only. */
  testKl?: number | null;
  epochsCompleted: number;
  /** Training images per second of the batch loop, and its time in seconds. */
  examplesPerSecond: number;
  seconds: number;
  /** tf.memory().numTensors after the run minus before it, once everything is disposed: 0. */
  tensorsLeft: number;
}

/** Worker → page. */
export type AutoencoderFromWorker =
  | { type: 'phase'; phase: AutoencoderPhase; message: string }
  | { type: 'backend'; backend: BackendName; /** why a faster backend was not used, in words */ fallbackReason?: string }
  | { type: 'download'; file: string; loaded: number; /** bytes, null when the server sends no length */ total: number | null }
  | BatchMessage
  | EpochMessage
  | SamplesMessage
  | LatentMessage
  | DoneMessage
  | { type: 'error'; code: TrainingErrorCode; message: string; /** what the reader can do about it */ hint: string };
