/**
 * Principal component analysis of n vectors of dimension d (row-major Float32Array, n·d values).
 *
 * fitPca: the mean, then the covariance matrix Σ = Xcᵀ·Xc / (n − 1) of the centred data, built in
 * blocks of rows with gemmTN (../nn/gemm.ts) so the centred copy never exceeds one block, and only
 * its upper triangle of panels is multiplied (Σ is symmetric). Then Σ's full eigen-decomposition:
 * Householder reduction to a tridiagonal matrix and the implicit QL algorithm (tred2 / tql2 after
 * EISPACK, as in JAMA), in Float64. The components are the eigenvectors of the m largest
 * eigenvalues, unit rows by decreasing variance, each signed so its largest-magnitude entry is
 * positive (so a fit is reproducible; a component and its negative describe the same axis).
 *
 * Cost: n·d²/2 multiply-adds for Σ (60,000 × 784: about 18 G) and about 3·d³ for the eigen-solver
 * (784: about 1.5 G); in Node a few seconds to a few tens of seconds. A few thousand images fit in
 * about a second: run a fit that large off the main thread.
 *
 * Nothing here is random: the seed option is accepted for the shared contract and changes nothing.
 */
import { gemmNN, gemmNT, gemmTN } from '../nn/gemm.ts';

export interface Pca {
  /** The mean vector (d). */
  mean: Float32Array;
  /** The top m principal directions, m unit rows of d values, by decreasing variance. */
  components: Float32Array;
  /** The variance along each component (the covariance's eigenvalues, n − 1 in the denominator). */
  variances: Float64Array;
  /** The total variance (trace of the covariance: the sum of all d eigenvalues). */
  totalVariance: number;
}

export interface FitPcaOptions {
  /** How many components to keep (1 … d). */
  components: number;
  /** Accepted for the shared contract; the fit is deterministic and ignores it. */
  seed?: number;
  /** Rows per covariance block (default 1024): the only copy of the data the fit makes. */
  blockRows?: number;
}

/** The d dimension of a fitted PCA. */
export function pcaDimension(pca: Pca): number {
  return pca.mean.length;
}

/** The number of components a fitted PCA holds. */
export function pcaComponentCount(pca: Pca): number {
  return pca.variances.length;
}

function checkData(what: string, data: Float32Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1) {
    throw new RangeError(`${what}: n = ${n} and d = ${d} must be whole numbers, d at least 1.`);
  }
  if (data.length < n * d) {
    throw new RangeError(`${what}: ${data.length} values are too few for ${n} vectors of ${d}; pass n·d values, one vector per row.`);
  }
}

const PANEL = 128;

/** Adds the upper triangle of Xᵀ·X for a block X (rows × d) into cov (d × d, Float64): panels of columns, one gemmTN per pair. */
function accumulateCovariance(block: Float32Array, rows: number, d: number, cov: Float64Array, panels: Float32Array[], tile: Float32Array): void {
  const count = Math.ceil(d / PANEL);
  for (let p = 0; p < count; p++) {
    const c0 = p * PANEL;
    const w = Math.min(PANEL, d - c0);
    const panel = panels[p]!;
    for (let r = 0; r < rows; r++) panel.set(block.subarray(r * d + c0, r * d + c0 + w), r * w);
  }
  for (let p = 0; p < count; p++) {
    const p0 = p * PANEL;
    const wp = Math.min(PANEL, d - p0);
    for (let q = p; q < count; q++) {
      const q0 = q * PANEL;
      const wq = Math.min(PANEL, d - q0);
      gemmTN(panels[p]!, panels[q]!, tile, wp, rows, wq);
      for (let i = 0; i < wp; i++) {
        const row = (p0 + i) * d + q0;
        for (let j = 0; j < wq; j++) cov[row + j] = cov[row + j]! + tile[i * wq + j]!;
      }
    }
  }
}

/** The mean (Float64) and the covariance (d × d, Float64, full symmetric) of the rows. */
export function covariance(data: Float32Array, n: number, d: number, blockRows = 1024): { mean: Float64Array; cov: Float64Array } {
  checkData('covariance', data, n, d);
  if (n < 2) throw new RangeError(`covariance: ${n} vector(s) have no spread; pass at least 2.`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[o + j]!;
  }
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  const rowsPerBlock = Math.max(1, Math.min(blockRows, n));
  const block = new Float32Array(rowsPerBlock * d);
  const panels = Array.from({ length: Math.ceil(d / PANEL) }, () => new Float32Array(rowsPerBlock * PANEL));
  const tile = new Float32Array(PANEL * PANEL);
  const cov = new Float64Array(d * d);
  for (let r0 = 0; r0 < n; r0 += rowsPerBlock) {
    const rows = Math.min(rowsPerBlock, n - r0);
    for (let r = 0; r < rows; r++) {
      const src = (r0 + r) * d;
      const dst = r * d;
      for (let j = 0; j < d; j++) block[dst + j] = data[src + j]! - mean[j]!;
    }
    accumulateCovariance(block, rows, d, cov, panels, tile);
  }
  const scale = 1 / (n - 1);
  for (let i = 0; i < d; i++) {
    cov[i * d + i] = cov[i * d + i]! * scale;
    for (let j = i + 1; j < d; j++) {
      const v = cov[i * d + j]! * scale;
      cov[i * d + j] = v;
      cov[j * d + i] = v;
    }
  }
  return { mean, cov };
}

