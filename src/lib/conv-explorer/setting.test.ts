import { describe, expect, it } from 'vitest';
import { axisProblem, outputSize } from '../nn/conv-geometry.ts';
import {
  applyTyped,
  CONTROL_NAMES,
  controlRanges,
  DEFAULT_SETTING,
  formulaText,
  LIMITS,
  numbersTex,
  readTyped,
  settingProblem,
  settingSentence,
} from './setting.ts';

/** Every setting within the explorer's limits. */
function* allSettings() {
  for (let n = LIMITS.n.min; n <= LIMITS.n.max; n++)
    for (let k = LIMITS.k.min; k <= LIMITS.k.max; k++)
      for (let s = LIMITS.s.min; s <= LIMITS.s.max; s++)
        for (let p = LIMITS.p.min; p <= LIMITS.p.max; p++) for (let d = LIMITS.d.min; d <= LIMITS.d.max; d++) yield { n, k, s, p, d };
}

describe('controlRanges', () => {
  it('lets every slider position of every control give a possible setting, and holds the current value, from every possible setting', () => {
    let possible = 0;
    for (const setting of allSettings()) {
      if (settingProblem(setting) !== null) continue;
      possible++;
      const ranges = controlRanges(setting);
      for (const name of CONTROL_NAMES) {
        const { min, max } = ranges[name];
        expect(min).toBeLessThanOrEqual(setting[name]);
        expect(max).toBeGreaterThanOrEqual(setting[name]);
        for (let v = min; v <= max; v++) expect(settingProblem({ ...setting, [name]: v }), `${name}=${v} from ${JSON.stringify(setting)}`).toBeNull();
        // …and nothing outside the range that the limits allow would have been possible.
        if (min > LIMITS[name].min) expect(settingProblem({ ...setting, [name]: min - 1 })).not.toBeNull();
        if (max < LIMITS[name].max) expect(settingProblem({ ...setting, [name]: max + 1 })).not.toBeNull();
      }
    }
    expect(possible).toBeGreaterThan(500);
  });

  it('narrows the padding to below the kernel span and widens the kernel with the padding (the ranges follow each other)', () => {
    expect(controlRanges({ n: 5, k: 1, s: 1, p: 0, d: 1 }).p).toEqual({ min: 0, max: 0 });
    expect(controlRanges({ n: 5, k: 3, s: 1, p: 0, d: 1 }).p).toEqual({ min: 0, max: 2 });
    expect(controlRanges({ n: 2, k: 1, s: 1, p: 0, d: 1 }).k).toEqual({ min: 1, max: 2 });
    expect(controlRanges({ n: 2, k: 3, s: 1, p: 1, d: 1 }).k).toEqual({ min: 2, max: 4 });
    expect(controlRanges({ n: 3, k: 3, s: 1, p: 0, d: 1 }).d).toEqual({ min: 1, max: 1 });
  });
});

describe('typed values', () => {
  it('explains an empty field, a word, a fraction and an impossible combination, and accepts a good number', () => {
    expect(readTyped('s', '  ')).toEqual({ ok: false, message: 'Type a number for the stride.' });
    expect(readTyped('k', 'three')).toEqual({ ok: false, message: 'The kernel size must be a number (got “three”).' });
    expect(applyTyped(DEFAULT_SETTING, 's', '1.5')).toEqual({ ok: false, message: 'The stride must be a whole number of at least 1 (got 1.5).' });
    expect(applyTyped(DEFAULT_SETTING, 'k', '9')).toEqual({ ok: false, message: axisProblem({ ...DEFAULT_SETTING, k: 9 }) });
    expect(applyTyped(DEFAULT_SETTING, 'k', '9').ok).toBe(false);
    expect(applyTyped(DEFAULT_SETTING, 'p', '3')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Padding 3 is as wide as the kernel's span/),
    });
    expect(applyTyped(DEFAULT_SETTING, 'n', ' 7 ')).toEqual({ ok: true, setting: { ...DEFAULT_SETTING, n: 7 } });
  });

  it('says the explorer’s own limits where the geometry would allow more', () => {
    expect(axisProblem({ ...DEFAULT_SETTING, n: 40 })).toBeNull();
    expect(settingProblem({ ...DEFAULT_SETTING, n: 40 })).toBe(
      'The explorer shows an input size of up to 9, so that every cell stays readable (got 40): type 9 or less.',
    );
  });
});

describe('sentences and formula', () => {
  it('says the issue’s example in words and with numbers', () => {
    expect(settingSentence(DEFAULT_SETTING)).toBe('5 × 5 input, 3 × 3 kernel, stride 2, padding 1: 3 × 3 output');
    expect(settingSentence({ n: 7, k: 2, s: 1, p: 0, d: 2 }, 'max')).toBe(
      '7 × 7 input, 2 × 2 max pooling, stride 1, padding 0, dilation 2: 5 × 5 output',
    );
    expect(formulaText(DEFAULT_SETTING)).toBe('⌊(5 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3');
  });

  it('puts every number in its slot, the output last', () => {
    const slots: string[] = [];
    const tex = numbersTex({ n: 9, k: 4, s: 3, p: 2, d: 1 }, (name, v) => {
      slots.push(`${name}=${v}`);
      return `[${v}]`;
    });
    expect(slots).toEqual(['n=9', 'p=2', 'd=1', 'k=4', 's=3', `out=${outputSize({ n: 9, k: 4, s: 3, p: 2, d: 1 })}`]);
    expect(tex).toContain('\\frac{[9] + 2 \\cdot [2] - [1] \\cdot ([4] - 1) - 1}{[3]}');
  });
});
