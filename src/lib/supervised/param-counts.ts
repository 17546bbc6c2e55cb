/**
 * Parameter counts of a ModelSpec, layer by layer, as tfjs counts them (`layer.countParams()`):
 * a dense layer of u units after n inputs has n·u weights and u biases; a conv2d layer of f
 * filters k × k over c channels has k·k·c·f weights and f biases; dropout, max pool and flatten
 * have none. With each layer's input and output shape (./shapes.ts). Pure, so the builder and the
 * architecture tables show them without tfjs (tested against tfjs in src/tf/build-model.test.ts).
 */
import { CLASSES, type LayerSpec, type ModelSpec } from './model-spec.ts';
import { layerShapes, type Shape } from './shapes.ts';

export interface LayerCount {
  /** The spec's hidden layers, in order; 'output' is the implied softmax layer. */
  kind: LayerSpec['kind'] | 'output';
  /** Values coming in (784 for the first layer of a dense model, 28·28·1 for a spatial one). */
  inputs: number;
  /** Values going out (units of a dense layer; a dropout layer passes its inputs on). */
  outputs: number;
  /** The shapes in and out, batch left out: [height, width, channels] for an image, [values] for a vector. */
  inputShape: Shape;
  outputShape: Shape;
  weights: number;
  biases: number;
  params: number;
}

export interface ParamCounts {
  /** One entry per layer of the tf.Sequential: the hidden layers, then the output layer. */
  layers: LayerCount[];
  total: number;
}

const size = (shape: Shape): number => shape.reduce((a, b) => a * b, 1);

/** The counts of a spec whose layers are in a valid order (see structureIssues); `classes` outputs. */
export function paramCounts(spec: Pick<ModelSpec, 'layers'>, classes = CLASSES): ParamCounts {
  const shapes = layerShapes(spec);
  const hidden: (LayerSpec | { kind: 'output' })[] = [...spec.layers, { kind: 'output' }];
  const layers = hidden.map((layer, i): LayerCount => {
    const { input, output: out } = shapes[i]!;
    const output = layer.kind === 'output' ? [classes] : out;
    let weights = 0;
    let biases = 0;
    if (layer.kind === 'dense' || layer.kind === 'output') {
      weights = size(input) * output[0]!;
      biases = output[0]!;
    } else if (layer.kind === 'conv2d') {
      weights = layer.kernelSize * layer.kernelSize * (input[2] ?? 1) * layer.filters;
      biases = layer.filters;
    }
    return {
      kind: layer.kind,
      inputs: size(input),
      outputs: size(output),
      inputShape: input,
      outputShape: output,
      weights,
      biases,
      params: weights + biases,
    };
  });
  return { layers, total: layers.reduce((s, l) => s + l.params, 0) };
}

/** "784·128 + 128 = 100,480", "3·3·1·8 + 8 = 80": how a layer's count is worked out, for the builder's table. */
export function paramFormula(count: LayerCount): string {
  if (count.params === 0) return '0 (no parameters)';
  const total = count.params.toLocaleString('en-US');
  if (count.kind === 'conv2d') {
    const inC = count.inputShape[2] ?? 1;
    const filters = count.biases;
    const k = Math.round(Math.sqrt(count.weights / (inC * filters)));
    return `${k}·${k}·${inC}·${filters} + ${filters} = ${total}`;
  }
  return `${count.inputs}·${count.outputs} + ${count.outputs} = ${total}`;
}
