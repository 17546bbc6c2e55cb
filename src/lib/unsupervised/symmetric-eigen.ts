/**
 * The eigen-decomposition of a symmetric matrix (the covariance of ./pca.ts): Householder reduction to
 * a tridiagonal matrix and the implicit QL algorithm, tred2 and tql2 after EISPACK as in JAMA, in
 * Float64, about 3·d³ operations. Written as generators that yield between outer steps, so a caller
 * can pause between slices (fitPcaInSlices); symmetricEigen runs them at once.
 */

/** Runs a generator of steps to its end, at once. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Eigen-decomposition of a symmetric d × d matrix (Float64, row-major; it is overwritten).
 * Returns the eigenvalues in increasing order and the eigenvectors as the ROWS of `vectors`
 * (row k belongs to values[k]). tred2 + tql2 on the transpose, so the inner loops run along rows.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  return finish(eigenSteps(a, n));
}

export function* eigenSteps(a: Float64Array, n: number): Generator<void, { values: Float64Array; vectors: Float64Array }> {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: ${a.length} values are not a ${n} × ${n} matrix.`);
  // W is the transpose of JAMA's V: V[r][c] is W[c·n + r]. A is symmetric, so W starts as A.
  const W = a;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  yield* tred2(W, n, d, e);
  yield* tql2(W, n, d, e);
  return { values: d, vectors: W };
}

function* tred2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): Generator<void, void> {
  for (let j = 0; j < n; j++) d[j] = W[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = W[j * n + i - 1]!;
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        W[i * n + j] = f;
        const col = j * n;
        g = e[j]! + W[col + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const v = W[col + k]!;
          g += v * d[k]!;
          e[k] = e[k]! + v * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const col = j * n;
        for (let k = j; k <= i - 1; k++) W[col + k] = W[col + k]! - (f * e[k]! + g * d[k]!);
        d[j] = W[col + i - 1]!;
        W[col + i] = 0;
      }
    }
    d[i] = h;
    if (i % 32 === 0) yield;
  }
  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    W[i * n + n - 1] = W[i * n + i]!;
    W[i * n + i] = 1;
    const h = d[i + 1]!;
    const next = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[next + k]! / h;
      for (let j = 0; j <= i; j++) {
        const col = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += W[next + k]! * W[col + k]!;
        for (let k = 0; k <= i; k++) W[col + k] = W[col + k]! - g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) W[next + k] = 0;
    if (i % 32 === 0) yield;
  }
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + n - 1]!;
    W[j * n + n - 1] = 0;
  }
  W[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function* tql2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): Generator<void, void> {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 100) throw new Error('symmetricEigen: the QL iteration did not converge (is the matrix finite and symmetric?).');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          const a = i * n;
          const b = a + n;
          for (let k = 0; k < n; k++) {
            const t = W[b + k]!;
            const u = W[a + k]!;
            W[b + k] = s * u + c * t;
            W[a + k] = c * u - s * t;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
    if (l % 8 === 0) yield;
  }
}
