/**
 * Everything the k-means explorer shows, from its settings and its points: the half-step run (a
 * KMeansStepper, or none while there are fewer points than clusters), the elbow curve and the DBSCAN
 * comparison. The widget draws it and forwards the reader's actions; no DOM here.
 */
import { compare, type Comparison } from './compare.ts';
import { DATASET_GROUPS, generateSet, PLANE, type DatasetId, type PointSet } from './datasets.ts';
import type { DbscanOptions } from './dbscan.ts';
import { elbowCurve, startCentroids, type StartMethod } from './start.ts';
import { KMeansStepper } from './stepper.ts';
import { stepSentence } from './text.ts';

export type PointsChoice = DatasetId | 'own';

export interface ExplorerSettings {
  points: PointsChoice;
  k: number;
  start: StartMethod;
  seed: number;
  dbscan: DbscanOptions;
}

/** The most points the plane takes (the SVG stays light). */
export const MAX_POINTS = 400;

/** Seed of the generated sets (fixed: the lesson quotes figures on these very points). */
export const SET_SEED = 1;

const EMPTY_SET: PointSet = { points: new Float32Array(0), n: 0 };

export class ExplorerModel {
  settings: ExplorerSettings;
  set: PointSet;
  stepper: KMeansStepper | null = null;
  elbow: number[] = [];
  comparison: Comparison | null = null;

  constructor(settings: ExplorerSettings) {
    this.settings = settings;
    this.set = settings.points === 'own' ? EMPTY_SET : generateSet(settings.points, { seed: SET_SEED });
    this.pointsChanged();
  }

  get n(): number {
    return this.set.n;
  }

  /** A new generated set (or an empty plane for 'own'); the run starts again. */
  choosePoints(points: PointsChoice): void {
    this.settings = { ...this.settings, points };
    this.set = points === 'own' ? EMPTY_SET : generateSet(points, { seed: SET_SEED });
    this.pointsChanged();
  }

  /** k, start or seed changed: the run starts again on the same points (the elbow stays). */
  restart(settings: Partial<Omit<ExplorerSettings, 'points'>>): void {
    this.settings = { ...this.settings, ...settings };
    this.stepper = this.makeStepper();
    this.comparison = this.makeComparison();
  }

  /** The DBSCAN settings changed: only the comparison is redone. */
  setDbscan(dbscan: DbscanOptions): void {
    this.settings = { ...this.settings, dbscan };
    this.comparison = this.makeComparison();
  }

  /**
   * A point the reader placed (kept inside the plane). The set becomes the reader's own: its points
   * keep their places but no longer have groups. Returns false when the plane is full.
   */
  addPoint(x: number, y: number): boolean {
    if (this.set.n >= MAX_POINTS) return false;
    const points = new Float32Array(2 * (this.set.n + 1));
    points.set(this.set.points.subarray(0, 2 * this.set.n));
    points[2 * this.set.n] = Math.min(PLANE.x[1], Math.max(PLANE.x[0], x));
    points[2 * this.set.n + 1] = Math.min(PLANE.y[1], Math.max(PLANE.y[0], y));
    this.set = { points, n: this.set.n + 1 };
    this.settings = { ...this.settings, points: 'own' };
    this.pointsChanged();
    return true;
  }

  clear(): void {
    this.choosePoints('own');
  }

  /** The sentence for the current state: what just happened and what comes next, or what is missing. */
  sentence(): string {
    const { k, start, seed } = this.settings;
    if (!this.stepper) {
      const need = `${k} cluster${k === 1 ? '' : 's'} need at least ${k} point${k === 1 ? '' : 's'}`;
      return `${need}; there ${this.n === 1 ? 'is' : 'are'} ${this.n}. Click the plane to add points, or pick a set.`;
    }
    return stepSentence(this.stepper.current, this.set.points, { n: this.n, k, start, seed, next: this.stepper.next });
  }

  /** The k that suits the chosen set (its number of groups), or null for the reader's own points. */
  suggestedK(): number | null {
    return this.settings.points === 'own' ? null : DATASET_GROUPS[this.settings.points];
  }

  private pointsChanged(): void {
    this.elbow = this.set.n > 0 ? elbowCurve(this.set.points, this.set.n) : [];
    this.stepper = this.makeStepper();
    this.comparison = this.makeComparison();
  }

  private makeStepper(): KMeansStepper | null {
    const { k, start, seed } = this.settings;
    if (this.set.n < k) return null;
    return new KMeansStepper(this.set.points, this.set.n, startCentroids(this.set.points, this.set.n, k, start, seed), k);
  }

  private makeComparison(): Comparison | null {
    const { k, start, seed, dbscan } = this.settings;
    return this.set.n >= k ? compare(this.set, k, start, seed, dbscan) : null;
  }
}
