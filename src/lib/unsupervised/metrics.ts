/**
 * How well a clustering agrees with known classes (the labels it never saw): the contingency
 * table, purity, normalised mutual information, the majority mapping (each cluster named by its
 * commonest class) and the one-to-one Hungarian matching, and the accuracy of either.
 *
 * `labels[i]` is point i's cluster in 0..k−1, `classes[i]` its class in 0..classCount−1.
 */

export type MatchMode = 'majority' | 'hungarian';

type IntArray = ArrayLike<number>;

/** table[c][y] = how many points of cluster c have class y (k rows × classCount columns). */
export function contingency(labels: IntArray, classes: IntArray, k: number, classCount: number): number[][] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`contingency: k must be a positive integer, got ${k}.`);
  if (!Number.isInteger(classCount) || classCount < 1) throw new RangeError(`contingency: classCount must be a positive integer, got ${classCount}.`);
  if (labels.length !== classes.length) {
    throw new RangeError(`contingency: ${labels.length} cluster labels but ${classes.length} classes; give one of each per point.`);
  }
  const table = Array.from({ length: k }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    const y = classes[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < k)) throw new RangeError(`contingency: point ${i} is in cluster ${c}, outside 0..${k - 1}.`);
    if (!(Number.isInteger(y) && y >= 0 && y < classCount))
      throw new RangeError(`contingency: point ${i} has class ${y}, outside 0..${classCount - 1}.`);
    table[c]![y]!++;
  }
  return table;
}

function total(table: number[][]): number {
  let sum = 0;
  for (const row of table) for (const v of row) sum += v;
  return sum;
}

/** The share of points whose class is the commonest class of their cluster (1 = every cluster pure). 0 for no points. */
export function purity(labels: IntArray, classes: IntArray, k: number, classCount: number): number {
  const table = contingency(labels, classes, k, classCount);
  const n = total(table);
  if (n === 0) return 0;
  let hits = 0;
  for (const row of table) hits += Math.max(...row);
  return hits / n;
}

/**
 * Normalised mutual information I(C; Y) / ((H(C) + H(Y)) / 2) (the arithmetic-mean normalisation,
 * scikit-learn's default), in [0, 1]: 1 when the clusters are the classes up to renaming, 0 when
 * they are independent. When both partitions are a single group the two agree: 1.
 */
export function nmi(labels: IntArray, classes: IntArray, k: number, classCount: number): number {
  const table = contingency(labels, classes, k, classCount);
  const n = total(table);
  if (n === 0) return 0;
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = new Array<number>(classCount).fill(0);
  for (const row of table) row.forEach((v, y) => (colSums[y]! += v));
  const entropy = (counts: number[]): number => counts.reduce((h, m) => (m > 0 ? h - (m / n) * Math.log(m / n) : h), 0);
  const hc = entropy(rowSums);
  const hy = entropy(colSums);
  if (hc === 0 && hy === 0) return 1;
  let mi = 0;
  table.forEach((row, c) =>
    row.forEach((m, y) => {
      if (m > 0) mi += (m / n) * Math.log((n * m) / (rowSums[c]! * colSums[y]!));
    }),
  );
  return Math.min(1, Math.max(0, mi / ((hc + hy) / 2)));
}

/**
 * Each cluster's commonest class (the lowest class on a tie; −1 for a cluster with no point):
 * mapping[c] is the class cluster c stands for. Several clusters may map to one class.
 */
export function majorityMapping(labels: IntArray, classes: IntArray, k: number, classCount: number): number[] {
  return contingency(labels, classes, k, classCount).map((row) => {
    let best = -1;
    let bestCount = 0;
    row.forEach((v, y) => {
      if (v > bestCount) {
        bestCount = v;
        best = y;
      }
    });
    return best;
  });
}

/**
 * The assignment of rows to columns with the least total cost (Kuhn–Munkres, O(size³), with
 * potentials): result[r] is row r's column. Rectangular matrices are padded with zero costs, so
 * with more rows than columns the rows left without a real column get −1. Costs must be finite.
 */
export function hungarian(cost: number[][]): number[] {
  const rows = cost.length;
  if (rows === 0) return [];
  const cols = cost[0]!.length;
  for (const [r, row] of cost.entries()) {
    if (row.length !== cols)
      throw new RangeError(`hungarian: row ${r} has ${row.length} costs but row 0 has ${cols}; the matrix must be rectangular.`);
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError(`hungarian: row ${r} holds ${v}; every cost must be a finite number.`);
  }
  const size = Math.max(rows, cols);
  const at = (r: number, c: number): number => (r < rows && c < cols ? cost[r]![c]! : 0);
  // 1-based arrays as in the classic formulation; column 0 is a sentinel.
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const rowOf = new Int32Array(size + 1); // rowOf[col] = the row matched to col (1-based), 0 if none
  const way = new Int32Array(size + 1);
  for (let r = 1; r <= size; r++) {
    rowOf[0] = r;
    let col0 = 0;
    const minv = new Float64Array(size + 1).fill(Infinity);
    const used = new Uint8Array(size + 1);
    do {
      used[col0] = 1;
      const r0 = rowOf[col0]!;
      let delta = Infinity;
      let col1 = 0;
      for (let c = 1; c <= size; c++) {
        if (used[c]) continue;
        const reduced = at(r0 - 1, c - 1) - u[r0]! - v[c]!;
        if (reduced < minv[c]!) {
          minv[c] = reduced;
          way[c] = col0;
        }
        if (minv[c]! < delta) {
          delta = minv[c]!;
          col1 = c;
        }
      }
      for (let c = 0; c <= size; c++) {
        if (used[c]) {
          u[rowOf[c]!]! += delta;
          v[c]! -= delta;
        } else {
          minv[c]! -= delta;
        }
      }
      col0 = col1;
    } while (rowOf[col0] !== 0);
    do {
      const col1 = way[col0]!;
      rowOf[col0] = rowOf[col1]!;
      col0 = col1;
    } while (col0 !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let c = 1; c <= size; c++) {
    const r = rowOf[c]! - 1;
    if (r >= 0 && r < rows && c - 1 < cols) result[r] = c - 1;
  }
  return result;
}

/**
 * The accuracy of the clustering read as a classifier. 'majority': each cluster predicts its
 * commonest class (the same as purity; several clusters may share a class). 'hungarian': clusters
 * and classes are matched one to one so as to get the most points right (a cluster left without a
 * class gets every point wrong).
 */
export function matchedAccuracy(labels: IntArray, classes: IntArray, k: number, classCount: number, mode: MatchMode): number {
  if (mode === 'majority') return purity(labels, classes, k, classCount);
  if (mode !== 'hungarian') throw new RangeError(`matchedAccuracy: unknown mode '${String(mode)}'; use 'majority' or 'hungarian'.`);
  const table = contingency(labels, classes, k, classCount);
  const n = total(table);
  if (n === 0) return 0;
  const match = hungarian(table.map((row) => row.map((v) => -v)));
  let hits = 0;
  match.forEach((y, c) => {
    if (y >= 0) hits += table[c]![y]!;
  });
  return hits / n;
}
