/**
 * The judge of the exercise "Implement FGSM" (content/exercises/fgsm/).
 *
 * The protocol: the reader writes `fgsm(model, images, labels, epsilon)`, the Fast Gradient Sign
 * Method. The measuring script (measure.js, in the code worker) loads the pretrained CNN with
 * `models.load('fashion-cnn')`, calls the reader's fgsm on the first COUNT Fashion-MNIST test
 * images at ε = EPSILON and returns the adversarial pixels, untouched. Here, in the page, the judge
 * loads its own copy of the test images, their labels and the model's files, and checks three rules:
 *  1. every pixel of every adversarial image is inside [0, 1];
 *  2. no pixel moved further than ε from the original (max-norm, within TOLERANCE);
 *  3. the attack's success rate reaches THRESHOLD: of the images the model classifies correctly,
 *     the share it misclassifies once attacked (robustness.ts's attackSummary, as the lesson counts).
 *
 * Why the page predicts, and not measure.js with tfjs: the reader's code shares the worker with
 * the measuring script and can replace anything there (model.predict, tf.argMax, even the images
 * `datasets.load` returns), so predictions or "originals" computed there could be forged. The page
 * runs no reader code: it reads only the adversarial pixels, compares them with its own originals
 * (so swapped originals show as perturbations larger than ε) and classifies them with the
 * from-scratch engine (lib/adversarial/cnn-model.ts) on the committed weights, the model the
 * lesson's widgets attack. The engine computes what tfjs computes, within float rounding.
 */
import type { CnnModel } from '../../adversarial/cnn-model.ts';
import type { GradeResult } from '../../exercises/types.ts';
import { errorText } from '../../format/error-text.ts';
import { formatCount, formatPercent } from '../../format/numbers.ts';
import { PRETRAINED_CNN_URL } from '../../supervised/pretrained.ts';
import { percentAgainst, thresholdPercent } from '../figures.ts';
import type { JudgeContext } from './index.ts';

export interface FgsmInput {
  dataset: 'fashion-mnist';
  /** The first `count` test images are attacked. */
  count: number;
  epsilon: number;
  /** The model measure.js loads with models.load (the judge loads the same files: PRETRAINED_CNN_URL). */
  model: 'fashion-cnn';
}

/** 100 images: 78,400 pixels, inside what a measurement may hold (MAX_SNAPSHOT_ITEMS, snapshot.ts). */
export const COUNT = 100;
export const EPSILON = 0.1;
/** The bar (see exercise.yaml for the measured starter and solution it sits between). */
export const THRESHOLD = 0.6;
/** Slack on both rules, for float rounding: a pixel may be 1e-6 outside [0, 1], or 1e-6 further than ε. */
export const TOLERANCE = 1e-6;

const PIXELS = 28 * 28;

export function fgsmInput(): FgsmInput {
  return { dataset: 'fashion-mnist', count: COUNT, epsilon: EPSILON, model: 'fashion-cnn' };
}

/** What the two perturbation rules found. Images, rows and columns count from 0, as in the reader's code. */
export interface PerturbationCheck {
  /** The largest |adversarial − original| over all pixels, and the first image where it occurs. */
  maxDelta: number;
  worstImage: number;
  /** Images with some pixel moved further than ε (+ tolerance). */
  imagesOverEpsilon: number;
  /** Pixels outside [0, 1] (± tolerance), and the first of them. */
  outside: number;
  firstOutside: { image: number; row: number; col: number; value: number } | null;
}

/** Checks the adversarial pixels against the originals (both n·784, pixels 0–1): the max-norm and the [0, 1] range. */
export function checkPerturbation(original: Float32Array, adversarial: ArrayLike<number>, epsilon: number, tolerance = TOLERANCE): PerturbationCheck {
  const check: PerturbationCheck = { maxDelta: 0, worstImage: 0, imagesOverEpsilon: 0, outside: 0, firstOutside: null };
  const n = original.length / PIXELS;
  for (let image = 0; image < n; image++) {
    let over = false;
    for (let p = image * PIXELS; p < (image + 1) * PIXELS; p++) {
      const value = adversarial[p]!;
      const delta = Math.abs(value - original[p]!);
      if (delta > check.maxDelta) {
        check.maxDelta = delta;
        check.worstImage = image;
      }
      if (delta > epsilon + tolerance) over = true;
      if (value < -tolerance || value > 1 + tolerance) {
        if (check.outside++ === 0) {
          const at = p - image * PIXELS;
          check.firstOutside = { image, row: Math.floor(at / 28), col: at % 28, value };
        }
      }
    }
    if (over) check.imagesOverEpsilon++;
  }
  return check;
}

const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
const fail = (message: string): GradeResult => ({ pass: false, message });

/** A small number with enough digits to be told from ε: 0.1454 → "0.145", 0.1000004 → "0.1000004". */
function small(x: number, epsilon: number): string {
  for (let digits = 3; digits <= 8; digits++) {
    const shown = Number(x.toPrecision(digits));
    if (x > epsilon === shown > epsilon) return String(shown);
  }
  return String(x);
}

