/**
 * Runs a tfjs Layers model made only of Dense layers (the pretrained autoencoders' encoders and
 * decoders) in plain TypeScript, from its `model.json` and `weights.bin`, without tfjs: one latent
 * vector decodes in well under a millisecond, so a click shows its image within the same frame, and
 * the pages show the pretrained models before any tfjs is loaded (`denseAutoencoder`).
 *
 * The files are untrusted until checked: `parseDenseModel` validates the topology (Sequential or a
 * chain of Dense layers, activations relu / sigmoid / linear), the weights manifest (float32 only,
 * every kernel and bias present with the shape the layers imply) and the byte length of the weights,
 * and throws a `DenseModelError` that says what is wrong.
 */

export type DenseActivation = 'relu' | 'sigmoid' | 'linear' | 'tanh';

export interface DenseLayer {
  name: string;
  inputs: number;
  units: number;
  activation: DenseActivation;
  /** inputs × units, row-major (tfjs's layout: kernel[i * units + j] links input i to unit j). */
  kernel: Float32Array;
  /** units (zeros when the layer has no bias). */
  bias: Float32Array;
}

export interface DenseModel {
  layers: DenseLayer[];
  inputSize: number;
  outputSize: number;
}

export class DenseModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DenseModelError';
  }
}

const ACTIVATIONS: readonly string[] = ['relu', 'sigmoid', 'linear', 'tanh'];

/** One weight of a tfjs weights manifest: where its float32 values start in weights.bin, and how many. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  offset: number;
  size: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(message: string): never {
  throw new DenseModelError(message);
}

/** The layer configs of a Sequential model (Keras 2 or tfjs layout), or of a functional model's chain. Throws DenseModelError. */
export function layerConfigs(json: Record<string, unknown>): Record<string, unknown>[] {
  const topology = json['modelTopology'];
  if (!isRecord(topology)) fail('model.json has no modelTopology: is it a tfjs Layers model (tf.io / tfjs.converters.save_keras_model)?');
  const model = isRecord(topology['model_config']) ? topology['model_config'] : topology;
  const config = model['config'];
  const layers = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : undefined;
  if (!Array.isArray(layers) || layers.length === 0) fail('model.json lists no layers (modelTopology.config.layers is missing or empty).');
  return layers.map((layer, i) => (isRecord(layer) ? layer : fail(`Layer ${i + 1} of model.json is not an object.`)));
}

/** The float32 weights a tfjs weights manifest lists, with their byte offsets. Throws DenseModelError. */
export function weightSpecs(json: Record<string, unknown>): { specs: WeightSpec[]; bytes: number } {
  const manifest = json['weightsManifest'];
  if (!Array.isArray(manifest) || manifest.length === 0) fail('model.json has no weightsManifest: the weights cannot be found.');
  const specs: WeightSpec[] = [];
  let offset = 0;
  for (const group of manifest) {
    const weights = isRecord(group) ? group['weights'] : undefined;
    if (!Array.isArray(weights)) fail('A group of the weightsManifest has no weights list.');
    for (const w of weights) {
      if (!isRecord(w) || typeof w['name'] !== 'string' || !Array.isArray(w['shape'])) fail('A weight of the manifest has no name or shape.');
      const name = w['name'];
      const shape = w['shape'] as unknown[];
      if (!shape.every((s) => Number.isInteger(s) && (s as number) > 0)) fail(`Weight ${name} has an invalid shape [${shape.join(', ')}].`);
      const dtype = typeof w['dtype'] === 'string' ? w['dtype'] : 'float32';
      if (dtype !== 'float32') fail(`Weight ${name} is ${dtype}; only float32 weights are supported (save the model without quantisation).`);
      if (w['quantization'] !== undefined) fail(`Weight ${name} is quantised; only plain float32 weights are supported.`);
      const size = (shape as number[]).reduce((a, b) => a * b, 1);
      specs.push({ name, shape: shape as number[], dtype, offset, size });
      offset += size * 4;
    }
  }
  return { specs, bytes: offset };
}

