import { describe, expect, it } from 'vitest';
import { DEFAULT_Q_CONFIG } from '../../lib/rl/qlearning.ts';
import { buildRlConfig, DEFAULT_SETTINGS, finalStatus, milestoneSentence, progressStatus, settingsFromValues } from './config.ts';

describe('settings', () => {
  it('default to DEFAULT_Q_CONFIG and build the same Q-learning config', () => {
    const c = buildRlConfig(settingsFromValues({}));
    expect(c.q).toEqual({ ...DEFAULT_Q_CONFIG, rewards: { ...DEFAULT_Q_CONFIG.rewards } });
    expect(c.maxTrainingMs).toBe(DEFAULT_SETTINGS.seconds * 1000);
    expect(c.stopAtWinRate).toBe(1);
    expect(c.solveOptimum).toBe(true);
  });

  it('read form strings, clamp sliders to their range and ignore unknown choices', () => {
    const s = settingsFromValues({ size: '5', seconds: '30', target: '0', alpha: '7', gamma: 'abc', loss: '-20', epsilonDecayEpisodes: '1000' });
    expect(s.size).toBe(5);
    expect(s.seconds).toBe(30);
    expect(s.target).toBe(0);
    expect(s.values.alpha).toBe(1);
    expect(s.values.gamma).toBe(DEFAULT_Q_CONFIG.gamma);
    const c = buildRlConfig(s);
    expect(c.q.rewards.loss).toBe(-20);
    expect(c.q.epsilonDecayEpisodes).toBe(1000);
    expect(c.stopAtWinRate).toBeNull();
    expect(c.solveOptimum).toBe(false);
    expect(settingsFromValues({ size: '7', seconds: '3', target: '0.5' })).toMatchObject({ size: 3, seconds: DEFAULT_SETTINGS.seconds, target: 1 });
  });
});

describe('status sentences', () => {
  const figures = { winRate: 0.996, trainingMs: 812, episodes: 12345, statesSeen: 1987, reachable: 2040 };
  it('state the win rate, the training time, the episodes and the states seen', () => {
    expect(progressStatus(figures)).toBe('Greedy win rate 99.6% after 0.8 s of training (12,345 episodes); 1,987 of 2,040 states seen');
    expect(progressStatus({ ...figures, reachable: null, episodes: 1 })).toBe(
      'Greedy win rate 99.6% after 0.8 s of training (1 episode); 1,987 states seen',
    );
    expect(finalStatus(figures, true)).toMatch(/^Stopped\. Greedy win rate 99\.6%/);
    expect(finalStatus(figures, false)).toBe(progressStatus(figures));
    expect(milestoneSentence(0.99, 425, 20000)).toBe('First reached 99% greedy wins after 0.4 s of training (20,000 episodes).');
  });
});
