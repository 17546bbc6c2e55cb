import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { gemmNN, gemmNT, gemmTN } from './gemm.ts';

const random = (n: number, seed: number): Float32Array => {
  const r = mulberry32(seed);
  // Some exact zeros too: the kernels skip them and must still be right.
  return Float32Array.from({ length: n }, () => (r() < 0.2 ? 0 : r() * 2 - 1));
};

/** The textbook triple loop over explicit indices: what every variant must equal. */
function reference(m: number, k: number, n: number, at: (i: number, p: number) => number, bt: (p: number, j: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
      out.push(s);
    }
  return out;
}

const close = (got: Float32Array, want: number[]): void => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i]! - w)).toBeLessThan(1e-5));
};

describe('gemm', () => {
  for (const [m, k, n] of [
    [1, 1, 1],
    [3, 5, 2],
    [7, 9, 16],
    [12, 1, 5],
    [37, 50, 23],
    [6, 600, 5],
  ] as const) {
    it(`NN, TN and NT agree with the triple loop for ${m} × ${k} times ${k} × ${n}, overwriting and accumulating`, () => {
      const a = random(m * k, 1);
      const b = random(k * n, 2);
      const want = reference(
        m,
        k,
        n,
        (i, p) => a[i * k + p]!,
        (p, j) => b[p * n + j]!,
      );
      close(gemmNN(a, b, new Float32Array(m * n).fill(9), m, k, n), want);
      // Aᵀ stored k × m, Bᵀ stored n × k.
      const aT = new Float32Array(k * m);
      const bT = new Float32Array(n * k);
      for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) aT[p * m + i] = a[i * k + p]!;
      for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bT[j * k + p] = b[p * n + j]!;
      close(gemmTN(aT, b, new Float32Array(m * n).fill(9), m, k, n), want);
      close(gemmNT(a, bT, new Float32Array(m * n).fill(9), m, k, n), want);
      const plusOne = want.map((w) => w + 1);
      close(gemmNN(a, b, new Float32Array(m * n).fill(1), m, k, n, true), plusOne);
      close(gemmTN(aT, b, new Float32Array(m * n).fill(1), m, k, n, true), plusOne);
      close(gemmNT(a, bT, new Float32Array(m * n).fill(1), m, k, n, true), plusOne);
    });
  }

  it('says which arrays are too small', () => {
    expect(() => gemmNN(new Float32Array(5), new Float32Array(6), new Float32Array(4), 2, 3, 2)).toThrow(/gemmNN: .*too small for 2 × 3 times 3 × 2/);
  });
});
