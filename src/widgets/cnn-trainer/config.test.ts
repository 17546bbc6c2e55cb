import { describe, expect, it } from 'vitest';
import { DEFAULT_CNN_SPEC } from '../../lib/supervised/model-spec.ts';
import { CNN_SAVE_URL } from '../../lib/supervised/pretrained.ts';
import { runRequest, settingsFromAttributes, specFor } from './config.ts';
import { cnnTrainerMarkup, layersTable, shapesDiagram } from './markup.ts';
import { cellName, doneStatus, filtersCaption, layerTitle, mapsCaption, mistakesCaption, modelStatus, stoppedStatus } from './text.ts';

const attrs = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe('CNN trainer settings', () => {
  it('has small defaults and falls back on values it does not offer', () => {
    expect(settingsFromAttributes(attrs({}))).toEqual({ trainLimit: 5000, epochs: 1, learningRate: 0.01, testLimit: 10000, backend: 'auto' });
    const s = settingsFromAttributes(attrs({ 'data-train-limit': '10000', 'data-epochs': '7', 'data-test-limit': '1000' }));
    expect([s.trainLimit, s.epochs, s.testLimit]).toEqual([10000, 1, 1000]);
  });

  it('trains the default CNN on Fashion-MNIST, without validation images, saved under its own name', () => {
    const s = settingsFromAttributes(attrs({ 'data-epochs': '2', 'data-learning-rate': '0.01' }));
    const request = runRequest(s, 'http://x/data/');
    expect(request.spec).toEqual({ ...DEFAULT_CNN_SPEC, epochs: 2, learningRate: 0.01 });
    expect(request.data).toEqual({ trainLimit: 5000, validationCount: 0, testLimit: 10000, dataset: 'fashion-mnist' });
    expect([request.save, request.saveUrl]).toEqual([true, CNN_SAVE_URL]);
    // The spec is a copy: editing it leaves the default CNN alone.
    specFor(1).layers.pop();
    expect(DEFAULT_CNN_SPEC.layers).toHaveLength(5);
  });
});

describe('CNN trainer markup', () => {
  it('lists every layer with its output and parameters, 9,098 in all', () => {
    const table = layersTable(specFor(1));
    expect(table).toContain('Convolution, 8 filters 3×3, same padding, ReLU</th><td>28 × 28 × 8</td><td>80</td>');
    expect(table).toContain('Max pool 2×2, stride 2</th><td>7 × 7 × 16</td><td>0</td>');
    expect(table).toContain('Dense output, 10 classes, softmax</th><td>10</td><td>7,850</td>');
    expect(table).toContain('<th scope="row">Total</th><td></td><td>9,098</td>');
    expect(shapesDiagram(specFor(1))).toContain('aria-label="The shapes the image takes through the network: 28 × 28 × 1, then 28 × 28 × 8');
  });

  it('is a figure before Start: the network, eight filter slots, empty curves, the class names in the matrix', () => {
    const html = cnnTrainerMarkup(settingsFromAttributes(attrs({})));
    expect(html.match(/data-filter="/g)).toHaveLength(8);
    expect(html).toContain('The default CNN: 9,098 parameters to learn');
    expect(html).toContain('<th scope="row">Ankle boot</th>');
    expect(html).toContain('Use the pretrained model');
  });
});

describe('CNN trainer sentences', () => {
  it('says the key figures in words', () => {
    expect(doneStatus(0.8123, 10000, 1)).toBe('Test accuracy 81.2% on 10,000 test images after 1 epoch');
    expect(stoppedStatus(null, 1000, 0)).toBe('Stopped before training began');
    expect(stoppedStatus(0.5, 1000, 0)).toBe('Stopped after 0 full epochs; test accuracy 50.0% on 1,000 test images');
    expect(modelStatus('pretrained', 0.891, 10000)).toBe('The pretrained model: test accuracy 89.1% on 10,000 test images.');
    expect(cellName(6, 0, 1)).toBe('true Shirt, predicted T-shirt/top: 1 image');
    expect(mistakesCaption('own', 24, 300, 1000)).toBe(
      'Your model got 300 of 1,000 test images wrong; the first 24 are shown. Choose one to see its feature maps.',
    );
    expect(mistakesCaption('own', 0, 0, 1000)).toBe('Your model got 0 of 1,000 test images wrong.');
    expect(mapsCaption('pretrained', 4, 7, 9)).toContain('Test image 5 (a Sneaker; predicted Ankle boot) through the pretrained model');
    expect(layerTitle('pool', 2, [7, 7, 16])).toBe('Max pool 2: 16 maps of 7×7');
    expect(filtersCaption({ examplesSeen: 0 })).toContain('at random before training');
    expect(filtersCaption({ examplesSeen: 1280 })).toContain('after 1,280 training images');
  });
});
