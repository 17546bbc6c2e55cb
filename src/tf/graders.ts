/**
 * Grading a run of the reader's code: measuring in the code worker (`measureRun`, after the
 * reader's code has finished) and, for the `model-accuracy` grader, evaluating the saved model in
 * the grader worker (`loadSavedModel` then `gradeModelAccuracy`), a realm where no reader code
 * ever ran. The other graders are judged in the page (src/lib/grading/measure.ts). Everything
 * here uses the `tf` it is handed and never imports tfjs itself.
 *
 * A grader returns a GradeResult for everything the reader's code did (wrong value, wrong
 * model, low accuracy). `runGrader` throws only when grading itself could not happen, e.g.
 * the test data failed to download (a DataLoadError with a message saying what to do) or the
 * exercise names an unknown environment; the worker reports that as an error of phase 'grade'.
 */
import type * as TF from '@tensorflow/tfjs';
import type { GradeResult, GraderSpec, ModelAccuracyGraderSpec } from '../lib/exercises/types.ts';
import { loadSplit } from '../lib/data/load.ts';
import { DATASETS, type DatasetId, type SplitName } from '../lib/data/manifest.ts';
import { errorText } from '../lib/format/error-text.ts';
import { formatCount } from '../lib/format/numbers.ts';
import { measureAgent } from '../lib/grading/agent-grader.ts';
import { measureCustom } from '../lib/grading/custom-grader.ts';
import {
  checkModelMeasurement,
  judgeMeasurement,
  measurePlan,
  type MeasurePlan,
  type Measurement,
  type ModelArtifactsData,
  type ModelMeasurement,
} from '../lib/grading/measure.ts';
import { describeReturned } from '../lib/grading/describe.ts';
import { percentAgainst, thresholdPercent } from '../lib/grading/figures.ts';
import { measureFunction } from '../lib/grading/function-grader.ts';
import { judgeTensorsLeft, type TensorsLeft } from '../lib/grading/tensors-left.ts';
import type { Tf } from './backend.ts';

export interface GraderContext {
  /** What the reader's code returned (`return model;`). */
  returned: unknown;
  /** The reader's top-level names the grader needs (see exposedNames). */
  exports: Record<string, unknown>;
  /** The worker's tfjs, with the backend the run used. */
  tf: Tf;
  /** Absolute URL of the site's data/ folder (`<dataUrl>/<dataset>/<file>.gz`). */
  dataUrl: string;
  /** The `datasets` object the reader's code had (passed to custom graders). */
  datasets: unknown;
  /** The `models` object the reader's code had (passed to custom graders). */
  models?: unknown;
  /** Writes to the cell's output. */
  print: (...args: unknown[]) => void;
  /** The tensors the reader's code left allocated when it returned (counted by the code worker). */
  tensorsLeft?: TensorsLeft;
}

/** What the model-accuracy grader needs of a data split (the shape `loadSplit` returns). */
export interface GradingSplit {
  /** count × rows × cols pixels, 0–255, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

export type GradingSplitLoader = (dataUrl: string, dataset: DatasetId, split: SplitName, options: { limit?: number }) => Promise<GradingSplit>;

export interface GraderDeps {
  /** Loads the evaluation split (default: loadSplit from lib/data/load.ts); tests inject small data. */
  loadSplit?: GradingSplitLoader;
  /** Millisecond clock for the agent grader (default performance.now). */
  now?: () => number;
  /** Model saving captured before the reader's code ran (default: captured now). */
  save?: ModelSaving;
}

/**
 * Runs in the code worker after the reader's code: measures what `plan` asks for and decides
 * nothing (see src/lib/grading/measure.ts). Throws only when measuring itself could not happen
 * (an unknown environment id: a bug in the exercise).
 */
