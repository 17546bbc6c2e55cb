import { describe, expect, it } from 'vitest';
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC, inputShape, takesImages, type LayerSpec } from './model-spec.ts';
import { paramCounts, paramFormula } from './param-counts.ts';
import { layerShapes, shapeText, structureIssues, windowOutput } from './shapes.ts';
import { layerName, readModelSpec, specProblems } from './spec-check.ts';

const conv = (filters: number, kernelSize = 3, padding: 'same' | 'valid' = 'same', strides = 1): LayerSpec => ({
  kind: 'conv2d',
  filters,
  kernelSize,
  strides,
  padding,
  activation: 'relu',
});
const pool = (poolSize = 2, strides = 2): LayerSpec => ({ kind: 'maxPool', poolSize, strides });
const flatten: LayerSpec = { kind: 'flatten' };
const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu' });
const messages = (layers: LayerSpec[]) => structureIssues({ layers }).map((i) => i.message);

describe('input and output shapes', () => {
  it('takes images when the first layer is a convolution or pool, 784 values otherwise', () => {
    expect(takesImages(DEFAULT_CNN_SPEC)).toBe(true);
    expect(inputShape(DEFAULT_CNN_SPEC)).toEqual([28, 28, 1]);
    expect(takesImages({ layers: [pool()] })).toBe(true);
    expect(takesImages(DEFAULT_SPEC)).toBe(false);
    expect(takesImages({ layers: [{ kind: 'dropout', rate: 0.1 }, conv(8)] })).toBe(false);
    expect(inputShape({ layers: [] })).toEqual([784]);
  });

  it("follows tfjs' sizes: 'same' keeps ⌈n / s⌉, 'valid' fits the window", () => {
    expect(windowOutput(28, 3, 1, 'same')).toBe(28);
    expect(windowOutput(28, 3, 2, 'same')).toBe(14);
    expect(windowOutput(7, 3, 2, 'same')).toBe(4);
    expect(windowOutput(28, 5, 1, 'valid')).toBe(24);
    expect(windowOutput(7, 2, 2, 'valid')).toBe(3);
    expect(windowOutput(3, 5, 1, 'valid')).toBeLessThanOrEqual(0);
  });

  it('walks the default CNN: 28×28×1 → 28×28×8 → 14×14×8 → 14×14×16 → 7×7×16 → 784 → 10', () => {
    expect(layerShapes(DEFAULT_CNN_SPEC).map((s) => shapeText(s.output))).toEqual([
      '28 × 28 × 8',
      '14 × 14 × 8',
      '14 × 14 × 16',
      '7 × 7 × 16',
      '784',
      '10',
    ]);
  });
});

describe('structureIssues', () => {
  it('accepts the default CNN, dense models and dropout between convolutions', () => {
    expect(structureIssues(DEFAULT_CNN_SPEC)).toEqual([]);
    expect(structureIssues(DEFAULT_SPEC)).toEqual([]);
    expect(messages([conv(8), { kind: 'dropout', rate: 0.2 }, pool(), flatten, dense(32), { kind: 'dropout', rate: 0.5 }])).toEqual([]);
  });

  it('says when a convolution or pool comes after the data is flat, or the model does not start with one', () => {
    expect(messages([conv(8), flatten, dense(16), conv(4)])).toEqual([
      'Layer 4 (conv2d) comes after a flatten or dense layer, where the image is already one list of numbers. Move the convolution and pooling layers to the top of the model.',
    ]);
    expect(messages([dense(16), pool()])).toEqual([
      'Layer 2 (max pool) comes after a flatten or dense layer, where the image is already one list of numbers. Move the convolution and pooling layers to the top of the model.',
    ]);
    expect(messages([{ kind: 'dropout', rate: 0.2 }, conv(8), flatten])[0]).toBe(
      'Layer 2 (conv2d) needs an image, but the model takes images only when its FIRST layer is a conv2d or max pool layer. Move the convolution and pooling layers to the top of the model.',
    );
  });

  it('asks for a flatten before the first dense layer, or before the output', () => {
    expect(messages([conv(8), pool(), dense(32)])).toEqual([
      'Layer 3 (dense) needs one list of numbers, but gets a 14 × 14 × 8 image: add a flatten layer before it.',
    ]);
    expect(messages([conv(8), pool()])).toEqual([
      'The output layer needs one list of numbers, but gets a 14 × 14 × 8 image: add a flatten layer after the last pooling or convolution layer.',
    ]);
  });

  it('refuses a flatten with nothing to flatten, and a second flatten', () => {
    expect(messages([flatten, dense(10)])).toEqual([
      'Layer 1 (flatten) has nothing to flatten: without convolution or pooling layers the data is already one list of 784 values. Remove it.',
    ]);
    expect(messages([conv(4), flatten, flatten])).toEqual([
      'Layer 3 (flatten) comes after the data is already one list of numbers: keep one flatten, right after the last convolution or pooling layer.',
    ]);
  });

  it('says when a pool or a valid kernel is larger than its input', () => {
    // 28 → 14 → 7 → 3 → 1: a fourth 2 × 2 pool no longer fits.
    expect(messages([pool(), pool(), pool(), pool(), pool(), flatten])).toEqual([
      'Layer 5 (max pool) has a 2 × 2 pool but its input is only 1 × 1 pixels. Use a smaller pool, or fewer pooling layers before it.',
    ]);
    expect(messages([pool(7, 7), conv(4, 5, 'valid'), flatten])).toEqual([
      "Layer 2 (conv2d) has a 5 × 5 kernel with 'valid' padding but its input is only 4 × 4 pixels. Use a smaller kernel or 'same' padding, or fewer pooling layers before it.",
    ]);
    // 'same' padding pads the image to fit any kernel (as tfjs does).
    expect(messages([pool(7, 7), conv(4, 5, 'same'), flatten])).toEqual([]);
  });
});

