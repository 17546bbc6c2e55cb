/**
 * The convolution stepper's logic, without the DOM: where the kernel is, how it moves, where a
 * cell outside the image takes its value from, and the words and numbers the widget shows.
 * The arithmetic itself is src/lib/image (convolutionAt, convolve); this module only reads it.
 */
import { borderIndex } from '../../lib/image/convolve.ts';
import type { KernelPresetName } from '../../lib/image/kernels.ts';
import type { BorderMode } from '../../lib/image/types.ts';

/** The 3×3 presets the stepper offers, in menu order. */
export const STEPPER_KERNELS = ['box', 'sharpen', 'sobelX', 'sobelY', 'laplacian', 'identity'] as const satisfies readonly KernelPresetName[];
export type StepperKernel = (typeof STEPPER_KERNELS)[number];

export const BORDER_CHOICES: readonly { value: BorderMode; label: string; description: string }[] = [
  {
    value: 'zero',
    label: 'Zero',
    description: 'Zero: every cell outside the image reads 0 (as tf.conv2d with padding "same"), so a blur darkens the edges.',
  },
  {
    value: 'clamp',
    label: 'Clamp',
    description: 'Clamp: a cell outside the image reads the nearest edge pixel (… a a | a b c d | d d …).',
  },
  {
    value: 'reflect',
    label: 'Reflect',
    description: 'Reflect: the image is mirrored at its edge, without repeating the edge pixel (… c b | a b c d | c b …).',
  },
];

/** The sentence describing a border mode. */
export function borderDescription(border: BorderMode): string {
  return BORDER_CHOICES.find((b) => b.value === border)?.description ?? '';
}

export interface StepperSettings {
  kernel: StepperKernel;
  border: BorderMode;
}

export const DEFAULT_STEPPER: StepperSettings = { kernel: 'box', border: 'zero' };

export function isStepperKernel(value: unknown): value is StepperKernel {
  return typeof value === 'string' && (STEPPER_KERNELS as readonly string[]).includes(value);
}

export function isBorderMode(value: unknown): value is BorderMode {
  return value === 'zero' || value === 'clamp' || value === 'reflect';
}

/** Settings from attribute/prop values; anything not offered falls back to the default. */
export function stepperSettings(kernel: unknown, border: unknown): StepperSettings {
  return {
    kernel: isStepperKernel(kernel) ? kernel : DEFAULT_STEPPER.kernel,
    border: isBorderMode(border) ? border : DEFAULT_STEPPER.border,
  };
}

export interface Position {
  x: number;
  y: number;
}

/** Raster index (left to right, top to bottom) of a pixel, and back. */
export function indexOf(pos: Position, width: number): number {
  return pos.y * width + pos.x;
}
export function positionOf(index: number, width: number): Position {
  return { x: index % width, y: Math.floor(index / width) };
}

/**
 * Where a key sends the kernel on a width×height image, or null when the key does not move it.
 * Arrows move one pixel (stopping at the edges), Home/End go to the start/end of the row, and
 * with Ctrl (or ⌘) to the first/last pixel of the image.
 */
export function positionAfterKey(pos: Position, key: string, width: number, height: number, ctrl = false): Position | null {
  const clampX = (x: number) => Math.min(width - 1, Math.max(0, x));
  const clampY = (y: number) => Math.min(height - 1, Math.max(0, y));
  switch (key) {
    case 'ArrowLeft':
      return { x: clampX(pos.x - 1), y: pos.y };
    case 'ArrowRight':
      return { x: clampX(pos.x + 1), y: pos.y };
    case 'ArrowUp':
      return { x: pos.x, y: clampY(pos.y - 1) };
    case 'ArrowDown':
      return { x: pos.x, y: clampY(pos.y + 1) };
    case 'Home':
      return ctrl ? { x: 0, y: 0 } : { x: 0, y: pos.y };
    case 'End':
      return ctrl ? { x: width - 1, y: height - 1 } : { x: width - 1, y: pos.y };
    default:
      return null;
  }
}

/**
 * The pixel inside the image that the cell (x, y) reads under `border`: itself when (x, y) is
 * inside, the edge or mirrored pixel for clamp and reflect, null for zero padding outside.
 */
export function borderSource(x: number, y: number, width: number, height: number, border: BorderMode): Position | null {
  const sx = borderIndex(x, width, border);
  const sy = borderIndex(y, height, border);
  return sx < 0 || sy < 0 ? null : { x: sx, y: sy };
}

const MINUS = '\u2212';

/** A number for reading: at most `decimals` decimals (trailing zeros dropped), a real minus sign. */
export function formatValue(value: number, decimals = 1): string {
  const factor = 10 ** decimals;
  // Halves round away from zero, so −8.25 and 8.25 read the same apart from the sign.
  let rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  if (Object.is(rounded, -0)) rounded = 0;
  const text = String(Math.abs(rounded));
  return rounded < 0 ? MINUS + text : text;
}

/** A kernel weight: whole numbers as they are, simple fractions as n/d (1/9, 1/16), else 2 decimals. */
export function formatWeight(value: number): string {
  if (Math.abs(value - Math.round(value)) < 1e-6) return formatValue(value, 0);
  for (let d = 2; d <= 16; d++) {
    const n = value * d;
    if (Math.abs(n - Math.round(n)) < 1e-5) {
      const num = Math.round(n);
      return `${num < 0 ? MINUS : ''}${Math.abs(num)}/${d}`;
    }
  }
  return formatValue(value, 2);
}

/** One product of the worked sum, with the weight in brackets when it is negative or a fraction. */
export function productTerm(pixel: number, weight: number): string {
  const w = formatWeight(weight);
  const bracket = w.startsWith(MINUS) || w.includes('/');
  return `${formatValue(pixel)}×${bracket ? `(${w})` : w}`;
}

/** "x 3, y 4" style coordinates used in labels and the status line. */
export function coords(pos: Position): string {
  return `(${pos.x}, ${pos.y})`;
}

/** The status line: the key figure in words. */
export function stepStatus(pos: Position, sum: number, terms: number, outsideCount: number, border: BorderMode): string {
  const outside =
    outsideCount === 0 ? 'no cells read outside the image' : `${outsideCount} ${outsideCount === 1 ? 'cell' : 'cells'} read outside the image`;
  return `Output at ${coords(pos)} = ${formatValue(sum)}: ${terms} products summed; ${outside} (border: ${border}).`;
}

/**
 * How a cell outside the image got its value, in words: "0 (zero padding)", or
 * "copy of (0, 0)" for clamp and "mirror of (1, 0)" for reflect.
 */
export function sourceNote(source: Position | null, border: BorderMode): string {
  if (source === null) return 'zero padding';
  return `${border === 'clamp' ? 'copy of' : 'mirror of'} ${coords(source)}`;
}

/** Short form for the small caption under a padded cell: "pad 0", "=(0, 0)". */
export function sourceCaption(source: Position | null): string {
  return source === null ? 'pad' : `(${source.x},${source.y})`;
}
