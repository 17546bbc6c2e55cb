/**
 * The autoencoders in TensorFlow.js (their shapes: src/lib/unsupervised/ae-spec.ts).
 *
 *   encoder  x (784 pixels) → z             the VAE's: x → (μ, log σ²), then z = μ + σ ⊙ ε, ε ~ N(0, I)
 *   decoder  z → x̂ (784 pixels, 0..1)      Dense layers only: relu inside, sigmoid out
 *
 * The loss per image, as the lesson writes it:
 *
 *   reconstruction = −Σ_pixels [ x log x̂ + (1 − x) log(1 − x̂) ]      binary cross-entropy, summed over the 784 pixels
 *   KL (VAE only)  = −½ Σ_latent (1 + log σ² − μ² − σ²)             how far q(z | x) = N(μ, σ²) is from N(0, I)
 *
 * and a batch's loss is the mean over its images. The denoising autoencoder is the plain one
 * trained with a corrupted input and the clean image as the target.
 * The training step (`trainStep`) is one optimizer.minimize, whose tidy frees every intermediate tensor.
 */
import type * as TF from '@tensorflow/tfjs';
import { decoderLayers, encoderLayers, IMAGE_PIXELS, type AutoencoderSpec, type DenseLayerSpec } from '../lib/unsupervised/ae-spec.ts';

type Tf = typeof TF;

export interface Autoencoder {
  spec: AutoencoderSpec;
  /** A tf.Sequential when built here; whatever tf.loadLayersModel gives for the pretrained files. */
  encoder: TF.LayersModel;
  decoder: TF.LayersModel;
}

/** Keeps log(x̂) and log(1 − x̂) finite where the sigmoid saturates. */
const EPSILON = 1e-7;

function denseStack(tf: Tf, layers: DenseLayerSpec[], seed: number, name: string): TF.Sequential {
  const model = tf.sequential({ name });
  layers.forEach((layer, i) =>
    model.add(
      tf.layers.dense({
        ...(i === 0 ? { inputShape: [layer.inputs] } : {}),
        // Named, so that the saved files do not depend on how many layers were built before.
        name: `${name}_dense_${i + 1}`,
        units: layer.units,
        activation: layer.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i * 7919 }),
        biasInitializer: 'zeros',
      }),
    ),
  );
  return model;
}

/** Encoder and decoder with seeded Glorot weights (the same seed gives the same weights). */
export function buildAutoencoder(tf: Tf, spec: AutoencoderSpec, seed: number): Autoencoder {
  return {
    spec,
    encoder: denseStack(tf, encoderLayers(spec), seed, 'encoder'),
    decoder: denseStack(tf, decoderLayers(spec), seed + 104_729, 'decoder'),
  };
}

/** What differs between a loaded encoder/decoder pair and `spec`, in words (empty when they fit). */
export function shapeProblems(spec: AutoencoderSpec, encoder: TF.LayersModel, decoder: TF.LayersModel): string[] {
  const units = (m: TF.LayersModel): number[] => m.layers.map((l) => (l.outputShape as number[]).at(-1)!);
  const inputs = (m: TF.LayersModel): number => (m.inputs[0]!.shape as number[]).at(-1)!;
  const want = { encoder: encoderLayers(spec), decoder: decoderLayers(spec) };
  const problems: string[] = [];
  for (const [name, model] of [
    ['encoder', encoder],
    ['decoder', decoder],
  ] as const) {
    const expected = want[name];
    const got = [inputs(model), ...units(model)];
    const wanted = [expected[0]!.inputs, ...expected.map((l) => l.units)];
    if (got.join() !== wanted.join()) problems.push(`The ${name} has layers ${got.join(' → ')}, but this run needs ${wanted.join(' → ')}.`);
  }
  return problems;
}

export function disposeAutoencoder(model: Autoencoder): void {
  model.encoder.dispose();
  model.decoder.dispose();
}