export async function measureRun(plan: MeasurePlan, ctx: GraderContext, deps: GraderDeps = {}): Promise<Measurement> {
  switch (plan.kind) {
    case 'function':
      return measureFunction(plan, ctx.exports);
    case 'agent':
      return measureAgent(plan, ctx.exports, deps.now ? { now: deps.now } : {});
    case 'custom':
      return measureCustom(plan, {
        returned: ctx.returned,
        exports: ctx.exports,
        tf: ctx.tf,
        datasets: ctx.datasets,
        models: ctx.models,
        print: ctx.print,
      });
    case 'model': {
      const saved = await saveModel(ctx.tf, ctx.returned, deps.save);
      return ctx.tensorsLeft && 'artifacts' in saved ? { ...saved, tensorsLeft: ctx.tensorsLeft } : saved;
    }
  }
}

/** What saving a model needs, captured before the reader's code runs (see captureModelSaving). */
export interface ModelSaving {
  isModel(value: unknown): boolean;
  save(model: unknown): Promise<ModelArtifactsData>;
}

/**
 * Captures the tfjs functions that save a model, right after tfjs is loaded and before the
 * reader's code runs, so that replacing `tf.io.withSaveHandler` or `LayersModel.prototype.save`
 * afterwards changes nothing.
 */
export function captureModelSaving(tf: Tf): ModelSaving {
  const LayersModel = tf.LayersModel;
  const proto = LayersModel.prototype;
  const saveMethod = proto.save;
  const withSaveHandler = tf.io.withSaveHandler;
  const concat = tf.io.concatenateArrayBuffers;
  const getProto = Reflect.getPrototypeOf;
  const apply = Reflect.apply;
  return {
    isModel(value) {
      for (let p = typeof value === 'object' && value !== null ? getProto(value) : null; p; p = getProto(p)) if (p === proto) return true;
      return false;
    },
    async save(model) {
      let saved: TF.io.ModelArtifacts | null = null;
      const handler = withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      });
      await apply(saveMethod, model, [handler]);
      const a = saved as TF.io.ModelArtifacts | null;
      if (!a || !a.modelTopology || !a.weightSpecs || !a.weightData) throw new Error('the model gave no weights');
      const weightData = Array.isArray(a.weightData) ? concat(a.weightData) : (a.weightData as ArrayBuffer);
      return { modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, weightData };
    },
  };
}

/** The reader's returned model, saved (topology and weights) for the grader worker; or why it cannot be. */
export async function saveModel(tf: Tf, returned: unknown, saving: ModelSaving = captureModelSaving(tf)): Promise<ModelMeasurement> {
  if (!saving.isModel(returned)) return { kind: 'model', problem: notAModel(tf, returned) };
  try {
    return { kind: 'model', artifacts: await saving.save(returned) };
  } catch (error) {
    return {
      kind: 'model',
      problem:
        `Your model could not be saved for grading: ${errorText(error)}. Check that your code does not dispose the model before returning it, ` +
        'and build it from tf.layers (custom layer classes cannot be graded).',
    };
  }
}

/** Rebuilds a saved model (in the grader worker, a realm that never ran reader code). */
export async function loadSavedModel(tf: Tf, artifacts: ModelArtifactsData): Promise<TF.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology as TF.io.ModelArtifacts['modelTopology'],
      weightSpecs: artifacts.weightSpecs as TF.io.WeightsManifestEntry[],
      weightData: artifacts.weightData,
    }),
  );
}

/**
 * Measures and judges one run in one place (the tests' and benchmarks' shortcut): the model is
 * saved, rebuilt and evaluated as the grader worker does; the others go through a structured
 * copy, as a message would, and the page's judge.
 */
export async function runGrader(spec: GraderSpec, ctx: GraderContext, deps: GraderDeps = {}): Promise<GradeResult> {
  const plan = measurePlan(spec);
  if (!plan) return judgeMeasurement(spec as Exclude<GraderSpec, { kind: 'model-accuracy' }>, null);
  const measured = structuredClone(await measureRun(plan, ctx, deps));
  if (spec.kind !== 'model-accuracy') return judgeMeasurement(spec, measured);
  const checked = checkModelMeasurement(measured);
  if ('result' in checked) return checked.result;
  const model = await loadSavedModel(ctx.tf, checked.artifacts);
  try {
    return judgeTensorsLeft(spec.maxTensorsLeft, await gradeModelAccuracy(spec, { ...ctx, returned: model }, deps), checked.tensorsLeft);
  } finally {
    model.dispose();
  }
}
/** Images per predict call: large enough to be fast on a GPU, small enough for any memory. */
const EVAL_BATCH = 1000;

