/**
 * The messages between a page and the adversarial worker (./worker.ts), which attacks the
 * Fashion-MNIST CNN in batches with tfjs and fine-tunes it to resist (src/tf/adversarial.ts).
 * One run per start, stateless; the main-thread fallback sends the same messages. A run ends with
 * `done` or `error`.
 *
 * Two tasks:
 *  - 'curve': attack the first `images` test images at every ε of `epsilons` (FGSM, or PGD with
 *    `steps` steps) → `progress` while attacking, then one `curve` (model 'requested');
 *  - 'train': adversarial fine-tuning of the pretrained CNN on the first `images` TRAINING images
 *    (each batch: adversarial examples crafted from the current weights, trained on half and half
 *    with the clean batch) → `batch`, `epoch`, `trained` (the weights, for the engine on the page),
 *    then the curve of the trained model AND of the standard model on `evaluate` (`curve` messages
 *    tagged 'trained' and 'standard', with `progress` before each).
 *
 * Success rate = flipped ÷ images the model got right without attack (robustness.ts, attackSummary);
 * robust accuracy = still right ÷ all images. Pixels are 0..1, ε in the same units (max-norm).
 */
import type { BackendName, BackendRequest } from '../../lib/runtime/backends.ts';
import type { TrainingErrorCode } from '../../lib/runtime/errors.ts';

export type { BackendName };

export type AttackName = 'fgsm' | 'pgd';
/** 'fgsm-rs': FGSM from a random start in the ε-ball, step 1.25ε (Wong et al. 2020); 'pgd': PGD with `steps` steps. */
export type TrainMethod = 'fgsm-rs' | 'pgd';
/** 'standard': the pretrained CNN (`modelUrl`); or the same architecture with these weights (tfjs getWeights order). */
export type AttackedModel = 'standard' | { weights: Float32Array[] };

/** What every request carries. */
interface RequestBase {
  backend: BackendRequest;
  /** Absolute URL of the folder holding `fashion-mnist/<file>.gz` (resolved against the page, e.g. withBase(DATASETS_URL)). */
  dataUrl: string;
  /** Absolute URL of the pretrained CNN's model.json (PRETRAINED_CNN_URL resolved against the page). */
  modelUrl: string;
}

export interface CurveRequest extends RequestBase {
  task: 'curve';
  model: AttackedModel;
  attack: AttackName;
  /** ε values (0..1; 0 = no attack), e.g. EPSILONS of src/lib/adversarial/robustness.ts. */
  epsilons: number[];
  /** The first N test images, 1..10,000 (ATTACK_IMAGES = 1,000 for the lesson). */
  images: number;
  /** PGD only: iterations (default 10); step size 2.5·ε/steps, random start off. */
  steps?: number;
}

export interface TrainRequest extends RequestBase {
  task: 'train';
  method: TrainMethod;
  /** The ε of the training attack (0 < ε ≤ 0.5). */
  epsilon: number;
  /** 'pgd' only: iterations per batch (default 7); step size 2.5·ε/steps. */
  steps?: number;
  /** The first N of the 60,000 training images. */
  images: number;
  epochs: number;
  batchSize: number;
  /** Adam's step size (fine-tuning: ~1e-3). */
  learningRate: number;
  /** Shuffling and random starts: the same seed gives the same run. */
  seed: number;
  /** The curves after training, for the trained and the standard model. */
  evaluate: { attack: AttackName; epsilons: number[]; images: number; steps?: number };
}

export type AdversarialRequest = CurveRequest | TrainRequest;

/** Page → worker. */
export type AdversarialToWorker = { type: 'start'; request: AdversarialRequest } | { type: 'stop' };

export type AdversarialPhase = 'loading-tfjs' | 'loading-data' | 'loading-model' | 'attacking' | 'training' | 'evaluating';

/** Which model a `progress` / `curve` is about: 'requested' = a curve task's model; the train task sends 'trained' then 'standard'. */
export type CurveModel = 'requested' | 'trained' | 'standard';

export interface CurvePoint {
  epsilon: number;
  /** Flipped ÷ clean-correct images, 0..1. */
  successRate: number;
  /** Still correct ÷ all images, 0..1. */
  robustAccuracy: number;
  /** [true class][prediction under attack], counts over the clean-correct images (10 × 10). */
  confusion: number[][];
}

export interface CurveMessage {
  type: 'curve';
  model: CurveModel;
  attack: AttackName;
  /** PGD only: the steps used. */
  steps?: number;
  images: number;
  /** One per requested ε, in the request's order. */
  points: CurvePoint[];
  /** Correct ÷ images without attack, 0..1. */
  cleanAccuracy: number;
  /** Attack time (all ε together) ÷ (images × ε values), in seconds. */
  secondsPerImage: number;
}

/** Images attacked so far: done counts image × ε pairs, total = images × epsilons. */
export interface ProgressMessage {
  type: 'progress';
  model: CurveModel;
  done: number;
  total: number;
}

/** Mean over the batches since the last `batch` message (~every 100 ms, and at each epoch's end). */
export interface BatchMessage {
  type: 'batch';
  /** 0-based. */
  epoch: number;
  /** 0-based index of the last batch counted. */
  batch: number;
  batchesPerEpoch: number;
  examplesSeen: number;
  /** Mean cross-entropy of the trained (half clean, half adversarial) batches. */
  loss: number;
  /** Accuracy on those batches, 0..1, before the step. */
  accuracy: number;
  /** Accuracy on the adversarial half alone, 0..1, before the step: how well it resists its own attack. */
  adversarialAccuracy: number;
}

export interface EpochMessage {
  type: 'epoch';
  /** 0-based. */
  epoch: number;
  loss: number;
  accuracy: number;
  adversarialAccuracy: number;
  /** Time in the training loop so far, in seconds. */
  seconds: number;
}

/** The fine-tuned model: sent once training ends (also after a stop, if any batch was trained). */
export interface TrainedMessage {
  type: 'trained';
  /** tfjs model.getWeights() order: kernel then bias per layer (cnnWithWeights of src/lib/adversarial/cnn-model.ts). */
  weights: Float32Array[];
  /** Correct ÷ `evaluate.images` test images, no attack, 0..1. */
  cleanAccuracy: number;
  epochsCompleted: number;
  seconds: number;
}

export interface DoneMessage {
  type: 'done';
  /** The reader stopped: what was left is skipped (a stopped train run still sends `trained`, no curves). */
  stopped: boolean;
  /** The whole run, loading included, in seconds. */
  seconds: number;
  /** tf.memory().numTensors after the run minus before it, once everything is disposed: 0. */
  tensorsLeft: number;
}

/** Worker → page. */
export type AdversarialFromWorker =
  | { type: 'phase'; phase: AdversarialPhase; message: string }
  | { type: 'backend'; backend: BackendName; /** why a faster backend was not used, in words */ fallbackReason?: string }
  | { type: 'download'; file: string; loaded: number; /** bytes, null when the server sends no length */ total: number | null }
  | ProgressMessage
  | CurveMessage
  | BatchMessage
  | EpochMessage
  | TrainedMessage
  | DoneMessage
  | { type: 'error'; code: TrainingErrorCode; message: string; /** what the reader can do about it */ hint: string };
