/**
 * Parameter counts of a ModelSpec, layer by layer, as tfjs counts them (`layer.countParams()`):
 * a dense layer of u units after n inputs has n·u weights and u biases; dropout has none.
 * Pure, so the builder shows them before tfjs is loaded (tested against tfjs in src/tf/build-model.test.ts).
 */
import { CLASSES, INPUT_SIZE, type ModelSpec } from './model-spec.ts';

export interface LayerCount {
  /** 'dense' and 'dropout' are the spec's hidden layers, in order; 'output' is the implied softmax layer. */
  kind: 'dense' | 'dropout' | 'output';
  /** Values coming in (the width of the layer before; 784 for the first). */
  inputs: number;
  /** Values going out (units of a dense layer; a dropout layer passes its inputs on). */
  outputs: number;
  weights: number;
  biases: number;
  params: number;
}

export interface ParamCounts {
  /** One entry per layer of the tf.Sequential: the hidden layers, then the output layer. */
  layers: LayerCount[];
  total: number;
}

export function paramCounts(spec: Pick<ModelSpec, 'layers'>, inputSize = INPUT_SIZE, classes = CLASSES): ParamCounts {
  const layers: LayerCount[] = [];
  let width = inputSize;
  const dense = (kind: 'dense' | 'output', units: number): void => {
    const weights = width * units;
    layers.push({ kind, inputs: width, outputs: units, weights, biases: units, params: weights + units });
    width = units;
  };
  for (const layer of spec.layers) {
    if (layer.kind === 'dense') dense('dense', layer.units);
    else layers.push({ kind: 'dropout', inputs: width, outputs: width, weights: 0, biases: 0, params: 0 });
  }
  dense('output', classes);
  return { layers, total: layers.reduce((s, l) => s + l.params, 0) };
}

/** "784·128 + 128 = 100,480": how a dense layer's count is worked out, for the builder's table. */
export function paramFormula(count: LayerCount): string {
  if (count.kind === 'dropout') return '0 (no parameters)';
  return `${count.inputs}·${count.outputs} + ${count.outputs} = ${count.params.toLocaleString('en-US')}`;
}
