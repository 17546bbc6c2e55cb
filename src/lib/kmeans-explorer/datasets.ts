/**
 * The k-means explorer's generated point sets, in the plane PLANE (x from −3 to 3, y from −2 to 2),
 * each point with the group it was drawn from (its "class", which no clustering algorithm sees):
 *
 * - `blobs`: three round Gaussian blobs of the same size and spread, what k-means is made for;
 * - `moons`: two interleaved half circles (as scikit-learn's make_moons), where k-means fails;
 * - `anisotropic`: three blobs stretched along a slant, so the nearest centroid is often the wrong one;
 * - `densities`: three blobs of different spreads and sizes: one tight and crowded, one wide and sparse.
 *
 * Same set, count and seed → the same points on every machine (mulberry32, Box–Muller).
 * Layout as everywhere in the unsupervised lessons: row-major `Float32Array` of n·2.
 */
import { mulberry32 } from '../runtime/shuffle.ts';

export type DatasetId = 'blobs' | 'moons' | 'anisotropic' | 'densities';

export const DATASET_IDS: readonly DatasetId[] = ['blobs', 'moons', 'anisotropic', 'densities'];

export const DATASET_NAMES: Readonly<Record<DatasetId, string>> = {
  blobs: 'Blobs',
  moons: 'Moons',
  anisotropic: 'Stretched blobs',
  densities: 'Different densities',
};

/** The plane every set lives in (and the reader's clicks are kept in). */
export const PLANE = { x: [-3, 3], y: [-2, 2] } as const;

/** The number of groups each set is drawn from (the k that matches its shape). */
export const DATASET_GROUPS: Readonly<Record<DatasetId, number>> = { blobs: 3, moons: 2, anisotropic: 3, densities: 3 };

/** Points in a generated set, unless the caller asks for another count. */
export const DEFAULT_COUNT = 240;

export interface PointSet {
  /** n × 2, row-major: point i is (points[2i], points[2i + 1]). */
  points: Float32Array;
  n: number;
  /** The group each point was drawn from (0 … groups − 1); absent for points the reader placed. */
  classes?: Uint8Array;
  /** How many groups `classes` names. */
  groups?: number;
}

export function isDatasetId(value: unknown): value is DatasetId {
  return typeof value === 'string' && (DATASET_IDS as readonly string[]).includes(value);
}

