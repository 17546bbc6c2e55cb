import { describe, expect, it } from 'vitest';
import { doneStatus, epochStatus, layerActionStatus, networkCaption, stoppedStatus } from './text.ts';

describe('model builder sentences', () => {
  it('states the results in words', () => {
    expect(doneStatus(0.9761, 10_000, 3)).toBe('Test accuracy 97.6% on 10,000 test images after 3 epochs');
    expect(stoppedStatus(0.912, 10_000, 0)).toBe('Stopped after 0 full epochs; test accuracy 91.2% on 10,000 test images');
    expect(stoppedStatus(null, 10_000, 0)).toBe('Stopped before training began');
    expect(epochStatus(2, 3, 0.971, 0.9684)).toBe('Epoch 2 of 3: training accuracy 97.1%, validation accuracy 96.8%');
    expect(networkCaption(101_770)).toBe('The network: 101,770 weights and biases to learn');
  });

  it('says what a layer button did, with the layer’s new place', () => {
    const dropout = { kind: 'dropout', rate: 0.2 } as const;
    expect(layerActionStatus('added', dropout, 1, 2)).toBe('Added layer 2 (dropout 0.2).');
    expect(layerActionStatus('removed', { kind: 'dense', units: 128, activation: 'relu' }, 0, 1)).toBe(
      'Removed layer 1 (dense, 128 units); 1 hidden layer left.',
    );
    expect(layerActionStatus('up', dropout, 1, 2)).toBe('Moved layer 2 (dropout 0.2) up; it is now layer 1.');
    expect(layerActionStatus('down', dropout, 0, 2)).toBe('Moved layer 1 (dropout 0.2) down; it is now layer 2.');
  });
});
