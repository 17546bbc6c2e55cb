/**
 * Two classic convolutional architectures, scaled to 28 × 28 grey images, as ModelSpecs (so their
 * shapes and parameter counts come from ./shapes.ts and ./param-counts.ts, checked against tfjs in
 * src/tf/build-model.test.ts), and the rows of a table that walks through one layer by layer
 * (src/components/ArchitectureTable.astro). Pure.
 *
 *   LeNet-style   LeCun et al. 1998, LeNet-5: two 5 × 5 convolutions (6, 16 filters), each followed
 *                 by a 2 × 2 pool, then dense layers of 120 and 84 units (ReLU instead of tanh).
 *   VGG-style     Simonyan & Zisserman 2014: stacks of two 3 × 3 convolutions (32, then 64 filters)
 *                 between 2 × 2 pools, then one dense layer of 128 units.
 */
import { DEFAULT_CNN_SPEC, DEFAULT_SPEC, inputShape, takesImages, type LayerSpec, type ModelSpec } from './model-spec.ts';
import { paramCounts, paramFormula } from './param-counts.ts';
import { shapeText } from './shapes.ts';

const conv = (filters: number, kernelSize: number, padding: 'same' | 'valid'): LayerSpec => ({
  kind: 'conv2d',
  filters,
  kernelSize,
  strides: 1,
  padding,
  activation: 'relu',
});
const pool: LayerSpec = { kind: 'maxPool', poolSize: 2, strides: 2 };
const dense = (units: number): LayerSpec => ({ kind: 'dense', units, activation: 'relu' });
const training = { l2: 0, optimizer: 'adam', learningRate: 0.001, momentum: 0.9, batchSize: 64, epochs: 3 } as const;

export const LENET_SPEC: ModelSpec = {
  ...training,
  layers: [conv(6, 5, 'same'), pool, conv(16, 5, 'valid'), pool, { kind: 'flatten' }, dense(120), dense(84)],
};

export const VGG_SPEC: ModelSpec = {
  ...training,
  layers: [conv(32, 3, 'same'), conv(32, 3, 'same'), pool, conv(64, 3, 'same'), conv(64, 3, 'same'), pool, { kind: 'flatten' }, dense(128)],
};

export const ARCHITECTURES = {
  lenet: { name: 'LeNet-style network', spec: LENET_SPEC },
  vgg: { name: 'Small VGG-style network', spec: VGG_SPEC },
  default: { name: 'The default CNN', spec: DEFAULT_CNN_SPEC },
  mlp: { name: 'The default MLP', spec: DEFAULT_SPEC },
} as const;
export type ArchitectureId = keyof typeof ARCHITECTURES;

/** "Conv 5×5, 6 filters, same padding, ReLU", "Max pool 2×2, stride 2", "Dense 120, ReLU". */
export function layerLabel(layer: LayerSpec | { kind: 'output' }): string {
  const act = (a: string): string => (a === 'relu' ? 'ReLU' : a);
  switch (layer.kind) {
    case 'conv2d':
      return `Conv ${layer.kernelSize}×${layer.kernelSize}, ${layer.filters} filters${layer.strides > 1 ? `, stride ${layer.strides}` : ''}, ${layer.padding} padding, ${act(layer.activation)}`;
    case 'maxPool':
      return `Max pool ${layer.poolSize}×${layer.poolSize}, stride ${layer.strides}`;
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return `Dense ${layer.units}, ${act(layer.activation)}`;
    case 'dropout':
      return `Dropout ${layer.rate}`;
    case 'output':
      return 'Dense 10, softmax (output)';
  }
}

export interface ArchitectureRow {
  layer: string;
  /** "14 × 14 × 6". */
  shape: string;
  params: number;
  /** How the count is worked out ("5·5·1·6 + 6 = 156"); '' for layers without parameters. */
  formula: string;
}

/** The input row, one row per layer (the output layer last), and the total. */
export function architectureRows(spec: ModelSpec): { rows: ArchitectureRow[]; total: number } {
  const counts = paramCounts(spec);
  const layers: (LayerSpec | { kind: 'output' })[] = [...spec.layers, { kind: 'output' }];
  const rows: ArchitectureRow[] = [
    {
      layer: takesImages(spec) ? 'Input (a grey image)' : 'Input (the pixels in one row)',
      shape: shapeText(inputShape(spec)),
      params: 0,
      formula: '',
    },
    ...counts.layers.map((c, i) => ({
      layer: layerLabel(layers[i]!),
      shape: shapeText(c.outputShape),
      params: c.params,
      formula: c.params > 0 ? paramFormula(c) : '',
    })),
  ];
  return { rows, total: counts.total };
}
