import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import { contingency, hungarian, majorityMapping, matchedAccuracy, nmi, purity } from './metrics.ts';

// The example of Manning, Raghavan and Schütze, "Introduction to Information Retrieval", figure 16.4:
// three clusters of 17 points with classes x (0), o (1) and ◇ (2); purity 12/17 ≈ 0.71, NMI ≈ 0.36.
const IR_CLUSTERS = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
const IR_CLASSES = [0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 2, 0, 0, 2, 2, 2];

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** The least total cost over every way to give each row a distinct column (rows ≤ columns). */
function bruteMinCost(cost: number[][]): number {
  const cols = cost[0]!.length;
  let best = Infinity;
  for (const perm of permutations(cols))
    best = Math.min(
      best,
      cost.reduce((s, row, r) => s + row[perm[r]!]!, 0),
    );
  return best;
}

describe('contingency, purity and NMI', () => {
  it('count the textbook example and give its purity and NMI', () => {
    expect(contingency(IR_CLUSTERS, IR_CLASSES, 3, 3)).toEqual([
      [5, 1, 0],
      [1, 4, 1],
      [2, 0, 3],
    ]);
    expect(purity(IR_CLUSTERS, IR_CLASSES, 3, 3)).toBeCloseTo(12 / 17, 12);
    expect(nmi(IR_CLUSTERS, IR_CLASSES, 3, 3)).toBeCloseTo(0.36, 2);
  });

  it('give NMI 1 for the classes under other names and 0 for clusters independent of the classes', () => {
    expect(nmi([2, 2, 0, 0, 1, 1], [0, 0, 1, 1, 2, 2], 3, 3)).toBeCloseTo(1, 12);
    expect(nmi([0, 1, 0, 1], [0, 0, 1, 1], 2, 2)).toBeCloseTo(0, 12);
    expect(nmi([0, 0], [1, 1], 1, 2)).toBe(1);
    expect(purity([0, 1, 0, 1], [0, 0, 1, 1], 2, 2)).toBe(0.5);
  });

  it('refuse labels out of range and lists of different lengths, saying which point', () => {
    expect(() => contingency([0, 3], [0, 0], 3, 2)).toThrow(/point 1 is in cluster 3, outside 0..2/);
    expect(() => contingency([0, 1], [0, 2], 3, 2)).toThrow(/point 1 has class 2, outside 0..1/);
    expect(() => contingency([0, 1, 0], [0, 1], 3, 2)).toThrow(/3 cluster labels but 2 classes/);
  });
});

describe('majorityMapping and matchedAccuracy', () => {
  it('name each cluster by its commonest class, the lower class on a tie and −1 when empty', () => {
    expect(majorityMapping(IR_CLUSTERS, IR_CLASSES, 4, 3)).toEqual([0, 1, 2, -1]);
    expect(majorityMapping([0, 0, 1, 1], [1, 0, 2, 2], 2, 3)).toEqual([0, 2]);
  });

  it('let several clusters share a class under majority, but not under the one-to-one matching', () => {
    // Clusters 0 and 1 are both mostly class 0; class 1 sits in cluster 2 only.
    const labels = [0, 0, 0, 1, 1, 1, 2, 2];
    const classes = [0, 0, 1, 0, 0, 1, 1, 1];
    expect(matchedAccuracy(labels, classes, 3, 2, 'majority')).toBeCloseTo(6 / 8, 12);
    // One to one: cluster 0 or 1 gets class 0 (2 right), cluster 2 class 1 (2 right), the other cluster nothing.
    expect(matchedAccuracy(labels, classes, 3, 2, 'hungarian')).toBeCloseTo(4 / 8, 12);
    expect(matchedAccuracy(IR_CLUSTERS, IR_CLASSES, 3, 3, 'hungarian')).toBeCloseTo(12 / 17, 12);
  });
});

describe('hungarian', () => {
  it('solve the classic 3 × 3 example', () => {
    // Rows are workers, columns jobs: the best is 0→1, 1→0, 2→2 for 1 + 2 + 2 = 5.
    expect(
      hungarian([
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ]),
    ).toEqual([1, 0, 2]);
  });

  it('find the least cost brute force finds, on random square and rectangular matrices', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 120; trial++) {
      const rows = 1 + Math.floor(rand() * 6);
      const cols = rows + Math.floor(rand() * 2);
      const cost = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(rand() * 40 - 10)));
      const match = hungarian(cost);
      expect(new Set(match).size).toBe(rows);
      for (const c of match) expect(c >= 0 && c < cols).toBe(true);
      expect(match.reduce((s, c, r) => s + cost[r]![c]!, 0)).toBe(bruteMinCost(cost));
    }
  });

  it('leave the extra rows of a tall matrix unmatched (−1)', () => {
    const match = hungarian([[5], [1], [3]]);
    expect(match).toEqual([-1, 0, -1]);
    expect(hungarian([])).toEqual([]);
  });

  it('refuse ragged rows and costs that are not finite', () => {
    expect(() => hungarian([[1, 2], [3]])).toThrow(/row 1 has 1 costs but row 0 has 2/);
    expect(() => hungarian([[1, Number.NaN]])).toThrow(/every cost must be a finite number/);
  });
});
