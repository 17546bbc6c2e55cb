/**
 * A tfjs Layers CNN (the CNN lesson's pretrained Fashion-MNIST model, or a reader's CNN of the same
 * kinds of layers) run by the from-scratch engine (src/lib/nn), without tfjs: a forward pass takes about
 * a third of a millisecond per image and the gradient of the loss with respect to the pixels about a
 * millisecond, so an attack answers a slider at once.
 *
 * `parseLayersCnn` reads model.json (already parsed from JSON) and weights.bin, both untrusted: it
 * accepts Conv2D (relu, sigmoid, tanh or linear; channels last), MaxPooling2D ('valid' padding), Flatten,
 * Dropout (ignored: it does nothing at inference) and Dense (the same activations, or softmax on the last
 * layer), on images or, for a Dense-only network, on a flat row of pixels (all the CNN trainer builds), and
 * throws a `CnnModelError` that says what is wrong and what to do for anything else. The engine's
 * network ends in the LOGITS: the last softmax is applied by `probabilities` and folded into the loss
 * by `inputGradient`.
 */
import { buildNetwork, type Network } from '../nn/network.ts';
import { softmaxRow } from '../nn/activations.ts';
import { Conv2D } from '../nn/conv2d.ts';
import { MaxPool2D } from '../nn/max-pool-2d.ts';
import type { ImageShape, LayerSpec } from '../nn/types.ts';
import { DenseModelError, layerConfigs, weightSpecs, type WeightSpec } from '../unsupervised/dense-model.ts';

export class CnnModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CnnModelError';
  }
}

export interface CnnModel {
  /** The engine's network; its output is the logits (classCount per image). */
  network: Network;
  /** [height, width, channels], e.g. [28, 28, 1]. */
  inputShape: [number, number, number];
  classCount: number;
  /** One line per layer, for text: 'Conv2D 8 3×3 relu', 'MaxPooling2D 2×2', 'Flatten', 'Dense 10 softmax'. */
  layers: readonly string[];
  /** The engine's layer specs (what `cnnWithWeights` rebuilds). */
  specs: readonly LayerSpec[];
}

/** Rows per engine call: bounds the layers' buffers (a conv layer's columns grow with the batch). */
const CHUNK = 100;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(message: string): never {
  throw new CnnModelError(message);
}

const SUPPORTED = 'The engine runs Conv2D, MaxPooling2D, Flatten, Dropout and Dense layers';

/** A [a, b] pair from a config entry (a number means both). */
function pairOf(value: unknown, fallback: number, what: string, layer: string): [number, number] {
  const v = value ?? fallback;
  const pair = typeof v === 'number' ? [v, v] : Array.isArray(v) ? v : null;
  if (!pair || pair.length !== 2 || !pair.every((d) => Number.isInteger(d) && (d as number) > 0)) {
    fail(`Layer ${layer} has an invalid ${what} ${JSON.stringify(v)}: expected two whole numbers of at least 1.`);
  }
  return [pair[0] as number, pair[1] as number];
}

/** 'a, b or c'. */
const orList = (words: readonly string[]): string =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

function activationOf(config: Record<string, unknown>, layer: string, allowed: readonly string[]): string {
  const raw = config['activation'] ?? 'linear';
  const activation = raw === null ? 'linear' : raw;
  if (typeof activation !== 'string' || !allowed.includes(activation)) {
    fail(
      `Layer ${layer} has activation ${JSON.stringify(activation)}; here it can only be ${orList(allowed)}. ` +
        'Save the model with one of those (or put the activation in a layer of its own that this page supports).',
    );
  }
  return activation;
}

/** The activations a hidden Conv2D or Dense layer may have, and the engine layer each adds. */
const HIDDEN_ACTIVATIONS: readonly string[] = ['relu', 'sigmoid', 'tanh', 'linear'];
const ACTIVATION_LAYERS: Record<string, LayerSpec> = { relu: { kind: 'relu' }, sigmoid: { kind: 'sigmoid' }, tanh: { kind: 'tanh' } };

/**
 * The input the first layer declares: images [height, width, channels], or a flat row of w values
 * (a Dense-only network), read as a square image when w is a square (784 = 28 × 28) and as one row otherwise.
 */