/** Every trainable variable of the encoder and the decoder. */
export function autoencoderVariables(model: Autoencoder): TF.Variable[] {
  return [...model.encoder.trainableWeights, ...model.decoder.trainableWeights].map((w) => w.read() as TF.Variable);
}

/** The VAE encoder's output split into the means μ and the log-variances log σ² (both [n, latent]). */
export function meanAndLogVar(tf: Tf, encoded: TF.Tensor2D): { mu: TF.Tensor2D; logVar: TF.Tensor2D } {
  const [mu, logVar] = tf.split(encoded, 2, 1) as [TF.Tensor2D, TF.Tensor2D];
  return { mu, logVar };
}

/** The reparameterisation trick: z = μ + σ ⊙ ε with σ = exp(½ log σ²); ε ~ N(0, I) is an input, so gradients reach μ and σ. */
export function reparameterise(tf: Tf, mu: TF.Tensor2D, logVar: TF.Tensor2D, epsilon: TF.Tensor2D): TF.Tensor2D {
  return tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logVar)), epsilon));
}

/** KL(N(μ, σ²) ‖ N(0, I)) per image: −½ Σ (1 + log σ² − μ² − σ²) over the latent dimensions. */
export function klDivergence(tf: Tf, mu: TF.Tensor2D, logVar: TF.Tensor2D): TF.Tensor1D {
  return tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), 1));
}

/** Binary cross-entropy per image, summed over its pixels: −Σ [x log x̂ + (1 − x) log(1 − x̂)]. */
export function reconstructionLoss(tf: Tf, x: TF.Tensor2D, xHat: TF.Tensor2D): TF.Tensor1D {
  const p = tf.clipByValue(xHat, EPSILON, 1 - EPSILON);
  return tf.neg(tf.sum(tf.add(tf.mul(x, tf.log(p)), tf.mul(tf.sub(1, x), tf.log(tf.sub(1, p)))), 1)) as TF.Tensor1D;
}

export interface LossTerms {
  /** Per image, [n]. */
  reconstruction: TF.Tensor1D;
  /** Per image, [n]; null for the AE and DAE. */
  kl: TF.Tensor1D | null;
}

/**
 * The loss terms of a batch: `input` goes in (corrupted for the denoiser), `target` is compared
 * with the output. The VAE samples z with ε from `seed`, or uses z = μ when `seed` is null (evaluation).
 */
export function lossTerms(tf: Tf, model: Autoencoder, input: TF.Tensor2D, target: TF.Tensor2D, seed: number | null): LossTerms {
  const encoded = model.encoder.apply(input, { training: seed !== null }) as TF.Tensor2D;
  if (model.spec.kind !== 'vae') {
    const xHat = model.decoder.apply(encoded) as TF.Tensor2D;
    return { reconstruction: reconstructionLoss(tf, target, xHat), kl: null };
  }
  const { mu, logVar } = meanAndLogVar(tf, encoded);
  const z = seed === null ? mu : reparameterise(tf, mu, logVar, tf.randomNormal(mu.shape, 0, 1, 'float32', seed));
  const xHat = model.decoder.apply(z) as TF.Tensor2D;
  return { reconstruction: reconstructionLoss(tf, target, xHat), kl: klDivergence(tf, mu, logVar) };
}

/** A batch's summed losses (over its images), kept for the caller to read and dispose. */
export interface StepSums {
  reconstruction: TF.Scalar;
  /** 0 for the AE and DAE. */
  kl: TF.Scalar;
}

/** One gradient step on the batch's mean loss (reconstruction + KL). Returns the batch's sums; nothing else is left. */
export function trainStep(
  tf: Tf,
  model: Autoencoder,
  optimizer: TF.Optimizer,
  variables: TF.Variable[],
  input: TF.Tensor2D,
  target: TF.Tensor2D,
  seed: number,
): StepSums {
  let sums: StepSums | null = null;
  const cost = optimizer.minimize(
    () => {
      const { reconstruction, kl } = lossTerms(tf, model, input, target, seed);
      const reconstructionSum = tf.sum(reconstruction) as TF.Scalar;
      const klSum = kl ? (tf.sum(kl) as TF.Scalar) : tf.scalar(0);
      sums = { reconstruction: tf.keep(reconstructionSum), kl: tf.keep(klSum) };
      return tf.div(tf.add(reconstructionSum, klSum), input.shape[0]) as TF.Scalar;
    },
    true,
    variables,
  );
  cost?.dispose();
  if (!sums) throw new Error('The optimizer ran no loss.');
  return sums;
}