const DEFAULT_ADVICE =
  "Try a hidden layer (e.g. `tf.layers.dense({ units: 128, activation: 'relu' })`), the adam optimizer (`tf.train.adam(0.002)`), or more epochs.";

/**
 * What a model that falls short should try, from what was measured: scores that are NaN get
 * the divergence note above and nothing else; a model no better than guessing has not learned at all;
 * otherwise the exercise's own advice.
 */
export function modelAdvice(accuracy: number, classes: number, nonFinite: number, advice: string | undefined): string {
  if (nonFinite > 0) return '';
  if (accuracy < 2 / classes) {
    return (
      `That is about what guessing gets (1 in ${classes}): the model has not learned. ` +
      'Check that your code trains it before returning it (`await model.fit(…)`), with labels that match the images, and that the loss printed after each epoch falls.'
    );
  }
  return advice ?? DEFAULT_ADVICE;
}

/** How the model wants its images: the shape of one example. */
type InputLayout = number[];

function fail(message: string): GradeResult {
  return { pass: false, message };
}

function shapeText(shape: ReadonlyArray<number | null>): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

function isLayersModel(tf: Tf, value: unknown): value is TF.LayersModel {
  if (value instanceof tf.LayersModel) return true;
  // A model built by another copy of tfjs: accept anything shaped like one.
  const v = value as Partial<TF.LayersModel> | null;
  return typeof v === 'object' && v !== null && typeof v.predict === 'function' && Array.isArray(v.inputs) && Array.isArray(v.outputs);
}

/** Why `returned` is not a model, in words, for the reader. */
function notAModel(tf: Tf, returned: unknown): string {
  const end = 'End your code with `return model;` (the variable that holds your tf.sequential() or tf.model()).';
  if (returned === undefined) return 'Your code must end with `return model;` so the grader can test your model: it returned nothing.';
  if (returned instanceof tf.Tensor) return `Your code returned a tensor of shape ${shapeText(returned.shape)}, not a model. ${end}`;
  const v = returned as { history?: unknown; epoch?: unknown } | null;
  if (typeof v === 'object' && v !== null && typeof v.history === 'object' && Array.isArray(v.epoch)) {
    return `Your code returned the training history that model.fit gives back, not the model. ${end}`;
  }
  return `Your code returned ${describeReturned(returned)}, not a tfjs model. ${end}`;
}

/** The layout of one image the model accepts (flat pixels, or rows × cols [× 1]), or null. */
function inputLayout(shape: ReadonlyArray<number | null>, rows: number, cols: number): InputLayout | null {
  const candidates: InputLayout[] = [[rows * cols], [rows, cols, 1], [rows, cols]];
  const example = shape.slice(1);
  return candidates.find((c) => c.length === example.length && c.every((d, i) => example[i] === null || example[i] === d)) ?? null;
}

/**
 * The model-accuracy grader: evaluates the model the reader's code returned on a dataset split
 * and passes when its accuracy reaches the threshold. Leaves no tensors behind.
 */
