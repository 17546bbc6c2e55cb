import { describe, expect, it } from 'vitest';
import { Race } from '../../lib/optim2d/race.ts';
import { SURFACE_IDS, SURFACES } from '../../lib/optim2d/surfaces.ts';
import { defaults, parseSettings } from '../shared/settings.ts';
import { LEARNING_RATES, learningRateOf, rateIndex, SETTINGS } from './config.ts';
import { contourMarkup } from './contours.ts';
import { raceMarkup } from './markup.ts';
import { plotScale, runnersMarkup } from './plot.ts';

describe('optimiser race settings', () => {
  it('each surface has its learning rate on the slider; the slider reads back to it', () => {
    for (const id of SURFACE_IDS) {
      const rate = SURFACES[id].learningRate;
      expect(LEARNING_RATES[rateIndex(rate)]).toBe(rate);
      expect(learningRateOf({ rate: rateIndex(rate) })).toBe(rate);
    }
    expect(LEARNING_RATES[rateIndex(0.003)]).toBe(0.002);
  });

  it('unknown or out-of-range values fall back or clamp', () => {
    const s = parseSettings(SETTINGS, (name) => ({ surface: 'volcano', rate: '42', momentum: '-1' })[name]);
    expect(s).toEqual({ surface: 'valley', rate: LEARNING_RATES.length - 1, momentum: 0 });
  });
});

describe('optimiser race drawing', () => {
  it('maps the region onto the plot and back', () => {
    const s = plotScale(SURFACES.rosenbrock);
    expect([s.x(-2), s.y(-1)]).toEqual([0, 320]);
    expect([s.x(2), s.y(3)]).toEqual([480, 0]);
    expect(s.invert(s.x(1), s.y(1))).toEqual([1, 1]);
  });

  it.each(SURFACE_IDS)('%s: contour bands inside the plot, one per level that has points', (id) => {
    const svg = contourMarkup(SURFACES[id]);
    const bands = svg.match(/<path class="tk-race__band"/g) ?? [];
    expect(bands.length).toBeGreaterThanOrEqual(10);
    const numbers = [...svg.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [x, y] of numbers) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(480);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(320);
    }
  });

  it('the markup is a figure before any step: contours, start, minimum, a legend with shapes and names, an idle status', () => {
    const html = raceMarkup(defaults(SETTINGS), contourMarkup(SURFACES.valley));
    expect(html).toContain('tk-race__band');
    expect(html).toContain('class="tk-race__start"');
    expect(html).toContain('class="tk-race__min"');
    for (const name of ['SGD', 'Momentum', 'RMSProp', 'Adam']) expect(html).toContain(`<span class="tk-race__name">${name}</span>`);
    expect(html).toContain('role="status"');
    expect(html).toContain('Ready: long narrow valley, start (−4.5, 1.2)');
    expect(html).toContain('aria-valuetext="0.1"');
  });

  it('draws a path with its end marker for each runner that moved', () => {
    const race = new Race({ surface: 'valley', learningRate: 0.1, momentum: 0.9, start: SURFACES.valley.start });
    expect(runnersMarkup(race.surface, race.runners)).toBe('');
    race.step();
    race.step();
    const svg = runnersMarkup(race.surface, race.runners);
    expect(svg.match(/class="tk-race__runner"/g)).toHaveLength(4);
    expect(svg).toContain('data-kind="adam" data-steps="2"');
    expect(svg).toContain('<circle'); // SGD's marker
    expect(svg).toContain('<rect'); // momentum's
  });
});
