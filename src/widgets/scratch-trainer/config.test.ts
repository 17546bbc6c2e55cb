import { describe, expect, it } from 'vitest';
import {
  MNIST_DEFAULTS,
  MNIST_TRAIN_LIMIT,
  OVERFIT_DEFAULTS,
  buildMnistConfig,
  buildOverfitConfig,
  mnistCode,
  mnistSettingsFrom,
  overfitCode,
  overfitSettingsFrom,
  presetRate,
  rateText,
  variantFrom,
} from './config.ts';
import { mnistMarkup, overfitMarkup } from './markup.ts';
import {
  bestEpoch,
  commonestMistake,
  confusionRows,
  mnistDoneStatus,
  overfitDoneStatus,
  plottableLoss,
  validationRise,
  type EpochPoint,
} from './text.ts';

const from = (map: Record<string, string>) => (name: string) => map[name] ?? null;

describe('settings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(mnistSettingsFrom(from({}))).toEqual(MNIST_DEFAULTS);
    expect(overfitSettingsFrom(from({}))).toEqual(OVERFIT_DEFAULTS);
  });
  it('reads offered values and falls back for others', () => {
    expect(mnistSettingsFrom(from({ hidden: '256', optimizer: 'momentum', learningRate: '0.01', epochs: '2', batchSize: '128' }))).toEqual({
      hidden: 256,
      optimizer: 'momentum',
      learningRate: 0.01,
      epochs: 2,
      batchSize: 128,
    });
    expect(mnistSettingsFrom(from({ hidden: '100', optimizer: 'rmsprop', learningRate: '0.5', epochs: '99', batchSize: '1' }))).toEqual(
      MNIST_DEFAULTS,
    );
    expect(overfitSettingsFrom(from({ rate: 'too-large', epochs: '200', earlyStopping: 'false', patience: '5' }))).toEqual({
      rate: 'too-large',
      epochs: 200,
      earlyStopping: false,
      patience: 5,
    });
    expect(overfitSettingsFrom(from({ rate: 'huge', epochs: '7', earlyStopping: 'maybe', patience: '3' }))).toEqual(OVERFIT_DEFAULTS);
  });
  it('names the variant, mnist unless told otherwise', () => {
    expect(variantFrom('overfit')).toBe('overfit');
    expect(variantFrom('mnist')).toBe('mnist');
    expect(variantFrom(null)).toBe('mnist');
    expect(variantFrom('other')).toBe('mnist');
  });
  it('orders the learning-rate presets from small to large', () => {
    expect(presetRate('too-small')).toBeLessThan(presetRate('good'));
    expect(presetRate('good')).toBeLessThan(presetRate('too-large'));
  });
});

describe('worker configs', () => {
  it('mnist: a 784-h-10 softmax network on 55,000 images, validated on 5,000', () => {
    const c = buildMnistConfig({ ...MNIST_DEFAULTS, optimizer: 'momentum', learningRate: 0.01 }, 'https://x.org/data/');
    expect(c).toMatchObject({
      task: 'digits',
      dataUrl: 'https://x.org/data/',
      trainLimit: 55_000,
      validationCount: 5_000,
      testLimit: 10_000,
      layers: [{ kind: 'dense', units: 128 }, { kind: 'relu' }, { kind: 'dense', units: 10 }],
      loss: 'softmax-cross-entropy',
      optimizer: { kind: 'momentum', learningRate: 0.01, momentum: 0.9 },
      batchSize: 64,
      epochs: MNIST_DEFAULTS.epochs,
      earlyStoppingPatience: 0,
      sendFirstLayerWeights: false,
    });
    expect(c.trainLimit + c.validationCount).toBe(60_000);
    // About 20 loss points per epoch.
    expect(Math.ceil(MNIST_TRAIN_LIMIT / 64 / c.reportEveryBatches)).toBeGreaterThanOrEqual(19);
  });
  it('overfit: 500 training images, 10,000 validation, early stopping only when on', () => {
    const on = buildOverfitConfig(OVERFIT_DEFAULTS, '/data/');
    expect(on).toMatchObject({ trainLimit: 500, validationCount: 10_000, batchSize: 50, epochs: 100, earlyStoppingPatience: 10 });
    expect(on.optimizer).toEqual({ kind: 'adam', learningRate: presetRate('good') });
    expect(on.reportEveryBatches).toBe(10);
    const off = buildOverfitConfig({ ...OVERFIT_DEFAULTS, earlyStopping: false, rate: 'too-large' }, '/data/');
    expect(off.earlyStoppingPatience).toBe(0);
    expect(off.optimizer.learningRate).toBe(presetRate('too-large'));
  });
});