function inputOf(config: Record<string, unknown>): { shape: [number, number, number]; flat: boolean } | null {
  const shape = config['batch_input_shape'] ?? config['batchInputShape'] ?? config['batch_shape'];
  if (!Array.isArray(shape)) return null;
  const dims = shape.slice(1);
  if (!dims.every((d) => Number.isInteger(d) && (d as number) > 0)) return null;
  if (dims.length === 3) return { shape: dims as [number, number, number], flat: false };
  if (dims.length !== 1) return null;
  const width = dims[0] as number;
  const side = Math.round(Math.sqrt(width));
  return { shape: side * side === width ? [side, side, 1] : [1, width, 1], flat: true };
}

/** An image layer's output shape; its constructor's error (e.g. a kernel larger than the image) as a CnnModelError. */
function outputShape(layer: string, make: () => ImageShape): [number, number, number] {
  try {
    const [h, w, c] = make();
    return [h, w, c];
  } catch (error) {
    fail(`Layer ${layer}: ${(error as Error).message}`);
  }
}

const sizeText = ([a, b]: [number, number]): string => `${a}×${b}`;

/** Reads the manifest and the layers, reusing the Dense-only reader's checks (rethrown as CnnModelError). */
function readTopology(modelJson: unknown): { configs: Record<string, unknown>[]; specs: WeightSpec[]; bytes: number } {
  if (!isRecord(modelJson)) fail('model.json is not a JSON object.');
  try {
    return { configs: layerConfigs(modelJson), ...weightSpecs(modelJson) };
  } catch (error) {
    if (error instanceof DenseModelError) fail(error.message);
    throw error;
  }
}

/**
 * Checks a tfjs Layers `model.json` (parsed) and its weights file and loads them into the engine.
 * Throws `CnnModelError` naming the problem (an unsupported layer, missing or misshapen weights, a
 * weights file of the wrong length).
 */
