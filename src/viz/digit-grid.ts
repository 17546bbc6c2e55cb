/**
 * A grid of 28×28 greyscale digits with the model's prediction under each.
 * Mistakes get an outline and a "true 7" label, so they are visible without colour.
 *
 * The pixel conversion and the mistake count are pure and unit-tested; `renderDigitGrid`
 * builds the DOM (one small canvas per digit, scaled up with CSS).
 */
import { mistakesSummary } from '../lib/format/status.ts';

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

/** The digits to show: `count` images of 784 grey levels (0 = background, 255 = ink). */
export interface DigitSet {
  images: Uint8Array;
  labels: Uint8Array;
  predicted: Uint8Array;
}

/** How many digits a set holds, after checking its arrays agree. */
export function digitCount(set: DigitSet): number {
  const n = set.labels.length;
  if (set.predicted.length !== n) {
    throw new Error(`Digit grid: ${n} labels but ${set.predicted.length} predictions; they must match.`);
  }
  if (set.images.length !== n * DIGIT_PIXELS) {
    throw new Error(`Digit grid: expected ${n} × ${DIGIT_PIXELS} = ${n * DIGIT_PIXELS} pixels, got ${set.images.length}.`);
  }
  return n;
}

/** Indices where the prediction differs from the true label. */
export function mistakeIndices(set: DigitSet): number[] {
  const out: number[] = [];
  const n = digitCount(set);
  for (let i = 0; i < n; i++) if (set.labels[i] !== set.predicted[i]) out.push(i);
  return out;
}

/**
 * RGBA pixels for digit `index`: dark ink on white paper (grey level inverted), so a
 * digit reads the same in light and dark themes. Writes into `out` when given.
 */
export function digitToRgba(images: Uint8Array, index: number, out: Uint8ClampedArray = new Uint8ClampedArray(DIGIT_PIXELS * 4)): Uint8ClampedArray {
  const offset = index * DIGIT_PIXELS;
  if (index < 0 || offset + DIGIT_PIXELS > images.length) {
    throw new Error(`Digit grid: no digit ${index} in ${Math.floor(images.length / DIGIT_PIXELS)} images.`);
  }
  for (let p = 0; p < DIGIT_PIXELS; p++) {
    const v = 255 - images[offset + p]!;
    const o = p * 4;
    out[o] = v;
    out[o + 1] = v;
    out[o + 2] = v;
    out[o + 3] = 255;
  }
  return out;
}

export interface DigitGridOptions {
  /** Caption before the mistakes count, e.g. "Test digits and the network's guesses". */
  caption?: string;
}

/**
 * Replace the content of `host` with a figure: the digit grid and a caption such as
 * "3 mistakes in 48". Returns the number of mistakes.
 */
export function renderDigitGrid(host: HTMLElement, set: DigitSet, options: DigitGridOptions = {}): number {
  const n = digitCount(set);
  const mistakes = mistakeIndices(set);
  const figure = document.createElement('figure');
  figure.className = 'tk-digits';

  const caption = document.createElement('figcaption');
  caption.className = 'tk-digits__caption';
  const summary = mistakesSummary(mistakes.length, n);
  caption.textContent = options.caption ? `${options.caption}: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}` : summary;
  figure.append(caption);

  const list = document.createElement('ol');
  list.className = 'tk-digits__grid';
  const pixels = new Uint8ClampedArray(DIGIT_PIXELS * 4);
  for (let i = 0; i < n; i++) {
    const label = set.labels[i]!;
    const guess = set.predicted[i]!;
    const wrong = label !== guess;
    const item = document.createElement('li');
    item.className = wrong ? 'tk-digit tk-digit--mistake' : 'tk-digit';

    const canvas = document.createElement('canvas');
    canvas.width = DIGIT_SIDE;
    canvas.height = DIGIT_SIDE;
    canvas.className = 'tk-digit__image';
    canvas.setAttribute('aria-hidden', 'true');
    const ctx = canvas.getContext('2d');
    if (ctx) {
      digitToRgba(set.images, i, pixels);
      ctx.putImageData(new ImageData(pixels, DIGIT_SIDE, DIGIT_SIDE), 0, 0);
    }

    const text = document.createElement('span');
    text.className = 'tk-digit__label';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = 'predicted ';
    text.append(hidden, String(guess));
    item.append(canvas, text);
    if (wrong) {
      const truth = document.createElement('span');
      truth.className = 'tk-digit__truth';
      truth.textContent = `true ${label}`;
      item.append(truth);
    }
    list.append(item);
  }
  figure.append(list);
  host.replaceChildren(figure);
  return mistakes.length;
}
