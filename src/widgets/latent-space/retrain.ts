/**
 * Retraining the VAE in the reader's browser (the models helper's autoencoder worker) so the points
 * can be watched organising themselves: each epoch's `latent` message (the 10,000 test images' means)
 * moves them. The worker client is imported only when the reader asks for a run.
 */
import type { AutoencoderFromWorker } from '../../workers/autoencoder/client.ts';
import { datasetUrl } from '../shared/data-url.ts';

/** A short run by default: enough for the classes to separate, a minute or so on a laptop. */
export const RETRAIN = { images: 12_000, epochs: 3, learningRate: 0.001, batchSize: 64, seed: 1 };

export interface RetrainEvents {
  /** Where the run is, in words ("Epoch 2 of 3: loss 251.3 (reconstruction 245.0 + KL 6.3)"). */
  onProgress(text: string): void;
  /** New means for the 10,000 test images (epochs completed so far). */
  onLatent(values: Float32Array, epochsCompleted: number): void;
  /** The run ended: `text` says how; `failed` when it was an error. */
  onEnd(text: string, failed: boolean): void;
}

export interface RetrainRun {
  stop(): void;
  dispose(): void;
}

const num = (v: number) => v.toFixed(1);

/** Starts a VAE run with a 3-D latent from random weights; `limits` shrink it (tests). */
export async function startRetrain(events: RetrainEvents, limits: { images?: number; epochs?: number } = {}): Promise<RetrainRun> {
  const { startAutoencoderRun } = await import('../../workers/autoencoder/client.ts');
  const epochs = limits.epochs ?? RETRAIN.epochs;
  const onMessage = (m: AutoencoderFromWorker): void => {
    if (m.type === 'phase') events.onProgress(m.message);
    else if (m.type === 'epoch') {
      const parts = m.kl === undefined ? '' : ` (reconstruction ${num(m.reconstruction)} + KL ${num(m.kl)})`;
      events.onProgress(`Epoch ${m.epoch + 1} of ${epochs}: loss ${num(m.loss)} per image${parts}.`);
    } else if (m.type === 'latent' && m.dimensions === 3) events.onLatent(m.values, m.epochsCompleted);
    else if (m.type === 'done') {
      const done = `${m.epochsCompleted} epoch${m.epochsCompleted === 1 ? '' : 's'}`;
      const how = m.stopped ? `Stopped after ${done} of ${epochs}` : `Retrained for ${done}`;
      const loss = m.testLoss === null ? '' : `; test loss ${num(m.testLoss)} per image`;
      events.onEnd(`${how}${loss}. The points show the new model's means.`, false);
    } else if (m.type === 'error') events.onEnd(`Retraining failed: ${m.message} ${m.hint}`.trim(), true);
  };
  return startAutoencoderRun(
    {
      kind: 'vae',
      latent: 3,
      images: limits.images ?? RETRAIN.images,
      epochs,
      learningRate: RETRAIN.learningRate,
      batchSize: RETRAIN.batchSize,
      seed: RETRAIN.seed,
      sampleCount: 0,
      latentCount: 10_000,
      testImages: 2_000,
      backend: 'auto',
      dataUrl: datasetUrl(),
    },
    onMessage,
  );
}