/**
 * Eigen-decomposition of a symmetric d × d matrix (Float64, row-major; it is overwritten).
 * Returns the eigenvalues in increasing order and the eigenvectors as the ROWS of `vectors`
 * (row k belongs to values[k]). tred2 + tql2 on the transpose, so the inner loops run along rows.
 */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: ${a.length} values are not a ${n} × ${n} matrix.`);
  // W is the transpose of JAMA's V: V[r][c] is W[c·n + r]. A is symmetric, so W starts as A.
  const W = a;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(W, n, d, e);
  tql2(W, n, d, e);
  return { values: d, vectors: W };
}

function tred2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
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
  }
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + n - 1]!;
    W[j * n + n - 1] = 0;
  }
  W[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

function tql2(W: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
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
  }
}

/** Fits a PCA keeping the top `components` directions. Throws in words on bad shapes. */
export function fitPca(data: Float32Array, n: number, d: number, options: FitPcaOptions): Pca {
  checkData('fitPca', data, n, d);
  const m = options.components;
  if (!Number.isInteger(m) || m < 1 || m > d)
    throw new RangeError(`fitPca: components = ${m}; choose a whole number from 1 to ${d} (the dimension).`);
  if (n < 2) throw new RangeError(`fitPca: ${n} vector(s) have no spread; pass at least 2.`);
  const { mean, cov } = covariance(data, n, d, options.blockRows);
  let totalVariance = 0;
  for (let j = 0; j < d; j++) totalVariance += cov[j * d + j]!;
  const { values, vectors } = symmetricEigen(cov, d);
  const order = Array.from(values.keys()).sort((x, y) => values[y]! - values[x]!);
  const components = new Float32Array(m * d);
  const variances = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const k = order[c]!;
    variances[c] = Math.max(0, values[k]!);
    const row = vectors.subarray(k * d, k * d + d);
    let big = 0;
    for (let j = 1; j < d; j++) if (Math.abs(row[j]!) > Math.abs(row[big]!)) big = j;
    const sign = row[big]! < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) components[c * d + j] = sign * row[j]!;
  }
  return { mean: Float32Array.from(mean), components, variances, totalVariance };
}

/** The coordinates of n vectors on the first m components (default all): n·m values, row-major. */
export function project(pca: Pca, data: Float32Array, n: number, m = pcaComponentCount(pca)): Float32Array {
  const d = pcaDimension(pca);
  checkData('project', data, n, d);
  if (!Number.isInteger(m) || m < 1 || m > pcaComponentCount(pca)) {
    throw new RangeError(`project: m = ${m}; choose a whole number from 1 to ${pcaComponentCount(pca)} (the components fitted).`);
  }
  const out = new Float32Array(n * m);
  const rowsPerBlock = 1024;
  const block = new Float32Array(Math.min(rowsPerBlock, n) * d);
  const basis = pca.components.subarray(0, m * d);
  for (let r0 = 0; r0 < n; r0 += rowsPerBlock) {
    const rows = Math.min(rowsPerBlock, n - r0);
    for (let r = 0; r < rows; r++) {
      const src = (r0 + r) * d;
      for (let j = 0; j < d; j++) block[r * d + j] = data[src + j]! - pca.mean[j]!;
    }
    gemmNT(block, basis, out.subarray(r0 * m, (r0 + rows) * m), rows, d, m);
  }
  return out;
}

/**
 * The n vectors rebuilt from their first m coordinates: mean + Σₖ coordₖ · componentₖ (n·d values).
 * `coords` holds n rows of equal length ≥ m (e.g. project()'s output for 64 components); the first m of each row are used.
 */
export function reconstruct(pca: Pca, coords: Float32Array, n: number, m: number): Float32Array {
  const d = pcaDimension(pca);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`reconstruct: n = ${n} must be a whole number.`);
  if (!Number.isInteger(m) || m < 1 || m > pcaComponentCount(pca)) {
    throw new RangeError(`reconstruct: m = ${m}; choose a whole number from 1 to ${pcaComponentCount(pca)} (the components fitted).`);
  }
  const out = new Float32Array(n * d);
  if (n === 0) return out;
  const stride = coords.length / n;
  if (!Number.isInteger(stride) || stride < m) {
    throw new RangeError(
      `reconstruct: ${coords.length} coordinates are not ${n} rows of at least ${m}; pass n rows of coordinates, e.g. project()'s output.`,
    );
  }
  let a = coords;
  if (stride !== m) {
    a = new Float32Array(n * m);
    for (let i = 0; i < n; i++) a.set(coords.subarray(i * stride, i * stride + m), i * m);
  }
  for (let i = 0; i < n; i++) out.set(pca.mean, i * d);
  gemmNN(a, pca.components.subarray(0, m * d), out, n, m, d, true);
  return out;
}

/** The share of the total variance along each fitted component (each in 0…1, summing to at most 1). */
export function explainedRatio(pca: Pca): number[] {
  const total = pca.totalVariance;
  return Array.from(pca.variances, (v) => (total > 0 ? v / total : 0));
}

/**
 * The mean squared error per value of the n vectors rebuilt from their first m components, for each m in `ms`
 * (in blocks of rows, so the rebuilt copy stays small).
 */
export function reconstructionMse(pca: Pca, data: Float32Array, n: number, ms: readonly number[]): number[] {
  const d = pcaDimension(pca);
  checkData('reconstructionMse', data, n, d);
  const top = Math.max(...ms);
  const sums = ms.map(() => 0);
  const rowsPerBlock = 1000;
  for (let r0 = 0; r0 < n; r0 += rowsPerBlock) {
    const rows = Math.min(rowsPerBlock, n - r0);
    const block = data.subarray(r0 * d, (r0 + rows) * d);
    const coords = project(pca, block, rows, top);
    ms.forEach((m, k) => {
      const back = reconstruct(pca, coords, rows, m);
      let s = 0;
      for (let i = 0; i < rows * d; i++) s += (back[i]! - block[i]!) ** 2;
      sums[k] = sums[k]! + s;
    });
  }
  return sums.map((s) => (n > 0 ? s / (n * d) : 0));
}
