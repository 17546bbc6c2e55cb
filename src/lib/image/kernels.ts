/**
 * Convolution kernels: square, odd-sized, row-major (`values[row * size + col]`).
 */
import type { DisplayMode, Kernel } from './types.ts';

function checkSize(size: number, what: string): void {
  if (!Number.isInteger(size) || size < 1 || size % 2 === 0) {
    throw new RangeError(`${what}: a kernel size must be an odd whole number (1, 3, 5…), got ${size}.`);
  }
}

/** A kernel from `size`² numbers given row by row. */
export function makeKernel(size: number, values: ArrayLike<number>): Kernel {
  checkSize(size, 'makeKernel');
  if (values.length !== size * size) {
    throw new RangeError(`makeKernel: a ${size}×${size} kernel needs ${size * size} values, got ${values.length}.`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`makeKernel: value ${i + 1} (row ${Math.floor(i / size) + 1}, column ${(i % size) + 1}) is not a number.`);
    }
  }
  return { size, values: Float32Array.from(values) };
}

/** 1 in the centre, 0 elsewhere: convolving with it returns the image unchanged. */
export function identityKernel(size = 3): Kernel {
  checkSize(size, 'identityKernel');
  const values = new Float32Array(size * size);
  values[(size * size - 1) / 2] = 1;
  return { size, values };
}

/** Box blur: every weight 1 / size², the plain mean of the size×size neighbourhood. */
export function boxKernel(size = 3): Kernel {
  checkSize(size, 'boxKernel');
  return { size, values: new Float32Array(size * size).fill(1 / (size * size)) };
}

/** Default Gaussian kernel size for a sigma: 2 · ceil(3σ) + 1 (covers ±3σ), at least 1. */
export function gaussianSize(sigma: number): number {
  return 2 * Math.ceil(3 * sigma) + 1;
}

/**
 * 1D Gaussian weights g(t) = exp(−t² / (2σ²)) / Σ exp(…), for t = −r … r with r = (size − 1) / 2;
 * they sum to 1 and are symmetric. size defaults to 2 · ceil(3σ) + 1.
 */
export function gaussianKernel1d(sigma: number, size?: number): Float32Array {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new RangeError(`gaussianKernel1d: sigma must be a positive number, got ${sigma}.`);
  const n = size ?? gaussianSize(sigma);
  checkSize(n, 'gaussianKernel1d');
  const r = (n - 1) / 2;
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = i - r;
    w[i] = Math.exp(-(t * t) / (2 * sigma * sigma));
    sum += w[i]!;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = w[i]! / sum;
  return out;
}

/**
 * 2D Gaussian kernel G(i, j) = g(i) · g(j) (the outer product of the 1D weights), so it sums to 1,
 * is symmetric, and a blur with it equals a row pass then a column pass with g (separable).
 */
export function gaussianKernel(sigma: number, size?: number): Kernel {
  const g = gaussianKernel1d(sigma, size);
  const n = g.length;
  const values = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = g[i]! * g[j]!;
  return { size: n, values };
}

export type KernelPresetName = 'identity' | 'box' | 'gaussian' | 'sharpen' | 'sobelX' | 'sobelY' | 'laplacian' | 'emboss';

export interface KernelPreset {
  label: string;
  kernel: Kernel;
  /** How to show the result (signed responses need more than clamping). */
  display: DisplayMode;
  description: string;
}

/**
 * The kernels of the lesson's filter lab (3×3, except the 5×5 Gaussian). The kernels are shared:
 * copy one (`makeKernel(k.size, k.values)`) before editing its values.
 */
export const KERNEL_PRESETS: Record<KernelPresetName, KernelPreset> = {
  identity: {
    label: 'Identity',
    kernel: identityKernel(3),
    display: 'clamp',
    description: 'Only the centre weight is 1: every pixel stays as it was.',
  },
  box: {
    label: 'Box blur',
    kernel: boxKernel(3),
    display: 'clamp',
    description: 'Every weight is 1/9: each pixel becomes the mean of its 3×3 neighbourhood.',
  },
  gaussian: {
    label: 'Gaussian blur',
    kernel: gaussianKernel(1, 5),
    display: 'clamp',
    description: 'Weights from a bell curve (σ = 1, 5×5): near pixels count more than far ones, a smoother blur than the box.',
  },
  sharpen: {
    label: 'Sharpen',
    kernel: makeKernel(3, [0, -1, 0, -1, 5, -1, 0, -1, 0]),
    display: 'clamp',
    description: 'The pixel plus its difference from its four neighbours: edges get stronger. The weights sum to 1, so flat areas stay the same.',
  },
  sobelX: {
    label: 'Sobel x',
    kernel: makeKernel(3, [-1, 0, 1, -2, 0, 2, -1, 0, 1]),
    display: 'signed',
    description:
      'Right minus left: responds to vertical edges. Positive (light) where the image gets brighter to the right, negative (dark) where it gets darker.',
  },
  sobelY: {
    label: 'Sobel y',
    kernel: makeKernel(3, [-1, -2, -1, 0, 0, 0, 1, 2, 1]),
    display: 'signed',
    description: 'Below minus above: responds to horizontal edges.',
  },
  laplacian: {
    label: 'Laplacian',
    kernel: makeKernel(3, [0, 1, 0, 1, -4, 1, 0, 1, 0]),
    display: 'abs',
    description: 'Four neighbours minus four times the centre: zero on flat areas and smooth ramps, large on edges and fine detail.',
  },
  emboss: {
    label: 'Emboss',
    kernel: makeKernel(3, [-2, -1, 0, -1, 1, 1, 0, 1, 2]),
    display: 'clamp',
    description: 'Bottom-right minus top-left, plus the pixel itself: edges look raised, as if lit from one side.',
  },
};
