/**
 * Messages between the CNN trainer (src/widgets/cnn-trainer) and its model worker (./worker.ts),
 * which holds up to two trained CNNs (the pretrained one and the reader's own) and the
 * Fashion-MNIST test images, and answers: the first layer's filters and the predictions on the
 * test images of a model, every layer's output for one test image, the pixels of test images.
 * Each request carries an `id`; the worker answers it with one final message (or `error`), after
 * any `progress` messages.
 */
import type { Filters, LayerOutput } from '../../tf/feature-maps.ts';

export type { Filters, LayerOutput };

/** Which model: the project's pretrained one, or the one the reader trained in the widget. */
export type ModelKey = 'pretrained' | 'own';

/** The model's answers on the test images. */
export interface Evaluation {
  labels: Uint8Array;
  predicted: Uint8Array;
  accuracy: number;
}

export type ToFeatureMaps =
  /** Load (or reload) a model from `modelUrl` (a URL of a model.json, or indexeddb://…) and test it on the first `testLimit` test images. */
  | { type: 'load'; id: number; key: ModelKey; modelUrl: string; dataUrl: string; testLimit: number }
  /** Every layer's output for test image `index`, from model `key`. */
  | { type: 'maps'; id: number; key: ModelKey; index: number }
  /** Test images by index (answer `images`: 784 grey levels 0..255 each). */
  | { type: 'images'; id: number; indices: number[] };

export type FromFeatureMaps =
  | { type: 'progress'; id: number; text: string; loaded?: number; total?: number | null }
  | { type: 'loaded'; id: number; key: ModelKey; filters: Filters | null; evaluation: Evaluation; backend: string }
  | { type: 'maps'; id: number; key: ModelKey; index: number; outputs: LayerOutput[] }
  | { type: 'images'; id: number; pixels: Uint8Array }
  | { type: 'error'; id: number; message: string; hint: string };
