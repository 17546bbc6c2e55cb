/**
 * The autoencoders of the autoencoders lesson, as plain data: the plain autoencoder ('ae'), the
 * denoising one ('dae': trained to restore corrupted images) and the variational one ('vae').
 *
 *   encoder  784 pixels → hidden (relu) … → latent (linear); the VAE's last layer gives 2·latent
 *            numbers: the means μ, then the log-variances log σ²
 *   decoder  latent → hidden reversed (relu) … → 784 pixels (sigmoid): Dense layers only, so the
 *            pretrained decoders run without tfjs (src/lib/unsupervised/dense-model.ts)
 *
 * The loss, the same everywhere (training, metrics.json, the lesson): binary cross-entropy SUMMED
 * over the 784 pixels of an image and AVERAGED over the images — nats per image. The VAE adds its
 * KL term, also per image (summed over the latent dimensions). src/tf/autoencoder.ts builds and
 * trains these; everything here is pure (widgets and checks use it without tfjs).
 */

export type AutoencoderKind = 'ae' | 'dae' | 'vae';

export interface AutoencoderSpec {
  kind: AutoencoderKind;
  /** Size of the bottleneck (the code z). */
  latent: number;
  /** Units of the encoder's hidden layers, input side first; the decoder uses them reversed. */
  hidden: readonly number[];
}

/** Pixels of one 28 × 28 image: the input and output size. */
export const IMAGE_PIXELS = 784;
/** The bottleneck slider's range (the widget trains any latent in it). */
export const LATENT_MIN = 2;
export const LATENT_MAX = 64;
/** The VAE's latent: 3-D, so its space can be drawn. */
export const VAE_LATENT = 3;
/** Hidden layers of every autoencoder here (two layers of 64 keep a pretrained folder under ~600 KB). */
export const DEFAULT_HIDDEN: readonly number[] = [64, 64];
const HIDDEN_MAX = 1024;
const HIDDEN_LAYERS_MAX = 4;

/** The spec of `kind` with a `latent`-dimensional bottleneck and the default hidden layers. */
export function autoencoderSpec(kind: AutoencoderKind, latent: number, hidden: readonly number[] = DEFAULT_HIDDEN): AutoencoderSpec {
  return { kind, latent, hidden: [...hidden] };
}

/** The specs of the pretrained models (scripts/train-autoencoders.ts): AE and VAE 3-D, the denoiser 32-D. */
export const PRETRAINED_SPECS: Readonly<Record<AutoencoderKind, AutoencoderSpec>> = {
  ae: autoencoderSpec('ae', 3),
  vae: autoencoderSpec('vae', VAE_LATENT),
  dae: autoencoderSpec('dae', 32),
};

export type Activation = 'relu' | 'sigmoid' | 'linear';

export interface DenseLayerSpec {
  inputs: number;
  units: number;
  activation: Activation;
}

/** The encoder's Dense layers in order (the VAE's last one has 2·latent units: μ, then log σ²). */
export function encoderLayers(spec: AutoencoderSpec): DenseLayerSpec[] {
  const out = spec.kind === 'vae' ? 2 * spec.latent : spec.latent;
  return chain([IMAGE_PIXELS, ...spec.hidden, out], 'linear');
}

/** The decoder's Dense layers in order: latent → hidden reversed → 784 (sigmoid: pixels 0..1). */
export function decoderLayers(spec: AutoencoderSpec): DenseLayerSpec[] {
  return chain([spec.latent, ...[...spec.hidden].reverse(), IMAGE_PIXELS], 'sigmoid');
}

function chain(sizes: number[], last: Activation): DenseLayerSpec[] {
  return sizes.slice(1).map((units, i) => ({ inputs: sizes[i]!, units, activation: i === sizes.length - 2 ? last : 'relu' }));
}

/** Weights and biases of Dense layers, as tfjs counts them: inputs·units + units each. */
export function parameterCount(layers: readonly DenseLayerSpec[]): number {
  return layers.reduce((sum, l) => sum + l.inputs * l.units + l.units, 0);
}

export interface AutoencoderParameters {
  encoder: number;
  decoder: number;
  total: number;
}

export function autoencoderParameters(spec: AutoencoderSpec): AutoencoderParameters {
  const encoder = parameterCount(encoderLayers(spec));
  const decoder = parameterCount(decoderLayers(spec));
  return { encoder, decoder, total: encoder + decoder };
}

const isWhole = (n: unknown, min: number, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** What is wrong with a spec, in words (empty when it can be built). */
export function autoencoderSpecProblems(spec: AutoencoderSpec): string[] {
  const problems: string[] = [];
  if (spec.kind !== 'ae' && spec.kind !== 'dae' && spec.kind !== 'vae')
    problems.push(`“${String(spec.kind)}” is not an autoencoder kind (ae, dae or vae).`);
  if (!isWhole(spec.latent, LATENT_MIN, LATENT_MAX)) {
    problems.push(`The bottleneck needs a whole number of dimensions from ${LATENT_MIN} to ${LATENT_MAX}, not ${String(spec.latent)}.`);
  }
  if (!Array.isArray(spec.hidden) || spec.hidden.length > HIDDEN_LAYERS_MAX) {
    problems.push(`The hidden layers must be a list of at most ${HIDDEN_LAYERS_MAX} sizes.`);
  } else if (!spec.hidden.every((u) => isWhole(u, 1, HIDDEN_MAX))) {
    problems.push(`Each hidden layer needs a whole number of units from 1 to ${HIDDEN_MAX}.`);
  }
  return problems;
}

/** Reads a spec from JSON (metrics.json, a message): every field checked. */
export function readAutoencoderSpec(value: unknown): { ok: true; spec: AutoencoderSpec } | { ok: false; problems: string[] } {
  if (typeof value !== 'object' || value === null) return { ok: false, problems: ['The autoencoder’s description is not an object.'] };
  const v = value as Record<string, unknown>;
  const spec = { kind: v['kind'], latent: v['latent'], hidden: v['hidden'] } as AutoencoderSpec;
  const problems = autoencoderSpecProblems(spec);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, spec: autoencoderSpec(spec.kind, spec.latent, spec.hidden) };
}

