import { describe, expect, it } from 'vitest';
import { formatPoint, formatRaceLoss, Race, raceStatus, readyStatus, type RaceSettings } from './race.ts';
import { SURFACES } from './surfaces.ts';

const valley: RaceSettings = { surface: 'valley', learningRate: 0.1, momentum: 0.9, start: SURFACES.valley.start };

describe('the optimiser race', () => {
  it('starts every runner at the start point, and one step moves all four', () => {
    const race = new Race(valley);
    expect(race.runners.map((r) => r.name)).toEqual(['SGD', 'Momentum', 'RMSProp', 'Adam']);
    race.step();
    expect(race.steps).toBe(1);
    for (const r of race.runners) {
      expect(r.path).toHaveLength(2);
      expect(r.path[1]).not.toEqual(r.path[0]);
      expect(r.losses[1]).toBeLessThan(r.losses[0]!);
    }
  });

  it('on the valley every optimiser lowers the loss; momentum reaches the minimum long before SGD', () => {
    const race = new Race(valley);
    while (!race.finished) race.step();
    expect(race.steps).toBe(400);
    for (const r of race.runners) {
      expect(r.divergedAt).toBeNull();
      expect(r.losses[r.losses.length - 1]).toBeLessThan(r.losses[0]! / 100);
      expect(r.reachedAt).not.toBeNull();
    }
    const [sgd, momentum] = race.runners;
    expect(momentum!.reachedAt!).toBeLessThan(sgd!.reachedAt! / 3);
    expect(race.winners()?.names).toEqual(['Momentum']);
  });

  it('a learning rate too large for SGD on Rosenbrock: it diverges and stops, the others go on', () => {
    const race = new Race({ surface: 'rosenbrock', learningRate: 0.02, momentum: 0.9, start: SURFACES.rosenbrock.start });
    for (let i = 0; i < 50; i++) race.step();
    const sgd = race.runners[0]!;
    expect(sgd.divergedAt).not.toBeNull();
    expect(sgd.path).toHaveLength(sgd.divergedAt!);
    expect(sgd.path.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
    const adam = race.runners[3]!;
    expect(adam.divergedAt).toBeNull();
    expect(adam.path).toHaveLength(51);
    expect(raceStatus(race)).toMatch(/SGD diverged at step \d+/);
  });

  it('stops at its length', () => {
    const race = new Race({ ...valley, surface: 'saddle', start: SURFACES.saddle.start });
    for (let i = 0; i < 250; i++) race.step();
    expect(race.steps).toBe(200);
    expect(race.finished).toBe(true);
  });
});

describe('race sentences', () => {
  it('says where the race starts and where the minimum is', () => {
    expect(readyStatus(valley)).toBe('Ready: long narrow valley, start (−4.5, 1.2), loss 3.89; the minimum is at (0, 0). Press Step or Play.');
    expect(readyStatus({ ...valley, surface: 'saddle', start: [-2.5, 0.01] })).toContain('the minima are at (0, 1) and (0, −1)');
  });

  it("reports each optimiser's loss and who reached the minimum first", () => {
    const race = new Race(valley);
    race.step();
    expect(raceStatus(race)).toMatch(
      /^After 1 step, loss: SGD [\d.]+, Momentum [\d.]+, RMSProp [\d.]+, Adam [\d.]+\. None has reached the minimum yet\.$/,
    );
    while (race.winners() === null) race.step();
    expect(raceStatus(race)).toContain(`First to the minimum: Momentum at step ${race.steps}.`);
  });

  it('formats losses and points for reading', () => {
    expect(formatRaceLoss(0.3104)).toBe('0.31');
    expect(formatRaceLoss(0.00421)).toBe('0.00421');
    expect(formatRaceLoss(1e-9)).toBe('< 0.0001');
    expect(formatRaceLoss(-0.25)).toBe('−0.25');
    expect(formatRaceLoss(-0.009)).toBe('−0.009');
    expect(formatPoint([-1.234, 0.5])).toBe('(−1.23, 0.5)');
  });
});
