/**
 * Dense matrix products over row-major Float32Arrays, the three shapes a convolution needs:
 *
 *   gemmNN: C (m × n) (+)= A (m × k) · B (k × n)      forward: columns · filter
 *   gemmTN: C (m × n) (+)= Aᵀ · B, A is k × m          filter gradient: columnsᵀ · dY
 *   gemmNT: C (m × n) (+)= A · Bᵀ, B is n × k          input gradient: dY · filterᵀ
 *
 * With `accumulate` the product is added to C, otherwise C is overwritten. Unlike Dense's
 * kernels (./kernels.ts) nothing is skipped for zero inputs: im2col columns are dense.
 *
 * Speed notes: NN and TN run the i-k-j order (the inner loop walks a row of B and a row of C
 * contiguously, which V8 keeps on its fast path); NT is a dot product of two contiguous rows.
 * Sums are carried in doubles.
 */

function check(name: string, a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
  if (a.length < m * k || b.length < k * n || c.length < m * n) {
    throw new RangeError(`${name}: arrays of ${a.length}, ${b.length} and ${c.length} values are too small for ${m} × ${k} times ${k} × ${n}.`);
  }
}

/** C (m × n) = A (m × k) · B (k × n), or C += with `accumulate`. */
export function gemmNN(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate = false): Float32Array {
  check('gemmNN', a, b, c, m, k, n);
  if (!accumulate) c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    const aRow = i * k;
    for (let p = 0; p < k; p++) {
      const av = a[aRow + p]!;
      if (av === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) c[row + j] = c[row + j]! + av * b[bRow + j]!;
    }
  }
  return c;
}

/** C (m × n) = Aᵀ · B where A is k × m and B is k × n, or C += with `accumulate`. */
export function gemmTN(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate = false): Float32Array {
  check('gemmTN', a, b, c, m, k, n);
  if (!accumulate) c.fill(0, 0, m * n);
  for (let p = 0; p < k; p++) {
    const aRow = p * m;
    const bRow = p * n;
    for (let i = 0; i < m; i++) {
      const av = a[aRow + i]!;
      if (av === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) c[row + j] = c[row + j]! + av * b[bRow + j]!;
    }
  }
  return c;
}

/** C (m × n) = A · Bᵀ where A is m × k and B is n × k, or C += with `accumulate`. */
export function gemmNT(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number, accumulate = false): Float32Array {
  check('gemmNT', a, b, c, m, k, n);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[aRow + p]! * b[bRow + p]!;
      c[row + j] = accumulate ? c[row + j]! + sum : sum;
    }
  }
  return c;
}
