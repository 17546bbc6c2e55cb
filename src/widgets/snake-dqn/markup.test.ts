import { describe, expect, it } from 'vitest';
import { DEFAULT_DQN_SETTINGS, dqnSettingsFrom, dqnStatus, snakeDqnMarkup } from './markup.ts';

describe('SnakeDqn markup', () => {
  it('reads settings, falling back to the defaults', () => {
    expect(dqnSettingsFrom({ seconds: '30', backend: 'cpu' })).toEqual({ seconds: 30, backend: 'cpu' });
    expect(dqnSettingsFrom({ seconds: '0', backend: 'auto' })).toEqual({ seconds: 0, backend: 'auto' });
    expect(dqnSettingsFrom({ seconds: '7', backend: 'gpu' })).toEqual(DEFAULT_DQN_SETTINGS);
    expect(dqnSettingsFrom({ seconds: null, backend: null })).toEqual(DEFAULT_DQN_SETTINGS);
  });

  it('states the key figure in words', () => {
    expect(dqnStatus(40.2, 7.234, 0.25)).toBe('After 40 s: the agent eats 7.2 pieces of food per game on average (random: 0.3)');
    expect(dqnStatus(2, 1, 0.25)).toBe('After 2 s: the agent eats 1.0 piece of food per game on average (random: 0.3)');
  });

  it('has labelled controls, a status line and the selected settings', () => {
    const html = snakeDqnMarkup({ seconds: 30, backend: 'wasm' });
    expect(html).toContain('role="status"');
    expect(html).toContain('<option value="30" selected>30 s</option>');
    expect(html).toContain('<option value="wasm" selected>');
    expect(html).toMatch(/data-part="start"[^>]*>Start training</);
  });
});
