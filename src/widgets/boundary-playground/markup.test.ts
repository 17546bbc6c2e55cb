import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, playgroundMarkup, settingsFrom, trainingStatus } from './markup.ts';

describe('playground settings and words', () => {
  it('reads offered values and falls back to the defaults for anything else', () => {
    const given: Record<string, string> = { dataset: 'xor', noise: '0.15', architecture: 'linear-linear', hidden: '4', learningRate: '0.1' };
    expect(settingsFrom((n) => given[n])).toEqual({ dataset: 'xor', noise: 0.15, architecture: 'linear-linear', hidden: 4, learningRate: 0.1 });
    const bad: Record<string, string> = { dataset: 'moons', noise: '2', architecture: 'deep', hidden: '5', learningRate: '' };
    expect(settingsFrom((n) => bad[n])).toEqual(DEFAULT_SETTINGS);
  });

  it('states the key figure as the brief asks', () => {
    expect(trainingStatus(120, 0.985, 0.05)).toBe('Epoch 120: training accuracy 98.5%, loss 0.05');
    expect(trainingStatus(1500, 0.5, 0.6931)).toBe('Epoch 1,500: training accuracy 50.0%, loss 0.69');
  });

  it('renders the chosen settings as selected, with labelled controls', () => {
    const html = playgroundMarkup('pg', { ...DEFAULT_SETTINGS, dataset: 'spirals', architecture: 'relu' });
    expect(html).toMatch(/<option value="spirals" selected>/);
    expect(html).toMatch(/<option value="relu" selected>/);
    for (const name of ['dataset', 'noise', 'architecture', 'hidden', 'learningRate']) expect(html).toContain(`for="pg-${name}"`);
    expect(html).toContain('role="status"');
  });
});
