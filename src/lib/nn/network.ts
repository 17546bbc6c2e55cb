/**
 * A network: layers applied in order, declared like Keras:
 *   new Network([new Dense(784, 64), new ReLU(), new Dense(64, 10)])
 * Backpropagation is just the layers' backward calls in reverse order: each layer turns
 * dL/d(its output) into dL/d(its input) (and adds its own parameter gradients on the way).
 */
import type { ImageShape, InitKind, Layer, LayerSpec, Loss, Optimizer, Param } from './types.ts';
import { Dense } from './dense.ts';
import { Conv2D } from './conv2d.ts';
import { MaxPool2D } from './max-pool-2d.ts';
import { Flatten } from './flatten.ts';
import { imageSize, shapeText } from './image-shape.ts';
import { ReLU, Sigmoid, Softmax, Tanh } from './activations.ts';
import { epochSeed } from '../runtime/shuffle.ts';

/** Rows per forward call in `predict` (bounds the layers' buffer sizes on big datasets). */
const PREDICT_CHUNK = 256;

/** The input width of a layer that declares one (Dense, Conv2D, MaxPool2D, Flatten). */
function declaredInputSize(layer: Layer): number | null {
  const size = (layer as { inputSize?: unknown }).inputSize;
  return typeof size === 'number' ? size : null;
}

export class Network {
  readonly layers: readonly Layer[];
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly paramList: Param[];

  constructor(layers: Layer[], inputSize?: number) {
    if (layers.length === 0) throw new Error('Network needs at least one layer, e.g. new Dense(784, 10).');
    this.layers = [...layers];
    // The input width is the first Dense layer's (activations keep the width), unless given.
    let width = inputSize ?? null;
    if (width === null) {
      for (const layer of layers) {
        width = declaredInputSize(layer);
        if (width !== null) break;
      }
    }
    if (width === null) throw new Error('Network: no layer declares its input width; add a Dense layer or pass inputSize.');
    this.inputSize = width;
    // Walk the widths through the layers: a mismatch throws the layer's own clear error.
    layers.forEach((layer, i) => {
      try {
        width = layer.outputSize(width as number);
      } catch (error) {
        throw new Error(`Layer ${i + 1} (${layer.kind}): ${(error as Error).message}`);
      }
    });
    this.outputSize = width;
    this.paramList = layers.flatMap((layer) => [...layer.params()]);
  }

  /** The output (batch × outputSize) for `batch` rows of `x`; owned by the last layer. */
  forward(x: Float32Array, batch: number): Float32Array {
    if (x.length < batch * this.inputSize) {
      const width = x.length / batch;
      throw new Error(
        `Network expects ${batch} rows of ${this.inputSize} inputs, got ${Number.isInteger(width) ? `rows of ${width}` : `${x.length} values`}.`,
      );
    }
    let activation = x;
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) activation = (layers[i] as Layer).forward(activation, batch);
    return activation;
  }

  /** Backpropagates dL/d(output) of the last forward batch; parameter gradients accumulate. */
  backward(gradOutput: Float32Array, batch: number): void {
    let grad = gradOutput;
    // The first layer's input gradient (dL/dx of the data) is never used: let it skip the work.
    for (let i = this.layers.length - 1; i >= 0; i--) grad = (this.layers[i] as Layer).backward(grad, batch, i > 0);
  }

  /**
   * Backpropagates dL/d(output) of the last forward batch all the way down to the input and returns
   * dL/dx (batch × inputSize, a new array): how the loss changes with each input value, the gradient an
   * adversarial attack climbs. Parameter gradients accumulate on the way, as in `backward`; a caller
   * that also trains zeroes them as usual.
   */
  inputGradient(gradOutput: Float32Array, batch: number): Float32Array {
    let grad = gradOutput;
    for (let i = this.layers.length - 1; i >= 0; i--) grad = (this.layers[i] as Layer).backward(grad, batch, true);
    return grad.slice(0, batch * this.inputSize);
  }

  /** Every trainable parameter, layer by layer (kernel then bias). */
  params(): Param[] {
    return this.paramList;
  }

  zeroGrads(): void {
    for (const param of this.paramList) param.grad.fill(0);
  }

  /** One training step on a batch: zero gradients, forward, loss, backward, update. Returns the mean loss. */
  trainBatch(x: Float32Array, targets: Float32Array, batch: number, loss: Loss, optimizer: Optimizer): number {
    this.zeroGrads();
    const output = this.forward(x, batch);
    const value = loss.forward(output, targets, batch, this.outputSize);
    this.backward(loss.backward(), batch);
    optimizer.step(this.paramList);
    return value;
  }

  /** Outputs for `count` rows of `x` (count × outputSize), computed in chunks; writes into `out` if given. */
  predict(x: Float32Array, count: number, out?: Float32Array): Float32Array {
    const width = this.outputSize;
    if (x.length < count * this.inputSize) {
      throw new Error(`predict: ${count} rows of ${this.inputSize} inputs need ${count * this.inputSize} values, got ${x.length}.`);
    }
    const result = out ?? new Float32Array(count * width);
    if (result.length < count * width) throw new Error(`predict: out must hold ${count * width} values, got ${result.length}.`);
    for (let start = 0; start < count; start += PREDICT_CHUNK) {
      const rows = Math.min(PREDICT_CHUNK, count - start);
      const chunk = this.forward(x.subarray(start * this.inputSize, (start + rows) * this.inputSize), rows);
      result.set(chunk.subarray(0, rows * width), start * width);
    }
    return result;
  }

  /** Copies of every parameter's values, in `params()` order. */
  getWeights(): Float32Array[] {
    return this.paramList.map((param) => param.value.slice());
  }

  /** Loads values produced by getWeights (same order and lengths). */
  setWeights(weights: readonly Float32Array[]): void {
    if (weights.length !== this.paramList.length) {
      throw new Error(`setWeights: the network has ${this.paramList.length} parameter arrays, got ${weights.length}.`);
    }
    this.paramList.forEach((param, i) => {
      const w = weights[i] as Float32Array;
      if (w.length !== param.value.length) {
        throw new Error(`setWeights: ${param.name} [${param.shape.join(' × ')}] needs ${param.value.length} values, got ${w.length}.`);
      }
      param.value.set(w);
    });
  }
}

