import { describe, expect, it } from 'vitest';
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC } from '../../lib/supervised/model-spec.ts';
import { dataPlan, diagramLayers, propsFromAttributes, specOf, unsupportedInBuilder } from './config.ts';
import { builderMarkup, paramsMarkup } from './markup.ts';

describe('model builder settings', () => {
  it('reads an author’s preset, falling back on what it does not understand', () => {
    const attrs: Record<string, string> = { 'data-layers': '256 tanh, dropout 0.3', 'data-epochs': '5', 'data-train-limit': '10000' };
    const props = propsFromAttributes((name) => attrs[name] ?? null);
    expect(props.layers).toEqual([
      { kind: 'dense', units: 256, activation: 'tanh' },
      { kind: 'dropout', rate: 0.3 },
    ]);
    expect(props.settings).toMatchObject({ epochs: 5, trainLimit: 10_000, optimizer: 'adam', learningRate: 0.001 });
    const fallback = propsFromAttributes((name) => ({ 'data-layers': '256 swish', 'data-train-limit': '12345' })[name] ?? null);
    expect(fallback.layers).toEqual(DEFAULT_SPEC.layers);
    expect(fallback.settings.trainLimit).toBe(50_000);
  });

  it('makes the spec and the data plan of a run: validation from the end, all test images', () => {
    const spec = specOf(DEFAULT_SPEC.layers, { optimizer: 'sgd' }, { learningRate: 0.1, momentum: 0.9, l2: 0, batchSize: 32, epochs: 2 });
    expect(spec).toEqual({ ...DEFAULT_SPEC, optimizer: 'sgd', learningRate: 0.1, batchSize: 32, epochs: 2 });
    expect(dataPlan(50_000)).toEqual({ trainLimit: 50_000, validationCount: 10_000, testLimit: 10_000 });
  });

  it('draws dense layers as columns and notes a dropout on the column before it', () => {
    const columns = diagramLayers([{ kind: 'dropout', rate: 0.1 }, ...DEFAULT_SPEC.layers, { kind: 'dropout', rate: 0.5 }]);
    expect(columns).toEqual([
      { name: 'Input', units: 784, note: '28×28 pixels · dropout 0.1' },
      { name: 'Dense 1', units: 128, activation: 'ReLU · dropout 0.5' },
      { name: 'Output', units: 10, activation: 'softmax' },
    ]);
  });

  it('renders the figure, the layers, the parameters and the code before any script runs', () => {
    const html = builderMarkup(propsFromAttributes(() => null));
    expect(html).toContain('aria-label="Remove layer 1 (dense, 128 units)"');
    expect(html).toContain('The network: 101,770 weights and biases to learn');
    expect(html).toContain('target 97%');
    expect(html).toContain('tf.train.adam(0.001)');
    // Momentum means something only to the momentum optimiser.
    expect(html).toMatch(/data-part="momentum-field" hidden/);
    expect(paramsMarkup({ layers: [] })).toContain('784·10 + 10 = 7,850');
  });
});

describe('unsupportedInBuilder', () => {
  it('takes dense models and refuses convolutional ones in words', () => {
    expect(unsupportedInBuilder(DEFAULT_SPEC)).toBeNull();
    expect(unsupportedInBuilder({ layers: [{ kind: 'dropout', rate: 0.2 }] })).toBeNull();
    expect(unsupportedInBuilder(DEFAULT_CNN_SPEC)).toBe(
      'That model has convolution, pooling or flatten layers (layer 1 is conv2d); the model builder builds dense networks only. ' +
        'Train convolutional networks in the CNN trainer of the convolutional networks lesson.',
    );
  });
});