/** How the denoising autoencoder's inputs are corrupted (src/lib/unsupervised/corrupt.ts applies it). */
export interface CorruptionSpec {
  /** Gaussian noise (strength = its standard deviation), salt and pepper (strength = the share of pixels), masking (the share of pixels set to 0). */
  kind: 'gaussian' | 'salt-and-pepper' | 'mask';
  /** 0..1. */
  strength: number;
}

/** The denoiser's default corruption (the pretrained one is trained with it). */
export const DEFAULT_CORRUPTION: CorruptionSpec = { kind: 'gaussian', strength: 0.4 };

/** The training settings of a run (the worker's start request adds the model and what to send). */
export interface AutoencoderTraining {
  /** The first N of the 60,000 training images. */
  images: number;
  epochs: number;
  /** Adam's step size. */
  learningRate: number;
  batchSize: number;
  /** Weights, shuffling and noise: the same seed gives the same run. */
  seed: number;
}

export const TRAINING_DEFAULTS: Readonly<AutoencoderTraining> = { images: 60_000, epochs: 5, learningRate: 0.001, batchSize: 64, seed: 1 };
export const TRAINING_LIMITS = {
  images: { min: 64, max: 60_000 },
  epochs: { min: 1, max: 100 },
  learningRate: { min: 1e-5, max: 0.1 },
  batchSize: { min: 1, max: 1024 },
} as const;

/** What is wrong with training settings, in words (empty when fine). */
export function trainingProblems(t: AutoencoderTraining, corruption?: CorruptionSpec): string[] {
  const problems: string[] = [];
  const { images, epochs, learningRate: lr, batchSize } = TRAINING_LIMITS;
  if (!isWhole(t.images, images.min, images.max)) problems.push(`Use from ${images.min} to ${images.max.toLocaleString('en-US')} training images.`);
  if (!isWhole(t.epochs, epochs.min, epochs.max)) problems.push(`Train for a whole number of epochs from ${epochs.min} to ${epochs.max}.`);
  if (!(typeof t.learningRate === 'number' && t.learningRate >= lr.min && t.learningRate <= lr.max)) {
    problems.push(`The learning rate must be between ${lr.min} and ${lr.max}.`);
  }
  if (!isWhole(t.batchSize, batchSize.min, batchSize.max))
    problems.push(`The batch size must be a whole number from ${batchSize.min} to ${batchSize.max}.`);
  if (!Number.isInteger(t.seed)) problems.push('The seed must be a whole number.');
  if (corruption) {
    if (!['gaussian', 'salt-and-pepper', 'mask'].includes(corruption.kind)) problems.push(`“${String(corruption.kind)}” is not a corruption.`);
    if (!(typeof corruption.strength === 'number' && corruption.strength >= 0 && corruption.strength <= 1)) {
      problems.push('The corruption strength must be between 0 and 1.');
    }
  }
  return problems;
}

/** What a pretrained model's metrics.json holds. */
export interface AutoencoderMetrics {
  spec: AutoencoderSpec;
  /** On all the test images (testImages of them), per image: the loss trained on (the VAE's = reconstruction + KL). */
  testLoss: number;
  /** Binary cross-entropy summed over the pixels (for the denoiser: of the restored noisy test images vs the clean ones). */
  testReconstruction: number;
  /** The VAE's KL term per image; absent for the others. */
  testKl?: number;
  testImages: number;
  trainImages: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** The denoiser's corruption. */
  corruption?: CorruptionSpec;
  parameters: AutoencoderParameters;
  /** Training time (the batch loop) in seconds, and the tfjs backend. */
  trainSeconds: number;
  backend: string;
  /** ISO 8601 date of the end of training. */
  trainedAt: string;
  note?: string;
}

/** Reads metrics.json (fetched, so untrusted): the fields a page uses are checked. */
export function readAutoencoderMetrics(value: unknown): { ok: true; metrics: AutoencoderMetrics } | { ok: false; problem: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: 'The model’s metrics file is not a JSON object.' };
  const v = value as Record<string, unknown>;
  for (const key of [
    'testLoss',
    'testReconstruction',
    'testImages',
    'trainImages',
    'epochs',
    'batchSize',
    'learningRate',
    'seed',
    'trainSeconds',
  ] as const) {
    if (typeof v[key] !== 'number' || !Number.isFinite(v[key])) return { ok: false, problem: `The model’s metrics have no number for ${key}.` };
  }
  for (const key of ['backend', 'trainedAt'] as const) {
    if (typeof v[key] !== 'string') return { ok: false, problem: `The model’s metrics have no text for ${key}.` };
  }
  const spec = readAutoencoderSpec(v['spec']);
  if (!spec.ok) return { ok: false, problem: `The model’s description is not usable: ${spec.problems.join(' ')}` };
  return { ok: true, metrics: { ...(v as unknown as AutoencoderMetrics), spec: spec.spec, parameters: autoencoderParameters(spec.spec) } };
}