function activationOf(config: Record<string, unknown>, name: string): DenseActivation {
  const raw = config['activation'] ?? 'linear';
  const activation = raw === null ? 'linear' : raw;
  if (typeof activation !== 'string' || !ACTIVATIONS.includes(activation)) {
    fail(`Layer ${name} has activation ${JSON.stringify(activation)}; only relu, sigmoid, tanh and linear can run here.`);
  }
  return activation as DenseActivation;
}

/** The input width a model declares on its first layer (batch_input_shape / batchInputShape), if any. */
function declaredInput(config: Record<string, unknown>): number | null {
  const shape = config['batch_input_shape'] ?? config['batchInputShape'] ?? config['batch_shape'];
  if (!Array.isArray(shape)) return null;
  const last = shape[shape.length - 1];
  return Number.isInteger(last) ? (last as number) : null;
}

/**
 * Checks a tfjs Layers `model.json` (already parsed from JSON) and its weights file and returns the
 * model's layers. Throws `DenseModelError` naming the problem.
 */
export function parseDenseModel(modelJson: unknown, weights: ArrayBuffer): DenseModel {
  if (!isRecord(modelJson)) fail('model.json is not a JSON object.');
  const configs = layerConfigs(modelJson);
  const { specs, bytes } = weightSpecs(modelJson);
  if (weights.byteLength !== bytes) {
    fail(
      `weights.bin holds ${weights.byteLength} bytes but the manifest describes ${bytes}: the files do not belong together, or the download was cut short.`,
    );
  }
  const used = new Set<string>();
  const find = (layer: string, kind: 'kernel' | 'bias'): WeightSpec | undefined => {
    const spec = specs.find((s) => s.name === `${layer}/${kind}` || s.name.endsWith(`/${layer}/${kind}`));
    if (spec) used.add(spec.name);
    return spec;
  };

  const layers: DenseLayer[] = [];
  let inputs: number | null = null;
  for (const [i, layer] of configs.entries()) {
    const className = layer['class_name'] ?? layer['className'];
    const config = isRecord(layer['config']) ? layer['config'] : {};
    const name = typeof config['name'] === 'string' ? config['name'] : `layer ${i + 1}`;
    if (className === 'InputLayer') {
      inputs = declaredInput(config);
      continue;
    }
    if (className !== 'Dense') fail(`Layer ${name} is a ${String(className)} layer; only Dense layers can run here.`);
    inputs ??= declaredInput(config);
    const units = config['units'];
    if (!Number.isInteger(units) || (units as number) < 1) fail(`Dense layer ${name} has no valid units.`);
    const activation = activationOf(config, name);
    const kernelSpec = find(name, 'kernel') ?? fail(`The weights of layer ${name} are missing: no ${name}/kernel in the manifest.`);
    const [rows, cols] = kernelSpec.shape;
    if (kernelSpec.shape.length !== 2 || cols !== units || (inputs !== null && rows !== inputs)) {
      fail(`${kernelSpec.name} has shape [${kernelSpec.shape.join(', ')}] but the layer needs [${inputs ?? '?'}, ${String(units)}].`);
    }
    const useBias = config['use_bias'] ?? config['useBias'] ?? true;
    const biasSpec = useBias ? (find(name, 'bias') ?? fail(`The weights of layer ${name} are missing: no ${name}/bias in the manifest.`)) : undefined;
    if (biasSpec && (biasSpec.shape.length !== 1 || biasSpec.shape[0] !== units)) {
      fail(`${biasSpec.name} has shape [${biasSpec.shape.join(', ')}] but the layer needs [${String(units)}].`);
    }
    layers.push({
      name,
      inputs: rows!,
      units: units as number,
      activation,
      kernel: new Float32Array(weights.slice(kernelSpec.offset, kernelSpec.offset + kernelSpec.size * 4)),
      bias: biasSpec ? new Float32Array(weights.slice(biasSpec.offset, biasSpec.offset + biasSpec.size * 4)) : new Float32Array(units as number),
    });
    inputs = units as number;
  }
  if (layers.length === 0) fail('model.json has no Dense layer.');
  const unused = specs.filter((s) => !used.has(s.name));
  if (unused.length)
    fail(`The manifest has weights no layer uses (${unused.map((s) => s.name).join(', ')}): is this a Dense-only model's model.json?`);
  return { layers, inputSize: layers[0]!.inputs, outputSize: layers[layers.length - 1]!.units };
}

