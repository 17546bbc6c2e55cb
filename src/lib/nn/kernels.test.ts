// The tuned kernels of kernels.ts against the naive loops they replace, on random shapes (seeded):
// widths that are and are not multiples of the 8-column blocks, the 4-way unrolling's remainders,
// sparse inputs (most entries zero, as MNIST pixels and ReLU outputs are) and empty rows and columns.
import { describe, expect, it } from 'vitest';
import {
  biasGrad,
  compressRows,
  ensureFloat32,
  ensureFloat32Capacity,
  ensureInt32Capacity,
  gaussian,
  inputGrad,
  rowsToColumns,
  sparseMatMulBias,
  sparseWeightGrad,
} from './kernels.ts';

/** mulberry32: a small seeded generator for the shapes and values of the cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOLERANCE = 1e-4;

/** Sums carried in doubles and rounded once: within float32 rounding of the naive double sum. */
function expectClose(actual: Float32Array, expected: Float64Array, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (Math.abs(a - e) > TOLERANCE * Math.max(1, Math.abs(e))) throw new Error(`${label}[${i}]: ${a} ≠ ${e}`);
  }
}

interface Case {
  rows: number;
  inputs: number;
  units: number;
  x: Float32Array;
  w: Float32Array;
  b: Float32Array;
  dy: Float32Array;
}

/** Random shapes (1–21 rows, 1–40 inputs, 1–37 units) with a random share of zeros in X. */
function makeCase(random: () => number): Case {
  const rows = 1 + Math.floor(random() * 21);
  const inputs = 1 + Math.floor(random() * 40);
  const units = 1 + Math.floor(random() * 37);
  const zeros = random(); // 0 (dense) … 1 (all zero)
  const value = () => random() * 2 - 1;
  const x = Float32Array.from({ length: rows * inputs }, () => (random() < zeros ? 0 : value()));
  // Sometimes a whole row, or a whole column, of X is zero.
  if (random() < 0.3) x.fill(0, 0, inputs);
  if (random() < 0.3) for (let r = 0; r < rows; r++) x[r * inputs] = 0;
  return {
    rows,
    inputs,
    units,
    x,
    w: Float32Array.from({ length: inputs * units }, value),
    b: Float32Array.from({ length: units }, value),
    dy: Float32Array.from({ length: rows * units }, value),
  };
}

/** CSR of X (offsets with stride = units), as Dense prepares it. */
function csr({ rows, inputs, units, x }: Case) {
  const rowStart = new Int32Array(rows + 1);
  const index = new Int32Array(rows * inputs);
  const offset = new Int32Array(rows * inputs);
  const value = new Float32Array(rows * inputs);
  const nnz = compressRows(x, rows, inputs, units, rowStart, index, offset, value);
  return { rowStart, index, offset, value, nnz };
}

const CASES = 60;

describe('compressRows and rowsToColumns', () => {
  it('keep exactly the non-zero entries, by row and then by column', () => {
    const random = rng(1);
    for (let n = 0; n < CASES; n++) {
      const c = makeCase(random);
      const { rowStart, index, offset, value, nnz } = csr(c);
      const entries: [number, number, number][] = [];
      for (let r = 0; r < c.rows; r++)
        for (let k = 0; k < c.inputs; k++) if (c.x[r * c.inputs + k] !== 0) entries.push([r, k, c.x[r * c.inputs + k] as number]);
      expect(nnz).toBe(entries.length);
      expect(rowStart[c.rows]).toBe(nnz);
      const fromCsr: [number, number, number][] = [];
      for (let r = 0; r < c.rows; r++)
        for (let t = rowStart[r] as number; t < (rowStart[r + 1] as number); t++) {
          expect(offset[t]).toBe((index[t] as number) * c.units);
          fromCsr.push([r, index[t] as number, value[t] as number]);
        }
      expect(fromCsr).toEqual(entries);

      const colStart = new Int32Array(c.inputs + 1);
      const rowOffset = new Int32Array(Math.max(1, nnz));
      const colValue = new Float32Array(Math.max(1, nnz));
      rowsToColumns(c.rows, c.inputs, rowStart, index, value, c.units, colStart, rowOffset, colValue);
      const fromCsc: [number, number, number][] = [];
      for (let k = 0; k < c.inputs; k++)
        for (let t = colStart[k] as number; t < (colStart[k + 1] as number); t++)
          fromCsc.push([(rowOffset[t] as number) / c.units, k, colValue[t] as number]);
      const byColumn = [...entries].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      expect(fromCsc).toEqual(byColumn);
    }
  });
});

