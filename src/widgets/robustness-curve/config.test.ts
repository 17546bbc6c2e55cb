import { describe, expect, it } from 'vitest';
import { EPSILONS } from '../../lib/adversarial/robustness.ts';
import type { CurvePoint } from '../../workers/adversarial/protocol.ts';
import { defaults, parseSettings } from '../shared/settings.ts';
import { SETTINGS, curveChart, curveMarkup } from './config.ts';
import { cellName, cellSentence, doneStatus, progressLine, tookSentence } from './text.ts';

/** A 10×10 matrix with `right` on the diagonal and, in row `flipRow`, `flips` images moved to class `into`. */
function confusion(right: number, flipRow = 6, flips = 0, into = 0): number[][] {
  return Array.from({ length: 10 }, (_, c) => Array.from({ length: 10 }, (_, to) => (c === to ? right : c === flipRow && to === into ? flips : 0)));
}

describe('the robustness curve markup', () => {
  it('is a figure before Start: the empty curve against ε, the empty matrix with the class names, the ε select at the lesson ε', () => {
    const html = curveMarkup(defaults(SETTINGS));
    expect(html).toContain('tk-chart__svg--empty');
    expect(html).toContain('Attack success rate and robust accuracy chart, no data yet');
    expect(html.match(/<td class="tk-matrix__cell"><\/td>/g)).toHaveLength(100);
    expect(html).toContain('<th scope="row">Shirt</th>');
    expect(html).toContain('After the attack →');
    expect(html.match(/<option value="[\d.]+"/g)?.length).toBe(EPSILONS.length + 4); // the ε grid and the image counts;
    expect(html).toMatch(/<option value="0.1" selected>ε = 0.1 \(the lesson&#39;s\)<\/option>/);
    expect(html).toContain('>Start the attack<');
  });

  it('offers FGSM and PGD on 100 to 1,000 images, 1,000 FGSM by default; anything else falls back', () => {
    expect(defaults(SETTINGS)).toEqual({ attack: 'fgsm', images: 1000 });
    expect(parseSettings(SETTINGS, (n) => ({ attack: 'pgd', images: '100' })[n])).toEqual({ attack: 'pgd', images: 100 });
    expect(parseSettings(SETTINGS, (n) => ({ attack: 'cw', images: '5000' })[n])).toEqual({ attack: 'fgsm', images: 1000 });
  });

  it('draws one point per ε for each of the two series', () => {
    const points: CurvePoint[] = EPSILONS.map((e) => ({
      epsilon: e,
      successRate: Math.min(1, e * 5),
      robustAccuracy: 0.87 * (1 - Math.min(1, e * 5)),
      confusion: confusion(9),
    }));
    const html = curveChart(points, 0.1);
    expect(html.match(new RegExp(`data-points="${EPSILONS.length}"`, 'g'))).toHaveLength(2);
    expect(html).toContain('>ε = 0.1</text>');
  });
});

describe('the robustness curve sentences', () => {
  it('say progress in images, though the worker counts image × ε pairs', () => {
    expect(progressLine('fgsm', 3300, 11000, 11)).toBe('Attacking with FGSM: 300 of 1,000 images at all 11 values of ε');
    expect(progressLine('pgd', 0, 1100, 11)).toBe('Attacking with PGD (10 steps): 0 of 100 images at all 11 values of ε');
  });

  it('say the figures at the lesson ε when the curve is in', () => {
    const point: CurvePoint = { epsilon: 0.1, successRate: 0.8, robustAccuracy: 0.18, confusion: confusion(2, 6, 70, 0) };
    expect(doneStatus('fgsm', 100, 0.9, point)).toBe(
      'FGSM on 100 images (clean accuracy 90.0%): at ε = 0.1 the attack flips 80.0% of the 90 images the model got right; robust accuracy 18.0%.',
    );
  });

  it('say how long the attack took', () => {
    expect(tookSentence(3.14)).toBe('The attack took 3.1 s.');
    expect(tookSentence(1234.4)).toBe('The attack took 1,234 s.');
  });

  it('name a cell and say a chosen one with the class names', () => {
    expect(cellName(6, 0, 23)).toBe('Shirt → T-shirt/top: 23 images');
    expect(cellName(1, 1, 1)).toBe('Trouser → Trouser (still right): 1 image');
    expect(cellSentence(6, 0, 23, 40, 0.1)).toBe('At ε = 0.1, 23 of the 40 images of Shirt the model got right became T-shirt/top.');
    expect(cellSentence(6, 6, 17, 40, 0.05)).toBe('At ε = 0.05, 17 of the 40 images of Shirt the model got right stay Shirt.');
  });
});