export async function gradeModelAccuracy(spec: ModelAccuracyGraderSpec, ctx: GraderContext, deps: GraderDeps = {}): Promise<GradeResult> {
  const { tf, returned } = ctx;
  const info = DATASETS[spec.dataset];
  const classes = info.classNames.length;
  if (!isLayersModel(tf, returned)) return fail(notAModel(tf, returned));
  const model = returned;

  // The model's shape must fit the data before anything is downloaded.
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    return fail(
      `Your model has ${model.inputs.length} inputs and ${model.outputs.length} outputs; the grader needs exactly one of each: ` +
        `the images in, one score per class out.`,
    );
  }
  const inShape = model.inputs[0]!.shape;
  const outShape = model.outputs[0]!.shape;
  const what = spec.dataset === 'mnist' ? 'the digits 0 to 9' : `${info.title}'s ${classes} kinds of article`;
  if (outShape.length !== 2) {
    return fail(
      `Your model's output has shape ${shapeText(outShape)}; it should be [null, ${classes}]: ${classes} scores per image. ` +
        'Add tf.layers.flatten() before the last dense layer.',
    );
  }
  if (outShape[1] !== classes) {
    return fail(
      `Your model's output has ${outShape[1]} ${outShape[1] === 1 ? 'value' : 'values'} per image; it needs ${classes}, ` +
        `one score per class (${what}). Make the last layer \`tf.layers.dense({ units: ${classes}, activation: 'softmax' })\`.`,
    );
  }

  const load = deps.loadSplit ?? ((url, dataset, split, options) => loadSplit(url, dataset, split, options));
  const data = await load(ctx.dataUrl, spec.dataset, spec.split, spec.limit !== undefined ? { limit: spec.limit } : {});
  const { rows, cols } = data;
  const layout = inputLayout(inShape, rows, cols);
  if (!layout) {
    return fail(
      `Your model expects inputs of shape ${shapeText(inShape)}, but ${info.title} images are ${rows} × ${cols} pixels. ` +
        `Give the first layer \`inputShape: [${rows * cols}]\` (the pixels in a row, as datasets.load gives them) or ` +
        `\`inputShape: [${rows}, ${cols}, 1]\` (an image with one channel).`,
    );
  }

  const count = data.count;
  const pixels = rows * cols;
  let correct = 0;
  let nonFinite = 0;
  for (let start = 0; start < count; start += EVAL_BATCH) {
    const n = Math.min(EVAL_BATCH, count - start);
    // Pixels scaled to 0–1, as datasets.load gives them to the reader.
    const batch = new Float32Array(n * pixels);
    const source = data.images.subarray(start * pixels, (start + n) * pixels);
    for (let i = 0; i < batch.length; i++) batch[i] = source[i]! / 255;
    let predicted: TF.Tensor;
    let bad: TF.Tensor;
    try {
      [predicted, bad] = tf.tidy(() => {
        const out = model.predict(tf.tensor(batch, [n, ...layout]));
        const scores = (Array.isArray(out) ? out[0]! : out) as TF.Tensor;
        const rowBad = tf.logicalNot(tf.isFinite(scores)).any(-1);
        return [scores.argMax(-1), rowBad.sum()];
      });
    } catch (error) {
      return fail(`Your model could not make predictions: ${errorText(error)}. Check that your code does not dispose the model before returning it.`);
    }
    const [labelsOut, badOut] = await Promise.all([predicted.data(), bad.data()]);
    predicted.dispose();
    bad.dispose();
    for (let i = 0; i < n; i++) if (labelsOut[i] === data.labels[start + i]) correct += 1;
    nonFinite += badOut[0] ?? 0;
  }

  const accuracy = count > 0 ? correct / count : 0;
  const rate = percentAgainst(accuracy, spec.threshold);
  const needed = thresholdPercent(spec.threshold);
  const images = `${formatCount(count)} ${info.title} ${spec.split === 'test' ? 'test' : 'training'} ${count === 1 ? 'image' : 'images'}`;
  const figureText = `${rate} of the ${images}`;
  const details = [`${formatCount(correct)} of ${formatCount(count)} images classified correctly.`];
  if (nonFinite > 0) details.push(`The model's scores were NaN or infinite for ${formatCount(nonFinite)} images.`);
  if (accuracy >= spec.threshold) {
    return {
      pass: true,
      figure: accuracy,
      figureText,
      message: `Your model reaches ${rate} on the ${images} (${needed} needed). Well done!`,
      details,
    };
  }
  const diverged =
    nonFinite > 0 ? ` Its scores are NaN or infinite for ${formatCount(nonFinite)} images: training diverged, so try a smaller learning rate.` : '';
  return {
    pass: false,
    figure: accuracy,
    figureText,
    message:
      `Your model reaches ${rate} on the ${images}; ${needed} is needed.${diverged} ${modelAdvice(accuracy, classes, nonFinite, spec.advice)}`.trimEnd(),
    details,
  };
}
