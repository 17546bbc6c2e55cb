/**
 * How many states would a Q-table for Snake need? ("Limits of the table", issue 6.)
 *
 * A Snake position (ignoring hunger, like `snakeKey`) is the snake's body — a simple path of
 * L cells on the N×N grid, ordered head to tail — plus the food on one of the N² − L free cells.
 * (A full board, L = N², has no food: that is the win and needs no table row.)
 *
 *   positions(N) = Σ_{L=1}^{N²−1} paths(N, L) · (N² − L)
 *
 * `paths(N, L)` is the number of directed self-avoiding paths with L cells. We count them
 * exactly by depth-first search while that is affordable (N ≤ 5), and otherwise give:
 *  - a LOWER bound: the exact count restricted to short snakes (L ≤ some length), and
 *  - an UPPER bound: paths(N, L) ≤ N² · 4 · 3^(L−2) for L ≥ 2 (any head, 4 first moves, then at
 *    most 3 each: a body never turns back on itself).
 * Every position counted here can be drawn on a board; not every one is reachable in play
 * (the 3×3 game reaches 2,040 of them), so the exact figure is itself an upper bound on reachable
 * states — of the right order of magnitude, which is the point of the lesson.
 *
 * Pure TypeScript, no DOM.
 */

/** Bytes per Q-table row: four action values as 64-bit floats. */
export const BYTES_PER_STATE = 4 * 8;

/** The speed used for "how long to visit every state once". */
export const VISITS_PER_SECOND = 1_000_000;

export interface PathCounts {
  size: number;
  /** counts[L] = directed simple paths with L cells (index 0 unused, 0). Up to `maxLength`. */
  counts: number[];
  /** The longest snake length counted (N² when complete). */
  maxLength: number;
  /** True when every length 1 … N² was counted. */
  complete: boolean;
}

/**
 * Directed self-avoiding paths on an N×N grid, by length, up to `maxLength` cells.
 * The work grows like the answer (≈ 2.6^L per start cell): 5×5 with every length takes about a
 * second; 10×10 should stop near length 12.
 */