/** The adversarial pixels, checked: count·784 finite numbers; the problem in words otherwise. */
function readPixels(value: unknown, count: number): { pixels: ArrayLike<number> } | { problem: string } {
  const call = `\`fgsm(model, images, labels, epsilon)\` on ${formatCount(count)} images`;
  if (!isList(value)) return { problem: `${call} returned no images. Return a tensor of the same shape as \`images\`, [${count}, 28, 28, 1].` };
  if (value.length !== count * PIXELS) {
    return {
      problem: `${call} returned ${formatCount(value.length)} pixels; it must return ${formatCount(count * PIXELS)} (${count} images of 28 × 28).`,
    };
  }
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return {
        problem: `${call} returned a pixel that is ${String(v)} (image ${Math.floor(i / PIXELS)}). Every pixel must be a number: look for a division by zero or a log of 0.`,
      };
    }
  }
  return { pixels: value as ArrayLike<number> };
}

type Engine = Pick<typeof import('../../adversarial/cnn-model.ts'), 'parseLayersCnn' | 'predictClasses'> &
  Pick<typeof import('../../adversarial/robustness.ts'), 'attackSummary'>;

/** The engine loads with this exercise's grade only, not with every page's grading code. */
async function loadEngine(): Promise<Engine> {
  const [{ parseLayersCnn, predictClasses }, { attackSummary }] = await Promise.all([
    import('../../adversarial/cnn-model.ts'),
    import('../../adversarial/robustness.ts'),
  ]);
  return { parseLayersCnn, predictClasses, attackSummary };
}

export async function judgeFgsm(input: FgsmInput, measured: unknown, context: JudgeContext): Promise<GradeResult> {
  if (typeof measured !== 'object' || measured === null || Array.isArray(measured)) {
    return fail('The grader received nothing it could read from your code; run it again.');
  }
  const m = measured as Record<string, unknown>;
  if (typeof m.problem === 'string') return fail(m.problem);
  if (typeof m.threw === 'string') {
    return fail(
      `\`fgsm(model, images, labels, epsilon)\` threw an error: ${m.threw}. Call it on a few images yourself (the starter does) to see where.`,
    );
  }
  const read = readPixels(m.adversarial, input.count);
  if ('problem' in read) return fail(read.problem);

  let originals: Float32Array;
  let labels: Uint8Array;
  let model: CnnModel;
  let engine: Engine;
  try {
    if (!context.split || !context.siteModel) throw new Error('no dataset or model files are available here');
    const [split, files, loaded] = await Promise.all([context.split(input.dataset, 'test'), context.siteModel(PRETRAINED_CNN_URL), loadEngine()]);
    engine = loaded;
    if (split.count < input.count) throw new Error('the test set holds fewer images than the grader attacks');
    // As measure.js makes them: pixels / 255 as 32-bit floats.
    originals = Float32Array.from(split.images.subarray(0, input.count * PIXELS), (v) => v / 255);
    labels = split.labels.subarray(0, input.count);
    model = engine.parseLayersCnn(files.modelJson, files.weights);
  } catch (error) {
    return fail(
      `The grader could not load the images and the model it checks with (${errorText(error)}), so this run is not graded. Check your connection and run your code again.`,
    );
  }

  const adversarial = Float32Array.from(read.pixels);
  const check = checkPerturbation(originals, adversarial, input.epsilon);
  const summary = engine.attackSummary(
    labels,
    engine.predictClasses(model, originals, input.count),
    engine.predictClasses(model, adversarial, input.count),
  );
  const success = summary.successRate;

  const inRange = check.outside === 0;
  const withinEpsilon = check.imagesOverEpsilon === 0;
  const strong = success >= THRESHOLD;
  const eps = String(input.epsilon);
  const bar = thresholdPercent(THRESHOLD);
  const shown = percentAgainst(success, THRESHOLD);
  const fooled = `${formatCount(summary.flipped)} of the ${formatCount(summary.cleanCorrect)} images the model classified correctly are now misclassified`;
  const f = check.firstOutside;
  const details = [
    inRange
      ? 'Every pixel is inside [0, 1].'
      : `${formatCount(check.outside)} ${check.outside === 1 ? 'pixel' : 'pixels'} outside [0, 1], the first in image ${f!.image} (row ${f!.row}, column ${f!.col}): ${small(f!.value, f!.value > 1 ? 1 : 0)}.`,
    withinEpsilon
      ? `Every perturbation stays within ε = ${eps}: max |δ| = ${small(check.maxDelta, input.epsilon + TOLERANCE)}.`
      : `max |δ| = ${small(check.maxDelta, input.epsilon + TOLERANCE)} > ε = ${eps} on image ${check.worstImage}; ${formatCount(check.imagesOverEpsilon)} of the ${formatCount(input.count)} images move a pixel further than ε.`,
    strong ? `Success ${shown} ≥ ${bar}: ${fooled}.` : `Success ${shown} < ${bar}: only ${fooled}.`,
  ];
  const figureText = `${shown} of ${formatCount(summary.cleanCorrect)} images fooled`;
  const common = { figure: success, figureText, details, detailsTitle: 'The three checks' };
  if (inRange && withinEpsilon && strong) {
    return {
      pass: true,
      message: `At ε = ${eps}, your FGSM fooled the pretrained CNN on ${formatPercent(success)} of the test images it classified correctly (at least ${bar} needed), every pixel moved by at most ε and kept inside [0, 1]. Passed.`,
      ...common,
    };
  }
  const broken = [
    ...(inRange ? [] : ['some pixels leave [0, 1]']),
    ...(withinEpsilon ? [] : ['some pixels move further than ε']),
    ...(strong ? [] : [`the attack fools the model on ${shown} of the images, below ${bar}`]),
  ];
  const said = broken.join('; ');
  return { pass: false, message: `${said[0]!.toUpperCase()}${said.slice(1)}. The checks below say where; see the hints.`, ...common };
}