/** The code of each image: z (the VAE's: μ). [n, latent]. */
export function encode(tf: Tf, model: Autoencoder, x: TF.Tensor2D): TF.Tensor2D {
  return tf.tidy(() => {
    const encoded = model.encoder.predict(x) as TF.Tensor2D;
    return model.spec.kind === 'vae' ? meanAndLogVar(tf, encoded).mu : encoded;
  });
}

/** Images from codes: [n, latent] → [n, 784], 0..1. */
export function decode(tf: Tf, model: Autoencoder, z: TF.Tensor2D): TF.Tensor2D {
  return model.decoder.predict(z) as TF.Tensor2D;
}

/** Rows [start, end) of row-major data of width `d` as a [rows, d] tensor. */
const rowsTensor = (tf: Tf, data: Float32Array, d: number, start: number, end: number): TF.Tensor2D =>
  tf.tensor2d(data.subarray(start * d, end * d), [end - start, d]);

const EVAL_BATCH = 1000;

/** The codes of n images (row-major 784 pixels each), in batches of ≤ 1,000: n × latent. */
export async function encodeAll(tf: Tf, model: Autoencoder, pixels: Float32Array, n: number, between?: () => Promise<void>): Promise<Float32Array> {
  const out = new Float32Array(n * model.spec.latent);
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const end = Math.min(n, start + EVAL_BATCH);
    const z = tf.tidy(() => encode(tf, model, rowsTensor(tf, pixels, IMAGE_PIXELS, start, end)));
    out.set(await z.data(), start * model.spec.latent);
    z.dispose();
    await between?.();
  }
  return out;
}

/** Reconstructions of n images (z = μ for the VAE): n × 784. */
export async function reconstructAll(tf: Tf, model: Autoencoder, pixels: Float32Array, n: number): Promise<Float32Array> {
  const out = new Float32Array(n * IMAGE_PIXELS);
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const end = Math.min(n, start + EVAL_BATCH);
    const xHat = tf.tidy(() => decode(tf, model, encode(tf, model, rowsTensor(tf, pixels, IMAGE_PIXELS, start, end))));
    out.set(await xHat.data(), start * IMAGE_PIXELS);
    xHat.dispose();
  }
  return out;
}

export interface Losses {
  /** Per image, means over the images. */
  loss: number;
  reconstruction: number;
  kl: number;
}

/** The mean losses of n images (z = μ for the VAE): `inputs` go in, `targets` are compared (the same array unless denoising). */
export async function evaluateAutoencoder(
  tf: Tf,
  model: Autoencoder,
  inputs: Float32Array,
  targets: Float32Array,
  n: number,
  between?: () => Promise<void>,
): Promise<Losses> {
  let reconstruction = 0;
  let kl = 0;
  for (let start = 0; start < n; start += EVAL_BATCH) {
    const end = Math.min(n, start + EVAL_BATCH);
    const sums = tf.tidy(() => {
      const terms = lossTerms(tf, model, rowsTensor(tf, inputs, IMAGE_PIXELS, start, end), rowsTensor(tf, targets, IMAGE_PIXELS, start, end), null);
      return tf.stack([tf.sum(terms.reconstruction), terms.kl ? tf.sum(terms.kl) : tf.scalar(0)]);
    });
    const [r, k] = await sums.data();
    sums.dispose();
    reconstruction += r!;
    kl += k!;
    await between?.();
  }
  return { loss: (reconstruction + kl) / n, reconstruction: reconstruction / n, kl: kl / n };
}
