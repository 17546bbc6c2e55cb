/**
 * What the explorer's grids show for one setting: the small input's numbers, the kernel's weights,
 * which input cells each output cell reads (and the other way round), the output values of a
 * convolution or a pooling, and the im2col matrix of the small case. Pure; the geometry and
 * im2col come from src/lib/nn/conv-geometry.ts.
 */
import { convGeometry, im2col, im2colShape, outputSize, type AxisSetting, type ConvGeometry } from '../nn/conv-geometry.ts';
import { gemmNN } from '../nn/gemm.ts';
import type { ExplorerMode } from './setting.ts';

/** A cell of the input grid, padding included: row y and column x run from −p to n + p − 1. */
export interface Cell {
  y: number;
  x: number;
}

/** The small input: whole numbers 0–9 in a pattern that is not symmetric, so a kernel's effect shows. */
export function demoInput(n: number): Float32Array {
  const values = new Float32Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) values[y * n + x] = (3 * y + 2 * x + ((x * y) % 3)) % 10;
  return values;
}

export type KernelKind = 'edgeV' | 'edgeH' | 'blur' | 'sharpen';
export const KERNEL_KINDS: readonly KernelKind[] = ['edgeV', 'edgeH', 'blur', 'sharpen'];
export const KERNEL_LABELS: Record<KernelKind, string> = {
  edgeV: 'Vertical edges',
  edgeH: 'Horizontal edges',
  blur: 'Blur (box)',
  sharpen: 'Sharpen',
};

/**
 * A k × k kernel of whole numbers, row-major. Edges: −1 on the left (top) half, +1 on the right
 * (bottom) half, 0 on an odd middle column (row); blur: all 1; sharpen: k² in the centre (the
 * upper left of the centre for an even k) and −1 elsewhere, so its weights add up to 1.
 */
export function kernelWeights(kind: KernelKind, k: number): Float32Array {
  const w = new Float32Array(k * k);
  const half = (k - 1) / 2;
  const centre = Math.floor(half);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const side = (t: number) => Math.sign(t - half);
      w[i * k + j] =
        kind === 'edgeV' ? side(j) : kind === 'edgeH' ? side(i) : kind === 'blur' ? 1 : i === centre && j === centre ? (k === 1 ? 1 : k * k) : -1;
    }
  }
  return w;
}

/** The geometry of the explorer's one-image, one-channel case. */
export function explorerGeometry(setting: AxisSetting): ConvGeometry {
  return convGeometry(1, 1, setting, setting);
}

/** One tap of the patch: its place in the kernel and the input cell it reads (which may be padding). */
export interface Tap {
  ky: number;
  kx: number;
  y: number;
  x: number;
  inside: boolean;
}

/** The input cells the output cell (oy, ox) reads, tap by tap in the kernel's row-major order. */
export function patchOf(setting: AxisSetting, oy: number, ox: number): Tap[] {
  const { n, k, s, p, d } = setting;
  const taps: Tap[] = [];
  for (let ky = 0; ky < k; ky++) {
    for (let kx = 0; kx < k; kx++) {
      const y = oy * s - p + ky * d;
      const x = ox * s - p + kx * d;
      taps.push({ ky, kx, y, x, inside: y >= 0 && y < n && x >= 0 && x < n });
    }
  }
  return taps;
}

/** Every output cell whose patch reads input cell (y, x) (a padding cell too), in row-major order. */
export function readersOf(setting: AxisSetting, y: number, x: number): Cell[] {
  const out = outputSize(setting);
  const along = (c: number): number[] => {
    const hits: number[] = [];
    for (let o = 0; o < out; o++) {
      const offset = c - (o * setting.s - setting.p);
      if (offset >= 0 && offset % setting.d === 0 && offset / setting.d < setting.k) hits.push(o);
    }
    return hits;
  };
  const rows = along(y);
  const cols = along(x);
  return rows.flatMap((oy) => cols.map((ox) => ({ y: oy, x: ox })));
}

/** One output cell's value; null for a pooling patch that holds only padding (it has no input to pool). */
export type OutputValue = number | null;

/**
 * The output grid, row-major: the convolution (cross-correlation, as tf.conv2d: padding reads 0)
 * as im2col · weights, or the max / average of the patch's input cells (padding is left out, as
 * tf.maxPool and tf.avgPool do).
 */
export function outputValues(setting: AxisSetting, mode: ExplorerMode, input: Float32Array, weights: Float32Array): OutputValue[] {
  const out = outputSize(setting);
  if (mode === 'conv') {
    const g = explorerGeometry(setting);
    const { rows, cols } = im2colShape(g);
    const result = new Float32Array(rows);
    gemmNN(im2col(input, g), weights, result, rows, cols, 1);
    return Array.from(result);
  }
  const values: OutputValue[] = [];
  for (let oy = 0; oy < out; oy++) {
    for (let ox = 0; ox < out; ox++) {
      const read = patchOf(setting, oy, ox)
        .filter((t) => t.inside)
        .map((t) => input[t.y * setting.n + t.x]!);
      if (read.length === 0) values.push(null);
      else values.push(mode === 'max' ? Math.max(...read) : read.reduce((a, b) => a + b, 0) / read.length);
    }
  }
  return values;
}

/** The im2col matrix of the small case, with where each entry came from. */
export interface Im2colView {
  rows: number;
  cols: number;
  /** rows × cols values, row-major (padding taps read 0). */
  values: Float32Array;
  /** Each row's output cell. */
  rowCells: Cell[];
  /** Each column's kernel tap. */
  colTaps: { ky: number; kx: number }[];
  /** Whether entry (row, col) is a padding tap. */
  padding: boolean[];
}

export function im2colView(setting: AxisSetting, input: Float32Array): Im2colView {
  const g = explorerGeometry(setting);
  const { rows, cols } = im2colShape(g);
  const out = outputSize(setting);
  const rowCells: Cell[] = [];
  const padding: boolean[] = [];
  for (let r = 0; r < rows; r++) {
    const cell = { y: Math.floor(r / out), x: r % out };
    rowCells.push(cell);
    for (const tap of patchOf(setting, cell.y, cell.x)) padding.push(!tap.inside);
  }
  const colTaps = Array.from({ length: cols }, (_, c) => ({ ky: Math.floor(c / setting.k), kx: c % setting.k }));
  return { rows, cols, values: im2col(input, g), rowCells, colTaps, padding };
}
