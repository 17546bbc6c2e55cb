/**
 * Principal component analysis of n vectors of dimension d (row-major Float32Array, n·d values).
 *
 * fitPca: the mean, then the covariance matrix Σ = Xcᵀ·Xc / (n − 1) of the centred data, built in
 * blocks of rows with gemmTN (../nn/gemm.ts) so the centred copy never exceeds one block, and only
 * its upper triangle of panels is multiplied (Σ is symmetric). Then Σ's full eigen-decomposition (./symmetric-eigen.ts):
 * Householder reduction to a tridiagonal matrix and the implicit QL algorithm (tred2 / tql2 after
 * EISPACK, as in JAMA), in Float64. The components are the eigenvectors of the m largest
 * eigenvalues, unit rows by decreasing variance, each signed so its largest-magnitude entry is
 * positive (so a fit is reproducible; a component and its negative describe the same axis).
 *
 * Cost: n·d²/2 multiply-adds for Σ (60,000 × 784: about 18 G) and about 3·d³ for the eigen-solver
 * (784: about 1.5 G); in Node a few seconds to a few tens of seconds. A few thousand images fit in
 * one to two seconds: in a worker, or on a page's main thread with fitPcaInSlices, which pauses every
 * few milliseconds (between covariance blocks and between steps of the eigen-solver) so the page stays live.
 *
 * Nothing here is random: the seed option is accepted for the shared contract and changes nothing.
 */
import { gemmNN, gemmNT, gemmTN } from '../nn/gemm.ts';
import { eigenSteps, finish } from './symmetric-eigen.ts';

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
  return finish(covarianceSteps(data, n, d, blockRows));
}

function* covarianceSteps(data: Float32Array, n: number, d: number, blockRows: number): Generator<void, { mean: Float64Array; cov: Float64Array }> {
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
    yield;
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

/** Fits a PCA keeping the top `components` directions. Throws in words on bad shapes. */
export function fitPca(data: Float32Array, n: number, d: number, options: FitPcaOptions): Pca {
  return finish(fitSteps(data, n, d, options));
}

/**
 * fitPca in slices, for a page's main thread: it awaits `pause` (e.g. lib/runtime/yield.ts's pauseForPaint)
 * whenever a slice has run `sliceMs` (default 12 ms), so the page can paint and take input meanwhile, and
 * stops with an AbortError when `signal` aborts. Same result as fitPca.
 */
export async function fitPcaInSlices(
  data: Float32Array,
  n: number,
  d: number,
  options: FitPcaOptions,
  slicing: { pause: () => Promise<void>; sliceMs?: number; signal?: AbortSignal },
): Promise<Pca> {
  const steps = fitSteps(data, n, d, options);
  const sliceMs = slicing.sliceMs ?? 12;
  let start = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - start < sliceMs) continue;
    await slicing.pause();
    if (slicing.signal?.aborted) throw new DOMException('The PCA fit was stopped.', 'AbortError');
    start = performance.now();
  }
}

function* fitSteps(data: Float32Array, n: number, d: number, options: FitPcaOptions): Generator<void, Pca> {
  checkData('fitPca', data, n, d);
  const m = options.components;
  if (!Number.isInteger(m) || m < 1 || m > d)
    throw new RangeError(`fitPca: components = ${m}; choose a whole number from 1 to ${d} (the dimension).`);
  if (n < 2) throw new RangeError(`fitPca: ${n} vector(s) have no spread; pass at least 2.`);
  const { mean, cov } = yield* covarianceSteps(data, n, d, options.blockRows ?? 1024);
  let totalVariance = 0;
  for (let j = 0; j < d; j++) totalVariance += cov[j * d + j]!;
  const { values, vectors } = yield* eigenSteps(cov, d);
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
