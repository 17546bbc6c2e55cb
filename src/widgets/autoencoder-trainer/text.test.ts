import { describe, expect, it } from 'vitest';
import { autoencoderSpecProblems, autoencoderSpec, trainingProblems, type AutoencoderMetrics } from '../../lib/unsupervised/ae-spec.ts';
import { defaults } from '../shared/settings.ts';
import { PAIR_COUNT, SETTINGS, autoencoderMarkup, networkCaption } from './config.ts';
import { aeRequest, doneStatus, epochLine, pretrainedStatus } from './text.ts';

describe('autoencoder trainer', () => {
  it('asks the worker for a valid run with the chosen bottleneck and all test codes', () => {
    const r = aeRequest({ ...defaults(SETTINGS), latent: 16, images: 1000, epochs: 1 }, PAIR_COUNT, 'https://x/data/');
    expect(r).toMatchObject({ kind: 'ae', latent: 16, images: 1000, epochs: 1, sampleCount: 8, latentCount: 10_000, dataUrl: 'https://x/data/' });
    expect(trainingProblems(r)).toEqual([]);
    expect(autoencoderSpecProblems(autoencoderSpec('ae', r.latent))).toEqual([]);
  });

  it('says what the models are and how a run ended', () => {
    const metrics = { spec: autoencoderSpec('ae', 3), epochs: 20, trainImages: 60_000, testReconstruction: 251.04 } as AutoencoderMetrics;
    expect(pretrainedStatus(metrics)).toBe(
      'Pretrained autoencoder, 3-D bottleneck, 20 epochs on 60,000 images: test loss 251.0 per image. Press Start training to train your own.',
    );
    expect(epochLine(1, 2, 300.26)).toBe('Training: epoch 1 of 2 · loss 300.3 per image');
    expect(doneStatus({ stopped: false, testReconstruction: 260.33, epochsCompleted: 1 }, 1, 2)).toBe(
      'Your autoencoder (2-D bottleneck) after 1 epoch: test loss 260.3 per image',
    );
    expect(doneStatus({ stopped: true, testReconstruction: null, epochsCompleted: 0 }, 5, 2)).toBe('Stopped after 0 of 5 epochs');
  });

  it('draws the network for the bottleneck, the empty rows and the legend before any script', () => {
    expect(networkCaption(2)).toMatch(/^Encoder → a bottleneck of 2 numbers → decoder: [\d,]+ parameters$/);
    const html = autoencoderMarkup({ ...defaults(SETTINGS), latent: 5 });
    expect(html).toContain('a bottleneck of 5 numbers');
    expect(html.match(/class="tk-image-row__image"/g)).toHaveLength(2 * PAIR_COUNT + 1);
    expect(html).toContain('Ankle boot');
    expect(html).toContain('name="latent"');
  });
});
