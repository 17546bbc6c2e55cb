/**
 * Messages between the model inspector (src/widgets/model-inspector) and its worker
 * (./worker.ts), which holds the model and the test set. Each request carries an `id`; the worker
 * answers it with one final message (or `error`), after any `progress` messages.
 */
import type { ModelJson } from '../../lib/model-files/model-json.ts';
import type { TinkerMetadata } from '../../lib/model-files/metadata.ts';

/** Where the test set is and how much of it to evaluate. */
export interface TestData {
  /** Absolute URL of the datasets folder (`<dataUrl>mnist/…`). */
  dataUrl: string;
  /** The first N of the 10,000 test images. */
  testLimit: number;
}

export type ModelSource = 'saved' | 'quick' | 'files';

export interface ModelInfo {
  source: ModelSource;
  /** Units of the dense layers, input first: [784, 128, 10]. */
  units: number[];
  params: number;
  meta: TinkerMetadata | null;
}

/** The model's answers on the test set. */
export interface Evaluation {
  labels: Uint8Array;
  predicted: Uint8Array;
  accuracy: number;
}

export type ToInspector =
  /** Use the model saved in the browser, if any (answer `model`, info null when there is none). */
  | { type: 'restore'; id: number; data: TestData }
  /** Train the small default model, save it in the browser and use it. */
  | { type: 'train-quick'; id: number; data: TestData; trainLimit: number; seed: number }
  /** Use a model from files (checked by src/lib/model-files first); nothing is saved. */
  | { type: 'load'; id: number; data: TestData; modelJson: ModelJson; weightData: ArrayBuffer }
  | { type: 'predict'; id: number; pixels: Float32Array }
  /** Test images by index (answer `images`: 784 grey levels each). */
  | { type: 'images'; id: number; indices: number[] }
  /** The model as model.json text and one weights buffer. */
  | { type: 'export'; id: number; weightsFile: string }
  /** Save the model in use in the browser (replacing the saved one). */
  | { type: 'save'; id: number };

export type FromInspector =
  | { type: 'progress'; id: number; text: string; loaded?: number; total?: number | null }
  | { type: 'model'; id: number; info: ModelInfo | null; evaluation: Evaluation | null; backend: string }
  | { type: 'prediction'; id: number; probs: Float32Array }
  | { type: 'images'; id: number; pixels: Uint8Array }
  | { type: 'artifacts'; id: number; modelJson: string; weightData: ArrayBuffer }
  | { type: 'saved'; id: number; info: ModelInfo }
  | { type: 'error'; id: number; message: string; hint: string };
