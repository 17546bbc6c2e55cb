import { describe, expect, it } from 'vitest';
import {
  accuracyDomain,
  axisPositions,
  axisTicks,
  brushToRange,
  fraction,
  moveAxis,
  moveAxisTo,
  passes,
  rangeToBrush,
  searchAxes,
  slotAt,
  valueAt,
  type Axis,
  type AxisKey,
} from './parallel.ts';
import type { Trial } from './search.ts';
import { DEFAULT_SPACE } from './space.ts';

const axes = searchAxes(DEFAULT_SPACE);
const axis = (key: AxisKey): Axis => axes.find((a) => a.key === key)!;
const trial = (lr: number, units: number, history: number[]): Trial => ({
  id: 1,
  params: { learningRate: lr, hiddenUnits: units, dropout: 0.2, batchSize: 64 },
  status: 'running',
  epochs: history.length,
  history,
  stoppedAt: null,
  worker: 0,
});

describe('axes and scales', () => {
  it('has one axis per hyperparameter and validation accuracy last', () => {
    expect(axes.map((a) => a.key)).toEqual(['learningRate', 'hiddenUnits', 'dropout', 'batchSize', 'accuracy']);
  });

  it('places the learning rate on a log scale, sets as evenly spaced points, the rest linearly', () => {
    expect(fraction(axis('learningRate'), 1e-4)).toBe(0);
    expect(fraction(axis('learningRate'), 1e-3)).toBeCloseTo(1 / 3, 12);
    expect(fraction(axis('learningRate'), 1)).toBe(1);
    expect([32, 64, 128, 256].map((u) => fraction(axis('hiddenUnits'), u))).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(fraction(axis('dropout'), 0.25)).toBe(0.5);
    expect(valueAt(axis('learningRate'), 2 / 3)).toBeCloseTo(1e-2, 12);
  });

  it('fits the accuracy axis to the results, rounded out to 5%', () => {
    expect(accuracyDomain([])).toEqual([0, 1]);
    expect(accuracyDomain([trial(0.01, 64, [0.912]), trial(0.01, 64, [0.968])])).toEqual([0.9, 1]);
    expect(accuracyDomain([trial(0.01, 64, [0.5])])).toEqual([0.45, 0.55]);
  });
});

describe('brushes and filters', () => {
  it('turns a brush into a range in data units, and back', () => {
    const r = brushToRange(axis('dropout'), 0.8, 0.2);
    expect(r.min).toBeCloseTo(0.1, 12);
    expect(r.max).toBeCloseTo(0.4, 12);
    expect(rangeToBrush(axis('dropout'), r)![0]).toBeCloseTo(0.2, 12);
  });

  it('covers the points inside a brush on a set axis, or none', () => {
    expect(brushToRange(axis('hiddenUnits'), 0.3, 0.7)).toEqual({ min: 64, max: 128 });
    const none = brushToRange(axis('hiddenUnits'), 0.4, 0.5);
    expect(none.min > none.max).toBe(true);
    expect(rangeToBrush(axis('hiddenUnits'), none)).toBeNull();
  });

  it('passes a trial inside every filter and fails one outside any', () => {
    const t = trial(0.002, 128, [0.9, 0.95]);
    expect(passes(t, {})).toBe(true);
    expect(passes(t, { hiddenUnits: { min: 64, max: 128 }, accuracy: { min: 0.94, max: 1 } })).toBe(true);
    expect(passes(t, { accuracy: { min: 0.96, max: 1 } })).toBe(false);
    expect(passes(t, { learningRate: { min: 0.003, max: 0.1 } })).toBe(false);
    expect(passes(trial(0.002, 128, []), { accuracy: { min: 0, max: 1 } })).toBe(false);
  });
});

describe('axis order', () => {
  const order: AxisKey[] = ['learningRate', 'hiddenUnits', 'dropout', 'batchSize', 'accuracy'];

  it('moves an axis left or right, clamped at the ends', () => {
    expect(moveAxis(order, 'dropout', -1)).toEqual(['learningRate', 'dropout', 'hiddenUnits', 'batchSize', 'accuracy']);
    expect(moveAxis(order, 'accuracy', 1)).toEqual(order);
    expect(moveAxis(order, 'learningRate', -3)).toEqual(order);
    expect(moveAxisTo(order, 'accuracy', 0)).toEqual(['accuracy', 'learningRate', 'hiddenUnits', 'dropout', 'batchSize']);
  });

  it('spaces the axes evenly and finds the slot a dragged axis lands in', () => {
    expect([...axisPositions(order).values()]).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(slotAt(order, 0.1)).toBe(0);
    expect(slotAt(order, 0.6)).toBe(2);
    expect(slotAt(order, 2)).toBe(4);
  });
});

describe('axisTicks', () => {
  it('puts decades on the log axis, every value on a set, and percentages on accuracy', () => {
    expect(axisTicks(axis('learningRate')).map((t) => t.label)).toEqual(['1e−4', '0.001', '0.01', '0.1']);
    expect(axisTicks(axis('hiddenUnits')).map((t) => [t.label, t.f])).toEqual([
      ['32', 0],
      ['64', 1 / 3],
      ['128', 2 / 3],
      ['256', 1],
    ]);
    expect(axisTicks(searchAxes(DEFAULT_SPACE, [0.9, 1]).at(-1)!).map((t) => t.label)).toEqual(['90%', '92%', '94%', '96%', '98%', '100%']);
    expect(axisTicks(searchAxes(DEFAULT_SPACE, [0.35, 0.95]).at(-1)!).map((t) => t.label)).toEqual(['40%', '50%', '60%', '70%', '80%', '90%']);
    expect(axisTicks(axis('dropout')).map((t) => t.label)).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5']);
  });
});
