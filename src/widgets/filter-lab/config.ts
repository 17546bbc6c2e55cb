/**
 * The filter lab's presets, kernel editing rules and status text (pure: no DOM; used at build
 * time and in the browser). Kernels come from src/lib/image/kernels.ts; the worker computes with
 * exactly the numbers the editor holds.
 */
import { KERNEL_PRESETS, boxKernel, gaussianKernel, identityKernel, type KernelPresetName } from '../../lib/image/kernels.ts';
import type { BorderMode, DisplayMode } from '../../lib/image/types.ts';
import type { FilterJob, FilterKind } from '../../workers/image-filter/protocol.ts';

export type FilterPresetName = KernelPresetName | 'magnitude';
export type KernelSize = 3 | 5;

export const KERNEL_SIZES: readonly KernelSize[] = [3, 5];

export interface FilterPreset {
  label: string;
  kind: FilterKind;
  display: DisplayMode;
  /** Work on the grey (luma) image: edge filters are read more easily without colour. */
  grey: boolean;
  /** The kernel size the preset is chosen at (the reader may change it afterwards). */
  size: KernelSize;
  description: string;
  /** The preset's kernel at this size (and sigma, for the Gaussian). */
  kernel(size: KernelSize, sigma: number): number[];
}

/** A 3×3 kernel centred in a size×size grid (zeros around it), or the centre 3×3 of a 5×5 one. */
export function resizeKernel(values: readonly number[], from: number, to: number): number[] {
  const out = new Array<number>(to * to).fill(0);
  const shift = (to - from) / 2;
  for (let row = 0; row < to; row++) {
    for (let col = 0; col < to; col++) {
      const r = row - shift;
      const c = col - shift;
      if (r >= 0 && r < from && c >= 0 && c < from) out[row * to + col] = values[r * from + c]!;
    }
  }
  return out;
}

/** A fixed 3×3 kernel from the library, shown in a 3×3 or (padded with zeros) 5×5 grid. */
const fixed = (name: KernelPresetName) => (size: KernelSize) => resizeKernel(Array.from(KERNEL_PRESETS[name].kernel.values), 3, size);

export const FILTER_PRESETS: Record<FilterPresetName, FilterPreset> = {
  gaussian: {
    label: 'Gaussian blur',
    kind: 'kernel',
    display: 'clamp',
    grey: false,
    size: 5,
    description:
      'Weights from a bell curve of width σ: near pixels count more than far ones. A larger σ blurs more (up to what the 5×5 window can hold).',
    kernel: (size, sigma) => Array.from(gaussianKernel(sigma, size).values),
  },
  box: {
    label: 'Box blur',
    kind: 'kernel',
    display: 'clamp',
    grey: false,
    size: 3,
    description: 'Every weight is the same (1/9 or 1/25): each pixel becomes the mean of its neighbourhood.',
    kernel: (size) => Array.from(boxKernel(size).values),
  },
  sharpen: {
    label: 'Sharpen',
    kind: 'kernel',
    display: 'clamp',
    grey: false,
    size: 3,
    description: KERNEL_PRESETS.sharpen.description,
    kernel: fixed('sharpen'),
  },
  sobelX: {
    label: 'Sobel x',
    kind: 'kernel',
    display: 'signed',
    grey: true,
    size: 3,
    description: `${KERNEL_PRESETS.sobelX.description} Shown signed: mid grey is 0.`,
    kernel: fixed('sobelX'),
  },
  sobelY: {
    label: 'Sobel y',
    kind: 'kernel',
    display: 'signed',
    grey: true,
    size: 3,
    description: `${KERNEL_PRESETS.sobelY.description} Light where it gets brighter downwards, dark where it gets darker. Shown signed: mid grey is 0.`,
    kernel: fixed('sobelY'),
  },
  magnitude: {
    label: 'Gradient magnitude',
    kind: 'magnitude',
    display: 'clamp',
    grey: true,
    size: 3,
    description: 'Sobel x and Sobel y (the grid’s transpose) combined as √(gx² + gy²): how strong the edge is in any direction.',
    kernel: fixed('sobelX'),
  },
  laplacian: {
    label: 'Laplacian',
    kind: 'kernel',
    display: 'abs',
    grey: true,
    size: 3,
    description: `${KERNEL_PRESETS.laplacian.description} Shown as |v|.`,
    kernel: fixed('laplacian'),
  },
  emboss: {
    label: 'Emboss',
    kind: 'kernel',
    display: 'clamp',
    grey: true,
    size: 3,
    description: KERNEL_PRESETS.emboss.description,
    kernel: fixed('emboss'),
  },
  identity: {
    label: 'Identity',
    kind: 'kernel',
    display: 'clamp',
    grey: false,
    size: 3,
    description: KERNEL_PRESETS.identity.description,
    kernel: (size) => Array.from(identityKernel(size).values),
  },
};

/** The order of the preset buttons. */
export const PRESET_ORDER: readonly FilterPresetName[] = [
  'gaussian',
  'box',
  'sharpen',
  'sobelX',
  'sobelY',
  'magnitude',
  'laplacian',
  'emboss',
  'identity',
];

export function isPresetName(value: string | null | undefined): value is FilterPresetName {
  return (PRESET_ORDER as readonly string[]).includes(value ?? '');
}

export const BORDER_CHOICES: ReadonlyArray<{ value: BorderMode; label: string }> = [
  { value: 'zero', label: 'Zero (black outside)' },
  { value: 'clamp', label: 'Clamp (repeat the edge)' },
  { value: 'reflect', label: 'Reflect (mirror)' },
];