function activate(values: Float32Array, activation: DenseActivation): void {
  if (activation === 'linear') return;
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    values[j] = activation === 'relu' ? (v > 0 ? v : 0) : activation === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : Math.tanh(v);
  }
}

/** Runs the model on one input vector (length `inputSize`); returns a new array of `outputSize`. */
export function runDense(model: DenseModel, input: ArrayLike<number>): Float32Array {
  if (input.length !== model.inputSize) throw new DenseModelError(`The model takes ${model.inputSize} numbers, got ${input.length}.`);
  return runDenseBatch(model, Float32Array.from(input), 1);
}

/**
 * Runs the model on n input vectors (row-major, n × `inputSize`); returns n × `outputSize`, row-major.
 * About 2 × n × (weights) floating-point operations: the 10,000 test images through the AE encoder are
 * roughly a GFLOP, so a page runs that in slices (or reads the committed embedding.bin instead).
 */
export function runDenseBatch(model: DenseModel, inputs: Float32Array, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 0 || inputs.length !== n * model.inputSize) {
    throw new DenseModelError(`The model takes ${n} × ${model.inputSize} numbers, got ${inputs.length}.`);
  }
  let current = inputs;
  for (const layer of model.layers) {
    const { kernel, units, bias } = layer;
    const out = new Float32Array(n * units);
    for (let r = 0; r < n; r++) {
      const o = r * units;
      const x0 = r * layer.inputs;
      out.set(bias, o);
      for (let i = 0; i < layer.inputs; i++) {
        const x = current[x0 + i]!;
        if (x === 0) continue;
        const row = i * units;
        for (let j = 0; j < units; j++) out[o + j]! += x * kernel[row + j]!;
      }
    }
    activate(out, layer.activation);
    current = out;
  }
  return current;
}

/** A pretrained autoencoder run without tfjs: images are row-major n × `pixels`, 0…1; codes n × `latent`. */
export interface DenseAutoencoder {
  /** Size of the code z (a VAE's encoder gives μ then log σ²; `encode` returns μ). */
  readonly latent: number;
  readonly pixels: number;
  encode(images: Float32Array, n: number): Float32Array;
  decode(codes: Float32Array, n: number): Float32Array;
  /** decode(encode(images)): what the network rebuilds. */
  reconstruct(images: Float32Array, n: number): Float32Array;
}

/** Pairs an encoder and a decoder; throws `DenseModelError` when their sizes do not fit together. */
export function denseAutoencoder(encoder: DenseModel, decoder: DenseModel): DenseAutoencoder {
  const pixels = encoder.inputSize;
  const latent = decoder.inputSize;
  if (decoder.outputSize !== pixels) throw new DenseModelError(`The decoder gives ${decoder.outputSize} pixels, the encoder takes ${pixels}.`);
  const encoded = encoder.outputSize;
  if (encoded !== latent && encoded !== 2 * latent) {
    throw new DenseModelError(`The encoder gives ${encoded} numbers, but the decoder takes ${latent}.`);
  }
  const encode = (images: Float32Array, n: number): Float32Array => {
    const out = runDenseBatch(encoder, images, n);
    if (encoded === latent) return out;
    const mu = new Float32Array(n * latent);
    for (let r = 0; r < n; r++) mu.set(out.subarray(r * encoded, r * encoded + latent), r * latent);
    return mu;
  };
  const decode = (codes: Float32Array, n: number): Float32Array => runDenseBatch(decoder, codes, n);
  return { latent, pixels, encode, decode, reconstruct: (images, n) => decode(encode(images, n), n) };
}
