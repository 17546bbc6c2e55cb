import { describe, expect, it } from 'vitest';
import { LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import { defaults, parseSettings } from '../shared/settings.ts';
import { SETTINGS, fgsmMarkup, imageLabel } from './config.ts';

describe('the FGSM explorer markup', () => {
  it('is a figure before any script: four captioned image panels, the legend, the empty bars, the slider at the lesson’s ε', () => {
    const html = fgsmMarkup(defaults(SETTINGS), null);
    for (const name of ['original', 'saliency', 'perturbation', 'adversarial']) expect(html).toContain(`data-part="${name}"`);
    expect(html).toContain('class="tk-signed-legend"');
    expect(html).toContain('Probability of each class: nothing drawn yet');
    expect(html).toMatch(new RegExp(`type="range" name="epsilon" data-part="epsilon" min="0" max="0.3" step="0.001" value="${LESSON_EPSILON}"`));
    expect(html).toContain(`>${LESSON_EPSILON.toFixed(3)}</span>`);
    expect(html).toContain('role="status"');
    expect(html).toContain('The lesson’s sneaker');
    expect(html).toContain('data-part="go-flip" disabled');
  });

  it('reads an author’s ε, clamped to the slider, and names an author’s test image', () => {
    expect(parseSettings(SETTINGS, (n) => (n === 'epsilon' ? '0.02' : undefined)).epsilon).toBe(0.02);
    expect(parseSettings(SETTINGS, (n) => (n === 'epsilon' ? '5' : undefined)).epsilon).toBe(0.3);
    expect(imageLabel('lesson', 1234)).toBe('Test image 1,234');
    expect(fgsmMarkup(defaults(SETTINGS), 1234)).toContain('>Test image 1,234</option>');
  });
});