describe('the Dense kernels against naive loops', () => {
  it('sparseMatMulBias: Y = X·W + b', () => {
    const random = rng(2);
    for (let n = 0; n < CASES; n++) {
      const c = makeCase(random);
      const { rowStart, offset, value } = csr(c);
      const y = new Float32Array(c.rows * c.units).fill(Number.NaN); // every element must be written
      sparseMatMulBias(c.rows, c.units, rowStart, offset, value, c.w, c.b, y);
      const expected = new Float64Array(c.rows * c.units);
      for (let r = 0; r < c.rows; r++)
        for (let j = 0; j < c.units; j++) {
          let sum = c.b[j] as number;
          for (let k = 0; k < c.inputs; k++) sum += (c.x[r * c.inputs + k] as number) * (c.w[k * c.units + j] as number);
          expected[r * c.units + j] = sum;
        }
      expectClose(y, expected, `Y (case ${n}: ${c.rows}×${c.inputs}·${c.inputs}×${c.units})`);
    }
  });

  it('sparseWeightGrad: dW += Xᵀ·dY (accumulating onto what dW held)', () => {
    const random = rng(3);
    for (let n = 0; n < CASES; n++) {
      const c = makeCase(random);
      const { rowStart, index, value, nnz } = csr(c);
      const colStart = new Int32Array(c.inputs + 1);
      const rowOffset = new Int32Array(Math.max(1, nnz));
      const colValue = new Float32Array(Math.max(1, nnz));
      rowsToColumns(c.rows, c.inputs, rowStart, index, value, c.units, colStart, rowOffset, colValue);
      const dw = Float32Array.from({ length: c.inputs * c.units }, () => random() - 0.5);
      const expected = Float64Array.from(dw);
      for (let k = 0; k < c.inputs; k++)
        for (let j = 0; j < c.units; j++)
          for (let r = 0; r < c.rows; r++)
            expected[k * c.units + j] = (expected[k * c.units + j] as number) + (c.x[r * c.inputs + k] as number) * (c.dy[r * c.units + j] as number);
      sparseWeightGrad(c.inputs, c.units, colStart, rowOffset, colValue, c.dy, dw);
      expectClose(dw, expected, `dW (case ${n})`);
    }
  });

  it('biasGrad: db += Σ_rows dY', () => {
    const random = rng(4);
    for (let n = 0; n < CASES; n++) {
      const c = makeCase(random);
      const db = Float32Array.from({ length: c.units }, () => random() - 0.5);
      const expected = Float64Array.from(db);
      for (let r = 0; r < c.rows; r++) for (let j = 0; j < c.units; j++) expected[j] = (expected[j] as number) + (c.dy[r * c.units + j] as number);
      biasGrad(c.rows, c.units, c.dy, db);
      expectClose(db, expected, `db (case ${n})`);
    }
  });

  it('inputGrad: dX = dY·Wᵀ (overwriting dX)', () => {
    const random = rng(5);
    for (let n = 0; n < CASES; n++) {
      const c = makeCase(random);
      const dx = new Float32Array(c.rows * c.inputs).fill(Number.NaN);
      inputGrad(c.rows, c.inputs, c.units, c.dy, c.w, dx);
      const expected = new Float64Array(c.rows * c.inputs);
      for (let r = 0; r < c.rows; r++)
        for (let k = 0; k < c.inputs; k++) {
          let sum = 0;
          for (let j = 0; j < c.units; j++) sum += (c.dy[r * c.units + j] as number) * (c.w[k * c.units + j] as number);
          expected[r * c.inputs + k] = sum;
        }
      expectClose(dx, expected, `dX (case ${n})`);
    }
  });
});

describe('buffers and the seeded Gaussian', () => {
  it('ensureFloat32 reuses the array or its memory, and allocates only to grow', () => {
    const a = new Float32Array(16);
    expect(ensureFloat32(a, 16)).toBe(a);
    const shorter = ensureFloat32(a, 8);
    expect(shorter.length).toBe(8);
    expect(shorter.buffer).toBe(a.buffer);
    const longer = ensureFloat32(a, 32);
    expect(longer.length).toBe(32);
    expect(longer.buffer).not.toBe(a.buffer);
  });

  it('ensureInt32Capacity and ensureFloat32Capacity keep a big enough array and grow at least twofold', () => {
    const i = new Int32Array(10);
    expect(ensureInt32Capacity(i, 10)).toBe(i);
    expect(ensureInt32Capacity(i, 11).length).toBe(20);
    expect(ensureInt32Capacity(i, 50).length).toBe(50);
    const f = new Float32Array(10);
    expect(ensureFloat32Capacity(f, 4)).toBe(f);
    expect(ensureFloat32Capacity(f, 11).length).toBe(20);
  });

  it('gaussian is seeded (same seed, same numbers) and standard normal', () => {
    const a = gaussian(42);
    const b = gaussian(42);
    const xs = Array.from({ length: 20_000 }, () => a());
    expect(xs.slice(0, 100)).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every(Number.isFinite)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
