/** The denoiser's retraining run: its request to the autoencoder worker, its words and its live samples. */
import { DEFAULT_CORRUPTION, PRETRAINED_SPECS, TRAINING_DEFAULTS } from '../../lib/unsupervised/ae-spec.ts';
import { paintImageRows } from '../../viz/grey-image.ts';
import type { AutoencoderRequest } from '../../workers/autoencoder/protocol.ts';
import type { TrainSettings } from './config.ts';

/** Test images shown restored as the denoiser learns. */
export const SAMPLE_COUNT = 8;

/** A denoising autoencoder like the pretrained one (its bottleneck and corruption), trained from scratch. */
export function daeRequest(settings: TrainSettings, dataUrl: string): AutoencoderRequest {
  return {
    kind: 'dae',
    latent: PRETRAINED_SPECS.dae.latent,
    hidden: [...PRETRAINED_SPECS.dae.hidden],
    images: settings.images,
    epochs: settings.epochs,
    learningRate: TRAINING_DEFAULTS.learningRate,
    batchSize: TRAINING_DEFAULTS.batchSize,
    seed: TRAINING_DEFAULTS.seed,
    corruption: { ...DEFAULT_CORRUPTION },
    sampleCount: SAMPLE_COUNT,
    latentCount: 0,
    testImages: 1000,
    backend: 'auto',
    dataUrl,
  };
}

/** "Training: epoch 1 of 2 · loss 112.4 per image". */
export function trainingLine(epoch: number, epochs: number, loss: number): string {
  return `Training: epoch ${epoch} of ${epochs} · loss ${loss.toFixed(1)} per image`;
}

/** The damaged test images above what the reader's denoiser makes of them. */
export function drawSamples(host: HTMLElement, inputs: Float32Array, outputs: Float32Array, count: number): void {
  paintImageRows(
    host,
    [
      { label: 'Damaged test images', values: inputs },
      { label: 'Restored by your denoiser', values: outputs },
    ],
    count,
  );
}