export interface BuildOptions {
  /** Seed of the weight initialisation (default 1); each Dense and Conv2D layer gets its own seed derived from it. */
  seed?: number;
  /** Force one initialisation for every Dense and Conv2D layer (default: He before a ReLU, Glorot otherwise). */
  init?: InitKind;
}

/** Seeds of the conv layers are drawn apart from the dense ones, so adding convs leaves a dense net's seeds alone. */
const CONV_SEED_OFFSET = 1000;

/**
 * Builds a Network from serialisable layer specs. The input is a width, e.g.
 *   buildNetwork(784, [{kind:'dense',units:128},{kind:'relu'},{kind:'dense',units:10}])
 * or an image shape [height, width, channels] for a convolutional network, e.g.
 *   buildNetwork([28, 28, 1], [{kind:'conv2d',filters:8,kernelSize:3,padding:'same'},{kind:'relu'},
 *     {kind:'maxPool',poolSize:2},{kind:'flatten'},{kind:'dense',units:10}])
 * Image layers need an image in front of them, and Dense needs a flatten after the image layers.
 */
export function buildNetwork(input: number | ImageShape, specs: readonly LayerSpec[], options: BuildOptions = {}): Network {
  const seed = options.seed ?? 1;
  const layers: Layer[] = [];
  let width = typeof input === 'number' ? input : imageSize(input);
  // The current image shape, or null once the values are a flat row of features.
  let shape: ImageShape | null = typeof input === 'number' ? null : input;
  let denseCount = 0;
  let convCount = 0;
  const initFor = (i: number): InitKind => options.init ?? (specs[i + 1]?.kind === 'relu' ? 'he' : 'glorot');
  const needImage = (i: number, what: string): ImageShape => {
    if (shape) return shape;
    throw new Error(
      `Layer ${i + 1} (${what}) needs images, but ${i === 0 ? 'the input is a flat row' : 'its input is already flat'} of ${width} values: ` +
        (i === 0 ? 'give buildNetwork the image shape, e.g. [28, 28, 1].' : 'put image layers before flatten and dense.'),
    );
  };
  const image = (layer: Conv2D | MaxPool2D): void => {
    layers.push(layer);
    shape = layer.outputShape;
    width = imageSize(shape);
  };
  specs.forEach((spec, i) => {
    switch (spec.kind) {
      case 'dense': {
        if (shape) throw new Error(`Layer ${i + 1} (dense) gets ${shapeText(shape)} images: put a flatten layer before it.`);
        denseCount++;
        layers.push(new Dense(width, spec.units, { init: initFor(i), seed: epochSeed(seed, denseCount), name: `dense${denseCount}` }));
        width = spec.units;
        break;
      }
      case 'conv2d': {
        const inputShape = needImage(i, 'conv2d');
        convCount++;
        const { filters, kernelSize, strides, padding, dilation } = spec;
        const conv = { filters, kernelSize, strides, padding, dilation, init: initFor(i), name: `conv2d${convCount}` };
        image(withLayerNumber(i, () => new Conv2D(inputShape, { ...conv, seed: epochSeed(seed, CONV_SEED_OFFSET + convCount) })));
        break;
      }
      case 'maxPool': {
        const inputShape = needImage(i, 'maxPool');
        image(withLayerNumber(i, () => new MaxPool2D(inputShape, { poolSize: spec.poolSize, strides: spec.strides })));
        break;
      }
      case 'flatten':
        layers.push(new Flatten(needImage(i, 'flatten')));
        shape = null;
        break;
      case 'relu':
        layers.push(new ReLU());
        break;
      case 'sigmoid':
        layers.push(new Sigmoid());
        break;
      case 'tanh':
        layers.push(new Tanh());
        break;
      case 'softmax':
        if (shape) throw new Error(`Layer ${i + 1} (softmax) gets ${shapeText(shape)} images: put flatten and a dense layer before it.`);
        layers.push(new Softmax());
        break;
      default:
        throw new Error(
          `Unknown layer kind "${String((spec as { kind: unknown }).kind)}": use dense, conv2d, maxPool, flatten, relu, sigmoid, tanh or softmax.`,
        );
    }
  });
  return new Network(layers, typeof input === 'number' ? input : imageSize(input));
}

/** Runs `make`, prefixing any error with the layer's number (as the Network constructor does). */
function withLayerNumber<T>(i: number, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw new Error(`Layer ${i + 1}: ${(error as Error).message}`);
  }
}
