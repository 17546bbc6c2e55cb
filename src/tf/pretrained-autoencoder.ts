/**
 * A pretrained autoencoder on the page: its encoder and decoder (tfjs Layers models, see
 * src/lib/unsupervised/pretrained.ts) loaded with tfjs on the cpu backend (a few images at a time
 * need no GPU, and the cpu backend starts at once), then used to encode, decode and reconstruct
 * images given as row-major Float32Arrays of 784 pixels in 0..1. Every tensor is disposed.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

export interface PageAutoencoder {
  /** Size of the code z (for a VAE the encoder gives μ and log σ²; `encode` returns μ). */
  readonly latent: number;
  readonly pixels: number;
  /** n images → n codes (n × latent). */
  encode(images: Float32Array, n: number): Float32Array;
  /** n codes → n images (n × pixels). */
  decode(codes: Float32Array, n: number): Float32Array;
  /** decode(encode(images)): what the network rebuilds. */
  reconstruct(images: Float32Array, n: number): Float32Array;
  dispose(): void;
}

/** The model files do not fit together (or are not an autoencoder's): the message says which. */
export class AutoencoderFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutoencoderFileError';
  }
}

const width = (shape: readonly (number | null)[] | undefined): number => Number(shape?.[shape.length - 1] ?? NaN);

/** Loads tfjs (cpu backend) and the two models from their model.json URLs (absolute, or relative to the page). */
export async function loadPageAutoencoder(encoderUrl: string, decoderUrl: string): Promise<PageAutoencoder> {
  const tf = await import('@tensorflow/tfjs');
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  const [encoder, decoder] = await Promise.all([tf.loadLayersModel(encoderUrl), tf.loadLayersModel(decoderUrl)]);
  try {
    return wrap(tf, encoder, decoder);
  } catch (err) {
    encoder.dispose();
    decoder.dispose();
    throw err;
  }
}

function wrap(tf: Tf, encoder: TF.LayersModel, decoder: TF.LayersModel): PageAutoencoder {
  const pixels = width(encoder.inputs[0]?.shape);
  const latent = width(decoder.inputs[0]?.shape);
  const encoded = width(encoder.outputs[0]?.shape);
  if (width(decoder.outputs[0]?.shape) !== pixels) {
    throw new AutoencoderFileError(`The decoder gives ${width(decoder.outputs[0]?.shape)} pixels, the encoder takes ${pixels}.`);
  }
  if (encoded !== latent && encoded !== 2 * latent) {
    throw new AutoencoderFileError(`The encoder gives ${encoded} numbers, but the decoder takes ${latent}.`);
  }
  const run = (model: TF.LayersModel, values: Float32Array, n: number, inputs: number, keep: number): Float32Array =>
    tf.tidy(() => {
      if (values.length !== n * inputs) throw new AutoencoderFileError(`Expected ${n} × ${inputs} values, got ${values.length}.`);
      const out = model.predict(tf.tensor2d(values, [n, inputs])) as TF.Tensor2D;
      const kept = out.shape[1] === keep ? out : out.slice([0, 0], [n, keep]);
      return kept.dataSync() as Float32Array;
    });
  return {
    latent,
    pixels,
    encode: (images, n) => run(encoder, images, n, pixels, latent),
    decode: (codes, n) => run(decoder, codes, n, latent, pixels),
    reconstruct(images, n) {
      return this.decode(this.encode(images, n), n);
    },
    dispose() {
      encoder.dispose();
      decoder.dispose();
    },
  };
}