describe('specProblems and readModelSpec for convolutional layers', () => {
  it('checks each setting in range, in words', () => {
    const spec = { ...DEFAULT_CNN_SPEC, layers: [conv(0, 3), conv(8, 29), pool(2, 0), flatten] };
    expect(specProblems(spec)).toEqual([
      'Layer 1 (conv2d) needs a whole number of filters from 1 to 256, not 0.',
      'Layer 2 (conv2d) needs a whole kernel size from 1 to 28 pixels, not 29.',
      'Layer 3 (maxPool) needs a whole stride from 1 to 28 pixels, not 0.',
    ]);
    expect(
      specProblems({
        ...DEFAULT_CNN_SPEC,
        layers: [{ kind: 'conv2d', filters: 8, kernelSize: 3, strides: 1, padding: 'full' as 'same', activation: 'relu' }, flatten],
      }),
    ).toEqual(['Layer 1 (conv2d) has an unknown padding "full"; use valid or same.']);
  });

  it('refuses a model too large for a browser', () => {
    // (3·3·1 + 1)·256 + (28·28·256 + 1)·2048 + (2048 + 1)·10
    const spec = { ...DEFAULT_CNN_SPEC, layers: [conv(256), flatten, dense(2048)] };
    expect(specProblems(spec)).toEqual([
      'The model has 411,066,890 parameters; at most 40,000,000 fit in a browser. Use fewer units or filters, or pool before flattening.',
    ]);
  });

  it('reads the default CNN back from untrusted data', () => {
    expect(readModelSpec(JSON.parse(JSON.stringify(DEFAULT_CNN_SPEC)))).toEqual({ ok: true, spec: DEFAULT_CNN_SPEC });
  });

  it('names the new layers', () => {
    expect(DEFAULT_CNN_SPEC.layers.map(layerName)).toEqual([
      'layer 1 (conv2d, 8 filters 3 × 3)',
      'layer 2 (max pool 2 × 2)',
      'layer 3 (conv2d, 16 filters 3 × 3)',
      'layer 4 (max pool 2 × 2)',
      'layer 5 (flatten)',
    ]);
  });
});

describe('paramCounts of a CNN', () => {
  it('counts (kh·kw·inC + 1)·filters per convolution and nothing for pools and flatten', () => {
    const counts = paramCounts(DEFAULT_CNN_SPEC);
    expect(counts.layers.map((c) => c.params)).toEqual([(3 * 3 * 1 + 1) * 8, 0, (3 * 3 * 8 + 1) * 16, 0, 0, 784 * 10 + 10]);
    expect(counts.total).toBe(9_098);
    expect(counts.layers.map((c) => paramFormula(c))).toEqual([
      '3·3·1·8 + 8 = 80',
      '0 (no parameters)',
      '3·3·8·16 + 16 = 1,168',
      '0 (no parameters)',
      '0 (no parameters)',
      '784·10 + 10 = 7,850',
    ]);
    expect(counts.layers[2]).toMatchObject({ kind: 'conv2d', inputShape: [14, 14, 8], outputShape: [14, 14, 16], inputs: 1568, outputs: 3136 });
  });
});