export function parseLayersCnn(modelJson: unknown, weights: ArrayBuffer): CnnModel {
  const { configs, specs: weightList, bytes } = readTopology(modelJson);
  if (weights.byteLength !== bytes) {
    fail(
      `weights.bin holds ${weights.byteLength} bytes but model.json's manifest describes ${bytes}: ` +
        'the files do not belong together, or the download was cut short. Load both files of the same model again.',
    );
  }
  const used = new Set<string>();
  const weightOf = (layer: string, kind: 'kernel' | 'bias', shape: readonly number[]): Float32Array => {
    const spec = weightList.find((s) => s.name === `${layer}/${kind}` || s.name.endsWith(`/${layer}/${kind}`));
    if (!spec) fail(`The weights of layer ${layer} are missing: model.json's manifest has no ${layer}/${kind}.`);
    if (spec.shape.length !== shape.length || spec.shape.some((d, i) => d !== shape[i])) {
      fail(`${spec.name} has shape [${spec.shape.join(', ')}] but the layer needs [${shape.join(', ')}].`);
    }
    used.add(spec.name);
    return new Float32Array(weights.slice(spec.offset, spec.offset + spec.size * 4));
  };

  let shape: [number, number, number] | null = null;
  let inputShape: [number, number, number] | null = null;
  let width = 0;
  const specs: LayerSpec[] = [];
  const values: Float32Array[] = [];
  const described: string[] = [];
  let classCount = 0;
  let softmaxSeen = false;

  configs.forEach((layer, i) => {
    const className = String(layer['class_name'] ?? layer['className']);
    const config = isRecord(layer['config']) ? layer['config'] : {};
    const name = typeof config['name'] === 'string' ? config['name'] : `${i + 1}`;
    if (softmaxSeen) fail(`Layer ${name} comes after a softmax; here softmax can only end the model.`);
    if (inputShape === null) {
      const input =
        inputOf(config) ?? fail(`model.json does not say the input's shape (batch_input_shape [null, height, width, channels] on its first layer).`);
      inputShape = input.shape;
      shape = [...input.shape];
      if (input.flat) {
        // A Dense-only network reads the image as one row: the engine flattens it first (NHWC rows are already flat).
        specs.push({ kind: 'flatten' });
        width = input.shape[0] * input.shape[1];
        shape = null;
      }
    }
    if (className === 'InputLayer') return;
    if (className === 'Dropout') return; // Dropout does nothing at inference.
    if ((className === 'Conv2D' || className === 'MaxPooling2D') && (config['data_format'] ?? 'channels_last') !== 'channels_last') {
      fail(`Layer ${name} uses data_format ${String(config['data_format'])}; only channels_last (NHWC) images are supported.`);
    }
    const image = (what: string): [number, number, number] =>
      shape ?? fail(`Layer ${name} (${what}) needs images, but its input is already flat: put image layers before Flatten and Dense.`);
    switch (className) {
      case 'Conv2D': {
        const [height, imageWidth, channels] = image('Conv2D');
        const filters = config['filters'];
        if (!Number.isInteger(filters) || (filters as number) < 1) fail(`Conv2D layer ${name} has no valid number of filters.`);
        const kernelSize = pairOf(config['kernel_size'], 1, 'kernel_size', name);
        const strides = pairOf(config['strides'], 1, 'strides', name);
        const dilation = pairOf(config['dilation_rate'], 1, 'dilation_rate', name);
        const padding = config['padding'] ?? 'valid';
        if (padding !== 'same' && padding !== 'valid') fail(`Conv2D layer ${name} has padding ${JSON.stringify(padding)}; use 'same' or 'valid'.`);
        const activation = activationOf(config, name, HIDDEN_ACTIVATIONS);
        const conv = { filters: filters as number, kernelSize, strides, padding, dilation } as const;
        shape = outputShape(name, () => new Conv2D([height, imageWidth, channels], { ...conv, init: 'zeros' }).outputShape);
        specs.push({ kind: 'conv2d', ...conv });
        values.push(weightOf(name, 'kernel', [kernelSize[0], kernelSize[1], channels, filters as number]));
        values.push(config['use_bias'] === false ? new Float32Array(filters as number) : weightOf(name, 'bias', [filters as number]));
        if (ACTIVATION_LAYERS[activation]) specs.push(ACTIVATION_LAYERS[activation]);
        described.push(`Conv2D ${String(filters)} ${sizeText(kernelSize)} ${activation}`);
        break;
      }
      case 'MaxPooling2D': {
        const current = image('MaxPooling2D');
        const poolSize = pairOf(config['pool_size'], 2, 'pool_size', name);
        const strides = pairOf(config['strides'] ?? poolSize, 2, 'strides', name);
        if ((config['padding'] ?? 'valid') !== 'valid') fail(`MaxPooling2D layer ${name} has padding 'same'; only 'valid' pooling is supported.`);
        shape = outputShape(name, () => new MaxPool2D(current, { poolSize, strides }).outputShape);
        specs.push({ kind: 'maxPool', poolSize, strides });
        described.push(`MaxPooling2D ${sizeText(poolSize)}`);
        break;
      }
      case 'Flatten': {
        const [h, w, c] = image('Flatten');
        specs.push({ kind: 'flatten' });
        width = h * w * c;
        shape = null;
        described.push('Flatten');
        break;
      }
      case 'Dense': {
        if (shape) fail(`Dense layer ${name} gets images: put a Flatten layer before it.`);
        const units = config['units'];
        if (!Number.isInteger(units) || (units as number) < 1) fail(`Dense layer ${name} has no valid units.`);
        const last = configs.slice(i + 1).every((c) => String(c['class_name'] ?? c['className']) === 'Dropout');
        const activation = activationOf(config, name, last ? ['softmax', 'linear'] : HIDDEN_ACTIVATIONS);
        specs.push({ kind: 'dense', units: units as number });
        values.push(weightOf(name, 'kernel', [width, units as number]));
        values.push(config['use_bias'] === false ? new Float32Array(units as number) : weightOf(name, 'bias', [units as number]));
        if (ACTIVATION_LAYERS[activation]) specs.push(ACTIVATION_LAYERS[activation]);
        if (activation === 'softmax') softmaxSeen = true;
        width = units as number;
        classCount = units as number;
        described.push(`Dense ${String(units)} ${activation}`);
        break;
      }
      default:
        fail(
          `Layer ${name} is a ${className} layer, which this page cannot run. ${SUPPORTED}` +
            ' (e.g. the CNN lesson’s trainer): train and save a model made only of those.',
        );
    }
  });
  if (inputShape === null) fail('model.json lists no layers.');
  if (shape !== null || classCount === 0) fail('The model does not end in a Dense layer of class scores: it cannot classify images.');
  const unused = weightList.filter((s) => !used.has(s.name));
  if (unused.length)
    fail(`The manifest has weights no layer uses (${unused.map((s) => s.name).join(', ')}): model.json and its layers do not agree.`);
  const network = buildNetwork(inputShape, specs);
  network.setWeights(values);
  return { network, inputShape: [...(inputShape as [number, number, number])], classCount, layers: described, specs };
}

