import { describe, expect, it } from 'vitest';
import { PRESETS, runsOf } from './config.ts';
import { compareMarkup, idleStatus } from './markup.ts';
import { defaults } from '../shared/settings.ts';
import { SETTINGS } from './config.ts';
import { doneStatus, epochStatus, finalGap, lowestValLoss, resultsTableMarkup, valLossText, type RunResult } from './results.ts';

const result = (train: number, val: number, test = 0.9): RunResult => ({
  epochs: [
    { epoch: 1, trainAccuracy: 0.5, valAccuracy: 0.5, valLoss: 0.3 },
    { epoch: 2, trainAccuracy: train, valAccuracy: val, valLoss: 0.35 },
  ],
  testAccuracy: test,
  seconds: 3.21,
});

describe('run comparison results', () => {
  it('the gap is training minus validation accuracy after the last epoch', () => {
    expect(finalGap(result(1, 0.875))).toBeCloseTo(0.125, 12);
    expect(finalGap({ epochs: [], testAccuracy: null, seconds: null })).toBeNull();
    expect(finalGap(undefined)).toBeNull();
  });

  it('optimisers: the final validation accuracies and the best, in words', () => {
    const runs = runsOf(PRESETS.optimizers, { epochs: 2 });
    const results = [result(0.95, 0.93), result(0.96, 0.94), result(0.97, 0.955), result(0.98, 0.961)];
    expect(doneStatus(PRESETS.optimizers, runs, results, 10_000)).toBe(
      'Validation accuracy after 2 epochs on 10,000 images: SGD 93.0%, Momentum 94.0%, RMSProp 95.5%, Adam 96.1%. Best: Adam.',
    );
  });

  it('mlp-vs-cnn: the final test accuracies and the best, in words', () => {
    const runs = runsOf(PRESETS['mlp-vs-cnn'], { epochs: 3 });
    const results = [
      { ...result(0.86, 0.84), testAccuracy: 0.8312 },
      { ...result(0.9, 0.88), testAccuracy: 0.8791 },
    ];
    expect(doneStatus(PRESETS['mlp-vs-cnn'], runs, results, 10_000)).toBe(
      'Test accuracy after 2 epochs on 10,000 Fashion-MNIST images: MLP 83.1%, CNN 87.9%. Best: CNN.',
    );
  });

  it('regularisation: each gap with its two accuracies, the smallest gap and the best validation accuracy; ties named together', () => {
    const runs = runsOf(PRESETS.regularisation, { epochs: 2 });
    const results = [result(1, 0.85), result(0.95, 0.88), result(0.97, 0.87), result(0.93, 0.88)];
    expect(doneStatus(PRESETS.regularisation, runs, results, 1000)).toBe(
      'After 2 epochs on 1,000 images, training minus validation accuracy: Plain 15.0 points (100.0% vs 85.0%), Dropout 7.0 points (95.0% vs 88.0%), ' +
        'L2 10.0 points (97.0% vs 87.0%), Dropout + L2 5.0 points (93.0% vs 88.0%). Smallest gap: Dropout + L2; best validation accuracy: Dropout and Dropout + L2.',
    );
  });

  it('the validation loss: its final value, and its lowest when it has risen since', () => {
    expect(valLossText(result(1, 0.9))).toBe('0.350 (lowest 0.300 at epoch 1)');
    const falling: RunResult = {
      ...result(1, 0.9),
      epochs: [
        { epoch: 1, trainAccuracy: 0.5, valAccuracy: 0.5, valLoss: 0.5 },
        { epoch: 2, trainAccuracy: 0.9, valAccuracy: 0.9, valLoss: 0.25 },
      ],
    };
    expect(valLossText(falling)).toBe('0.250');
    expect(valLossText(undefined)).toBe('—');
    expect(lowestValLoss(result(1, 0.9))).toEqual({ epoch: 1, loss: 0.3 });
  });

  it('says where a run is', () => {
    const runs = runsOf(PRESETS.optimizers, { epochs: 5 });
    expect(epochStatus(1, runs, { epoch: 3, trainAccuracy: 0.9512, valAccuracy: 0.9433, valLoss: 0.2 }, 5)).toBe(
      'Run 2 of 4, Momentum: epoch 3 of 5, training accuracy 95.1%, validation accuracy 94.3%',
    );
  });

  it('the table lists every run with its settings before Start, and fills in as runs finish', () => {
    const runs = runsOf(PRESETS.regularisation, { epochs: 2 });
    const empty = resultsTableMarkup(PRESETS.regularisation, runs, []);
    expect(empty.match(/<tr data-run=/g)).toHaveLength(4);
    expect(empty).toContain('<th scope="row">Dropout + L2</th><td>dropout 0.5 and L2 0.01</td><td>—</td>');
    const filled = resultsTableMarkup(PRESETS.regularisation, runs, [result(1, 0.85, 0.86)]);
    expect(filled).toContain(
      '<th scope="row">Plain</th><td>no regularisation</td><td>100.0%</td><td>85.0%</td><td>15.0 points</td><td>0.350 (lowest 0.300 at epoch 1)</td><td>86.0%</td>',
    );
  });

  it('the markup before Start: empty axes, the legend, the table and the plan in the status', () => {
    const settings = defaults(SETTINGS.optimizers);
    const html = compareMarkup(PRESETS.optimizers, settings, idleStatus(PRESETS.optimizers, settings));
    expect(html).toContain('tk-chart__svg--empty');
    expect(html).toContain('<span>SGD (learning rate 0.1)</span>');
    expect(html).toContain('Ready: 4 runs, one after another, each 5 epochs on 10,000 training images.');
    const reg = compareMarkup(PRESETS.regularisation, defaults(SETTINGS.regularisation), 'Ready');
    expect(reg.match(/tk-chart__svg--empty/g)).toHaveLength(4);
    expect(reg).toContain('training accuracy (dashed)');
  });
});
