/**
 * The `unsupervised-encode` measurement, the same code in the bench page and in Node
 * (bench/browser/unsupervised-encode.ts, bench/runner/unsupervised-encode.ts): the time
 * encodeAll (src/tf/autoencoder.ts, batches of 1,000) takes to encode the 10,000 Fashion-MNIST test
 * images with the pretrained AE and VAE encoders, on each backend asked for. Each model is loaded
 * on its backend, encodes once to warm up (kernels compiled, buffers allocated), then `runs` times; the median is kept.
 */
import type * as TF from '@tensorflow/tfjs';
import { PRETRAINED_SPECS } from '../../src/lib/unsupervised/ae-spec.ts';
import { encodeAll } from '../../src/tf/autoencoder.ts';

type Tf = typeof TF;

export type EncodeModel = 'ae' | 'vae';

export interface EncodeTiming {
  model: EncodeModel;
  backend: string;
  /** Median over the timed runs, in milliseconds (absent when the backend failed). */
  ms?: number;
  runs: number;
  error?: string;
}

export interface EncodeBenchInput {
  /** Test images, row-major 784 pixels each, 0..1. */
  pixels: Float32Array;
  count: number;
  backends: string[];
  /** Switches tfjs to a backend: null when it runs, else why not. */
  useBackend(name: string): Promise<string | null>;
  /** Loads a pretrained model's encoder and decoder on the current backend. */
  load(model: EncodeModel): Promise<{ encoder: TF.LayersModel; decoder: TF.LayersModel }>;
  runs?: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runEncodeBench(tf: Tf, input: EncodeBenchInput): Promise<EncodeTiming[]> {
  const runs = input.runs ?? 3;
  const timings: EncodeTiming[] = [];
  for (const backend of input.backends) {
    const problem = await input.useBackend(backend);
    for (const model of ['ae', 'vae'] as const) {
      if (problem) {
        timings.push({ model, backend, runs: 0, error: problem });
        continue;
      }
      const { encoder, decoder } = await input.load(model);
      const autoencoder = { spec: PRETRAINED_SPECS[model], encoder, decoder };
      try {
        await encodeAll(tf, autoencoder, input.pixels, input.count);
        const times: number[] = [];
        for (let r = 0; r < runs; r++) {
          const t0 = performance.now();
          await encodeAll(tf, autoencoder, input.pixels, input.count);
          times.push(performance.now() - t0);
        }
        timings.push({ model, backend, ms: median(times), runs });
      } finally {
        encoder.dispose();
        decoder.dispose();
      }
    }
  }
  return timings;
}
