/**
 * Checking a model.json a reader brings (untrusted): is it JSON, is it a TensorFlow.js layers
 * model (a topology and a weights manifest), what input and output it has, and how many bytes of
 * weights it describes. Every problem comes back as a message saying what is wrong and what to do,
 * never as an exception. Pure: text in, a checked description out (the worker then builds the
 * model from it with tfjs, which checks the layers themselves).
 */
import { INPUT_SIZE, CLASSES } from '../supervised/model-spec.ts';
import { formatCount } from '../format/numbers.ts';

/** What went wrong with a file, in words. */
export interface FileProblem {
  message: string;
  hint: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: FileProblem };

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; [key: string]: unknown };
}

/** A model.json that passed every check. */
export interface ModelJson {
  modelTopology: Record<string, unknown>;
  weightSpecs: WeightSpec[];
  /** The weights files it names, in order (as written: often './model.weights.bin'). */
  weightPaths: string[];
  /** Bytes of weights its manifest describes, over all files. */
  weightBytes: number;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: Record<string, unknown>;
  /** Units of its dense layers, input first: [784, 128, 10]. */
  units: number[];
}

/** The name of the weights file a download gives (tfjs's own name for a model called 'model'). */
export const WEIGHTS_FILE = 'model.weights.bin';

export const JSON_HINT =
  'Choose the model.json downloaded from this page (or saved by TensorFlow.js with model.save), together with its weights file.';

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string, hint = JSON_HINT): { ok: false; problem: FileProblem } => ({ ok: false, problem: { message, hint } });

/** Bytes one weight takes in the weights file (checks its shape and type). */
function weightByteLength(w: unknown): number | null {
  if (!isRecord(w) || typeof w['name'] !== 'string' || !Array.isArray(w['shape'])) return null;
  const shape = w['shape'] as unknown[];
  if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) return null;
  const q = w['quantization'];
  const bytes = isRecord(q) ? QUANTIZED_BYTES[String(q['dtype'])] : DTYPE_BYTES[String(w['dtype'])];
  if (bytes === undefined) return null;
  return (shape as number[]).reduce((a, b) => a * b, 1) * bytes;
}

/** The layer configs of a layers-model topology (Sequential or functional), or null. */
function layerConfigs(topology: Record<string, unknown>): Record<string, unknown>[] | null {
  const root = isRecord(topology['model_config']) ? topology['model_config'] : topology;
  const config = root['config'];
  const layers = Array.isArray(config) ? config : isRecord(config) ? config['layers'] : null;
  if (!Array.isArray(layers) || layers.length === 0 || !layers.every((l) => isRecord(l) && isRecord(l['config']))) return null;
  return layers.map((l) => (l as Record<string, Record<string, unknown>>)['config'] as Record<string, unknown>);
}

const shapeText = (shape: unknown[]): string => `[${shape.map((d) => (d === null ? 'batch' : String(d))).join(', ')}]`;

/** Checks the text of a model.json. `fileName` names it in the messages. */
export function parseModelJson(text: string, fileName: string): Checked<ModelJson> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(`'${fileName}' is not a model.json file: its text is not valid JSON (it may be damaged, or another kind of file).`);
  }
  if (!isRecord(json) || !isRecord(json['modelTopology']) || !Array.isArray(json['weightsManifest'])) {
    return fail(`'${fileName}' is JSON but not a TensorFlow.js model: it has no modelTopology and weightsManifest.`);
  }
  if (json['format'] !== undefined && json['format'] !== 'layers-model') {
    return fail(
      `'${fileName}' is a TensorFlow.js ${String(json['format'])}, not a layers model; this page can only load layers models.`,
      'Save the model with model.save() from the layers API (tf.sequential or tf.model), or use the Download button here.',
    );
  }
  const topology = json['modelTopology'];
  const layers = layerConfigs(topology);
  if (!layers) return fail(`'${fileName}' does not describe its layers the way a TensorFlow.js layers model does.`);

  const weightSpecs: WeightSpec[] = [];
  const weightPaths: string[] = [];
  let weightBytes = 0;
  for (const group of json['weightsManifest'] as unknown[]) {
    if (!isRecord(group) || !Array.isArray(group['paths']) || !Array.isArray(group['weights'])) {
      return fail(`The weightsManifest of '${fileName}' is damaged: each entry needs its paths and weights.`);
    }
    for (const p of group['paths'] as unknown[]) {
      if (typeof p !== 'string') return fail(`The weightsManifest of '${fileName}' names a weights file that is not a string.`);
      weightPaths.push(p);
    }
    for (const w of group['weights'] as unknown[]) {
      const bytes = weightByteLength(w);
      if (bytes === null) return fail(`The weightsManifest of '${fileName}' has a weight with no valid name, shape or data type.`);
      weightSpecs.push(w as WeightSpec);
      weightBytes += bytes;
    }
  }

  const inputShape = layers.map((c) => c['batch_input_shape'] ?? c['batchInputShape']).find(Array.isArray) as unknown[] | undefined;
  if (!inputShape) return fail(`'${fileName}' does not say what input its model takes (no input shape on its first layer).`);
  if (inputShape.length !== 2 || inputShape[1] !== INPUT_SIZE) {
    return fail(
      `This model takes inputs of shape ${shapeText(inputShape)}, but the inspector gives it ${INPUT_SIZE} pixels in a row (a 28×28 image, flattened): [batch, ${INPUT_SIZE}].`,
      `Load a model whose first layer takes ${INPUT_SIZE} inputs, like the ones the model builder trains.`,
    );
  }
  const units = layers.map((c) => c['units']).filter((u): u is number => typeof u === 'number');
  const output = units.at(-1);
  if (output !== CLASSES) {
    return fail(
      output === undefined
        ? `This model has no dense output layer; the inspector needs ${CLASSES} outputs, one per digit.`
        : `This model has ${formatCount(output)} outputs, but the inspector needs ${CLASSES}, one per digit 0–9.`,
      `Load a model that classifies MNIST digits: its last layer must be dense with ${CLASSES} units.`,
    );
  }
  return {
    ok: true,
    value: {
      modelTopology: topology,
      weightSpecs,
      weightPaths,
      weightBytes,
      ...(typeof json['format'] === 'string' ? { format: json['format'] } : {}),
      ...(typeof json['generatedBy'] === 'string' ? { generatedBy: json['generatedBy'] } : {}),
      ...(typeof json['convertedBy'] === 'string' || json['convertedBy'] === null ? { convertedBy: json['convertedBy'] as string | null } : {}),
      ...(isRecord(json['userDefinedMetadata']) ? { userDefinedMetadata: json['userDefinedMetadata'] } : {}),
      units: [INPUT_SIZE, ...units],
    },
  };
}

/** The model.json text for artifacts that are downloaded with one weights file called `weightsFile`. */
export function modelJsonText(artifacts: Omit<ModelJson, 'weightPaths' | 'weightBytes' | 'units'>, weightsFile: string): string {
  const { modelTopology, weightSpecs, ...rest } = artifacts;
  return JSON.stringify({
    ...rest,
    format: rest.format ?? 'layers-model',
    modelTopology,
    weightsManifest: [{ paths: [`./${weightsFile}`], weights: weightSpecs }],
  });
}
