import { describe, expect, it } from 'vitest';
import { DEFAULT_CORRUPTION, trainingProblems } from '../../lib/unsupervised/ae-spec.ts';
import { defaults } from '../shared/settings.ts';
import { CORRUPTION_SETTINGS, TRAIN_SETTINGS, denoiserMarkup } from './config.ts';
import { SAMPLE_COUNT, daeRequest, trainingLine } from './training.ts';

describe('denoiser', () => {
  it('starts with the corruption the pretrained denoiser was trained on', () => {
    expect(defaults(CORRUPTION_SETTINGS)).toMatchObject({ kind: DEFAULT_CORRUPTION.kind, strength: DEFAULT_CORRUPTION.strength, blurSigma: 1 });
  });

  it('retrains a denoiser like the pretrained one, a valid request', () => {
    const r = daeRequest({ images: 1000, epochs: 1 }, 'https://x/data/');
    expect(r).toMatchObject({
      kind: 'dae',
      latent: 32,
      images: 1000,
      epochs: 1,
      sampleCount: SAMPLE_COUNT,
      latentCount: 0,
      corruption: DEFAULT_CORRUPTION,
    });
    expect(trainingProblems(r, r.corruption)).toEqual([]);
    expect(trainingLine(2, 5, 101.04)).toBe('Training: epoch 2 of 5 · loss 101.0 per image');
  });

  it('has the four image slots, the pad with its keyboard help, both forms and the network before any script', () => {
    const html = denoiserMarkup(defaults(CORRUPTION_SETTINGS), defaults(TRAIN_SETTINGS));
    for (const part of ['clean', 'corrupted', 'restored', 'blurred', 'corruption', 'settings', 'start', 'status'])
      expect(html).toContain(`data-part="${part}"`);
    expect(html).toContain('role="application"');
    expect(html).toContain('Shift with an arrow');
    expect(html).toContain('<option value="none">None (scribble only)</option>');
    expect(html).toContain('<svg');
  });
});
