/**
 * The adversarially trained CNN: the pretrained Fashion-MNIST CNN (src/lib/supervised/pretrained.ts)
 * fine-tuned on adversarial examples by `npm run train:robust` (scripts/train-robust.ts, the same
 * code as the adversarial worker's train task) and shipped under public/models/fashion-cnn-robust/.
 * Same architecture, other weights. Its URLs are relative to the site base (join them with the
 * base), and `metrics.json` — how it was trained, and how the robust and the standard model fare
 * under FGSM and PGD at every ε of EPSILONS — is read with `readRobustMetrics`.
 */

/** tf.loadLayersModel URL of the robust CNN (relative to the site base). */
export const ROBUST_CNN_URL = 'models/fashion-cnn-robust/model.json';
/** Its weights, for the engine (parseLayersCnn) without tfjs. */
export const ROBUST_CNN_WEIGHTS_URL = 'models/fashion-cnn-robust/weights.bin';
/** Its measured figures (relative to the site base): a RobustMetrics. */
export const ROBUST_CNN_METRICS_URL = 'models/fashion-cnn-robust/metrics.json';

/** One ε of a curve, over the first `attackImages` test images. */
export interface RobustPoint {
  epsilon: number;
  /** Flipped ÷ images the model got right without attack, 0..1. */
  successRate: number;
  /** Still right ÷ all images, 0..1. */
  robustAccuracy: number;
}

/** How one model fares. */
export interface ModelRobustness {
  /** On ALL the test images (testImages of them), 0..1. */
  cleanAccuracy: number;
  /** One point per ε of EPSILONS. */
  fgsm: RobustPoint[];
  /** PGD with `pgdSteps` steps of 2.5ε/steps, no random start. */
  pgd: RobustPoint[];
}

/** What metrics.json holds. */
export interface RobustMetrics {
  dataset: 'fashion-mnist';
  /** 'fgsm-rs': FGSM from a random start, step 1.25ε; 'pgd': PGD with `trainSteps` steps. */
  method: 'fgsm-rs' | 'pgd';
  /** The ε it was trained at. */
  epsilon: number;
  trainSteps?: number;
  /** The first N training images, and the fine-tuning's epochs, batch size, Adam step size and seed. */
  trainImages: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Fine-tuning time in seconds (not loading or evaluating). */
  trainSeconds: number;
  /** The tfjs backend that trained it ('wasm', 'cpu', …). */
  backend: string;
  /** ISO 8601 date of the end of training. */
  trainedAt: string;
  testImages: number;
  /** The curves' images: the first N test images (ATTACK_IMAGES). */
  attackImages: number;
  pgdSteps: number;
  robust: ModelRobustness;
  standard: ModelRobustness;
  note?: string;
}

export type RobustMetricsReading = { ok: true; metrics: RobustMetrics } | { ok: false; problem: string };

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isFraction = (v: unknown): v is number => isNumber(v) && v >= 0 && v <= 1;

function readCurve(value: unknown, what: string): RobustPoint[] | string {
  if (!Array.isArray(value) || value.length === 0) return `The robust model’s metrics have no ${what} curve.`;
  const points: RobustPoint[] = [];
  for (const p of value as unknown[]) {
    const v = (p ?? {}) as Record<string, unknown>;
    if (!isFraction(v['epsilon']) || !isFraction(v['successRate']) || !isFraction(v['robustAccuracy'])) {
      return `A point of the ${what} curve in the robust model’s metrics is not an ε with a success rate and a robust accuracy between 0 and 1.`;
    }
    points.push({ epsilon: v['epsilon'], successRate: v['successRate'], robustAccuracy: v['robustAccuracy'] });
  }
  return points;
}

function readModel(value: unknown, which: string): ModelRobustness | string {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (!isFraction(v['cleanAccuracy'])) return `The robust model’s metrics have no clean accuracy between 0 and 1 for the ${which} model.`;
  const fgsm = readCurve(v['fgsm'], `${which} model’s FGSM`);
  if (typeof fgsm === 'string') return fgsm;
  const pgd = readCurve(v['pgd'], `${which} model’s PGD`);
  if (typeof pgd === 'string') return pgd;
  return { cleanAccuracy: v['cleanAccuracy'], fgsm, pgd };
}

/** Reads metrics.json (fetched, so untrusted): every field checked. */
export function readRobustMetrics(value: unknown): RobustMetricsReading {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: 'The robust model’s metrics file is not a JSON object.' };
  const v = value as Record<string, unknown>;
  if (v['dataset'] !== 'fashion-mnist') return { ok: false, problem: 'The robust model’s metrics name no known dataset.' };
  if (v['method'] !== 'fgsm-rs' && v['method'] !== 'pgd') return { ok: false, problem: 'The robust model’s metrics name no known training method.' };
  const numbers = ['epsilon', 'trainImages', 'epochs', 'batchSize', 'learningRate', 'seed', 'trainSeconds', 'testImages', 'attackImages', 'pgdSteps'];
  for (const key of numbers) if (!isNumber(v[key])) return { ok: false, problem: `The robust model’s metrics have no number for ${key}.` };
  if (v['trainSteps'] !== undefined && !isNumber(v['trainSteps'])) return { ok: false, problem: 'The robust model’s trainSteps is not a number.' };
  for (const key of ['backend', 'trainedAt']) {
    if (typeof v[key] !== 'string') return { ok: false, problem: `The robust model’s metrics have no text for ${key}.` };
  }
  const robust = readModel(v['robust'], 'robust');
  if (typeof robust === 'string') return { ok: false, problem: robust };
  const standard = readModel(v['standard'], 'standard');
  if (typeof standard === 'string') return { ok: false, problem: standard };
  const n = (key: string): number => v[key] as number;
  return {
    ok: true,
    metrics: {
      dataset: 'fashion-mnist',
      method: v['method'],
      epsilon: n('epsilon'),
      ...(v['trainSteps'] !== undefined ? { trainSteps: n('trainSteps') } : {}),
      trainImages: n('trainImages'),
      epochs: n('epochs'),
      batchSize: n('batchSize'),
      learningRate: n('learningRate'),
      seed: n('seed'),
      trainSeconds: n('trainSeconds'),
      backend: v['backend'] as string,
      trainedAt: v['trainedAt'] as string,
      testImages: n('testImages'),
      attackImages: n('attackImages'),
      pgdSteps: n('pgdSteps'),
      robust,
      standard,
      ...(typeof v['note'] === 'string' ? { note: v['note'] } : {}),
    },
  };
}