/** A standard normal sample from two uniforms (Box–Muller). */
function gaussian(rand: () => number): number {
  const u = 1 - rand(); // (0, 1]: log is finite
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Keep a coordinate inside the plane (a rare far sample lands on the edge instead of off the plot). */
export function clampToPlane(x: number, y: number): [number, number] {
  return [Math.min(PLANE.x[1], Math.max(PLANE.x[0], x)), Math.min(PLANE.y[1], Math.max(PLANE.y[0], y))];
}

/** How many of `count` points each group gets, by `shares` (summing to 1); the rounding remainder goes to the first group. */
function groupSizes(count: number, shares: readonly number[]): number[] {
  const sizes = shares.map((s) => Math.floor(count * s));
  sizes[0]! += count - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

interface Blob {
  centre: readonly [number, number];
  spread: number;
  share: number;
}

const BLOBS: readonly Blob[] = [
  { centre: [-1.5, -0.7], spread: 0.38, share: 1 / 3 },
  { centre: [0.2, 1.0], spread: 0.38, share: 1 / 3 },
  { centre: [1.6, -0.6], spread: 0.38, share: 1 / 3 },
];

const DENSITIES: readonly Blob[] = [
  { centre: [-1.7, 0.6], spread: 0.18, share: 0.5 },
  { centre: [1.2, 0.4], spread: 0.7, share: 0.2 },
  { centre: [-0.6, -1.0], spread: 0.32, share: 0.3 },
];

/**
 * The stretched blobs: three parallel elongated blobs, side by side (as scikit-learn's "anisotropically
 * distributed blobs"): each is long along ANISO.angle and thin across it, and they are closer to each
 * other across than they are long, so the nearest centroid is often another blob's.
 */
const ANISO = {
  angle: (62 * Math.PI) / 180,
  along: 0.75,
  across: 0.14,
  centres: [
    [-1.3, 0.1],
    [0, -0.1],
    [1.3, 0.1],
  ],
} as const;

/** Two interleaved half circles of radius MOON_RADIUS, with Gaussian noise MOON_NOISE on each coordinate. */
const MOON_RADIUS = 1.4;
const MOON_NOISE = 0.1;

function blobSet(blobs: readonly Blob[], count: number, rand: () => number): { xy: number[]; classes: number[] } {
  const xy: number[] = [];
  const classes: number[] = [];
  groupSizes(
    count,
    blobs.map((b) => b.share),
  ).forEach((size, g) => {
    const b = blobs[g]!;
    for (let i = 0; i < size; i++) {
      xy.push(b.centre[0] + b.spread * gaussian(rand), b.centre[1] + b.spread * gaussian(rand));
      classes.push(g);
    }
  });
  return { xy, classes };
}

function anisotropicSet(count: number, rand: () => number): { xy: number[]; classes: number[] } {
  const xy: number[] = [];
  const classes: number[] = [];
  const [ux, uy] = [Math.cos(ANISO.angle), Math.sin(ANISO.angle)];
  groupSizes(count, [1 / 3, 1 / 3, 1 / 3]).forEach((size, g) => {
    const [cx, cy] = ANISO.centres[g]!;
    for (let i = 0; i < size; i++) {
      const a = ANISO.along * gaussian(rand);
      const b = ANISO.across * gaussian(rand);
      xy.push(cx + a * ux - b * uy, cy + a * uy + b * ux);
      classes.push(g);
    }
  });
  return { xy, classes };
}

function moonSet(count: number, rand: () => number): { xy: number[]; classes: number[] } {
  const xy: number[] = [];
  const classes: number[] = [];
  const [upper, lower] = groupSizes(count, [0.5, 0.5]) as [number, number];
  const r = MOON_RADIUS;
  // Centred on the plane: the upper moon's centre at (−r/2, −r/4), the lower moon's at (r/2, r/4).
  for (let i = 0; i < upper; i++) {
    const t = Math.PI * rand();
    xy.push(-r / 2 + r * Math.cos(t) + MOON_NOISE * gaussian(rand), -r / 4 + r * Math.sin(t) + MOON_NOISE * gaussian(rand));
    classes.push(0);
  }
  for (let i = 0; i < lower; i++) {
    const t = Math.PI * rand();
    xy.push(r / 2 - r * Math.cos(t) + MOON_NOISE * gaussian(rand), r / 4 - r * Math.sin(t) + MOON_NOISE * gaussian(rand));
    classes.push(1);
  }
  return { xy, classes };
}

/**
 * `count` points of a generated set (default DEFAULT_COUNT), determined by `seed` (default 1).
 * Points are interleaved by a seeded shuffle, so no group comes first.
 */
export function generateSet(id: DatasetId, options: { count?: number; seed?: number } = {}): PointSet {
  if (!isDatasetId(id)) throw new Error(`generateSet: unknown set ${JSON.stringify(id)}; use one of ${DATASET_IDS.join(', ')}.`);
  const count = options.count ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1) throw new Error(`generateSet: count must be a positive integer, got ${count}.`);
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) throw new Error(`generateSet: seed must be a finite number, got ${seed}.`);
  const rand = mulberry32(Math.trunc(seed));
  const made =
    id === 'moons'
      ? moonSet(count, rand)
      : id === 'anisotropic'
        ? anisotropicSet(count, rand)
        : blobSet(id === 'blobs' ? BLOBS : DENSITIES, count, rand);

  // Shuffle the order (Fisher–Yates), so the points' order says nothing about their group.
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const points = new Float32Array(count * 2);
  const classes = new Uint8Array(count);
  order.forEach((from, to) => {
    const [x, y] = clampToPlane(made.xy[2 * from]!, made.xy[2 * from + 1]!);
    points[2 * to] = x;
    points[2 * to + 1] = y;
    classes[to] = made.classes[from]!;
  });
  return { points, n: count, classes, groups: DATASET_GROUPS[id] };
}