/**
 * A copy of the model with other weights, in tfjs `model.getWeights()` order (kernel then bias per
 * Conv2D and Dense layer): what the adversarial-training worker sends back.
 */
export function cnnWithWeights(model: CnnModel, weights: readonly Float32Array[]): CnnModel {
  const network = buildNetwork(model.inputShape as ImageShape, model.specs);
  try {
    network.setWeights(weights);
  } catch (error) {
    fail(`These weights do not fit the model: ${(error as Error).message}`);
  }
  return { ...model, network };
}

function checkBatch(model: CnnModel, x: Float32Array, n: number, what: string): void {
  const size = model.network.inputSize;
  if (!Number.isInteger(n) || n < 0 || x.length < n * size) {
    throw new CnnModelError(`${what}: ${n} images of ${size} values need ${n * size} values, got ${x.length}.`);
  }
}

/** Class probabilities (softmax of the logits), n × classCount, row-major. */
export function probabilities(model: CnnModel, x: Float32Array, n: number): Float32Array {
  checkBatch(model, x, n, 'probabilities');
  const k = model.classCount;
  const logits = model.network.predict(x, n);
  const out = new Float32Array(n * k);
  for (let r = 0; r < n; r++) softmaxRow(logits, r * k, k, out, r * k);
  return out;
}

/** The most probable class of each image (first on a tie). */
export function predictClasses(model: CnnModel, x: Float32Array, n: number): Int32Array {
  checkBatch(model, x, n, 'predictClasses');
  const k = model.classCount;
  const logits = model.network.predict(x, n);
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let j = 1; j < k; j++) if ((logits[r * k + j] as number) > (logits[r * k + best] as number)) best = j;
    out[r] = best;
  }
  return out;
}

/**
 * d(cross-entropy of class classes[i] for image i)/dx for every image (the batch's losses SUMMED, not
 * averaged, so each image's gradient is its own loss's): n × inputSize. With softmax on the logits z,
 * dL/dz = p − onehot(class), which the engine backpropagates to the pixels.
 */
export function inputGradient(model: CnnModel, x: Float32Array, n: number, classes: ArrayLike<number>): Float32Array {
  checkBatch(model, x, n, 'inputGradient');
  if (classes.length < n) throw new CnnModelError(`inputGradient: ${n} images need ${n} classes, got ${classes.length}.`);
  const k = model.classCount;
  const size = model.network.inputSize;
  const out = new Float32Array(n * size);
  const gradLogits = new Float32Array(CHUNK * k);
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const logits = model.network.forward(x.subarray(start * size, (start + rows) * size), rows);
    for (let r = 0; r < rows; r++) {
      const target = classes[start + r] as number;
      if (!Number.isInteger(target) || target < 0 || target >= k) {
        throw new CnnModelError(`inputGradient: class ${target} of image ${start + r} is not one of the ${k} classes (0 to ${k - 1}).`);
      }
      softmaxRow(logits, r * k, k, gradLogits, r * k);
      gradLogits[r * k + target] = (gradLogits[r * k + target] as number) - 1;
    }
    out.set(model.network.inputGradient(gradLogits.subarray(0, rows * k), rows), start * size);
  }
  return out;
}
