/** The model builder's sentences (status line, captions, notes): each wording once, tested. */
import { formatCount, formatPercent, plural } from '../../lib/format/numbers.ts';
import type { LayerSpec } from '../../lib/supervised/model-spec.ts';
import { layerName } from '../../lib/supervised/spec-check.ts';

export const IDLE_STATUS = 'Ready. Build a model, then press Start training; the MNIST images (about 11 MB) are downloaded once.';

/** The network panel's caption. */
export function networkCaption(total: number | null): string {
  return total === null
    ? 'The network (fix the layer sizes to count its parameters)'
    : `The network: ${formatCount(total)} weights and biases to learn`;
}

/** "Test accuracy 97.6% on 10,000 test images after 3 epochs". */
export function doneStatus(testAccuracy: number, testImages: number, epochs: number): string {
  return `Test accuracy ${formatPercent(testAccuracy)} on ${formatCount(testImages)} test images after ${plural(epochs, 'epoch')}`;
}

/** A stopped run: what it reached, if it trained at all. */
export function stoppedStatus(testAccuracy: number | null, testImages: number, epochsCompleted: number): string {
  if (testAccuracy === null) return 'Stopped before training began';
  return `Stopped after ${plural(epochsCompleted, 'full epoch')}; test accuracy ${formatPercent(testAccuracy)} on ${formatCount(testImages)} test images`;
}

/** "Epoch 2 of 3: training accuracy 97.1%, validation accuracy 96.8%". */
export function epochStatus(epoch: number, epochs: number, trainAccuracy: number, valAccuracy: number | null): string {
  const val = valAccuracy === null ? '' : `, validation accuracy ${formatPercent(valAccuracy)}`;
  return `Epoch ${epoch} of ${epochs}: training accuracy ${formatPercent(trainAccuracy)}${val}`;
}

export const SAVED_NOTE = 'Saved in this browser: the model inspector further on opens this model, even after a reload.';

/** What a layer button did, for the status line: "Moved layer 2 (dropout 0.2) up; it is now layer 1." */
export function layerActionStatus(action: 'added' | 'removed' | 'up' | 'down', layer: LayerSpec, index: number, count: number): string {
  if (action === 'added') return `Added ${layerName(layer, index)}.`;
  if (action === 'removed') return `Removed ${layerName(layer, index)}; ${plural(count, 'hidden layer')} left.`;
  return `Moved ${layerName(layer, index)} ${action}; it is now layer ${index + (action === 'up' ? 0 : 2)}.`;
}

export const OPENED_STATUS = 'The model was opened in the builder: check the settings and press Start training.';