export function countSnakePaths(size: number, maxLength = size * size): PathCounts {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Board size must be a whole number ≥ 1, got ${size}.`);
  const cells = size * size;
  const limit = Math.min(Math.max(1, Math.floor(maxLength)), cells);
  const counts = new Array<number>(limit + 1).fill(0);
  // Neighbours of each cell as a flat table (−1 = off the board).
  const neighbours = new Int32Array(cells * 4);
  for (let c = 0; c < cells; c++) {
    const r = Math.floor(c / size);
    const col = c % size;
    neighbours[c * 4] = r > 0 ? c - size : -1;
    neighbours[c * 4 + 1] = r < size - 1 ? c + size : -1;
    neighbours[c * 4 + 2] = col > 0 ? c - 1 : -1;
    neighbours[c * 4 + 3] = col < size - 1 ? c + 1 : -1;
  }
  const used = new Uint8Array(cells);
  // Iterative DFS: stack of (cell, next neighbour to try).
  const stackCell = new Int32Array(limit);
  const stackNext = new Int8Array(limit);
  for (let start = 0; start < cells; start++) {
    let depth = 0;
    stackCell[0] = start;
    stackNext[0] = 0;
    used[start] = 1;
    counts[1]!++;
    while (depth >= 0) {
      const cell = stackCell[depth]!;
      const k = stackNext[depth]!;
      if (k === 4 || depth + 1 >= limit) {
        used[cell] = 0;
        depth--;
        continue;
      }
      stackNext[depth] = k + 1;
      const next = neighbours[cell * 4 + k]!;
      if (next < 0 || used[next]) continue;
      depth++;
      stackCell[depth] = next;
      stackNext[depth] = 0;
      used[next] = 1;
      counts[depth + 1]!++;
    }
  }
  return { size, counts, maxLength: limit, complete: limit === cells };
}

/** Σ paths(L) · (N² − L) over the lengths in `counts` (food on any free cell; full boards excluded). */
export function positionsFromPaths(p: PathCounts): number {
  const cells = p.size * p.size;
  let total = 0;
  for (let L = 1; L <= p.maxLength; L++) total += (p.counts[L] ?? 0) * Math.max(0, cells - L);
  return total;
}

/** Upper bound on positions: paths(1) = N², paths(L) ≤ N² · 4 · 3^(L−2) for L ≥ 2. */
export function positionsUpperBound(size: number): number {
  const cells = size * size;
  let total = 0;
  for (let L = 1; L < cells; L++) {
    const paths = L === 1 ? cells : cells * 4 * 3 ** (L - 2);
    total += paths * (cells - L);
  }
  return total;
}

export interface StateCountRow {
  size: number;
  /** 'exact': every position counted; 'bounds': lower (short snakes only) and upper bound. */
  kind: 'exact' | 'bounds';
  /** Exact count, or the lower bound. */
  states: number;
  /** Upper bound (equals `states` when exact). */
  upper: number;
  /** Longest snake counted exactly (N² when exact). */
  countedUpTo: number;
  /** Q-table memory in bytes for `states` rows (the lower bound when not exact). */
  bytes: number;
  /** Seconds to visit every state once at VISITS_PER_SECOND (from `states`). */
  seconds: number;
}

/**
 * One row of the "limits of the table" figure. Counts exactly when the board has at most
 * `exactUpTo` cells per side, else counts snakes up to `lowerBoundLength` cells exactly
 * (6×6 to length 14: ≈ 50 ms; 10×10: ≈ 0.5 s).
 */
export function stateCountRow(size: number, exactUpTo = 5, lowerBoundLength = 14): StateCountRow {
  const exact = size <= exactUpTo;
  const paths = countSnakePaths(size, exact ? size * size : lowerBoundLength);
  const states = positionsFromPaths(paths);
  const upper = paths.complete ? states : positionsUpperBound(size);
  return {
    size,
    kind: paths.complete ? 'exact' : 'bounds',
    states,
    upper,
    countedUpTo: paths.maxLength,
    bytes: states * BYTES_PER_STATE,
    seconds: states / VISITS_PER_SECOND,
  };
}

/** Rows for the usual sizes: 3, 4, 5 exactly; 6 and 10 as bounds. */
export function stateCountTable(sizes: readonly number[] = [3, 4, 5, 6, 10]): StateCountRow[] {
  return sizes.map((n) => stateCountRow(n));
}

/** A large number in words: "2,040", "1.2 million", "3.4 × 10^47". */
export function formatBigCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 10^308';
  if (n < 1e6) return Math.round(n).toLocaleString('en-US');
  if (n < 1e9) return `${(n / 1e6).toPrecision(3).replace(/\.?0+$/, '')} million`;
  if (n < 1e12) return `${(n / 1e9).toPrecision(3).replace(/\.?0+$/, '')} billion`;
  if (n < 1e15) return `${(n / 1e12).toPrecision(3).replace(/\.?0+$/, '')} trillion`;
  const exp = Math.floor(Math.log10(n));
  const mantissa = n / 10 ** exp;
  return `${mantissa.toFixed(1)} × 10^${exp}`;
}

/** Bytes in words with binary units beyond kilobytes: "64 KB", "1.5 GB", "2.1 × 10^40 bytes". */
export function formatBigBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  if (v >= 1000) return `${formatBigCount(bytes)} bytes`;
  return `${u === 0 ? Math.round(v) : Number(v.toPrecision(3))} ${units[u]}`;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365.25 * DAY;

/** A duration in words: "2 ms", "1.3 s", "4 minutes", "3 days", "2.1 × 10^30 years". */
export function formatBigDuration(seconds: number): string {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  if (seconds < MINUTE) return `${Number(seconds.toPrecision(2))} s`;
  if (seconds < HOUR) return `${Math.round(seconds / MINUTE)} minutes`;
  if (seconds < DAY) return `${Number((seconds / HOUR).toPrecision(2))} hours`;
  if (seconds < YEAR) return `${Math.round(seconds / DAY)} days`;
  const years = seconds / YEAR;
  return years < 1e6 ? `${formatBigCount(Math.round(years))} years` : `${formatBigCount(years)} years`;
}
