/** The CNN trainer's sentences (status line, captions, notes): each wording once, tested. */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { formatCount, formatPercent, plural } from '../../lib/format/numbers.ts';
import type { ModelKey } from '../../workers/feature-maps/protocol.ts';

export const IDLE_STATUS =
  'Ready. Press Start training to train the network on Fashion-MNIST (about 30 MB of images, downloaded once), or look inside the pretrained model first.';

/** A class's name: "T-shirt/top", "Ankle boot". */
export const className = (c: number): string => FASHION_CLASS_NAMES[c] ?? `class ${c}`;

/** "Test accuracy 82.4% on 10,000 test images after 1 epoch". */
export function doneStatus(testAccuracy: number, testImages: number, epochs: number): string {
  return `Test accuracy ${formatPercent(testAccuracy)} on ${formatCount(testImages)} test images after ${plural(epochs, 'epoch')}`;
}

/** A stopped run: what it reached, if it trained at all. */
export function stoppedStatus(testAccuracy: number | null, testImages: number, epochsCompleted: number): string {
  if (testAccuracy === null) return 'Stopped before training began';
  return `Stopped after ${plural(epochsCompleted, 'full epoch')}; test accuracy ${formatPercent(testAccuracy)} on ${formatCount(testImages)} test images`;
}

/** "Epoch 1 of 2: training accuracy 71.3%". */
export function epochStatus(epoch: number, epochs: number, trainAccuracy: number): string {
  return `Epoch ${epoch} of ${epochs}: training accuracy ${formatPercent(trainAccuracy)}`;
}

export const MODEL_NAMES: Readonly<Record<ModelKey, string>> = { pretrained: 'the pretrained model', own: 'your model' };

/** "The pretrained model: test accuracy 89.2% on 10,000 test images." */
export function modelStatus(key: ModelKey, accuracy: number, testImages: number): string {
  const name = MODEL_NAMES[key];
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}: test accuracy ${formatPercent(accuracy)} on ${formatCount(testImages)} test images.`;
}

/** The filters panel's caption. */
export function filtersCaption(source: { key: ModelKey } | { examplesSeen: number } | null, count = 8, size = 3): string {
  const what = `The first layer's ${count} filters, ${size}×${size} (orange adds, blue subtracts)`;
  if (source === null) return `${what}: drawn when a model is loaded or training starts`;
  if ('key' in source) return `${what}, of ${MODEL_NAMES[source.key]}`;
  return source.examplesSeen === 0 ? `${what}, at random before training` : `${what}, after ${formatCount(source.examplesSeen)} training images`;
}

/** How a confusion cell is read out: "true Shirt, predicted T-shirt/top: 23 images". */
export function cellName(truth: number, guess: number, count: number): string {
  return `true ${className(truth)}, predicted ${className(guess)}: ${plural(count, 'image')}`;
}

/** The mistakes gallery's caption. */
export function mistakesCaption(key: ModelKey, shown: number, total: number, tested: number): string {
  const head = `${MODEL_NAMES[key].charAt(0).toUpperCase()}${MODEL_NAMES[key].slice(1)} got ${formatCount(total)} of ${formatCount(tested)} test images wrong`;
  if (total === 0) return `${head}.`;
  return `${head}${shown < total ? `; the first ${formatCount(shown)} are shown` : ''}. Choose one to see its feature maps.`;
}

/** The feature-map view's caption for one image. */
export function mapsCaption(key: ModelKey, index: number, truth: number, guess: number | null): string {
  const predicted = guess === null ? '' : guess === truth ? `; predicted right` : `; predicted ${className(guess)}`;
  return `Test image ${formatCount(index + 1)} (a ${className(truth)}${predicted}) through ${MODEL_NAMES[key]}: every layer's output, darker where it responds more strongly.`;
}

/** A layer's row title in the feature-map view: "Conv 1: 8 maps of 28×28". */
export function layerTitle(kind: 'conv' | 'pool', n: number, shape: readonly number[]): string {
  const [h = 0, w = 0, c = 0] = shape;
  return `${kind === 'conv' ? 'Convolution' : 'Max pool'} ${n}: ${plural(c, 'map')} of ${h}×${w}`;
}