describe('code shown for the settings', () => {
  it('mirrors the network, optimiser and loop', () => {
    const code = mnistCode({ hidden: 64, optimizer: 'sgd', learningRate: 0.1, epochs: 3, batchSize: 32 });
    expect(code).toContain('new Dense(784, 64),');
    expect(code).toContain('new ReLU(),');
    expect(code).toContain('new Dense(64, 10),');
    expect(code).toContain('new SoftmaxCrossEntropy()');
    expect(code).toContain('new SGD(0.1)');
    expect(code).toContain('epoch <= 3');
    expect(code).toContain('shuffledBatches(train, 32)');
    expect(mnistCode(MNIST_DEFAULTS)).toContain('new Adam(0.001)');
    expect(mnistCode({ ...MNIST_DEFAULTS, optimizer: 'momentum', learningRate: 0.01 })).toContain('new Momentum(0.01, 0.9)');
  });
  it('shows early stopping with its patience only when it is on', () => {
    const on = overfitCode(OVERFIT_DEFAULTS);
    expect(on).toContain('epoch - best.epoch >= 10');
    expect(on).toContain('network.setWeights(best.weights)');
    expect(on).toContain(`new Adam(${rateText(presetRate('good'))})`);
    const off = overfitCode({ ...OVERFIT_DEFAULTS, earlyStopping: false, rate: 'too-small' });
    expect(off).not.toContain('best');
    expect(off).toContain(`new Adam(${rateText(presetRate('too-small'))})`);
  });
  it('writes tiny learning rates without exponents', () => {
    expect(rateText(0.00001)).toBe('0.00001');
    expect(rateText(0.001)).toBe('0.001');
    expect(rateText(0.05)).toBe('0.05');
  });
});

describe('markup', () => {
  it('labels every control and marks the defaults', () => {
    const m = mnistMarkup(MNIST_DEFAULTS);
    for (const label of ['Hidden units', 'Optimiser', 'Learning rate', 'Epochs', 'Batch size']) expect(m).toContain(label);
    expect(m).toContain('<option value="128" selected>');
    expect(m).toContain('role="status"');
    expect(m).toContain('new Dense(784, 128)');
    const o = overfitMarkup(OVERFIT_DEFAULTS, 'rate-7');
    expect(o.match(/type="radio" name="rate-7"/g)).toHaveLength(3);
    expect(o).toMatch(/value="good" data-part="rate-good" checked/);
    expect(o).toMatch(/name="earlyStopping" data-part="earlyStopping" checked/);
    expect(o).toContain('Too small');
    expect(o).toContain('Too large');
  });
});

const point = (epoch: number, validationLoss: number | null, trainLoss = 0.5): EpochPoint => ({
  epoch,
  trainLoss,
  trainAccuracy: 0.9,
  validationLoss,
  validationAccuracy: validationLoss === null ? null : 0.8,
});

describe('sentences', () => {
  it('states the mnist figure', () => {
    expect(mnistDoneStatus(0.97812, 4, 55_000)).toBe('Test accuracy 97.8% after 4 epochs (55,000 training images)');
    expect(mnistDoneStatus(0.9, 1, 55_000)).toBe('Test accuracy 90.0% after 1 epoch (55,000 training images)');
  });
  it('finds the best epoch and how far validation loss rose after it', () => {
    const points = [point(1, 1.2), point(2, 0.6), point(3, 0.6), point(4, 0.9)];
    expect(bestEpoch(points)?.epoch).toBe(2);
    expect(validationRise(points)).toBeCloseTo(0.5);
    expect(validationRise([point(1, 1), point(2, 0.5)])).toBe(0);
    expect(bestEpoch([point(1, null), point(2, NaN)])).toBeNull();
  });
  it('states the overfit outcome with and without early stopping', () => {
    const points = [point(1, 1.2), point(2, 0.41), point(3, 0.52)];
    expect(overfitDoneStatus({ points, epochs: 100, stoppedEarlyAfter: null })).toBe(
      'Best epoch 2 of 3: validation loss 0.41, validation accuracy 80.0%; by epoch 3 validation loss had risen to 0.52',
    );
    expect(overfitDoneStatus({ points, epochs: 100, stoppedEarlyAfter: 3 })).toBe(
      'Early stopping after epoch 3 kept the best epoch, 2: validation loss 0.41, validation accuracy 80.0%',
    );
    expect(overfitDoneStatus({ points: [point(1, NaN, NaN)], epochs: 100, stoppedEarlyAfter: null })).toMatch(/diverged at epoch 1/);
  });
  it('keeps diverging losses off the chart', () => {
    expect(plottableLoss(NaN)).toBeNull();
    expect(plottableLoss(Infinity)).toBeNull();
    expect(plottableLoss(250)).toBe(4);
    expect(plottableLoss(29, 10)).toBe(10);
    expect(plottableLoss(0.3)).toBe(0.3);
  });
  it('summarises a confusion matrix', () => {
    const m = new Int32Array(100);
    for (let i = 0; i < 10; i++) m[i * 10 + i] = 90;
    m[4 * 10 + 9] = 10;
    m[7 * 10 + 1] = 3;
    const rows = confusionRows(m);
    expect(rows[4]).toEqual({ counts: [0, 0, 0, 0, 90, 0, 0, 0, 0, 10], total: 100, recall: 0.9 });
    expect(rows[0]?.recall).toBe(1);
    expect(commonestMistake(m)).toBe('4 read as 9 (10 times)');
    expect(commonestMistake(new Int32Array(100))).toBeNull();
    expect(() => confusionRows(new Int32Array(9))).toThrow(/needs 100 counts/);
  });
});
