/** The adversarial trainer's sentences (status line, the cost in words, captions): each wording once, tested. */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { formatCount, formatLoss, formatPercent, plural } from '../../lib/format/numbers.ts';

export const IDLE_STATUS =
  'Ready. Press Start training to fine-tune the pretrained CNN on adversarial examples in your browser (Fashion-MNIST, about 30 MB, downloaded once), or see a model trained longer at once with Use the pretrained robust model.';

/** A class's name: "Sneaker", "Bag". */
export const className = (c: number): string => FASHION_CLASS_NAMES[c] ?? `class ${c}`;

/** "ε = 0.1". */
export const epsilonText = (epsilon: number): string => `ε = ${String(Number(epsilon.toFixed(3)))}`;

/** A percentage without decimals for the curves' figures (100 to 1,000 images): "61%". */
const whole = (fraction: number): string => formatPercent(fraction, 0);

/** "Epoch 1 of 2 · adversarial batches: loss 0.51, accuracy 71.3%". */
export function batchStatus(epoch: number, epochs: number, loss: number, accuracy: number): string {
  return `Epoch ${epoch} of ${epochs} · adversarial batches: loss ${formatLoss(loss)}, accuracy ${formatPercent(accuracy)}`;
}

/** "Measuring the trained model against FGSM: 300 of 1,000 images". */
export function curveProgressStatus(model: 'standard' | 'trained', attack: string, done: number, total: number): string {
  const which = model === 'trained' ? 'the trained model' : 'the standard model';
  return `Measuring ${which} against ${attack}: ${formatCount(done)} of ${formatCount(total)} images`;
}

/** What the defence cost and bought, at one ε of the curves. Fractions 0–1. */
export interface Outcome {
  attack: string;
  epsilon: number;
  /** Clean accuracy on the curves' test images, before and after. */
  cleanBefore: number;
  cleanAfter: number;
  /** Robust accuracy at `epsilon` (still right under attack ÷ all images), before and after. */
  robustBefore: number;
  robustAfter: number;
  images: number;
}

/**
 * The cost in clean accuracy and the gain under attack, in words: "Clean accuracy fell from 87.2% to
 * 83.9%; at ε = 0.1 it now classifies 61% of 1,000 FGSM-attacked test images correctly, against 9% before."
 */
export function outcomeSentence(o: Outcome): string {
  const before = formatPercent(o.cleanBefore);
  const after = formatPercent(o.cleanAfter);
  const clean =
    before === after
      ? `Clean accuracy stayed at ${after}`
      : `Clean accuracy ${o.cleanAfter < o.cleanBefore ? 'fell' : 'rose'} from ${before} to ${after}`;
  return (
    `${clean}; at ${epsilonText(o.epsilon)} it now classifies ${whole(o.robustAfter)} of ${formatCount(o.images)} ` +
    `${o.attack}-attacked test images correctly, against ${whole(o.robustBefore)} before.`
  );
}

/** The status at the end: "Robust accuracy at ε = 0.1 (FGSM) 61%, was 9%; clean accuracy 83.9%, was 87.2%". */
export function doneStatus(o: Outcome): string {
  return (
    `Robust accuracy at ${epsilonText(o.epsilon)} (${o.attack}) ${whole(o.robustAfter)}, was ${whole(o.robustBefore)}; ` +
    `clean accuracy ${formatPercent(o.cleanAfter)}, was ${formatPercent(o.cleanBefore)}`
  );
}

/** A run stopped before its curves were done: what it had done. */
export function stoppedStatus(epochsCompleted: number, measuring = false): string {
  if (measuring) return `Stopped while measuring the curves, after ${plural(epochsCompleted, 'epoch')} of training`;
  return epochsCompleted > 0
    ? `Stopped after ${plural(epochsCompleted, 'full epoch')}; no curves measured`
    : 'Stopped before a full epoch; no curves measured';
}

/** A prediction in words: "Sneaker (97.4%)". */
export const predictionText = (predicted: number, probability: number): string => `${className(predicted)} (${formatPercent(probability)})`;

/** The text alternative of one sneaker image. */
export function imageLabel(kind: 'clean' | 'attacked', epsilon: number, predicted: number, probability: number): string {
  const what = kind === 'clean' ? 'The sneaker, not attacked' : `The sneaker attacked by FGSM at ${epsilonText(epsilon)}`;
  return `${what}; the model sees ${predictionText(predicted, probability)}.`;
}

/** "a sneaker", "an ankle boot". */
const withArticle = (c: number): string => {
  const name = className(c).toLowerCase();
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
};

/** Whether the attack fooled the model, in words, for the caption under a pair. */
export function pairVerdict(label: number, attackedPrediction: number): string {
  return attackedPrediction === label ? `Still ${withArticle(label)}: the attack failed.` : `Fooled: it now sees ${withArticle(attackedPrediction)}.`;
}

/** "The pretrained robust model: fine-tuned on FGSM with a random start at ε = 0.1, 60,000 images, 3 epochs (412 s on wasm)." */
export function pretrainedSentence(m: {
  method: 'fgsm-rs' | 'pgd';
  trainSteps?: number;
  epsilon: number;
  trainImages: number;
  epochs: number;
  trainSeconds: number;
  backend: string;
}): string {
  const method = m.method === 'pgd' ? `PGD with ${m.trainSteps ?? 'several'} steps` : 'FGSM with a random start';
  return (
    `The pretrained robust model: the same CNN fine-tuned on ${method} at ${epsilonText(m.epsilon)}, ` +
    `${formatCount(m.trainImages)} images, ${plural(m.epochs, 'epoch')} (${formatCount(m.trainSeconds)} s on ${m.backend}).`
  );
}
