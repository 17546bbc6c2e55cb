import { describe, expect, it } from 'vitest';
import { ExplorerModel, MAX_POINTS, type ExplorerSettings } from './explorer.ts';

const SETTINGS: ExplorerSettings = { points: 'blobs', k: 3, start: 'k-means++', seed: 1, dbscan: { eps: 0.3, minPoints: 5 } };

describe('ExplorerModel', () => {
  it('starts on the generated set with a run, an elbow curve and the comparison', () => {
    const m = new ExplorerModel(SETTINGS);
    expect(m.n).toBe(240);
    expect(m.stepper?.current.kind).toBe('start');
    expect(m.elbow).toHaveLength(8);
    expect(m.comparison?.kmeans.accuracy).toBeGreaterThan(0.95);
    expect(m.suggestedK()).toBe(3);
  });

  it('a new k restarts the run on the same points; new DBSCAN settings redo only the comparison', () => {
    const m = new ExplorerModel(SETTINGS);
    m.stepper!.run();
    const elbow = m.elbow;
    m.restart({ k: 4 });
    expect(m.stepper!.k).toBe(4);
    expect(m.stepper!.depth).toBe(0);
    expect(m.elbow).toBe(elbow);
    const stepper = m.stepper;
    m.setDbscan({ eps: 0.6, minPoints: 5 });
    expect(m.stepper).toBe(stepper);
    expect(m.comparison!.dbscan.clusters).toBeLessThanOrEqual(3);
  });

  it("a click makes the points the reader's own: no groups, no accuracy; too few points, no run and a sentence saying why", () => {
    const m = new ExplorerModel(SETTINGS);
    m.addPoint(9, 9); // kept inside the plane
    expect(m.settings.points).toBe('own');
    expect(m.n).toBe(241);
    expect(Array.from(m.set.points.slice(-2))).toEqual([3, 2]);
    expect(m.comparison!.kmeans.accuracy).toBeNull();

    m.clear();
    expect(m.n).toBe(0);
    expect(m.stepper).toBeNull();
    expect(m.sentence()).toBe('3 clusters need at least 3 points; there are 0. Click the plane to add points, or pick a set.');
    m.addPoint(0, 0);
    m.addPoint(1, 0);
    expect(m.sentence()).toMatch(/there are 2\./);
    m.addPoint(0, 1);
    expect(m.stepper).not.toBeNull();
    expect(m.sentence()).toMatch(/^Ready: 3 points, k = 3/);
  });

  it(`takes at most ${MAX_POINTS} points`, () => {
    const m = new ExplorerModel({ ...SETTINGS, points: 'own' });
    m.set = { points: new Float32Array(2 * (MAX_POINTS - 1)), n: MAX_POINTS - 1 };
    expect(m.addPoint(0, 0)).toBe(true);
    expect(m.addPoint(0, 0)).toBe(false);
    expect(m.n).toBe(MAX_POINTS);
  });
});
