import { describe, expect, it } from 'vitest';
import { LESSON_EPSILON, TARGET_CLASS } from '../../lib/adversarial/sneaker.ts';
import { defaults, parseSettings } from '../shared/settings.ts';
import { BALL_EXAMPLE, ballDescription, ballMarkup, ballStages } from './ball.ts';
import { SETTINGS, SNEAKER_CLASS, stepSizeOf, targetOf } from './config.ts';
import { maskRgba } from './draw.ts';
import { pgdStepperMarkup, seriesLabels } from './markup.ts';

describe('PGD stepper settings', () => {
  it('default to the lesson’s attack: Bag, ε = LESSON_EPSILON, α = ε/4, 20 steps, no random start', () => {
    const form = defaults(SETTINGS);
    expect(targetOf(form)).toBe(TARGET_CLASS);
    expect(form.epsilon).toBe(LESSON_EPSILON);
    expect(stepSizeOf(form)).toBeCloseTo(LESSON_EPSILON / 4, 10);
    expect(form).toMatchObject({ steps: 20, randomStart: false });
  });

  it('offer every class but the sneaker’s, and the untargeted attack; anything else falls back', () => {
    expect(SETTINGS.target.choices).toHaveLength(10);
    expect(SETTINGS.target.choices).not.toContain(String(SNEAKER_CLASS));
    const read = (target: string) => parseSettings(SETTINGS, (name) => (name === 'target' ? target : undefined));
    expect(targetOf(read('any'))).toBeNull();
    expect(targetOf(read('0'))).toBe(0);
    expect(targetOf(read(String(SNEAKER_CLASS)))).toBe(TARGET_CLASS);
    expect(targetOf(read('bag'))).toBe(TARGET_CLASS);
  });
});

describe('PGD stepper markup', () => {
  const html = pgdStepperMarkup(defaults(SETTINGS));

  it('is a figure before any script: the chart’s empty axes and the 2-pixel ball, with text alternatives', () => {
    expect(html).toContain('tk-chart__svg--empty');
    expect(html).toMatch(/aria-label="Probability per step chart, no data yet: probability against step from 0 to 20\./);
    expect(html).toContain('class="tk-ball"');
    expect(html).toContain('2-pixel illustration');
  });

  it('has the controls, the three buttons (disabled until the model is loaded), the status line and the error panel', () => {
    for (const name of ['target', 'epsilon', 'stepFraction', 'steps', 'randomStart']) expect(html).toContain(`name="${name}"`);
    for (const part of ['step', 'run', 'reset']) expect(html).toMatch(new RegExp(`data-part="${part}" disabled>`));
    expect(html).toMatch(/role="status"[^>]*>Loads the lesson’s sneaker/);
    expect(html).toContain('data-part="error" hidden');
  });

  it('names the chart’s series', () => {
    expect(seriesLabels(7, 8)).toEqual(['Sneaker (true class)', 'Bag (target)']);
    expect(seriesLabels(7, null)).toEqual(['Sneaker (true class)', 'Strongest other class']);
  });
});

describe('the 2-pixel ε-ball', () => {
  it('steps out of the square, is projected onto its edge, then clipped to 1', () => {
    const { x0, epsilon } = BALL_EXAMPLE;
    const { stepped, projected, clipped } = ballStages();
    expect(Math.max(Math.abs(stepped[0] - x0[0]), Math.abs(stepped[1] - x0[1]))).toBeGreaterThan(epsilon);
    expect(Math.max(Math.abs(projected[0] - x0[0]), Math.abs(projected[1] - x0[1]))).toBeCloseTo(epsilon, 10);
    expect(projected[0]).toBeGreaterThan(1);
    expect(clipped).toEqual([1, projected[1]]);
  });

  it('says so in its text alternative', () => {
    expect(ballDescription()).toMatch(/pulls it back to the square's edge at \(1\.05, 0\.5\).*back to \(1, 0\.5\)/);
    expect(ballMarkup()).toContain('role="img"');
  });
});

describe('maskRgba', () => {
  it('marks the masked pixels in the colour and greys the rest by the image', () => {
    const rgba = maskRgba([0, 1, 0.5], [1, 0, 0], [213, 94, 0]);
    expect([...rgba.slice(0, 4)]).toEqual([213, 94, 0, 255]);
    expect([...rgba.slice(4, 8)]).toEqual([185, 185, 185, 255]);
    expect(rgba[8]).toBe(220);
  });
});