export const DISPLAY_CHOICES: ReadonlyArray<{ value: DisplayMode; label: string; words: string }> = [
  { value: 'clamp', label: 'Cut to 0–255', words: 'cut to 0–255' },
  { value: 'abs', label: '|v|, cut to 255', words: 'as |v|' },
  { value: 'signed', label: 'Signed (0 = mid grey)', words: 'signed (0 is mid grey)' },
  { value: 'normalize', label: 'Stretch min–max', words: 'stretched from min to max' },
];

/** Sigma slider. */
export const SIGMA = { min: 0.3, max: 3, step: 0.1, initial: 1 } as const;

/** Everything the lab needs to filter: the editor's state. */
export interface LabState {
  /** The preset the kernel came from, or 'custom' once the reader edits a number. */
  preset: FilterPresetName | 'custom';
  kind: FilterKind;
  size: KernelSize;
  values: number[];
  sigma: number;
  border: BorderMode;
  display: DisplayMode;
  grey: boolean;
}

/**
 * The state after choosing a preset, at the preset's own size unless `size` is given
 * (sigma and border stay the reader's).
 */
export function withPreset(state: Pick<LabState, 'sigma' | 'border'>, name: FilterPresetName, size?: KernelSize): LabState {
  const p = FILTER_PRESETS[name];
  const n = size ?? p.size;
  return {
    preset: name,
    kind: p.kind,
    size: n,
    values: p.kernel(n, state.sigma),
    sigma: state.sigma,
    border: state.border,
    display: p.display,
    grey: p.grey,
  };
}

export const INITIAL_STATE: LabState = withPreset({ sigma: SIGMA.initial, border: 'clamp' }, 'gaussian');

/** The state after changing the kernel size: a preset is recomputed, a custom kernel padded or cropped. */
export function withSize(state: LabState, size: KernelSize): LabState {
  if (size === state.size) return state;
  if (state.preset !== 'custom') return { ...withPreset(state, state.preset, size), display: state.display, grey: state.grey };
  return { ...state, size, values: resizeKernel(state.values, state.size, size) };
}

/** The state after the reader typed `value` into cell `index`. */
export function withCell(state: LabState, index: number, value: number): LabState {
  const values = state.values.slice();
  values[index] = value;
  return { ...state, preset: 'custom', values };
}

/** Parse what the reader typed in a kernel cell ("0.5", "-1", "1/9", "−2"); null when it is not a number. */
export function parseCell(text: string): number | null {
  const t = text.trim().replace(/[−–]/g, '-');
  if (t === '') return null;
  const fraction = /^(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (fraction) {
    const d = Number(fraction[2]);
    return d === 0 ? null : Number(fraction[1]) / d;
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A kernel weight as shown in its cell: at most 4 decimals, no trailing zeros ("0.0751", "-2", "0.1111"). */
export function formatCell(v: number): string {
  const rounded = Math.round(v * 10_000) / 10_000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export function kernelSum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A number for prose, with a real minus sign: -0.5 → "−0.5". */
export function formatSigned(v: number, digits = 2): string {
  const text = Math.abs(v) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : v.toFixed(digits);
  return text.replace('-', '−');
}

/** What the kernel's sum means for a flat area of value v (which becomes sum · v). */
export function sumMeaning(sum: number): string {
  const eps = 1e-3;
  if (Math.abs(sum - 1) < eps) return 'Sum 1: flat areas keep their brightness (a blur or a sharpen).';
  if (Math.abs(sum) < eps) return 'Sum 0: flat areas become 0 and only changes remain (an edge finder).';
  const s = formatSigned(sum);
  if (sum > 1) return `Sum ${s}: flat areas are multiplied by ${s}, so the image gets brighter.`;
  if (sum > 0) return `Sum ${s}: flat areas are multiplied by ${s}, so the image gets darker.`;
  return `Sum ${s}: flat areas are multiplied by a negative number, so bright becomes dark (below 0).`;
}

/** The name of what is applied: the preset's label or "Custom kernel". */
export function filterName(state: Pick<LabState, 'preset' | 'kind' | 'sigma'>): string {
  if (state.preset === 'custom') return state.kind === 'magnitude' ? 'Custom kernel, gradient magnitude' : 'Custom kernel';
  if (state.preset === 'gaussian') return `Gaussian blur σ = ${state.sigma.toFixed(1)}`;
  return FILTER_PRESETS[state.preset].label;
}

/** The worker's job for a state. */
export function jobFor(state: LabState): FilterJob {
  return { kind: state.kind, size: state.size, values: state.values.slice(), border: state.border, display: state.display, grey: state.grey };
}

/**
 * The status line, e.g. "Sobel x, 3×3, border clamp: 451 × 300 pixels in 12 ms. Values −612 to 580, shown signed (0 is mid grey)."
 */
export function filterStatus(name: string, job: FilterJob, result: { width: number; height: number; ms: number; min: number; max: number }): string {
  const display = DISPLAY_CHOICES.find((d) => d.value === job.display)?.words ?? job.display;
  const grey = job.grey ? ', on grey' : '';
  const ms = result.ms < 1 ? '<1' : String(Math.round(result.ms));
  return (
    `${name}, ${job.size}×${job.size}, border ${job.border}${grey}: ${result.width} × ${result.height} pixels in ${ms} ms. ` +
    `Values ${formatSigned(result.min, 0)} to ${formatSigned(result.max, 0)}, shown ${display}.`
  );
}
