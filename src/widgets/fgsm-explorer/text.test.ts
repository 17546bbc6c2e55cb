import { describe, expect, it } from 'vitest';
import {
  amplification,
  changeCounts,
  difference,
  flipSentence,
  formatAmplification,
  perturbationAlt,
  perturbationCaption,
  saliencyMap,
  scaleSentence,
  verdictSentence,
} from './text.ts';

describe('the FGSM explorer in words', () => {
  it('scales the saliency map by its largest |gradient|', () => {
    const { map, max } = saliencyMap([0.5, -2, 0, 1]);
    expect(max).toBe(2);
    expect([...map]).toEqual([0.25, 1, 0, 0.5]);
    expect([...saliencyMap([0, 0]).map]).toEqual([0, 0]);
  });

  it('amplifies the perturbation by 1/ε and says so', () => {
    expect(amplification(0.05)).toBeCloseTo(20);
    expect(amplification(0)).toBeNull();
    expect(formatAmplification(20.0000001)).toBe('×20');
    expect(formatAmplification(1 / 0.3)).toBe('×3.3');
    expect(perturbationCaption(0.05)).toBe('Perturbation, shown ×20');
    expect(perturbationCaption(0)).toBe('Perturbation: none at ε = 0');
    expect(scaleSentence(0.1)).toBe('White = no change, vermillion = +ε (more ink), blue = −ε (less ink); shown ×10, so that ±ε is full colour.');
  });

  it('counts and describes the pixels the attack moved', () => {
    const delta = difference([0.1, 0, 1, 0.5], [0, 0, 1, 0.6]);
    expect([...delta].map((d) => Number(d.toFixed(3)))).toEqual([0.1, 0, 0, -0.1]);
    expect(changeCounts(delta)).toEqual({ raised: 1, lowered: 1, unchanged: 2 });
    expect(perturbationAlt(0.1, delta)).toMatch(/^The perturbation at ε = 0\.100: 1 pixels get more ink, 1 less, 2 are unchanged/);
  });

  it('states the prediction before and after', () => {
    const before = { cls: 7, probability: 0.984 };
    expect(verdictSentence(0.05, before, { cls: 5, probability: 0.62 })).toBe('At ε = 0.050 the model says Sandal (62%); it said Sneaker (98%)');
    expect(verdictSentence(0.01, before, { cls: 7, probability: 0.9 })).toBe(
      'At ε = 0.010 the model still says Sneaker (90%); it said Sneaker (98%)',
    );
    expect(verdictSentence(0, before, before)).toBe('At ε = 0 the image is unchanged: the model says Sneaker (98%)');
  });

  it('states the smallest flipping ε, or why there is none', () => {
    expect(flipSentence(0.073, 7, 7, 0.3, 5)).toBe(
      'The smallest ε that flips this Sneaker is 0.073 (searched in steps of 0.001): the model then says Sandal.',
    );
    expect(flipSentence(null, 8, 8, 0.3, null)).toBe('No ε up to 0.300 flips this Bag.');
    expect(flipSentence(0, 6, 0, 0.3, null)).toMatch(/^The model already gets this image wrong \(it says T-shirt\/top, not Shirt\)/);
  });
});
