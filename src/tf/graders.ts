/**
 * Grading a run of the reader's code, inside the code worker, after the code has finished.
 *
 * `runGrader` dispatches on the spec's kind: the `function`, `agent-win-rate` and `custom`
 * graders are pure (src/lib/grading/); the `model-accuracy` grader lives here because it runs
 * the reader's tfjs model. It uses the `tf` it is handed (the worker's, with its backend)
 * and never imports tfjs itself.
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
import { gradeAgent } from '../lib/grading/agent-grader.ts';
import { runCustomGrader } from '../lib/grading/custom-grader.ts';
import { describeValue } from '../lib/grading/describe.ts';
import { percentAgainst, thresholdPercent } from '../lib/grading/figures.ts';
import { gradeFunction } from '../lib/grading/function-grader.ts';
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
  /** Writes to the cell's output. */
  print: (...args: unknown[]) => void;
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
}

/** Grades one run. See the module comment for what throws. */
export async function runGrader(spec: GraderSpec, ctx: GraderContext, deps: GraderDeps = {}): Promise<GradeResult> {
  switch (spec.kind) {
    case 'function':
      return gradeFunction(spec, ctx.exports);
    case 'agent-win-rate':
      return gradeAgent(spec, ctx.exports, deps.now ? { now: deps.now } : {});
    case 'custom':
      return runCustomGrader(spec.source, { returned: ctx.returned, exports: ctx.exports, tf: ctx.tf, datasets: ctx.datasets, print: ctx.print });
    case 'model-accuracy':
      return gradeModelAccuracy(spec, ctx, deps);
  }
}

/** Images per predict call: large enough to be fast on a GPU, small enough for any memory. */
const EVAL_BATCH = 1000;

const DEFAULT_ADVICE = 'Try a hidden layer (e.g. 128 units with relu), the adam optimizer, or more epochs.';

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
  return `Your code returned ${describeValue(returned)}, not a tfjs model. ${end}`;
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
    return { pass: true, figure: accuracy, figureText, message: `Your model reaches ${rate} on the ${images} (${needed} needed). Well done!`, details };
  }
  const diverged =
    nonFinite > 0
      ? ` Its scores are NaN or infinite for ${formatCount(nonFinite)} images: training diverged, so try a smaller learning rate.`
      : '';
  return {
    pass: false,
    figure: accuracy,
    figureText,
    message: `Your model reaches ${rate} on the ${images}; ${needed} is needed.${diverged} ${spec.advice ?? DEFAULT_ADVICE}`,
    details,
  };
}
