import { describe, expect, it } from 'vitest';
import { backendLine, backendSentence, doneStatus, downloadStatus, mistakesSummary, speedSentence, stoppedStatus, trainingStatus } from './status.ts';

describe('downloadStatus', () => {
  it('states loaded and total megabytes', () => {
    expect(downloadStatus('MNIST', 3_100_000, 11_400_000)).toBe('Downloading MNIST: 3.1 of 11.4 MB');
  });
  it('omits the total when the server sends no length', () => {
    expect(downloadStatus('MNIST', 3_100_000, null)).toBe('Downloading MNIST: 3.1 MB');
    expect(downloadStatus('MNIST', 3_100_000, 0)).toBe('Downloading MNIST: 3.1 MB');
  });
});

describe('trainingStatus', () => {
  it('states epoch, batch and loss', () => {
    expect(trainingStatus({ epoch: 1, epochs: 2, batch: 420, batchesPerEpoch: 938, loss: 0.3104 })).toBe(
      'Epoch 1 of 2 · batch 420 of 938 · loss 0.31',
    );
  });
  it('groups large batch counts', () => {
    expect(trainingStatus({ epoch: 3, epochs: 5, batch: 1200, batchesPerEpoch: 1875, loss: 1 })).toBe(
      'Epoch 3 of 5 · batch 1,200 of 1,875 · loss 1.00',
    );
  });
});

describe('doneStatus', () => {
  it('matches the documented wording', () => {
    const pattern = /^Test accuracy \d+\.\d% after \d+ epochs?$/;
    expect(doneStatus(0.9241, 1)).toBe('Test accuracy 92.4% after 1 epoch');
    expect(doneStatus(0.9712, 3)).toBe('Test accuracy 97.1% after 3 epochs');
    expect(doneStatus(0.9241, 1)).toMatch(pattern);
    expect(doneStatus(0.08, 2)).toMatch(pattern);
  });
});

describe('stoppedStatus', () => {
  it('reports whole epochs and the last test accuracy', () => {
    expect(stoppedStatus({ epochsCompleted: 1 }, 0.912)).toBe('Stopped after 1 epoch; test accuracy 91.2%');
    expect(stoppedStatus({ epochsCompleted: 2, batchesIntoEpoch: 0 }, 0.95)).toBe('Stopped after 2 epochs; test accuracy 95.0%');
  });
  it('counts batches of an unfinished epoch', () => {
    expect(stoppedStatus({ epochsCompleted: 0, batchesIntoEpoch: 120 }, 0.805)).toBe('Stopped after 120 batches; test accuracy 80.5%');
    expect(stoppedStatus({ epochsCompleted: 1, batchesIntoEpoch: 1 }, 0.93)).toBe('Stopped after 1 epoch and 1 batch; test accuracy 93.0%');
  });
  it('says when there is no accuracy yet', () => {
    expect(stoppedStatus({ epochsCompleted: 0 }, null)).toBe('Stopped before training began; no test accuracy yet');
    expect(stoppedStatus({ epochsCompleted: 0, batchesIntoEpoch: 3 }, null)).toBe('Stopped after 3 batches; no test accuracy yet');
    expect(stoppedStatus({ epochsCompleted: 1 }, Number.NaN)).toBe('Stopped after 1 epoch; no test accuracy yet');
  });
});

describe('backendLine', () => {
  it('is the backend sentence with a full stop, and the fallback reason after it with exactly one', () => {
    expect(backendLine('webgl', 'worker')).toBe('Running on WebGL (in a worker).');
    expect(backendLine('wasm', 'worker', 'WebGL is software-rendered here, so WebAssembly was used.')).toBe(
      'Running on WebAssembly (in a worker). WebGL is software-rendered here, so WebAssembly was used.',
    );
    expect(backendLine('cpu', null, 'No WebAssembly in this browser ')).toBe('Running on CPU. No WebAssembly in this browser.');
  });
});

describe('backendSentence', () => {
  it('names the backend and where it runs', () => {
    expect(backendSentence('webgl', 'worker')).toBe('Running on WebGL (in a worker)');
    expect(backendSentence('wasm', 'main-thread')).toBe('Running on WebAssembly (on the main thread)');
    expect(backendSentence('webgpu', null)).toBe('Running on WebGPU');
  });
});

describe('mistakesSummary', () => {
  it('counts mistakes in words', () => {
    expect(mistakesSummary(3, 48)).toBe('3 mistakes in 48');
    expect(mistakesSummary(1, 48)).toBe('1 mistake in 48');
    expect(mistakesSummary(0, 48)).toBe('No mistakes in 48');
  });
});

describe('speedSentence', () => {
  it('rounds and groups', () => {
    expect(speedSentence(2345.4)).toBe('2,345 images per second');
  });
});
