/**
 * The FGSM explorer's pure parts: the saliency map's scaling, the perturbation's amplification, and
 * the sentences the widget says (its status line, the smallest flipping ε, the captions). No DOM.
 */
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { formatPercent } from '../../lib/format/numbers.ts';

/** The name of class `c` ("Sneaker"), or "class c" for a model with other classes. */
export const className = (c: number): string => FASHION_CLASS_NAMES[c] ?? `class ${c}`;

/** ε as the widget writes it: always three decimals (the slider's grid is 0.001). */
export const formatEpsilon = (epsilon: number): string => epsilon.toFixed(3);

/**
 * The saliency map: |∂loss/∂x| per pixel divided by its largest value, so the most sensitive pixel
 * is 1 (full ink) and a pixel the loss does not depend on is 0 (white). `max` is that largest value
 * (0 when the gradient is zero everywhere, and then the map is all 0).
 */
export function saliencyMap(gradient: ArrayLike<number>): { map: Float32Array; max: number } {
  const map = new Float32Array(gradient.length);
  let max = 0;
  for (let i = 0; i < gradient.length; i++) {
    const a = Math.abs(gradient[i] as number);
    map[i] = a;
    if (a > max) max = a;
  }
  if (max > 0) for (let i = 0; i < map.length; i++) map[i]! /= max;
  return { map, max };
}

/** The change FGSM made: adversarial − original, per pixel (±ε, or less where clipping to [0, 1] cut it). */
export function difference(adversarial: ArrayLike<number>, original: ArrayLike<number>): Float32Array {
  const out = new Float32Array(original.length);
  for (let i = 0; i < out.length; i++) out[i] = (adversarial[i] as number) - (original[i] as number);
  return out;
}

/** How much the perturbation is amplified to be seen: ±ε is drawn in full colour, so ×1/ε (null at ε = 0). */
export function amplification(epsilon: number): number | null {
  return epsilon > 0 ? 1 / epsilon : null;
}

/** "×20", "×3.3": the amplification as the caption states it. */
export function formatAmplification(factor: number): string {
  return `×${factor >= 10 ? Math.round(factor) : factor.toFixed(1)}`;
}

/** The perturbation panel's caption: "Perturbation ×20". */
export function perturbationCaption(epsilon: number): string {
  const factor = amplification(epsilon);
  return factor === null ? 'Perturbation: none at ε = 0' : `Perturbation, shown ${formatAmplification(factor)}`;
}

/** The scale of the perturbation in words, under its colour legend. */
export function scaleSentence(epsilon: number): string {
  const factor = amplification(epsilon);
  const shown = factor === null ? 'at ε = 0 nothing changes' : `shown ${formatAmplification(factor)}, so that ±ε is full colour`;
  return `White = no change, vermillion = +ε (more ink), blue = −ε (less ink); ${shown}.`;
}

/** How many pixels the perturbation raised, lowered and left alone. */
export function changeCounts(delta: ArrayLike<number>): { raised: number; lowered: number; unchanged: number } {
  let raised = 0;
  let lowered = 0;
  for (let i = 0; i < delta.length; i++) {
    const d = delta[i] as number;
    if (d > 0) raised++;
    else if (d < 0) lowered++;
  }
  return { raised, lowered, unchanged: delta.length - raised - lowered };
}

/** The perturbation canvas's text alternative. */
export function perturbationAlt(epsilon: number, delta: ArrayLike<number>): string {
  if (epsilon === 0) return 'The perturbation: none at ε = 0';
  const c = changeCounts(delta);
  return (
    `The perturbation at ε = ${formatEpsilon(epsilon)}: ${c.raised} pixels get more ink, ${c.lowered} less, ` +
    `${c.unchanged} are unchanged (already at 0 or 1, or with a zero gradient)`
  );
}

export interface Verdict {
  /** The predicted class and its probability. */
  cls: number;
  probability: number;
}

const says = (v: Verdict): string => `${className(v.cls)} (${formatPercent(v.probability, 0)})`;

/**
 * The status line: what the model says of the adversarial image at ε, and what it said of the
 * original ("At ε = 0.050 the model says Sandal (62%); it said Sneaker (98%)").
 */
export function verdictSentence(epsilon: number, before: Verdict, after: Verdict): string {
  if (epsilon === 0) return `At ε = 0 the image is unchanged: the model says ${says(before)}`;
  const still = after.cls === before.cls ? 'still ' : '';
  return `At ε = ${formatEpsilon(epsilon)} the model ${still}says ${says(after)}; it said ${says(before)}`;
}

/**
 * What the smallest flipping ε is, in words: `flip` is the first ε on the grid whose prediction is not
 * the true class (null when none up to `max` is), `label` the true class, `clean` the prediction at ε = 0.
 */
export function flipSentence(flip: number | null, label: number, clean: number, max: number, flippedTo: number | null): string {
  if (clean !== label)
    return `The model already gets this image wrong (it says ${className(clean)}, not ${className(label)}): there is nothing to flip.`;
  if (flip === null) return `No ε up to ${formatEpsilon(max)} flips this ${className(label)}.`;
  const into = flippedTo === null ? '' : `: the model then says ${className(flippedTo)}`;
  return `The smallest ε that flips this ${className(label)} is ${formatEpsilon(flip)} (searched in steps of 0.001)${into}.`;
}

/** How the saliency map is scaled, in words. */
export const SALIENCY_SCALE =
  'Saliency: |∂loss/∂x| for the true class at each pixel, divided by its largest value: black = the most sensitive pixel, white = a pixel the loss does not depend on.';
