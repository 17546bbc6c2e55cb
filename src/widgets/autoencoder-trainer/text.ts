/** The autoencoder trainer's request and sentences (pure). */
import { formatCount } from '../../lib/format/numbers.ts';
import { TRAINING_DEFAULTS, type AutoencoderMetrics } from '../../lib/unsupervised/ae-spec.ts';
import type { AutoencoderRequest, DoneMessage } from '../../workers/autoencoder/protocol.ts';
import type { AeSettings } from './config.ts';

/** A plain autoencoder with the chosen bottleneck, from scratch; its codes of all 10,000 test images sent each epoch. */
export function aeRequest(s: AeSettings, sampleCount: number, dataUrl: string): AutoencoderRequest {
  return {
    kind: 'ae',
    latent: s.latent,
    images: s.images,
    epochs: s.epochs,
    learningRate: s.learningRate,
    batchSize: TRAINING_DEFAULTS.batchSize,
    seed: TRAINING_DEFAULTS.seed,
    sampleCount,
    latentCount: 10_000,
    backend: 'auto',
    dataUrl,
  };
}

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** "Training: epoch 1 of 2 · loss 182.4 per image". */
export function epochLine(epoch: number, epochs: number, loss: number): string {
  return `Training: epoch ${epoch} of ${epochs} · loss ${loss.toFixed(1)} per image`;
}

/** What the pretrained model is and how well it rebuilds the test images. */
export function pretrainedStatus(m: AutoencoderMetrics): string {
  return (
    `Pretrained autoencoder, ${m.spec.latent}-D bottleneck, ${plural(m.epochs, 'epoch')} on ${formatCount(m.trainImages)} images: ` +
    `test loss ${m.testReconstruction.toFixed(1)} per image. Press Start training to train your own.`
  );
}

/** The end of a run: "Your autoencoder (2-D bottleneck) after 2 epochs: test loss 260.3 per image". */
export function doneStatus(m: Pick<DoneMessage, 'stopped' | 'testReconstruction' | 'epochsCompleted'>, epochs: number, latent: number): string {
  const loss = m.testReconstruction === null ? '' : `: test loss ${m.testReconstruction.toFixed(1)} per image`;
  if (m.stopped) return `Stopped after ${m.epochsCompleted} of ${plural(epochs, 'epoch')}${loss}`;
  return `Your autoencoder (${latent}-D bottleneck) after ${plural(m.epochsCompleted, 'epoch')}${loss}`;
}
